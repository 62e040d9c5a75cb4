convert --config tests/golden/convert/bad.config --cluster PLEX1 --members SYSA --stdout
