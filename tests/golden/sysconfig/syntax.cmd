check tests/golden/sysconfig/syntax.config
