check --format json examples/ltics1/SYSTEM.CONFIG.printed
