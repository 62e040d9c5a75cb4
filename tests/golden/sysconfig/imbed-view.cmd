view --member SYSB tests/golden/sysconfig/imbed/qualified/SYSTEM.CONFIG
