check tests/golden/sysconfig/ssi-system-residence.config
