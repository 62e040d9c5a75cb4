relocate matrix --format json --config tests/golden/relocate/engine.config --directory tests/golden/relocate/engine.direct
