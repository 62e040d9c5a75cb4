check -Wdir-mdisk-volume --config tests/golden/directory/dir-mdisk-volume.config --directory tests/golden/directory/dir-mdisk-volume.direct
