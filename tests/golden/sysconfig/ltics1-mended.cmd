check tests/golden/sysconfig/ltics1-mended.config
