check tests/golden/sysconfig/ssi-clean.config
