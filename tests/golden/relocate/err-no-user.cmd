relocate test NOSUCH SYSB --config tests/golden/relocate/reasons.config --directory tests/golden/relocate/reasons.direct
