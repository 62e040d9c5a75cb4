check --member LTICVM9 tests/golden/sysconfig/ltics1-mended.config
