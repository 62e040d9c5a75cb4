convert --config tests/golden/convert/merge.config --directory tests/golden/convert/merge.direct --cluster PLEX4 --members SYSA,SYSB --stdout
