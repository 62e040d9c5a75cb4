# SPDX-License-Identifier: MIT
# Replay the inputs that once broke the library (found by the fuzzers of fuzz/,
# or written to pin a hostile case), through zvmc as the harnesses call the
# library: every check on, every output format.  Each call must end in
# diagnostics or a clean pass (exit <= 2), never in a crash or, under
# `make check-asan` / check-valgrind, a memory error.
#
#   tests/fuzz-regressions/sysconfig/*   a SYSTEM CONFIG (fuzz_sysconfig.c)
#   tests/fuzz-regressions/directory/*   a directory, or SYSTEM CONFIG "%%" directory
#                                        (fuzz_directory.c; the second form is also
#                                        compiled with --force and dumped)
#   tests/fuzz-regressions/imbed/*       "%%NAME" sections: files that IMBED each other
#                                        (fuzz_imbed.c)
#   tests/fuzz-regressions/convert/*     an options line and %%c/%%d/%%e sections
#                                        (fuzz_convert.c)
#   tests/fuzz-regressions/placement/*   a placement for the planner's cluster
#                                        (fuzz_placement.c)
. tests/lib.sh
n=0

# -W for every check, so that the ones off by default run too.
all_checks=$(zvmc check --list-checks | awk '{ printf " -W%s", $1 }')
[ -n "$all_checks" ] || fail "zvmc check --list-checks lists nothing"

# check FILE ARGS...: zvmc check in every format; exit 0, 1 or 2 only.
check() {
    f=$1; shift
    for fmt in text json sarif cpsyntax; do
        # shellcheck disable=SC2086 # $all_checks is a list of options
        zvmc check $all_checks --max-errors 0 --format "$fmt" "$@" >"$TMP/out" 2>&1
        rc=$?
        [ $rc -le 2 ] || { fail "$f ($fmt): exit $rc"; tail -n 20 "$TMP/out"; }
    done
}

# split FILE: the SYSTEM CONFIG before the first line "%%" (not the first
# line, as fuzz_common.h reads it) to $TMP/part.config, the directory after it
# to $TMP/part.direct.  False when there is no such line.
split() {
    awk -v c="$TMP/part.config" -v d="$TMP/part.direct" '
        !seen && NR > 1 && $0 == "%%" { seen = 1; next }
        { print > (seen ? d : c) }
        END { if (!seen) exit 1 }' "$1" && touch "$TMP/part.config" "$TMP/part.direct"
}

for f in tests/fuzz-regressions/sysconfig/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    check "$f" --config "$f"
done

for f in tests/fuzz-regressions/directory/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    rm -f "$TMP/part.config" "$TMP/part.direct"
    if split "$f"; then
        check "$f" --config "$TMP/part.config" --directory "$TMP/part.direct"
        # compiled as the harness compiles it (errors or not), then read back
        rm -f "$TMP/part.odir"
        zvmc compile --force --config "$TMP/part.config" --directory "$TMP/part.direct" \
            -o "$TMP/part.odir" >"$TMP/out" 2>&1
        rc=$?
        [ $rc -le 2 ] || { fail "$f (compile): exit $rc"; tail -n 20 "$TMP/out"; }
        if [ -f "$TMP/part.odir" ]; then
            zvmc dump "$TMP/part.odir" >"$TMP/out" 2>&1 || { fail "$f (dump): exit $?"; tail -n 20 "$TMP/out"; }
        fi
        zvmc relocate matrix --config "$TMP/part.config" --directory "$TMP/part.direct" \
            >"$TMP/out" 2>&1
    else
        check "$f" --directory "$f"
        zvmc relocate matrix --directory "$f" >"$TMP/out" 2>&1
    fi
    rc=$?
    [ $rc -le 2 ] || { fail "$f (relocate matrix): exit $rc"; tail -n 20 "$TMP/out"; }
    # the disk map of the directory part, as the harness writes it
    if [ -f "$TMP/part.direct" ]; then d="$TMP/part.direct"; else d=$f; fi
    for fmt in text json; do
        zvmc diskmap --format "$fmt" --directory "$d" >"$TMP/out" 2>&1
        rc=$?
        [ $rc -le 2 ] || { fail "$f (diskmap $fmt): exit $rc"; tail -n 20 "$TMP/out"; }
    done
done

# An input of fuzz_imbed.c: its "%%NAME" sections written as files, as the
# harness names them, and the first one checked (it IMBEDs the others).
for f in tests/fuzz-regressions/imbed/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    rm -rf "$TMP/imbed" && mkdir -p "$TMP/imbed"
    root=$(awk -v dir="$TMP/imbed" '
        /^%%/ { if (k == 8) exit; name = substr($0, 3, 40); gsub(/[^A-Za-z0-9.$#@+_-]/, "_", name)
                if (name == "" || name == "." || name == "..") name = "F" k
                k++; out = dir "/" name; printf "" > out; if (k == 1) print out; next }
        k { print >> out }' "$f")
    [ -n "$root" ] || continue
    check "$f" --config "$root"
done

# An input of fuzz_convert.c as zvmc convert options and files.
for f in tests/fuzz-regressions/convert/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    rm -f "$TMP"/sec.*
    awk -v dir="$TMP" '
        NR == 1 { next }
        /^%%[cde]$/ { k = substr($0, 3, 1); out = dir "/sec." (++n) "." k; printf "" > out; next }
        /^%%/ { out = ""; next }
        out != "" { print >> out }' "$f"
    set -- --stdout
    for w in $(head -n 1 "$f"); do
        case $w in
        cluster=*) set -- "$@" --cluster "${w#*=}" ;;
        members=*) set -- "$@" --members "${w#*=}" ;;
        pdr=*) set -- "$@" --pdr-volume "${w#*=}" ;;
        res=*) set -- "$@" --res-volumes "${w#*=}" ;;
        level=*) set -- "$@" --zvm-level "${w#*=}" ;;
        esac
    done
    for s in "$TMP"/sec.*; do
        [ -f "$s" ] || continue
        case $s in
        *.c) set -- "$@" --config "$s" ;;
        *.d) set -- "$@" --directory "$s" ;;
        *.e) set -- "$@" --eqid-config "$s" ;;
        esac
    done
    zvmc convert "$@" >"$TMP/out" 2>&1
    rc=$?
    [ $rc -le 2 ] || { fail "$f (convert): exit $rc"; tail -n 20 "$TMP/out"; }
done

# A placement, against the planner's cluster, emptying each member in turn.
placements=$(ls tests/fuzz-regressions/placement/* 2>/dev/null)
if [ -n "$placements" ]; then
    writer=$BUILD/tests/plan_fixture_write
    if [ -x "$writer" ] && "$writer" "$TMP/plan.zvmo"; then
        for f in $placements; do
            n=$((n + 1))
            for m in LTICVM2 LTICVM9 LTICVM5 LTICVM4; do
                for fmt in text json rexx; do
                    zvmc plan evacuate "$m" --objdir "$TMP/plan.zvmo" --placement "$f" \
                        --format "$fmt" >"$TMP/out" 2>&1
                    rc=$?
                    [ $rc -le 2 ] || { fail "$f (plan $m $fmt): exit $rc"; tail -n 20 "$TMP/out"; }
                done
            done
        done
    else
        fail "no $writer to write the planner's cluster"
    fi
fi

[ $n -gt 0 ] || fail "no regression inputs found"
echo "$n inputs replayed"
finish
