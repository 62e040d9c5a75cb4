check -Wno-ssi-islink-mesh -Wno-ssi-pdr-cpowned tests/golden/sysconfig/ssi-system-residence-areas.config
