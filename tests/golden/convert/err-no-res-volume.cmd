convert --directory tests/golden/convert/roundtrip.direct --cluster PLEX8 --members SYSA,SYSB --stdout
