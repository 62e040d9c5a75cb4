check --directory tests/golden/directory/syntax.direct
