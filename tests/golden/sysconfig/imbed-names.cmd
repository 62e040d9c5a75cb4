check tests/golden/sysconfig/imbed-names/SYSTEM.CONFIG
