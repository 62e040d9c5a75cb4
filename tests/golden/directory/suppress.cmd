check --directory tests/golden/directory/suppress.direct
