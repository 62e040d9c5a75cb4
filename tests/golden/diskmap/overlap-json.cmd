diskmap --volumes tests/golden/diskmap/volumes.txt --format json tests/golden/diskmap/overlap.direct
