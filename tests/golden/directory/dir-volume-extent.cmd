check --directory tests/golden/directory/dir-volume-extent.direct
