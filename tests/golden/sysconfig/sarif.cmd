check --format sarif tests/golden/sysconfig/eqid-type-conflict.config
