check tests/golden/sysconfig/ltics1-mended.config tests/golden/relocate/ltics1-after.direct
