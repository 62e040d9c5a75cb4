check --config examples/ltics1/SYSTEM.CONFIG --directory tests/golden/directory/dir-directory-form-config.direct
