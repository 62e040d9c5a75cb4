# SPDX-License-Identifier: MIT
# Hostile and degenerate SYSTEM CONFIG inputs: each ends in a clear diagnostic
# or a clean pass, never a crash (an exit status of 128+ is a signal).
. tests/lib.sh

: > "$TMP/empty"
expect_exit 0 "0-byte file given as a SYSTEM CONFIG" zvmc check --config "$TMP/empty"
expect_exit 1 "0-byte file of unknown kind" zvmc check "$TMP/empty"
expect_grep "cannot tell whether this is a SYSTEM CONFIG or a source directory" "unknown kind"

printf '/* only\n   comments */\n\n/* here */\n' > "$TMP/comments"
expect_exit 0 "a file that is all comments" zvmc check "$TMP/comments"

printf 'SSI TESTPLEX PDR_VOLUME COMVOL,\n  SLOT 1 SYSA,\n' > "$TMP/truncated"
expect_exit 1 "a file truncated inside a continued statement" zvmc check --config "$TMP/truncated"
expect_grep "ends with a continuation comma, but the file ends" "truncated"

printf 'System_Identifier * * SYSA\n/* a comment that never\n' > "$TMP/truncated-comment"
expect_exit 1 "a file truncated inside a comment" zvmc check --config "$TMP/truncated-comment"
expect_grep "comment is not closed" "truncated comment"

head -c 65536 /dev/urandom > "$TMP/binary" 2>/dev/null || dd if=/dev/urandom of="$TMP/binary" bs=1024 count=64 2>/dev/null
zvmc check --config "$TMP/binary" >"$TMP/out" 2>&1
rc=$?
[ $rc -le 2 ] || fail "binary file: exit $rc"

awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "X"; printf "\n" }' > "$TMP/longline"
expect_exit 1 "a 1 MB single record" zvmc check --config "$TMP/longline"
expect_grep "over the limit of 65536" "long record"

# A NUL byte would cut every name made from the text short ("" for a member
# named \0, which compile then could not store): the file is refused whole.
printf 'CP_Owned Slot 1 ABC\0DEF\n' > "$TMP/nul"
expect_exit 1 "a NUL byte in a record" zvmc check --config "$TMP/nul"
expect_grep "nul:1:20: error: .*nul is not a text file \(it holds a NUL byte\): a SYSTEM CONFIG is records of text" "NUL"
printf 'System_Identifier LPAR A \0\n' > "$TMP/nul-member"
printf 'USER A PW 1M 1M G\n' > "$TMP/one.direct"
expect_exit 2 "a member named by a NUL byte, compiled with --force" \
    zvmc compile --force --config "$TMP/nul-member" --directory "$TMP/one.direct" -o "$TMP/nul.odir"
expect_grep "a SYSTEM CONFIG naming the members" "NUL member: no cluster, not 'invalid argument'"

# "SYSTEM_IDENTIFIER LPAR A SYSA" and a newline in EBCDIC, repeated, no ASCII line ends
awk 'BEGIN { for (i = 0; i < 40; i++) printf "\342\350\342\343\305\324\155\311\304\305\325\343\311\306\311\305\331\100\323\327\301\331\100\301\100\342\350\342\301\025" }' > "$TMP/ebcdic"
expect_exit 1 "an EBCDIC SYSTEM CONFIG" zvmc check --config "$TMP/ebcdic"
expect_grep "looks like EBCDIC with no line ends: transfer the SYSTEM CONFIG from z/VM in text" "EBCDIC"

# A file IMBEDded is refused the same way, and the file that imbeds it is read.
printf 'System_Identifier LPAR A SYSA\nIMBED nulimb CONFIG\n' > "$TMP/imbeds.config"
printf 'CP_Owned Slot 1 A\0B\n' > "$TMP/NULIMB.CONFIG"
expect_exit 1 "an IMBEDded file with a NUL byte" zvmc check --config "$TMP/imbeds.config"
expect_grep "NULIMB.CONFIG is not a text file \(it holds a NUL byte\)" "IMBED NUL"

expect_exit 2 "a file that does not exist" zvmc check --config "$TMP/no-such-file"
expect_grep "cannot open" "missing file"
expect_exit 2 "an unknown check name" zvmc check -Wno-bogus-check "$TMP/comments"
expect_grep "no check called 'bogus-check'" "unknown check"
expect_exit 2 "no input" zvmc check
expect_exit 2 "a bad --zvm-level" zvmc check --zvm-level 9 "$TMP/comments"
finish
