check --member SYSA --directory tests/golden/directory/dir-mdisk-overlap.direct
