check tests/golden/sysconfig/ssi-pdr-cpowned.config
