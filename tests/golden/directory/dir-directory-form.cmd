check --directory tests/golden/directory/dir-directory-form.direct
