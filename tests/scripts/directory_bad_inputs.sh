# SPDX-License-Identifier: MIT
# Hostile and degenerate source directories: each ends in a clear diagnostic
# or a clean pass, never a crash (an exit status of 128+ is a signal).
. tests/lib.sh

: > "$TMP/empty"
expect_exit 0 "a 0-byte directory" zvmc check --directory "$TMP/empty"
expect_grep "holds no directory statements" "empty"

printf '* only\n  * comments\n\n*\n' > "$TMP/comments"
expect_exit 0 "a directory that is all comments" zvmc check --directory "$TMP/comments"
expect_grep "holds no directory statements" "comments only"

printf 'DIRECTORY 123 3390 VMRES1\nUSER LNX001 XXXXXXXX 1G 4G G\n MDISK 0191 33' > "$TMP/truncated"
expect_exit 1 "a file truncated inside an entry" zvmc check --directory "$TMP/truncated"
expect_grep "MDISK 0191 has no extent" "truncated"
expect_no_grep "Wsyntax" "truncated: no syntax error"

printf 'DIRECTORY 123 3390 VMRES1\nUSER LNX001 XXXXXXXX 1G 4G G\n\0\1\2\3 MDISK\n' > "$TMP/nul"
expect_exit 1 "a NUL byte" zvmc check --directory "$TMP/nul"
expect_grep "is not a text file \(it holds a NUL byte\)" "NUL"

head -c 65536 /dev/urandom > "$TMP/binary" 2>/dev/null || dd if=/dev/urandom of="$TMP/binary" bs=1024 count=64 2>/dev/null
zvmc check --directory "$TMP/binary" >"$TMP/out" 2>&1
rc=$?
[ $rc -le 2 ] || fail "random bytes: exit $rc"
grep -q "is not a text file" "$TMP/out" || fail "random bytes: not refused as binary"

# "USER LNX001 PW 1G 1G G" and a newline in EBCDIC, repeated, no ASCII line ends
awk 'BEGIN { for (i = 0; i < 40; i++) printf "\344\342\305\331\100\323\325\347\360\360\361\100\327\346\100\361\307\100\361\307\100\307\025" }' > "$TMP/ebcdic"
expect_exit 1 "an EBCDIC file" zvmc check --directory "$TMP/ebcdic"
expect_grep "looks like EBCDIC" "EBCDIC"

awk 'BEGIN { printf "USER LNX001 XXXXXXXX 1G 4G G "; for (i = 0; i < 10000; i++) printf "X"; printf "\n MDISK 0191 3390 1 10 VOL001 MR\n" }' > "$TMP/long"
expect_exit 0 "a 10,000-character record" zvmc check --directory "$TMP/long"
expect_grep "runs past column 72" "long record"

awk 'BEGIN { printf "DIRECTORY 123 3390 VMRES1\nUSER A PW 1M 1M G\n"; for (i = 0; i < 70000; i++) printf "X"; printf "\nUSER B PW 1M 1M G\n MDISK 0191 3390 1 10 VOL001 MR\nUSER B PW 1M 1M G\n" }' > "$TMP/huge"
expect_exit 1 "a record over the 65,536-byte limit" zvmc check --directory "$TMP/huge"
expect_grep "huge:3:1: error: this record is 70000 bytes long, over the 65536-byte limit" "huge record"
# positions after the skipped record stay right
expect_grep "huge:6:6: error: USER B is defined a second time" "position after a skipped record"

printf 'DIRECTORY 123 3390 VMRES1\r\nUSER LNX001 XXXXXXXX 1G 4G G\r\n MDISK 0191 3390 1 10 VOL001 MR\r\n' > "$TMP/crlf"
expect_exit 0 "CRLF line ends" zvmc check --directory "$TMP/crlf"
expect_no_grep "warning|error" "CRLF"

printf 'DIRECTORY 123 3390 VMRES1\nUSER LNX001 XXXXXXXX 1G 4G G\n MDISK 0191 3390 1 10 VOL001 MR' > "$TMP/noeol"
expect_exit 0 "no newline at the end" zvmc check --directory "$TMP/noeol"

# The scanner splits a record's operands straight from the source when flex has
# been fed its newline, and with its OPER rules when the record crosses the end
# of a 16 KiB feed chunk: both must read the same operands at the same columns.
# Line 2 is split the first way; line 275 starts 12 bytes before the end of the
# first chunk.
awk 'BEGIN { printf "USER LNX001 XXXXXXXX 1G 4G G\n MDISK 0191 3390 1 10 VOL001 QQ\n"; n = 61
    while (n + 61 < 16384 - 12) { printf "* %057d\n", n; n += 60 }
    printf "*%*s\n", 16384 - 12 - n - 2, "x"; printf " MDISK 0192 3390 1 10 VOL001 QQ\n" }' > "$TMP/chunk"
[ "$(grep -b 'MDISK 0192' "$TMP/chunk" | cut -d: -f1)" = 16372 ] || fail "chunk: the record is not where the test needs it"
expect_exit 1 "records on both sides of a feed chunk's end" zvmc check --directory "$TMP/chunk"
expect_grep "chunk:2:30: error: 'QQ' is not an access mode" "operands split from the source"
expect_grep "chunk:275:30: error: 'QQ' is not an access mode" "operands across a feed chunk's end"

expect_exit 2 "a directory that does not exist" zvmc check --directory "$TMP/no-such-file"
expect_grep "cannot open" "missing file"
finish
