relocate matrix --config tests/golden/relocate/reasons.config --directory tests/golden/relocate/reasons.direct
