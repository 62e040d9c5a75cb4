check --directory tests/golden/directory/unknown-statement.direct
