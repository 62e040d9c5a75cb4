check --directory tests/golden/directory/dir-duplicate.direct
