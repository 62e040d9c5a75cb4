# SPDX-License-Identifier: MIT
# The real directories in ../shared/corpora: zero syntax errors, and what the
# checks say is right for each file.
. tests/lib.sh

vm370=$SHARED/corpora/vm370ce-user.direct
feilong=$SHARED/corpora/feilong-entries.direct
[ -f "$vm370" ] && [ -f "$feilong" ] || { echo "no corpora in $SHARED"; exit 77; }

count() { grep -c -- "$1" "$TMP/out"; }

# VM/370 Community Edition: a complete, working directory.  Its full-pack
# MAINT disks and its allocation-map users ($ALLOC$, $TEMP$...) overlap other
# minidisks on purpose: notes, not errors.
expect_exit 0 "vm370: no errors" zvmc check --max-errors 0 --directory "$vm370"
expect_no_grep "Wsyntax" "vm370: syntax"
expect_no_grep "(error|warning):" "vm370: errors or warnings"
[ "$(count 'is a full-pack minidisk of')" -eq 17 ] || fail "vm370: want 17 full-pack notes, got $(count 'is a full-pack minidisk of')"
expect_grep "MDISK 06A1 of MAINT is a full-pack minidisk of VM50-1: it overlays the 21 other" "vm370: VM50-1"
# every LINK reaches a minidisk (LINK MAINT 194 192, RSCS's LINK MAINT 591 191...)
expect_no_grep "dir-link-target" "vm370: links"

# feilong: 57 entries from the SMAPI tests, concatenated: a fragment.
expect_exit 1 "feilong: findings" zvmc check --max-errors 0 --directory "$feilong"
expect_no_grep "Wsyntax" "feilong: syntax"
[ "$(count 'Wdir-duplicate')" -eq 50 ] || fail "feilong: want 50 duplicates (ABC, TESTUID, PWD, TEST), got $(count 'Wdir-duplicate')"
[ "$(count 'USER ABC has no password')" -eq 7 ] || fail "feilong: USER ABC without password"
[ "$(count 'MDISK [0-9]* has no extent')" -eq 4 ] || fail "feilong: MDISK without extent"
[ "$(count "maximum storage 'G' is not a storage size")" -eq 19 ] || fail "feilong: USER with the ID missing"
[ "$(count 'DVHOPT is DirMaint')" -eq 1 ] || fail "feilong: *DVHOPT"
expect_grep "no DIRECTORY statement: zvmc reads this as a fragment" "feilong: fragment note"
# a fragment: INCLUDE OSDFLT and friends are elsewhere
expect_no_grep "dir-undefined-profile" "feilong: profiles"
# 2048m and 64G are storage sizes; 4096M + 61440M RESERVED fits in 64G
expect_no_grep "RESERVED is above the maximum" "feilong: reserved storage"
finish
