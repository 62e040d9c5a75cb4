relocate test FCPGUEST SYSB --from SYSA --config tests/golden/relocate/imbed/SYSTEM.CONFIG --directory tests/golden/relocate/imbed/USER.DIRECT
