check --format json --directory tests/golden/directory/json.direct
