relocate matrix --member LTICVM9 --config examples/ltics1/SYSTEM.CONFIG --directory tests/golden/relocate/ltics1-before.direct
