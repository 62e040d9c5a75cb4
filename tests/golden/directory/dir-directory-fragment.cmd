check --directory tests/golden/directory/dir-directory-fragment.direct
