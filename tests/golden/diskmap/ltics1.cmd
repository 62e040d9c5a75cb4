diskmap --config examples/ltics1/SYSTEM.CONFIG --volume VM2RES=3390-9 --volume VMPU01=3390-3 examples/ltics1/USER.DIRECT
