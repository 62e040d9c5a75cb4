check tests/golden/sysconfig/system-identifier-conflict.config
