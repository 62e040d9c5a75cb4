diskmap --volume LX0001=3390-3 --directory tests/golden/diskmap/overlap.direct
