check --config examples/ltics1/SYSTEM.CONFIG tests/golden/relocate/ltics1-before.direct
