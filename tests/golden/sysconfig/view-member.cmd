view --member LTICVM9 examples/ltics1/SYSTEM.CONFIG
