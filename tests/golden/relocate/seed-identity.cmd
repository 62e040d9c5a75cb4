relocate test EREP LTICVM9 --from LTICVM2 --config examples/ltics1/SYSTEM.CONFIG --directory tests/golden/relocate/ltics1-after.direct
