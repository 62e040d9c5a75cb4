check -Wno-ssi-islink-mesh -Wno-ssi-pdr-cpowned -Wno-ssi-system-residence tests/golden/sysconfig/lookalike-systems.config
