check tests/golden/sysconfig/begin-end.config
