view --member LTICVM2 tests/golden/sysconfig/syntax.config
