check --config examples/cse/SYSTEM.CONFIG --directory examples/cse/USER.DIRECT
