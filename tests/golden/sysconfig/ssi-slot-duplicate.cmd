check tests/golden/sysconfig/ssi-slot-duplicate.config
