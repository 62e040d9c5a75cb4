# SPDX-License-Identifier: MIT
# A generated SSI cluster (bench/gencluster.c: consistent by construction) goes
# through every directory check without a dir-* finding, and diskmap maps it.
# The 100,000-user run is `make bench`; this one is small enough for make check.
. tests/lib.sh

cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { echo "no C compiler"; exit 77; }
"$cc" -O1 -o "$TMP/gencluster" bench/gencluster.c || { fail "cannot build gencluster"; finish; }
"$TMP/gencluster" -n 3000 -o "$TMP/c" >/dev/null || { fail "gencluster failed"; finish; }

expect_exit 0 "generated cluster" zvmc check --max-errors 0 --config "$TMP/c/SYSTEM.CONFIG" \
    --directory "$TMP/c/USER.DIRECT"
expect_no_grep "Wdir-|Wsyntax" "generated cluster: directory findings"

expect_exit 0 "generated cluster without its SYSTEM CONFIG" zvmc check --max-errors 0 \
    --directory "$TMP/c/USER.DIRECT"
expect_no_grep "Wdir-|Wsyntax" "generated cluster alone: directory findings"

zvmc diskmap --config "$TMP/c/SYSTEM.CONFIG" --volume VM1RES=3390-9 "$TMP/c/USER.DIRECT" \
    >"$TMP/map" 2>"$TMP/out"
[ $? -eq 0 ] || fail "diskmap of the generated cluster"
grep -q "^Volume VM1RES (3390, 10017 cylinders), member VMSYS1" "$TMP/map" || fail "diskmap: VM1RES"
grep -q "OVERLAP" "$TMP/map" && fail "diskmap: an overlap in a cluster without any"

# One overlap planted in the copy: found, with both minidisks named.
sed 's/^ MDISK 0101 3390 03569 01113 LX0000 MR$/ MDISK 0101 3390 03500 01113 LX0000 MR/' \
    "$TMP/c/USER.DIRECT" > "$TMP/c/BAD.DIRECT"
expect_exit 1 "a planted overlap" zvmc check --directory "$TMP/c/BAD.DIRECT"
expect_grep "MDISK 0101 of USER LNX00001 \(cylinders 3500-4612 on LX0000\) overlaps MDISK 0100 of USER LNX00001" "planted overlap"
finish
