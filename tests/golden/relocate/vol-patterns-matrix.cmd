relocate matrix --config tests/golden/directory/vol-patterns.config --directory tests/golden/directory/vol-patterns.direct
