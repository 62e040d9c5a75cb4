check tests/golden/relocate/reasons.config tests/golden/relocate/reasons.direct
