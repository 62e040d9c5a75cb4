check --directory tests/golden/directory/dir-operands.direct
