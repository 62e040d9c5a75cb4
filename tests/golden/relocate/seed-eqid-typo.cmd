relocate test LITSWAS1 LTICVM2 --from LTICVM9 --config tests/golden/sysconfig/ltics1-mended.config --directory tests/golden/relocate/ltics1-after.direct
