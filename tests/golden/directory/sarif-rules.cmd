check --format sarif tests/golden/directory/dir-operands.direct
