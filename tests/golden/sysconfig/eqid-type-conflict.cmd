check tests/golden/sysconfig/eqid-type-conflict.config
