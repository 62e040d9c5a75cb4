convert --directory tests/golden/convert/crypto.direct --cluster PLEX5 --members SYSA,SYSB --stdout
