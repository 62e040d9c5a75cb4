convert --directory tests/golden/convert/leftbehind.direct --cluster PLEX6 --members SYSA,SYSB --stdout
