convert --config tests/golden/convert/order.config --cluster PLEX10 --members SYSA,SYSB --stdout
