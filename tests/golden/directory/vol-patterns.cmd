check -Wdir-mdisk-volume -Wreloc-local-minidisk -Wreloc-domain --max-errors 0 --config tests/golden/directory/vol-patterns.config --directory tests/golden/directory/vol-patterns.direct
