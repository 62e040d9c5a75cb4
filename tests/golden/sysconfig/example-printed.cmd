check examples/ltics1/SYSTEM.CONFIG.printed
