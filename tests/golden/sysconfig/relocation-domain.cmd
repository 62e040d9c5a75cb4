check -Wno-ssi-system-residence -Wno-ssi-pdr-cpowned -Wno-ssi-islink-mesh tests/golden/sysconfig/relocation-domain.config
