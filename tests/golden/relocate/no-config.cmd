relocate test LITSWAS1 LTICVM2 --directory tests/golden/relocate/ltics1-before.direct
