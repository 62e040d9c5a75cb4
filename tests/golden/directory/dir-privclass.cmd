check --directory tests/golden/directory/dir-privclass.direct
