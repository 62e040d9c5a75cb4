check tests/golden/sysconfig/cse-in-ssi.config
