check tests/golden/sysconfig/imbed/basic/SYSTEM.CONFIG
