check $SHARED/corpora/sevmm1-system.config
