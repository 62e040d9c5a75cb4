# SPDX-License-Identifier: MIT
# Helpers for tests/scripts/*.sh.  Source it: . tests/lib.sh
: "${BUILD:=build}"
: "${ZVMC:=$BUILD/zvmc}"
: "${SHARED:=$(cd .. && pwd)/shared}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/zvmc-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
failures=0

# zvmc ARGS...: run the binary (under valgrind memcheck when ZVMC_VALGRIND=1;
# a memory error makes the call exit 99, which no test expects).
zvmc() {
    if [ "${ZVMC_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect "$ZVMC" "$@"
    else
        "$ZVMC" "$@"
    fi
}

fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { :; }

# expect_exit WANT DESC CMD...: run CMD, compare its exit status
expect_exit() {
    want=$1; desc=$2; shift 2
    "$@" >"$TMP/out" 2>&1
    got=$?
    [ "$got" -eq "$want" ] || { fail "$desc: exit $got, want $want"; sed 's/^/  | /' "$TMP/out" | head -20; }
}

# expect_grep PATTERN DESC: the last expect_exit output must contain PATTERN (ERE)
expect_grep() {
    grep -Eq -- "$1" "$TMP/out" || { fail "$2: output lacks /$1/"; sed 's/^/  | /' "$TMP/out" | head -20; }
}
# expect_no_grep PATTERN DESC
expect_no_grep() {
    if grep -Eq -- "$1" "$TMP/out"; then fail "$2: output has /$1/"; grep -E -- "$1" "$TMP/out" | head -5; fi
}

finish() {
    [ "$failures" -eq 0 ] || { printf '%d failure(s)\n' "$failures"; exit 1; }
    exit 0
}
