convert --config tests/golden/convert/no-such-file.config --cluster PLEX1 --members SYSA --stdout
