convert --directory tests/golden/convert/profile.direct --cluster PLEX7 --members SYSA,SYSB --stdout
