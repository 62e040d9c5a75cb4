check tests/golden/sysconfig/rdev-eqid-conflict.config
