check tests/golden/sysconfig/imbed/missing/SYSTEM.CONFIG
