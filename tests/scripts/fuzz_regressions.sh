# SPDX-License-Identifier: MIT
# Replay inputs that once broke a parser (found by the fuzzers, or written to
# pin a hostile case): each must end in diagnostics or a clean pass, exit <= 2.
. tests/lib.sh
n=0
for f in tests/fuzz-regressions/sysconfig/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    zvmc check --config "$f" >"$TMP/out" 2>&1
    rc=$?
    [ $rc -le 2 ] || fail "$f: exit $rc"
done
for f in tests/fuzz-regressions/directory/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    zvmc check --directory "$f" >"$TMP/out" 2>&1
    rc=$?
    [ $rc -le 2 ] || fail "$f: exit $rc"
done
[ $n -gt 0 ] || fail "no regression inputs found"
echo "$n inputs replayed"
finish
