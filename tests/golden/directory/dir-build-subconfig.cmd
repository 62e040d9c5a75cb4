check --directory tests/golden/directory/dir-build-subconfig.direct
