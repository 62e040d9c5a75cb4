convert --config examples/cse/SYSTEM.CONFIG --directory examples/cse/USER.DIRECT --cluster LTICS1 --members LTICVM2,LTICVM9,LTICVM5,LTICVM4,LTICVM1 --zvm-level 7.2 --stdout
