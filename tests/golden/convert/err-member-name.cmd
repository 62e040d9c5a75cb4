convert --config examples/cse/SYSTEM.CONFIG --cluster LTICS1 --members LTICVM2,LTI#VM9 --stdout
