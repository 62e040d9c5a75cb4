convert --config tests/golden/convert/subnames.config --directory tests/golden/convert/subnames.direct --cluster PLEX5 --members SYSA,SYSB --stdout
