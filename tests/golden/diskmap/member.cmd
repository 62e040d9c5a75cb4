diskmap --directory tests/golden/diskmap/member.direct
