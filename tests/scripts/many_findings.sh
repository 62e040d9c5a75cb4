# SPDX-License-Identifier: MIT
# Thousands of findings, each of which looks for what the user meant (a
# look-alike EQID or system, the nearest SUBCONFIG): every finding is reported,
# the suggestions are the right ones, and the searches are bounded.  Before,
# each search compared the name with every candidate: 8,000 one-sided EQIDs
# took 10.8 s, 8,000 unknown qualifiers beside 8,000 systems 16.8 s, 4,000
# BUILDs naming missing SUBCONFIGs beside 4,000 unused ones 7.2 s (time is
# measured by `make bench`'s hostile rows, bench/hostile.sh, not here).
. tests/lib.sh

N=3000

# One-sided EQIDs: SYSA's and SYSB's FCP devices have different EQIDs, and one
# of SYSB's is SYSA's with a letter O for the digit 0.
awk -v n=$N 'BEGIN { print "SSI EQSSI PDR_VOLUME SSICOM, SLOT 1 SYSA, SLOT 2 SYSB";
    for (i = 0; i < n; i++) printf "SYSA: RDEV %04X EQID A%05d TYPE FCP\n", 16384 + i, i;
    for (i = 0; i < n; i++) printf "SYSB: RDEV %04X EQID B%05d TYPE FCP\n", 16384 + i, i;
    print "SYSA: RDEV 7000 EQID F0X00 TYPE FCP"; print "SYSB: RDEV 7000 EQID FOX00 TYPE FCP" }' \
    > "$TMP/eqid.config"
expect_exit 1 "$((2 * N)) one-sided EQIDs" zvmc check "$TMP/eqid.config"
[ "$(grep -c 'warning: EQID .* is defined for SYS[AB] only' "$TMP/out")" -eq $((2 * N + 2)) ] ||
    fail "one-sided EQIDs: not every one reported"
expect_grep "note: SYSB defines FOX00, which differs only in look-alike characters" "FOX00 for F0X00"
[ "$(grep -c 'look-alike' "$TMP/out")" -eq 2 ] || fail "one-sided EQIDs: a look-alike note too many"

# Unknown qualifiers, one of which is a system's name with a 5 for its S (the
# input error is the 256-member limit of the model).
awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) printf "System_Identifier LPAR L%05d S%05d\n", i, i;
    for (i = 0; i < n; i++) printf "Q%05d: CP_Owned Slot 10 VOL001\n", i;
    print "500042: CP_Owned Slot 11 VOL002" }' > "$TMP/qual.config"
expect_exit 1 "$N unknown qualifiers beside $N systems" zvmc check "$TMP/qual.config"
[ "$(grep -c 'warning: qualifier .* names no system' "$TMP/out")" -eq $((N + 1)) ] ||
    fail "unknown qualifiers: not every one reported"
expect_grep "note: did you mean S00042\?" "500042 for S00042"
[ "$(grep -c 'did you mean' "$TMP/out")" -eq 1 ] || fail "unknown qualifiers: a suggestion too many"

# BUILDs that name missing SUBCONFIGs (Qnnnnn-1) beside as many unused ones
# (Znnnnn-1): each is reported; the suggestions, while the run's budget for
# them lasts (SUGGEST_BUDGET comparisons), name the right SUBCONFIG.
awk -v n=$N 'BEGIN { print "DIRECTORY SSI 123 3390 VM1RES VM2RES";
    for (i = 1; i <= n; i++) printf "IDENTITY I%05d X 1G 2G G\n BUILD ON SYSA USING SUBCONFIG Q%05d-1\n", i, i;
    for (i = 1; i <= n; i++) printf "SUBCONFIG Z%05d-1\n MDISK 0191 3390 %d 1 VM1RES MR\n", i, i }' \
    > "$TMP/build.direct"
expect_exit 0 "$N BUILDs naming missing SUBCONFIGs" zvmc check "$TMP/build.direct"
[ "$(grep -c 'warning: no SUBCONFIG Q[0-9]*-1 is defined' "$TMP/out")" -eq $N ] ||
    fail "missing SUBCONFIGs: not every one reported"
expect_grep "note: did you mean Z00001-1\?" "the first suggestion"
awk '/warning: no SUBCONFIG Q/ { sub(/.*SUBCONFIG Q/, ""); want = "Z" substr($0, 1, 7) }
     /note: did you mean/ { n++; if (index($0, "did you mean " want "?") == 0) bad++ }
     END { exit !(n > 0 && n < '$N' && bad == 0) }' "$TMP/out" ||
    fail "missing SUBCONFIGs: a wrong suggestion, or none, or no end to them"
finish
