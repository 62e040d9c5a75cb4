check --directory examples/cse/USER.DIRECT
