convert --config examples/ltics1/SYSTEM.CONFIG --cluster LTICS1 --members LTICVM2,LTICVM9 --stdout
