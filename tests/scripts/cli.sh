# SPDX-License-Identifier: MIT
# The command line: help, version, check listing, option effects.
. tests/lib.sh

expect_exit 0 "zvmc --help" zvmc --help
expect_grep "^  check " "--help lists check"
expect_exit 0 "zvmc check --help" zvmc check --help
expect_grep "--zvm-level V.R" "check --help lists options"
expect_exit 0 "zvmc --version" zvmc --version
expect_grep "^zvmc [0-9]+\.[0-9]+\.[0-9]+$" "version"
expect_exit 2 "no command" zvmc
expect_exit 2 "an unknown command" zvmc frobnicate
expect_exit 0 "--list-checks" zvmc check --list-checks
for c in syntax begin-end qualifier-unknown-system ssi-member-count ssi-slot-duplicate \
         ssi-system-identifier ssi-system-residence cpowned-slot-conflict ssi-pdr-cpowned \
         ssi-islink-mesh eqid-type-conflict eqid-one-sided rdev-eqid-conflict cse-in-ssi \
         comment-swallows-statements unknown-statement missing-comma; do
    expect_grep "^$c " "--list-checks names $c"
done

# -Werror turns the warnings of the mended example into errors (exit 1 -> 1 with errors)
expect_exit 1 "-Werror" zvmc check -Werror tests/golden/sysconfig/ltics1-mended.config
expect_grep "error: EQID FOX00" "-Werror makes warnings errors"
expect_exit 0 "-Wno-eqid-one-sided silences it" zvmc check -Wno-eqid-one-sided tests/golden/sysconfig/ltics1-mended.config
expect_exit 1 "-Werror=eqid-one-sided" zvmc check -Werror=eqid-one-sided tests/golden/sysconfig/ltics1-mended.config
expect_exit 1 "--max-errors 2 keeps two" zvmc check --max-errors 2 examples/ltics1/SYSTEM.CONFIG.printed
expect_grep "more errors were not shown; the limit is 2" "--max-errors note"
# Colour only when asked (or on a terminal)
expect_exit 1 "--color=always" zvmc check --color=always tests/golden/sysconfig/syntax.config
grep -q "$(printf '\033')" "$TMP/out" || fail "--color=always: no escape sequences"
expect_exit 1 "no colour into a pipe" zvmc check tests/golden/sysconfig/syntax.config
if grep -q "$(printf '\033')" "$TMP/out"; then fail "colour into a pipe"; fi
# A report that cannot be written (standard output on a full disk) is an
# error, not exit 0 with the report lost (they all said 0 before).
if [ -w /dev/full ]; then
    C=examples/ltics1/SYSTEM.CONFIG D=examples/ltics1/USER.DIRECT
    for args in "check --format json $C" "check --format sarif $C" "check --list-checks" \
                "relocate matrix --config $C --directory $D" "diskmap --directory $D" \
                "view --member LTICVM9 $C" "explain syntax" "--version" "--help"; do
        # shellcheck disable=SC2086
        zvmc $args >/dev/full 2>"$TMP/out"
        got=$?
        [ "$got" -eq 2 ] || fail "zvmc $args >/dev/full: exit $got, want 2"
        expect_grep "cannot write the output" "zvmc $args >/dev/full says so"
    done
else
    echo "no /dev/full: the full-disk cases are skipped"
fi

# A --member the inputs do not define is an error: the run would check nothing
# of it and pass (it said nothing and exited 0).  Case does not matter.
C=examples/ltics1/SYSTEM.CONFIG D=examples/ltics1/USER.DIRECT
for inputs in "$C $D" "$C" "$D"; do
    # shellcheck disable=SC2086
    expect_exit 2 "check --member NOSUCH $inputs" zvmc check --member NOSUCH $inputs
    expect_grep "^zvmc check: --member NOSUCH: the inputs define no system of that name" \
        "check --member NOSUCH $inputs says so"
    # shellcheck disable=SC2086
    expect_exit 0 "check --member ltICvm9 $inputs" zvmc check --member ltICvm9 $inputs
done
expect_exit 2 "check --member NOSUCH: the members listed" zvmc check --member NOSUCH "$C" "$D"
expect_grep "\(the members are LTICVM2 LTICVM9 LTICVM5 LTICVM4\)" "the members are listed"
expect_exit 2 "diskmap --member NOSUCH" zvmc diskmap --member NOSUCH --directory "$D"
expect_grep "^zvmc diskmap: --member NOSUCH: the inputs define no system" "diskmap says so"
expect_exit 0 "diskmap --member LTICVM9" zvmc diskmap --member LTICVM9 --directory "$D"

# zvmc relocate: members are named in any case, a wrong one is named with the
# members there are, before any output (a JSON report was left half written),
# and --from cannot be TO-MEMBER.
R="--config tests/golden/relocate/reasons.config --directory tests/golden/relocate/reasons.direct"
# shellcheck disable=SC2086
expect_exit 0 "relocate test, members in lower case" zvmc relocate test GOOD sysb --from sysa $R
expect_grep "^User GOOD is eligible for relocation from SYSA to SYSB$" "the members as the cluster spells them"
for args in "test GOOD SYSB --from SYSZ" "test GOOD SYSZ" "matrix --member SYSZ"; do
    # shellcheck disable=SC2086
    zvmc relocate $args --format json $R >"$TMP/json" 2>"$TMP/out"
    got=$?
    [ "$got" -eq 2 ] || fail "relocate $args: exit $got, want 2"
    expect_grep "'SYSZ' is not a member of the cluster \(the members are SYSA SYSB\)" \
        "relocate $args names the members"
    [ ! -s "$TMP/json" ] || fail "relocate $args --format json wrote $(head -c 60 "$TMP/json")"
done
# shellcheck disable=SC2086
zvmc relocate test NOSUCH SYSB --format json $R >"$TMP/json" 2>/dev/null
[ ! -s "$TMP/json" ] || fail "relocate test of no user wrote JSON: $(head -c 60 "$TMP/json")"
# shellcheck disable=SC2086
expect_exit 2 "relocate test --from TO-MEMBER" zvmc relocate test GOOD SYSB --from sysb $R
expect_grep "--from and TO-MEMBER name the same member" "--from TO-MEMBER says so"

# zvmc view: a file that cannot be read is an input error (2), as for zvmc check;
# syntax errors are findings (1).
expect_exit 2 "view of a file that cannot be read" zvmc view --member LTICVM1 "$TMP/no-such.config"
expect_grep "cannot open" "view says which file"
expect_exit 1 "view of a file with syntax errors" zvmc view --member LTICVM1 tests/golden/sysconfig/syntax.config
expect_exit 0 "view" zvmc view --member LTICVM9 examples/ltics1/SYSTEM.CONFIG
expect_grep "^examples/ltics1/SYSTEM.CONFIG:[0-9]+: " "view prints FILE:LINE: and the statement"
finish
