convert --config tests/golden/convert/sysid.config --directory tests/golden/convert/sysid.direct --cluster PLEX9 --members SYSA,SYSB,SYSC --res-volumes ARES,BRES,CRES --stdout
