check tests/golden/sysconfig/unknown-statement.config
