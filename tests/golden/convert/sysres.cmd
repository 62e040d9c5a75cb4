convert --config tests/golden/convert/sysres.config --cluster PLEX2 --members SYSA,SYSB --stdout
