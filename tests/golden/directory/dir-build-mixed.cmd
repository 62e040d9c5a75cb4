check --directory tests/golden/directory/dir-build-mixed.direct
