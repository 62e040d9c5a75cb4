check tests/golden/sysconfig/vmlan-prefix.config
