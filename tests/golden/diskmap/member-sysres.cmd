diskmap --config tests/golden/directory/dir-mdisk-overlap-sysres.config --directory tests/golden/directory/dir-mdisk-overlap-sysres.direct
