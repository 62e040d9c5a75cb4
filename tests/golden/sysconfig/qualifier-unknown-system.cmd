check tests/golden/sysconfig/qualifier-unknown-system.config
