# SPDX-License-Identifier: MIT
# --format cpsyntax: errors as CPSYNTAX prints them, a record line and a
# message line each; warnings and notes left out.
. tests/lib.sh

printed=examples/ltics1/SYSTEM.CONFIG.printed
zvmc check --format cpsyntax "$printed" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 1 ] || fail "cpsyntax: errors found must exit 1"
[ -s "$TMP/err" ] && fail "cpsyntax writes to stderr: $(cat "$TMP/err")"
# 7 errors: 14 lines, alternating, the first of each pair naming file and record.
[ "$(wc -l < "$TMP/out")" -eq 14 ] || fail "cpsyntax: want 7 pairs of lines, got $(wc -l < "$TMP/out") lines"
awk 'NR % 2 == 1 && !/^HCPSYK6700E FILE SYSTEM CONFIG A, RECORD [0-9]+:$/ { bad = 1 }
     NR % 2 == 0 && !/^HCPSYK6701E .* \[-W[a-z-]+\]$/ { bad = 1 }
     END { exit bad }' "$TMP/out" || { fail "cpsyntax line shapes"; head -4 "$TMP/out"; }
grep -qx 'HCPSYK6700E FILE SYSTEM CONFIG A, RECORD 75:' "$TMP/out" || fail "cpsyntax: the unclosed comment at record 75"
grep -q 'warning\|Wcomment-swallows-statements' "$TMP/out" && fail "cpsyntax prints a warning"

# The record is the line of the finding; the message keeps its check name.
zvmc check --format cpsyntax tests/golden/sysconfig/missing-comma.config > "$TMP/out" 2>&1
grep -qx 'HCPSYK6700E FILE MISSING-COMMA CONFIG A, RECORD 6:' "$TMP/out" || { fail "cpsyntax record line"; cat "$TMP/out"; }
grep -q "^HCPSYK6701E 'Disconnect_Timeout' starts a record .* \[-Wmissing-comma\]$" "$TMP/out" || fail "cpsyntax message line"

# A third part of the name that is a CMS file mode is the mode.
mkdir -p "$TMP/fm" && cp tests/golden/sysconfig/missing-comma.config "$TMP/fm/system.config.b1"
zvmc check --format cpsyntax "$TMP/fm/system.config.b1" > "$TMP/out" 2>&1
grep -qx 'HCPSYK6700E FILE SYSTEM CONFIG B1, RECORD 6:' "$TMP/out" || { fail "cpsyntax file mode"; cat "$TMP/out"; }

# Clean: nothing at all, exit 0.  Warnings only: nothing, unless -Werror.
expect_exit 0 "cpsyntax clean" zvmc check --format cpsyntax examples/ltics1/SYSTEM.CONFIG
[ -s "$TMP/out" ] && fail "cpsyntax prints something for a clean file"
expect_exit 0 "cpsyntax warnings only" zvmc check --format cpsyntax tests/golden/sysconfig/ltics1-mended.config
[ -s "$TMP/out" ] && fail "cpsyntax prints warnings"
expect_exit 1 "cpsyntax -Werror" zvmc check --format cpsyntax -Werror tests/golden/sysconfig/ltics1-mended.config
expect_grep "^HCPSYK6701E EQID FOX00 .*\[-Weqid-one-sided\]$" "cpsyntax shows warnings made errors"

# An error about no file: the message line alone.
zvmc check --format cpsyntax "$TMP/no-such-file" > "$TMP/out" 2>/dev/null
[ $? -eq 2 ] || fail "cpsyntax: unreadable file must exit 2"
grep -q '^HCPSYK6701E .*\[-Winput\]$' "$TMP/out" || { fail "cpsyntax input error"; cat "$TMP/out"; }
grep -q 'HCPSYK6700E' "$TMP/out" && fail "cpsyntax: a record line for an error about no file"
finish
