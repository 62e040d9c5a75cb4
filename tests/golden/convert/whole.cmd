convert --config tests/golden/convert/whole.config --cluster PLEX1 --members SYSA,SYSB --pdr-volume COMVOL --stdout
