relocate test CRYPTO SYSB --from SYSA --config tests/golden/relocate/reasons.config --directory tests/golden/relocate/reasons.direct
