# SPDX-License-Identifier: MIT
# Golden tests: every tests/golden/SUITE/NAME.cmd holds the arguments of one zvmc
# call (one line, run from the top of the tree; $SHARED expands to ../shared),
# and NAME.expected holds "exit N" then everything the call printed (stderr and
# stdout together).  UPDATE_GOLDEN=1 rewrites the expected files instead.
. tests/lib.sh
n=0
for cmd in tests/golden/*/*.cmd; do
    [ -f "$cmd" ] || continue
    n=$((n + 1))
    exp=${cmd%.cmd}.expected
    args=$(sed "s|\$SHARED|$SHARED|g" "$cmd")
    # shellcheck disable=SC2086
    (eval "set -- $args"; zvmc "$@") >"$TMP/got" 2>&1
    rc=$?
    { echo "exit $rc"; sed "s|$SHARED|\$SHARED|g" "$TMP/got"; } >"$TMP/actual"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$TMP/actual" "$exp"
    elif [ ! -f "$exp" ]; then
        fail "$cmd: no $exp (run with UPDATE_GOLDEN=1 to create it)"
    elif ! cmp -s "$TMP/actual" "$exp"; then
        fail "$cmd: output differs from $exp"
        diff -u "$exp" "$TMP/actual" | head -40
    fi
done
[ "$n" -gt 0 ] || fail "no golden cases found"
echo "$n golden cases"
finish
