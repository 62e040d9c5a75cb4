check -Wunknown-statement --config $SHARED/corpora/sevmm1-system.config
