view --member NOSUCH examples/ltics1/SYSTEM.CONFIG
