check --directory tests/golden/directory/dir-mdisk-overlap.direct
