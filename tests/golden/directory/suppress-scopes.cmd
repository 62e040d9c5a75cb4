check --max-errors 0 --directory tests/golden/directory/suppress-scopes.direct
