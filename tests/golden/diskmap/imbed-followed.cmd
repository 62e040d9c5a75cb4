diskmap --config tests/golden/relocate/imbed/SYSTEM.CONFIG --directory tests/golden/relocate/imbed/USER.DIRECT
