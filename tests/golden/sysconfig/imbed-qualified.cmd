check tests/golden/sysconfig/imbed/qualified/SYSTEM.CONFIG
