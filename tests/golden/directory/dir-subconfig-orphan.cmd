check --directory tests/golden/directory/dir-subconfig-orphan.direct
