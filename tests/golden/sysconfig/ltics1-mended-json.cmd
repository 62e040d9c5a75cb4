check --format json tests/golden/sysconfig/ltics1-mended.config
