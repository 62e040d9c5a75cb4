relocate matrix --config examples/ltics1/SYSTEM.CONFIG --directory tests/golden/relocate/ltics1-after.direct
