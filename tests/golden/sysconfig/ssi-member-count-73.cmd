check -Wno-ssi-system-residence -Wno-ssi-islink-mesh -Wno-ssi-pdr-cpowned --zvm-level 7.3 tests/golden/sysconfig/ssi-member-count.config
