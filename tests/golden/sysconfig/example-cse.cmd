check examples/cse/SYSTEM.CONFIG
