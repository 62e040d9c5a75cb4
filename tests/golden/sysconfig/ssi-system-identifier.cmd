check tests/golden/sysconfig/ssi-system-identifier.config
