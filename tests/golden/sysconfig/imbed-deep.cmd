check tests/golden/sysconfig/imbed/deep/L0.CONFIG
