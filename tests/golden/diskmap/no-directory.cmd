diskmap --config examples/ltics1/SYSTEM.CONFIG
