relocate test G1 SYSB --config tests/golden/relocate/rdev-nested.config --directory tests/golden/relocate/rdev-nested.direct
