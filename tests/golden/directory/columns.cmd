check --directory tests/golden/directory/columns.direct
