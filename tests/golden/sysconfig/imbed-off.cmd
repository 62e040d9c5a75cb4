check --no-imbed tests/golden/sysconfig/imbed/qualified/SYSTEM.CONFIG
