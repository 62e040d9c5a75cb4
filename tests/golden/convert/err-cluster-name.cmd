convert --config examples/cse/SYSTEM.CONFIG --cluster LTICS1-SSI --members LTICVM2 --stdout
