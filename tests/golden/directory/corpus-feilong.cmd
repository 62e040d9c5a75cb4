check --max-errors 0 -Wno-dir-duplicate --directory $SHARED/corpora/feilong-entries.direct
