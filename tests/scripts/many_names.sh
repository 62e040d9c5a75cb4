# SPDX-License-Identifier: MIT
# SYSTEM CONFIG statements and directory entries that name thousands of
# members, systems, list entries, patterns or BUILDs (hostile, or generated) are
# read, checked and converted in linear room: each list grows by doubling, each
# lookup is a hash, and the cluster model takes at most 256 members (an `input`
# error says so).  Before, each SLOT, system or XSPOOL_XLIST name copied its
# list: 20,000 of them took 4.7 to 15.6 GB and 10 to 30 seconds; an IDENTITY of
# 100,000 BUILDs took 29 s.  The runs below are limited to 1 GiB of
# address space (not under AddressSanitizer or valgrind, which need more).
. tests/lib.sh

N=20000
awk -v n=$N 'BEGIN { print "SSI BIG PDR_VOLUME PDR001,";
    for (i = 1; i <= n; i++) printf "    SLOT %d S%05d%s\n", i, i, i < n ? "," : "" }' > "$TMP/slots.config"
awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++) printf "System_Identifier LPAR L%05d S%05d\n", i, i }' \
    > "$TMP/sysid.config"
awk -v n=$N 'BEGIN {
    print "System_Identifier LPAR LA SYSA"; print "System_Identifier LPAR LB SYSB";
    print "XSPOOL_SYSTEM SLOT 1 SYSA"; print "XSPOOL_SYSTEM SLOT 2 SYSB";
    printf "XSPOOL_XLIST_INPUT";
    for (i = 0; i < n; i++) printf "%s U%05d", i ? ",\n   " : "", i; print "";
    printf "User_Volume_Include";
    for (i = 0; i < n; i++) printf "%s V%05d*", i ? ",\n   " : "", i; print "" }' > "$TMP/xlist.config"
awk 'BEGIN { print "DIRECTORY 123 3390 VMRES 2097-SYSA SYSA"; print "DIRECTORY 123 3390 VMRES 2097-SYSB SYSB";
    for (i = 0; i < 2000; i++) printf "USER U%05d X 1M 1M G\n MDISK 0191 3390 %d 10 VOL001 MR\n", i, 1 + 10 * i }' \
    > "$TMP/xlist.direct"
printf 'USER A X 1M 1M G\n MDISK 0191 3390 1 10 VOL001 MR\n' > "$TMP/one.direct"

limited() {
    case "$BUILD" in *asan*) zvmc "$@"; return $? ;; esac
    [ "${ZVMC_VALGRIND:-0}" = 1 ] && { zvmc "$@"; return $?; }
    (ulimit -v 1048576 2>/dev/null; zvmc "$@")
}

expect_exit 1 "an SSI statement of $N SLOTs" limited check "$TMP/slots.config" "$TMP/one.direct"
expect_grep "S00257 would be member 257 of the cluster: zvmc models at most 256 members" "SLOT 257"
expect_grep "the SSI statement names $N members, but z/VM" "member count"
expect_no_grep "out of memory" "$N SLOTs"

expect_exit 1 "$N System_Identifier statements" limited check "$TMP/sysid.config" "$TMP/one.direct"
expect_grep "S00257 would be member 257 of the cluster" "System_Identifier 257"
expect_no_grep "out of memory" "$N System_Identifiers"

expect_exit 0 "a CSE cluster with an XSPOOL_XLIST and User_Volume_Include of $N names" \
    limited convert --config "$TMP/xlist.config" --directory "$TMP/xlist.direct" --cluster NEWSSI \
    --members SYSA,SYSB --out-dir "$TMP/ssi" --report "$TMP/report"
[ -s "$TMP/ssi/USER.DIRECT.ssi" ] || fail "convert of the long lists wrote no USER.DIRECT.ssi"
expect_exit 0 "the same, checked" limited check "$TMP/xlist.config" "$TMP/xlist.direct"
expect_no_grep "out of memory" "long lists"

# An IDENTITY with a BUILD for each of N members, the first one again at the end.
awk -v n=$N 'BEGIN { print "DIRECTORY SSI 123 3390 RES1 RES2"; print "IDENTITY BIG X 1M 1M G";
    for (i = 1; i <= n; i++) printf " BUILD ON S%05d USING SUBCONFIG B%05d\n", i, i;
    print " BUILD ON S00001 USING SUBCONFIG B00001" }' > "$TMP/builds.direct"
expect_exit 1 "an IDENTITY of $N BUILDs" limited check --max-errors 0 "$TMP/builds.direct"
expect_grep "S00257 would be member 257 of the cluster" "BUILD 257"
expect_grep "IDENTITY BIG has a second BUILD ON S00001" "the repeated BUILD"
expect_no_grep "second BUILD ON S0000[2-9]" "no other BUILD repeats"
finish
