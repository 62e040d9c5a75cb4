# SPDX-License-Identifier: MIT
# zvmc check --write-baseline / --baseline: known findings stay quiet when
# records move, new ones are reported, the exit status counts only those.
. tests/lib.sh

printed=examples/ltics1/SYSTEM.CONFIG.printed
bl=$TMP/baseline
mkdir -p "$TMP/w"

# Recording: every finding of the file, one line each, after the header.
expect_exit 0 "write a baseline" zvmc check --write-baseline "$bl" "$printed"
expect_grep "^zvmc: recorded 8 findings in $bl$" "write-baseline says what it recorded"
head -n 1 "$bl" | grep -qx '# zvmc baseline 1' || fail "baseline header"
[ "$(grep -c '^[0-9a-f]\{16\} ' "$bl")" -eq 8 ] || fail "baseline does not hold 8 findings"
grep -q '^[0-9a-f]\{16\} ssi-islink-mesh examples/ltics1/SYSTEM.CONFIG.printed:22 no ISFC link' "$bl" ||
    fail "baseline line: fingerprint, check, place, message"
for f in "$TMP"/baseline.*; do [ -e "$f" ] && fail "a temporary file was left beside the baseline: $f"; done

# The same file against its baseline: nothing to report, and a note says why.
expect_exit 0 "baseline suppresses every known finding" zvmc check --baseline "$bl" "$printed"
expect_no_grep "(error|warning):" "nothing reported against the baseline"
expect_grep "^zvmc: note: 8 findings were suppressed by the baseline $bl$" "the closing note counts them"

# Records inserted above, statements re-indented and re-cased, the file in
# another directory: still the same findings.
{ printf '/* a new banner */\n/* and another */\n\n'; sed 's/^SSI /ssi  /' "$printed"; } > "$TMP/w/SYSTEM.CONFIG.printed"
expect_exit 0 "line shifts keep findings known" zvmc check --baseline "$bl" "$TMP/w/SYSTEM.CONFIG.printed"
expect_no_grep "(error|warning):" "nothing new after a line shift"

# A new error is reported (and only it), and it decides the exit status.
{ printf 'CP_Owned 1 ARES\n'; cat "$printed"; } > "$TMP/w/SYSTEM.CONFIG.printed"
expect_exit 1 "a new error fails the run" zvmc check --baseline "$bl" "$TMP/w/SYSTEM.CONFIG.printed"
expect_grep "SYSTEM.CONFIG.printed:1:10: error: .*\[-Wsyntax\]" "the new error is reported"
expect_no_grep "ssi-islink-mesh|comment-swallows" "known findings stay quiet"
expect_grep "^1 error generated\.$" "the summary counts reported findings only"
expect_grep "8 findings were suppressed" "and the note the suppressed ones"

# JSON (and SARIF) carry only the new findings; the note goes to stderr.
zvmc check --baseline "$bl" --format json "$TMP/w/SYSTEM.CONFIG.printed" > "$TMP/json" 2> "$TMP/err"
grep -q '"summary":{"errors":1,"warnings":0,"notes":0}' "$TMP/json" || fail "JSON summary after the baseline"
grep -q 'suppressed by the baseline' "$TMP/err" || fail "JSON: the note is on stderr"

# A fixed finding leaves a stale entry, which the note mentions.
head -n 74 "$printed" > "$TMP/w/SYSTEM.CONFIG.printed"
expect_exit 0 "the comment findings fixed" zvmc check --baseline "$bl" "$TMP/w/SYSTEM.CONFIG.printed"
expect_grep "2 baseline entries no longer match a finding; '--write-baseline $bl' drops them" "stale entries"

# One entry suppresses one finding: a second identical finding is new.
printf 'CP_Owned 1 ARES\n' > "$TMP/w/SYSTEM.CONFIG"
expect_exit 0 "baseline of one finding" zvmc check --write-baseline "$TMP/one" "$TMP/w/SYSTEM.CONFIG"
printf 'CP_Owned 1 ARES\nCP_Owned 1 ARES\n' > "$TMP/w/SYSTEM.CONFIG"
expect_exit 1 "the same finding twice, recorded once" zvmc check --baseline "$TMP/one" "$TMP/w/SYSTEM.CONFIG"
expect_grep "^1 error generated\.$" "one of the two is new"

# A clean run's baseline holds no entry (the usual first one in CI): it is read,
# and a finding that comes later is new.  (Its empty list was once handed to
# qsort() as NULL: UBSan's nonnull-attribute, under make check-asan.)
expect_exit 0 "baseline of a clean run" \
    zvmc check --write-baseline "$TMP/clean" examples/ltics1/SYSTEM.CONFIG
expect_grep "^zvmc: recorded 0 findings in $TMP/clean$" "a clean run records nothing"
expect_exit 0 "check against an empty baseline" \
    zvmc check --baseline "$TMP/clean" examples/ltics1/SYSTEM.CONFIG
expect_no_grep "(error|warning|runtime error):" "nothing to report against an empty baseline"
expect_exit 1 "a new finding against an empty baseline" \
    zvmc check --baseline "$TMP/clean" "$TMP/w/SYSTEM.CONFIG"
