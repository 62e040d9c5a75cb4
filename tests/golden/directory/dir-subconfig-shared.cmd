check --directory tests/golden/directory/dir-subconfig-shared.direct
