# SPDX-License-Identifier: MIT
# The EXEC of `zvmc plan evacuate --format rexx`, run by Regina REXX against a
# fake CP that logs each command: every step runs VMRELOCATE TEST then
# VMRELOCATE MOVE in plan order, and the first nonzero return code stops the
# EXEC with that code.  Skipped without regina.
. tests/lib.sh
command -v regina >/dev/null 2>&1 || { echo "regina is not installed"; exit 77; }
writer=$BUILD/tests/plan_fixture_write
[ -x "$writer" ] || { echo "no $writer"; exit 77; }
"$writer" "$TMP/c.zvmo" || { fail "plan_fixture_write"; finish; }
mkdir -p "$TMP/bin"
cat >"$TMP/bin/CP" <<'CP'
#!/bin/sh
echo "CP $*" >>"$CPLOG"
case " $* " in *" $CPFAIL "*) exit 8 ;; esac
exit 0
CP
chmod +x "$TMP/bin/CP"
zvmc plan evacuate LTICVM2 --objdir "$TMP/c.zvmo" --placement tests/golden/plan/service.placement \
    --capacity LTICVM9=8G --capacity LTICVM5=6G --capacity LTICVM4=6G --format rexx \
    >"$TMP/evac.rexx" 2>"$TMP/err"
[ $? -eq 1 ] || fail "zvmc plan --format rexx: want exit 1 (LNXPIN blocks the member)"

# run EXPECTED-EXIT FAILING-USER: run the EXEC, compare its exit status
run() {
    : >"$TMP/cp.log"
    (cd "$TMP" && CPLOG="$TMP/cp.log" CPFAIL=$2 PATH="$TMP/bin:$PATH" regina "$TMP/evac.rexx") \
        >"$TMP/out" 2>&1
    rc=$?
    [ "$rc" -eq "$1" ] || { fail "EXEC with $2 failing: exit $rc, want $1"; cat "$TMP/out"; }
}

run 0 nobody
cat >"$TMP/want" <<'LOG'
CP VMRELOCATE TEST LNXTEST LTICVM9
CP VMRELOCATE MOVE LNXTEST LTICVM9 MAXTOTAL 216 MAXQUIESCE 10
CP VMRELOCATE TEST LITSWAS1 LTICVM9
CP VMRELOCATE MOVE LITSWAS1 LTICVM9 MAXTOTAL 164 MAXQUIESCE 10
CP VMRELOCATE TEST LINUX01 LTICVM5
CP VMRELOCATE MOVE LINUX01 LTICVM5 MAXTOTAL 420 MAXQUIESCE 10
CP VMRELOCATE TEST LINUX02 LTICVM4
CP VMRELOCATE MOVE LINUX02 LTICVM4 MAXTOTAL 216 MAXQUIESCE 10
CP VMRELOCATE TEST LINUX03 LTICVM9
CP VMRELOCATE MOVE LINUX03 LTICVM9 MAXTOTAL 114 MAXQUIESCE 10
LOG
cmp -s "$TMP/want" "$TMP/cp.log" || { fail "the EXEC's CP commands"; diff "$TMP/want" "$TMP/cp.log"; }
grep -q '^Done: 5 relocations\.$' "$TMP/out" || { fail "no 'Done:' line"; cat "$TMP/out"; }

run 8 LINUX01
head -n 5 "$TMP/want" | cmp -s - "$TMP/cp.log" ||
    { fail "the EXEC did not stop at LINUX01's TEST"; cat "$TMP/cp.log"; }
grep -q '^Stopped at step 3 of 5' "$TMP/out" || { fail "no 'Stopped at step 3'"; cat "$TMP/out"; }
finish
