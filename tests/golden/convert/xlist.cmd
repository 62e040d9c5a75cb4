convert --config tests/golden/convert/xlist.config --directory tests/golden/convert/xlist.direct --cluster PLEX3 --members SYSA,SYSB --stdout
