diskmap --directory $SHARED/corpora/vm370ce-user.direct
