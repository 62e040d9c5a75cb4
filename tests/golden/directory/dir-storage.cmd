check --directory tests/golden/directory/dir-storage.direct
