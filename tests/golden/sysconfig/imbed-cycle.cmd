check tests/golden/sysconfig/imbed/cycle2/A.CONFIG
