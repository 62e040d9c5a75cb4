check tests/golden/sysconfig/missing-comma.config