expect_grep "^2 errors generated\.$" "both findings are new"

# Runs of one fingerprint partly matched (each run keeps a count of the entries
# taken, not a scan): a baseline of 3 + 1 identical findings against 5 + 2
# suppresses the first 3 and 1 and reports the rest, in order; against 2 + 0
# it leaves 1 + 1 entries stale.  (Output as the build before the count.)
hdr='System_Identifier LPAR LPARA SYSA\nSystem_Identifier LPAR LPARB SYSB\nSSI TESTPLEX PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB\n'
vmp='XLINK_Volume_Include VMP*\n' vmq='XLINK_Volume_Include VMQ*\n'
mkdir -p "$TMP/d3" "$TMP/d5" "$TMP/d2"
printf %b "$hdr$vmp$vmp$vmp$vmq" > "$TMP/d3/SYSTEM.CONFIG"
printf %b "$hdr$vmp$vmp$vmp$vmp$vmp$vmq$vmq" > "$TMP/d5/SYSTEM.CONFIG"
printf %b "$hdr$vmp$vmp" > "$TMP/d2/SYSTEM.CONFIG"
expect_exit 0 "baseline of repeated findings" zvmc check --write-baseline "$TMP/dup" "$TMP/d3/SYSTEM.CONFIG"
expect_grep "^zvmc: recorded 9 findings in $TMP/dup$" "repeated findings each recorded"
expect_exit 0 "more repeats than recorded" zvmc check --baseline "$TMP/dup" "$TMP/d5/SYSTEM.CONFIG"
[ "$(grep -c 'warning: CSE statement in an SSI' "$TMP/out")" -eq 3 ] || fail "repeats beyond the baseline: 3 reported"
[ "$(grep -o '^[^ ]*SYSTEM.CONFIG:[0-9]*:1: warning' "$TMP/out" | sed 's/.*CONFIG:\([0-9]*\):.*/\1/' | tr '\n' ' ')" = "7 8 10 " ] ||
    fail "the repeats reported are the last ones of each run"
expect_grep "^zvmc: note: 9 findings were suppressed by the baseline $TMP/dup$" "9 repeats suppressed"
expect_no_grep "no longer match" "no stale entry"
expect_exit 0 "fewer repeats than recorded" zvmc check --baseline "$TMP/dup" "$TMP/d2/SYSTEM.CONFIG"
expect_no_grep "(error|warning):" "fewer repeats: nothing new"
expect_grep "^zvmc: note: 7 findings were suppressed by the baseline $TMP/dup$" "7 suppressed"
expect_grep "^zvmc: note: 2 baseline entries no longer match a finding;" "the unmatched repeats are stale"

# Every finding is recorded whatever --max-errors says, and the limit applies
# to what the baseline leaves.
expect_exit 0 "write with a limit" zvmc check --max-errors 1 --write-baseline "$TMP/all" "$printed"
[ "$(grep -c '^[0-9a-f]\{16\} ' "$TMP/all")" -eq 8 ] || fail "--max-errors limited the baseline"
expect_exit 1 "limit after the baseline" zvmc check --max-errors 1 --baseline "$TMP/one" "$printed"
expect_grep "more errors were not shown; the limit is 1" "the limit applies after the baseline"

# Rewriting replaces the file; an input that cannot be read writes nothing.
expect_exit 0 "rewrite" zvmc check --write-baseline "$bl" examples/ltics1/SYSTEM.CONFIG
[ "$(grep -c '^[0-9a-f]\{16\} ' "$bl")" -eq 0 ] || fail "rewritten baseline of a clean file is not empty"
cp "$TMP/one" "$TMP/keep"
expect_exit 2 "unreadable input" zvmc check --write-baseline "$TMP/keep" "$TMP/no-such-file"
expect_grep "was not written" "says the baseline was not written"
cmp -s "$TMP/one" "$TMP/keep" || fail "a failed run changed the baseline"
expect_exit 2 "unwritable baseline" zvmc check --write-baseline "$TMP/no/such/dir/bl" "$printed"
expect_grep "cannot write $TMP/no/such/dir/bl" "says it cannot write"

# Bad baselines and bad usage are errors (exit 2), never "everything is new".
expect_exit 2 "missing baseline" zvmc check --baseline "$TMP/missing" "$printed"
expect_grep "cannot read the baseline" "missing baseline message"
printf 'hello\n' > "$TMP/bad"
expect_exit 2 "not a baseline" zvmc check --baseline "$TMP/bad" "$printed"
expect_grep "is not a zvmc baseline" "not-a-baseline message"
printf '# zvmc baseline 1\n0123456789abcdef ok\nxyz\n' > "$TMP/bad"
expect_exit 2 "corrupt baseline line" zvmc check --baseline "$TMP/bad" "$printed"
expect_grep "$TMP/bad:3: a baseline line starts with 16 hex digits" "corrupt line is located"
: > "$TMP/bad"
expect_exit 2 "empty baseline" zvmc check --baseline "$TMP/bad" "$printed"
expect_exit 2 "both options" zvmc check --baseline "$bl" --write-baseline "$bl" "$printed"
expect_exit 2 "--baseline without a file" zvmc check "$printed" --baseline
finish
