check tests/golden/sysconfig/ssi-islink-mesh.config
