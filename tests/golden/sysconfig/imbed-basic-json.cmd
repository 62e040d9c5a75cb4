check --format json tests/golden/sysconfig/imbed/basic/SYSTEM.CONFIG
