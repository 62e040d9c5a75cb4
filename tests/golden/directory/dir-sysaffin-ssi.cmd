check --directory tests/golden/directory/dir-sysaffin-ssi.direct
