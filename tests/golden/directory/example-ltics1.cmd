check --config examples/ltics1/SYSTEM.CONFIG --directory examples/ltics1/USER.DIRECT
