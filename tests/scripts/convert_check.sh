# SPDX-License-Identifier: MIT
# zvmc convert beyond its golden outputs (tests/golden/convert/*.cmd):
#   - every fixture that converts is run again, writing its files: the report's
#     totals add up (carried + converted + removed + decision = input), there is
#     one item per input statement and no statement twice, each directory
#     file's statements are counted again from its records, and `zvmc check`
#     of the written files finds no error but the ISLINK skeletons'
#     ssi-islink-mesh (a fixture whose expected exit is 1 must find another);
#   - the round trip: a directory with no SYSAFFIN and no CSE statements comes
#     back equal to the input but for its DIRECTORY statement;
#   - the writes are atomic: a target that cannot be replaced fails the run
#     (exit 2) and leaves no temporary file; a rerun replaces outputs whole.
. tests/lib.sh

num() { # KEY FILE: the first "KEY":N of a JSON report
    sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" "$2" | head -n 1
}

n=0
for cmd in tests/golden/convert/*.cmd; do
    name=$(basename "$cmd" .cmd)
    args=$(sed "s|\$SHARED|$SHARED|g" "$cmd")
    case $args in *--stdout*) ;; *) continue ;; esac
    want=$(sed -n '1s/^exit //p' "${cmd%.cmd}.expected" 2>/dev/null)
    [ "$want" = 0 ] || [ "$want" = 1 ] || continue
    n=$((n + 1))
    out=$TMP/$name
    mkdir -p "$out"
    args=$(printf '%s\n' "$args" | sed 's/ --stdout//; s/ --format json//')
    # shellcheck disable=SC2086
    (eval "set -- $args"; zvmc "$@" --out-dir "$out" --report "$out/report.json" --format json) \
        > "$TMP/log" 2>&1
    rc=$?
    [ "$rc" = "$want" ] || { fail "$name: exit $rc, want $want"; sed 's/^/  | /' "$TMP/log" | head; continue; }
    r=$out/report.json
    [ -f "$r" ] || { fail "$name: no report written"; continue; }
    input=$(num input "$r") carried=$(num carried "$r") converted=$(num converted "$r")
    removed=$(num removed "$r") decision=$(num decision "$r")
    [ -n "$input" ] && [ $((carried + converted + removed + decision)) -eq "$input" ] ||
        fail "$name: totals do not add up: $input != $carried + $converted + $removed + $decision"
    items=$(grep -c '^{"file":' "$r")
    [ "$items" -eq "$input" ] || fail "$name: $items items for $input input statements"
    for d in carried converted removed decision; do
        got=$(grep '^{"file":' "$r" | grep -c "\"disposition\":\"$d\"")
        eval "total=\$$d"
        [ "$got" -eq "$total" ] || fail "$name: $got $d items, totals say $total"
    done
    dups=$(grep '^{"file":' "$r" | sed 's/,"statement".*//' | sort | uniq -d)
    [ -z "$dups" ] || fail "$name: statements reported twice: $dups"
    # every directory statement is one record that is neither blank nor a comment
    set -- $args
    while [ $# -gt 0 ]; do
        if [ "$1" = --directory ]; then
            recs=$(grep -cv '^[[:space:]]*\(\*.*\)\{0,1\}$' "$2")
            got=$(grep -c "^{\"file\":\"$2\"" "$r")
            [ "$got" -eq "$recs" ] || fail "$name: $2 has $recs statements, the report $got"
            shift
        fi
        shift
    done
    # the written files, as zvmc check sees them
    zvmc check "$out"/*.ssi > "$TMP/check" 2>&1
    crc=$?
    other=$(grep 'error: ' "$TMP/check" | grep -vc '\[-Wssi-islink-mesh\]')
    skel=$(num islink_skeleton_errors "$r")
    if [ "$want" = 0 ]; then
        [ "$other" -eq 0 ] || { fail "$name: zvmc check of the outputs"; sed 's/^/  | /' "$TMP/check" | head; }
        [ "$skel" -gt 0 ] || [ "$crc" -eq 0 ] || fail "$name: zvmc check exits $crc with no skeletons"
    else
        [ "$other" -gt 0 ] || fail "$name: exit 1, but zvmc check finds no other error"
    fi
    if command -v jq >/dev/null; then
        jq -e '.totals.input == (.items | length)' "$r" >/dev/null || fail "$name: report.json (jq)"
    fi
done
[ "$n" -gt 0 ] || fail "no convert fixture ran"

# The round trip.
rt=tests/golden/convert/roundtrip.direct
zvmc convert --directory "$rt" --cluster PLEX8 --members SYSA,SYSB --res-volumes ARES,BRES \
    --out-dir "$TMP/rt" > "$TMP/log" 2>&1 || fail "round trip: convert failed"
grep -v '^DIRECTORY' "$rt" > "$TMP/rt.in"
grep -v '^DIRECTORY' "$TMP/rt/USER.DIRECT.ssi" > "$TMP/rt.out"
cmp -s "$TMP/rt.in" "$TMP/rt.out" || { fail "round trip: output differs"; diff "$TMP/rt.in" "$TMP/rt.out" | head; }
grep -qx 'DIRECTORY SSI 0123 3390 ARES BRES' "$TMP/rt/USER.DIRECT.ssi" || fail "round trip: DIRECTORY SSI"
[ "$(wc -l < "$rt")" -eq "$(wc -l < "$TMP/rt/USER.DIRECT.ssi")" ] || fail "round trip: line count"

# Atomic writes: a target that cannot be replaced (a directory in its place).
at=$TMP/atomic
mkdir -p "$at/USER.DIRECT.ssi"
expect_exit 2 "unreplaceable output" zvmc convert --config examples/cse/SYSTEM.CONFIG \
    --directory examples/cse/USER.DIRECT --cluster LTICS1 --members LTICVM2,LTICVM9 --out-dir "$at"
expect_grep 'cannot write' "unreplaceable output"
leftover=$(find "$at" -name '*.tmp.*')
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"
# An output directory that is a file.
: > "$TMP/plainfile"
expect_exit 2 "out-dir is a file" zvmc convert --config examples/cse/SYSTEM.CONFIG \
    --cluster LTICS1 --members LTICVM2 --out-dir "$TMP/plainfile"
expect_grep "cannot write into .*plainfile: Not a directory" "out-dir is a file: the reason"
# A rerun replaces the outputs whole, and the report too.
rr=$TMP/rerun
zvmc convert --config examples/cse/SYSTEM.CONFIG --cluster LTICS1 \
    --members LTICVM2,LTICVM9,LTICVM5,LTICVM4 --out-dir "$rr" --report "$rr/r.txt" > /dev/null 2>&1
zvmc convert --config examples/cse/SYSTEM.CONFIG --cluster LTICS2 --members LTICVM9 \
    --out-dir "$rr" --report "$rr/r.txt" > /dev/null 2>&1 || fail "rerun failed"
grep -q 'SSI LTICS2' "$rr/SYSTEM.CONFIG.ssi" && ! grep -q 'LTICS1,' "$rr/SYSTEM.CONFIG.ssi" ||
    fail "rerun: SYSTEM.CONFIG.ssi not replaced"
grep -q 'SSI cluster LTICS2' "$rr/r.txt" || fail "rerun: report not replaced"
[ -z "$(find "$rr" -name '*.tmp.*')" ] || fail "rerun: temporary files left behind"
# A report that cannot be written.
expect_exit 2 "unwritable report" zvmc convert --config examples/cse/SYSTEM.CONFIG \
    --cluster LTICS1 --members LTICVM2 --out-dir "$TMP/rep" --report "$TMP/no/such/dir/r.json"
# No output replaces an input: converting the converted file again beside it
# would write SYSTEM.CONFIG.ssi over the SYSTEM.CONFIG.ssi it reads; a report
# named as an input.  Nothing is written then.  (Copies: a regression must not
# replace the repository's examples.)
si=$TMP/self
mkdir -p "$si"
cp examples/cse/SYSTEM.CONFIG "$si/SYSTEM.CONFIG.ssi"
cp examples/cse/USER.DIRECT "$si/USER.DIRECT"
cp "$si/SYSTEM.CONFIG.ssi" "$si/keep.config"
expect_exit 2 "an output over an input" zvmc convert --config "$si/SYSTEM.CONFIG.ssi" \
    --cluster LTICS1 --members LTICVM2 --out-dir "$si" --report "$si/r.txt"
expect_grep "names an input file: writing it would replace the input" "an output over an input"
expect_exit 2 "the report over an input" zvmc convert --config examples/cse/SYSTEM.CONFIG \
    --directory "$si/USER.DIRECT" --cluster LTICS1 --members LTICVM2 --out-dir "$TMP/self-out" \
    --report "$si/USER.DIRECT"
expect_grep "--report .*USER.DIRECT names an input file" "the report over an input"
cmp -s "$si/SYSTEM.CONFIG.ssi" "$si/keep.config" || fail "convert replaced its input"
cmp -s "$si/USER.DIRECT" examples/cse/USER.DIRECT || fail "the report replaced an input"
[ "$(ls "$si")" = "$(printf 'SYSTEM.CONFIG.ssi\nUSER.DIRECT\nkeep.config')" ] ||
    fail "a refused conversion wrote files: $(ls "$si")"

echo "$n conversions checked"
finish
