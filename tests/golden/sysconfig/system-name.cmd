check -Wno-ssi-system-residence -Wno-ssi-islink-mesh -Wno-ssi-pdr-cpowned -Wno-ssi-system-identifier tests/golden/sysconfig/system-name.config
