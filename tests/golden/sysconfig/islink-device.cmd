check -Wno-ssi-system-residence -Wno-ssi-pdr-cpowned tests/golden/sysconfig/islink-device.config
