relocate test GOOD SYSB --config tests/golden/relocate/reasons.config
