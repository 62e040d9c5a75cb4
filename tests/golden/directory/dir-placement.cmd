check --directory tests/golden/directory/dir-placement.direct
