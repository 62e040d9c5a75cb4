check --directory tests/golden/directory/dir-manager-extension.direct
