#!/bin/sh
# SPDX-License-Identifier: MIT
# The test driver behind `make check`.
#
#   unit tests    $BUILD/tests/NAME       built from tests/unit/NAME.c
#   script tests  tests/scripts/NAME.sh   run with sh
#
# Each runs from the top of the source tree with ZVMC (the zvmc binary), BUILD and
# SHARED (../shared, the real-world corpora) in its environment.  Exit status 0 is a
# pass, 77 a skip, anything else a failure.  With ZVMC_VALGRIND=1 every zvmc call a
# script makes goes through valgrind memcheck (see tests/lib.sh).
#
# The closing line is "N passed, N failed" (", N skipped" when any were skipped).

: "${BUILD:=build}"
: "${ZVMC:=$BUILD/zvmc}"
: "${SHARED:=$(cd .. && pwd)/shared}"
export BUILD ZVMC SHARED
only=${1:-}

passed=0 failed=0 skipped=0 failures=
log_dir=$BUILD/test-logs
mkdir -p "$log_dir"

run_one() { # name, command...
    name=$1; shift
    case $name in *"$only"*) ;; *) return ;; esac
    log=$log_dir/$(echo "$name" | tr '/' '_').log
    "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); printf 'PASS  %s\n' "$name"
    elif [ $rc -eq 77 ]; then
        skipped=$((skipped + 1)); printf 'SKIP  %s\n' "$name"
    else
        failed=$((failed + 1)); failures="$failures $name"
        printf 'FAIL  %s (exit %d)\n' "$name" "$rc"
        sed 's/^/    | /' "$log" | tail -n 40
    fi
}

for t in "$BUILD"/tests/*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    if [ "${ZVMC_VALGRIND:-0}" = 1 ]; then
        run_one "unit/${t##*/}" valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect "$t"
    else
        run_one "unit/${t##*/}" "$t"
    fi
done
for t in tests/scripts/*.sh; do
    [ -f "$t" ] || continue
    run_one "script/${t##*/}" sh "$t"
done

if [ $skipped -gt 0 ]; then
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
else
    printf '%d passed, %d failed\n' "$passed" "$failed"
fi
[ $failed -eq 0 ] || { printf 'failed:%s\n' "$failures"; exit 1; }
[ $passed -gt 0 ] || { echo 'no test ran' >&2; exit 1; }
exit 0
