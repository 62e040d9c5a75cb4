check -Wno-cse-in-ssi tests/golden/sysconfig/volume-label.config
