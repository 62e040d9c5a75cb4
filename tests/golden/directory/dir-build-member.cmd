check --config examples/ltics1/SYSTEM.CONFIG --directory tests/golden/directory/dir-build-member.direct
