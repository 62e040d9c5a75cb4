diskmap --member SYSB --format json --directory tests/golden/diskmap/member.direct
