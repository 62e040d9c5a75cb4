diskmap --volume LX0001=3390-77 tests/golden/diskmap/overlap.direct
