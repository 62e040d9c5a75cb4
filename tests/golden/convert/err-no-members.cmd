convert --config examples/cse/SYSTEM.CONFIG --cluster LTICS1 --stdout
