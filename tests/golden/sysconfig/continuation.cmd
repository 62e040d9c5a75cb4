check tests/golden/sysconfig/continuation.config
