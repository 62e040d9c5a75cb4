# SPDX-License-Identifier: MIT
# Golden tests of `zvmc plan evacuate`.  Every tests/golden/plan/NAME.args holds
# the arguments of one zvmc call (one line, run from the top of the tree;
# $OBJDIR is the planner's cluster of tests/unit/plan_fixture.h, written by
# $BUILD/tests/plan_fixture_write), and NAME.expected holds "exit N" then
# everything the call printed (stderr and stdout together).  UPDATE_GOLDEN=1
# rewrites the expected files instead.  Each JSON output must also parse (when
# python3 is there to say so).
. tests/lib.sh
writer=$BUILD/tests/plan_fixture_write
[ -x "$writer" ] || { echo "no $writer"; exit 77; }
obj=$TMP/ltics1-plan.zvmo
"$writer" "$obj" || { fail "plan_fixture_write"; finish; }
n=0
for args in tests/golden/plan/*.args; do
    [ -f "$args" ] || continue
    n=$((n + 1))
    exp=${args%.args}.expected
    line=$(sed "s|\$OBJDIR|$obj|g" "$args")
    # shellcheck disable=SC2086
    (eval "set -- $line"; zvmc "$@") >"$TMP/got" 2>"$TMP/err"
    rc=$?
    { echo "exit $rc"; cat "$TMP/err" "$TMP/got"; } | sed "s|$obj|\$OBJDIR|g" >"$TMP/actual"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$TMP/actual" "$exp"
    elif [ ! -f "$exp" ]; then
        fail "$args: no $exp (run with UPDATE_GOLDEN=1 to create it)"
    elif ! cmp -s "$TMP/actual" "$exp"; then
        fail "$args: output differs from $exp"
        diff -u "$exp" "$TMP/actual" | head -40
    fi
    case $line in
    *"--format json"*)
        if command -v python3 >/dev/null 2>&1; then
            python3 -c 'import json, sys; json.load(sys.stdin)' <"$TMP/got" ||
                fail "$args: the JSON does not parse"
        fi ;;
    esac
done
[ "$n" -gt 0 ] || fail "no golden cases found"
echo "$n golden cases"

# Usage errors: exit 2, with the option named (cmd_plan.c's one table of options)
expect_exit 2 "an unknown option" zvmc plan evacuate SYSA --bogus x
expect_grep "unknown option '--bogus'" "an unknown option"
expect_exit 2 "an option without its value" zvmc plan evacuate SYSA --objdir
expect_grep "--objdir needs a value" "an option without its value"
expect_exit 2 "--rate 0" zvmc plan evacuate SYSA --rate=0 --objdir x --placement y
expect_grep "--rate takes a whole number of 1 to 99999999, not '0'" "--rate 0"
expect_exit 2 "--overhead x" zvmc plan evacuate SYSA --overhead x --objdir x --placement y
expect_grep "--overhead takes a whole number of 1 to 99999999 \(or 0\), not 'x'" "--overhead x"
expect_exit 2 "--format xml" zvmc plan evacuate SYSA --format xml --objdir x --placement y
expect_grep "--format takes text, json or rexx, not 'xml'" "--format xml"
finish
