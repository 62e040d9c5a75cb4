check --directory examples/ltics1/USER.DIRECT
