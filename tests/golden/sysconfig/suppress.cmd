check tests/golden/sysconfig/suppress.config
