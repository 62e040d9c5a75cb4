check -Wno-ssi-system-residence -Wno-ssi-islink-mesh -Wno-ssi-pdr-cpowned tests/golden/sysconfig/vswitch-attributes.config
