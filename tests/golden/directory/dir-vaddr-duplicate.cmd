check --directory tests/golden/directory/dir-vaddr-duplicate.direct
