check --max-errors 0 tests/golden/sysconfig/suppress-scopes.config
