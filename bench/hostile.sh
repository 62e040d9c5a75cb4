#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/hostile.sh: inputs shaped to find work that grows faster than the input
# (docs/benchmarks.md, "Hostile inputs").  Each pattern is generated at N and at
# 4N and checked; a linear program takes about 4 times as long on the second.
# A ratio above HOSTILE_LIMIT (default 8: linear work gives about 4, a sort 4.5 to 5, a
# busy machine a little more, quadratic work 16) is reported SUPERLINEAR and makes the
# script exit 1.  Times are CPU seconds (user + system), the median of
# HOSTILE_RUNS runs (default 3), which a busy machine disturbs less than the
# wall clock.  Run by `make bench` after bench/run.sh, or alone:
#   BUILD=build sh bench/hostile.sh
set -u
: "${BUILD:=build}"
: "${CC:=cc}"
: "${ZVMC:=$BUILD/zvmc}"
: "${HOSTILE_RUNS:=3}"
: "${HOSTILE_LIMIT:=8}"
: "${HOSTILE_RESULTS:=$BUILD/bench/hostile.json}"
: "${HOSTILE_ONLY:=}"     # pattern names to run (blank-separated); empty: all of them

cd "$(dirname "$0")/.." || exit 1
B=$BUILD/bench
D=$B/hostile
mkdir -p "$D" || exit 1
[ -x "$B/measure" ] || $CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$B/measure" bench/measure.c ||
    { echo "hostile: cannot build measure" >&2; exit 1; }
[ -x "$ZVMC" ] || { echo "hostile: no $ZVMC" >&2; exit 1; }
raw=$D/raw.jsonl
: >"$raw"
: >"$HOSTILE_RESULTS.tmp"
status=0

# ---- the patterns: gen_NAME N DIR writes DIR's input files; args_NAME DIR the zvmc arguments

# EQIDs that one member defines and the other lacks (eqid-one-sided looks for a look-alike each)
gen_eqid_one_sided() {
    awk -v n="$1" 'BEGIN { print "SSI EQSSI PDR_VOLUME SSICOM, SLOT 1 SYSA, SLOT 2 SYSB";
        for (i = 0; i < n; i++) printf "SYSA: RDEV %04X EQID A%06d TYPE FCP\n", i % 65536, i;
        for (i = 0; i < n; i++) printf "SYSB: RDEV %04X EQID B%06d TYPE FCP\n", i % 65536, i }' >"$2/c"
}
args_eqid_one_sided() { echo "check --config $1/c"; }

# qualifiers that name no system, beside as many System_Identifier systems ("did you mean")
gen_unknown_qualifiers() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "System_Identifier LPAR L%06d S%06d\n", i, i;
        for (i = 0; i < n; i++) printf "Q%06d: CP_Owned Slot 10 VOL001\n", i }' >"$2/c"
}
# (the same file names 256 systems: the per-member passes look at each member's view)
args_unknown_qualifiers() { echo "check --config $1/c"; }

# BUILDs naming missing SUBCONFIGs, beside as many unused ones ("did you mean")
gen_missing_subconfigs() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 123 3390 VM1RES VM2RES";
        for (i = 1; i <= n; i++) printf "IDENTITY I%06d X 1G 2G G\n BUILD ON SYSA USING SUBCONFIG Q%06d\n", i, i;
        for (i = 1; i <= n; i++) printf "SUBCONFIG Z%06d\n MDISK 0191 3390 %d 1 VM1RES MR\n", i, i }' >"$2/d"
}
args_missing_subconfigs() { echo "check --directory $1/d"; }

# BUILDs naming missing 3-character SUBCONFIGs beside unused 8-character ones
# ("did you mean": candidates out of reach by their length alone)
gen_subconfig_lengths() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 123 3390 VM1RES VM2RES"; s = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#$";
        for (i = 0; i < n; i++)
            printf "IDENTITY I%06d X 1G 2G G\n BUILD ON SYSA USING SUBCONFIG %s%s%s\n", i,
                substr(s, int(i / 1521) % 39 + 1, 1), substr(s, int(i / 39) % 39 + 1, 1), substr(s, i % 39 + 1, 1);
        for (i = 0; i < n; i++) printf "SUBCONFIG Z%07d\n MDISK 0191 3390 %d 1 VM1RES MR\n", i, i + 1 }' >"$2/d"
}
args_subconfig_lengths() { echo "check --directory $1/d"; }

# LINKs to users the directory does not define, each a different one ("did you mean")
gen_dangling_links() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY 123 3390 VMRES";
        for (i = 1; i <= n; i++) printf "USER U%06d X 1G 2G G\n LINK X%06d 0191 0191 RR\n", i, i }' >"$2/d"
}
args_dangling_links() { echo "check --max-errors 0 --directory $1/d"; }

# ACTIVATE ISLINK statements between 8 members (the mesh check compares member pairs)
gen_islinks() {
    awk -v n="$1" 'BEGIN { printf "SSI ISL PDR_VOLUME SSICOM";
        for (m = 1; m <= 8; m++) printf ", SLOT %d M%d", m, m; print "";
        for (i = 0; i < n; i++) printf "M%d: ACTIVATE ISLINK %04X NODE M%d\n", i % 8 + 1, i % 65536, (i + 1) % 8 + 1 }' >"$2/c"
}
args_islinks() { echo "check --config $1/c"; }

# one SSI statement of N SLOTs (the model keeps 256 members)
gen_slots() {
    awk -v n="$1" 'BEGIN { print "SSI BIG PDR_VOLUME PDR001,";
        for (i = 1; i <= n; i++) printf "    SLOT %d S%06d%s\n", i, i, i < n ? "," : "" }' >"$2/c"
}
args_slots() { echo "check --config $1/c"; }

# one IDENTITY with a BUILD for each of N members
gen_builds() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 123 3390 RES1 RES2"; print "IDENTITY BIG X 1M 1M G";
        for (i = 1; i <= n; i++) printf " BUILD ON S%06d USING SUBCONFIG B%06d\n", i, i }' >"$2/d"
}
args_builds() { echo "check --max-errors 0 --directory $1/d"; }

# one user whose statements alternate SYSAFFIN SYSA / SYSAFFIN SYSB, each followed by a
# minidisk: N segments per member view (the overlap check asks which views hold each)
gen_sysaffin_segments() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 VMARES 11AAAA-2094 SYSA";
        print "DIRECTORY 0123 3390 VMBRES 12AAAA-2094 SYSB"; print "USER GUEST X 128M 1G G";
        for (i = 0; i < n; i++) printf "SYSAFFIN %s\n MDISK %04X 3390 %d 1 V%05d MR\n",
            i % 2 ? "SYSB" : "SYSA", int(i / 2) % 65536, i % 1000 + 1, int(i / 1000) }' >"$2/d"
}
args_sysaffin_segments() { echo "check --directory $1/d"; }

# N users, each with a full-pack minidisk and an ordinary one on the same volume (a note each)
gen_fullpack() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 VMARES";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1G G\n MDISK 0190 3390 0 END VOL001 RR\n" \
            " MDISK 0191 3390 %d 10 VOL001 MR\n", i, i * 10 + 1 }' >"$2/d"
}
args_fullpack() { echo "check --directory $1/d"; }

# N CSE DIRECTORY statements, one per system
gen_cse_directories() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "DIRECTORY 0123 3390 V%06d 11AAAA-2094 S%06d\n", i, i;
        print "USER MAINT X 128M 1G G" }' >"$2/d"
}
args_cse_directories() { echo "check --directory $1/d"; }

# an owner of N minidisks and a user that links each of them, compiled for two members
gen_linked_minidisks() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "SSI TWO PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB" }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES"; print "USER OWNER X 128M 1G G";
        for (i = 0; i < n; i++) printf " MDISK %04X 3390 %d 1 V%05d MR\n", i % 65536, i % 1000 + 1, int(i / 1000);
        print "USER LINKER X 128M 1G G";
        for (i = 0; i < n; i++) printf " LINK OWNER %04X %04X RR\n", i % 65536, i % 65536 }' >"$2/d"
}
args_linked_minidisks() { echo "compile --force --config $1/c --directory $1/d -o $1/out.zvmo"; }

# N guests, each dedicating a device whose EQID the other member lacks (a message per guest)
gen_missing_eqids() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "SSI TWO PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB";
        for (i = 0; i < n; i++) printf "SYSA: RDEV %04X EQID E%06d TYPE OSA\nSYSB: RDEV %04X EQID F%06d TYPE OSA\n",
            i % 65536, i, i % 65536, i }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1G G\n DEDICATE 0600 %04X\n", i, i % 65536 }' >"$2/d"
}
args_missing_eqids() { echo "compile --force -Wno-eqid-one-sided --config $1/c --directory $1/d -o $1/out.zvmo"; }

# a PROFILE cut into N segments by SYSAFFIN, included by two users, compiled
gen_profile_segments() {
    awk 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "SSI TWO PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB" }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES"; print "PROFILE P";
        for (i = 0; i < n; i++) printf "SYSAFFIN %s\n IUCV ANY\n", i % 2 ? "SYSB" : "SYSA";
        print "USER U1 X 128M 1G G"; print " INCLUDE P"; print "USER U2 X 128M 1G G"; print " INCLUDE P" }' >"$2/d"
}
args_profile_segments() { echo "compile --force --config $1/c --directory $1/d -o $1/out.zvmo"; }

# N distinct VSWITCHes in one member (compile: each member's list gives a name once)
gen_vswitches() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPARA SYSA";
        for (i = 0; i < n; i++) printf "DEFINE VSWITCH V%06d RDEV %04X\n", i, i % 65536 }' >"$2/c"
    printf 'DIRECTORY 0123 3390 VMARES\nUSER U1 X 128M 1000M G\n' >"$2/d"
}
args_vswitches() { echo "compile --config $1/c --directory $1/d -o $1/o"; }

# DEFINE VSWITCHes of distinct names on two members (vswitch-attributes compares
# each name's definitions member by member)
gen_vswitch_members() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPARA SYSA"; print "System_Identifier LPAR LPARB SYSB";
        for (i = 0; i < n; i++) printf "DEFINE VSWITCH V%06d RDEV %04X ETHERNET\n", i, i % 65536 }' >"$2/c"
}
args_vswitch_members() { echo "check --config $1/c"; }

# guests dedicating devices whose EQID the two members give different TYPEs
# (compile: the relocation rule asks which members have the EQID of that TYPE)
gen_eqid_types() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "SSI TWO PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB";
        for (i = 0; i < n && i < 65536; i++)
            printf "SYSA: RDEV %04X EQID E%06d TYPE OSA\nSYSB: RDEV %04X EQID E%06d TYPE FCP\n", i, i, i, i }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1G G\n DEDICATE 0600 %04X\n", i, i % 65536 }' >"$2/d"
}
args_eqid_types() { echo "compile --force -Wno-eqid-type-conflict --config $1/c --directory $1/d -o $1/o.zvmo"; }

# one guest dedicating N devices that no member gives an EQID, planned off its
# member (the text plan groups the guest's reasons by member)
gen_plan_reasons() {
    awk 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "SSI TWO PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB" }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES"; print "USER BIG X 128M 1G G";
        for (i = 0; i < n; i++) printf " DEDICATE %04X %04X\n", i % 65536, i % 65536 }' >"$2/d"
    "$ZVMC" compile --force --config "$2/c" --directory "$2/d" -o "$2/o.zvmo" >/dev/null 2>&1
    echo "BIG SYSA" >"$2/p"
}
args_plan_reasons() { echo "plan evacuate SYSA --objdir $1/o.zvmo --placement $1/p"; }

# a PROFILE of N NICDEFs (3 devices apart, so at most 21,845) that 4 users include
# (compile: a view's NICs, merged by address)
gen_nicdefs() {
    echo "System_Identifier LPAR LPARA SYSA" >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY 123 3390 VMRES"; print "PROFILE NICS";
        for (i = 0; i < n; i++) printf "  NICDEF %04X TYPE QDIO LAN SYSTEM VSW1\n", 3 * i;
        for (u = 0; u < 4; u++) printf "USER U%06d X 128M 1000M G\n  INCLUDE NICS\n", u }' >"$2/d"
}
args_nicdefs() { echo "compile --config $1/c --directory $1/d -o $1/o"; }

# N IMBEDs, each of its own one-line file in the directory of the SYSTEM CONFIG
# (IMBED finds fn ft in any case there)
gen_imbeds() {
    awk -v n="$1" -v d="$2" 'BEGIN { print "System_Identifier LPAR LPARA SYSA" >(d "/c");
        for (i = 0; i < n; i++) { printf "IMBED F%06d CONFIG\n", i >(d "/c");
            f = sprintf("%s/F%06d.CONFIG", d, i); print "/* empty */" >f; close(f) } }'
}
args_imbeds() { echo "check --config $1/c"; }

# USER entries, each under a `zvmc: disable=` marker that does not silence its finding
# (the markers are bound per statement and looked up per finding)
gen_dir_suppressions() {
    awk -v n="$1" 'BEGIN { print "DIRECTORY 123 3390 VMRES";
        for (i = 1; i <= n; i++) printf "* zvmc: disable=dir-storage\nUSER U%06d X 1G 2G G9\n", i }' >"$2/d"
}
args_dir_suppressions() { echo "check --directory $1/d"; }

# N identical findings (one fingerprint) against the baseline that records them,
# written here by the zvmc under test
gen_baseline_repeats() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPARA SYSA"; print "System_Identifier LPAR LPARB SYSB";
        print "SSI TESTPLEX PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB";
        for (i = 0; i < n; i++) print "XLINK_Volume_Include VMP*" }' >"$2/c"
    "$ZVMC" check --config "$2/c" --write-baseline "$2/b" >/dev/null 2>&1
}
args_baseline_repeats() { echo "check --config $1/c --baseline $1/b"; }

# User_Volume_Include patterns that match nothing, beside minidisks each on its own volume
# (every volume was matched against every pattern)
gen_volume_patterns() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LP1 SYSA";
        for (i = 0; i < n; i++) printf "User_Volume_Include *X%06d\n", i }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 VMARES";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1000M G\n MDISK 0191 3390 1 10 V%05d MR\n", i, i % 100000 }' >"$2/d"
}
args_volume_patterns() { echo "compile --config $1/c --directory $1/d -o $1/o.zvmo"; }

# long User_Volume_List labels of A's against patterns of many stars that almost match
# (the glob backtracked at every star: exponential in the stars)
gen_glob_stars() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LP1 SYSA";
        print "User_Volume_Include *A*A*A*A*A*A*A*A*A*A*B A*A*A*A*A*A*A*A*A*A*B% %*A*A*A*A*A*A*A*A*A*A*B*%";
        for (i = 0; i < n; i++) printf "User_Volume_List AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%06d\n", i }' >"$2/c"
    printf 'DIRECTORY 0123 3390 VMARES\nUSER U1 X 128M 1000M G\n MDISK 0191 3390 1 10 VOL001 MR\n' >"$2/d"
}
args_glob_stars() { echo "compile --config $1/c --directory $1/d -o $1/o.zvmo"; }

# Relocation_Domains beside as many users naming the first (each looked up by a scan)
gen_domains() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPARA SYSA"; print "System_Identifier LPAR LPARB SYSB";
        print "SSI TESTPLEX PDR_VOLUME COMVOL, SLOT 1 SYSA, SLOT 2 SYSB";
        print "SYSA: System_Residence Checkpoint Volid ARES From CYL 21 For 9 , Warmstart Volid ARES From CYL 30 For 9";
        print "SYSB: System_Residence Checkpoint Volid BRES From CYL 21 For 9 , Warmstart Volid BRES From CYL 30 For 9";
        print "CP_Owned Slot 5 COMVOL"; print "SYSA: ACTIVATE ISLINK 4A00 NODE SYSB"; print "SYSB: ACTIVATE ISLINK 4B00 NODE SYSA";
        for (i = 0; i < n; i++) printf "Relocation_Domain D%06d MEMBERS SYSA SYSB\n", i }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY SSI 0123 3390 ARES BRES";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1000M G\n COMMAND SET VMRELOCATE * DOMAIN D000000\n", i }' >"$2/d"
}
args_domains() { echo "compile --config $1/c --directory $1/d -o $1/o.zvmo"; }

# zvmc convert (CSE cluster -> SSI): carried statements placed in the output (convert_splice.c)
gen_convert_carried() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XLINK_System_Include Slot 1 SYSA"; print "XLINK_System_Include Slot 2 SYSB";
        for (i = 0; i < n; i++) printf "FEATURES ENABLE X%06d\n", i }' >"$2/c"
}
args_convert_carried() { echo "convert --config $1/c --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# convert: statements each after a two-record comment, carried and removed (convert_config.c)
gen_convert_comments() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XLINK_System_Include Slot 1 SYSA"; print "XLINK_System_Include Slot 2 SYSB";
        for (i = 0; i < n; i++) printf "/* device %d\n   of the plex */\nFEATURES ENABLE X%06d\n/* volume %d\n   protected */\nXLINK_Volume_Include V%05d*\n", i, i, i, i % 100000 }' >"$2/c"
}
args_convert_comments() { echo "convert --config $1/c --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# convert: CSE systems, then a statement qualified for each left-behind one (convert_systems.c)
gen_convert_systems() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XLINK_System_Include Slot 1 SYSA"; print "XLINK_System_Include Slot 2 SYSB";
        for (i = 0; i < n; i++) printf "XLINK_System_Include Slot %d S%06d\nXSPPOOL_SYSTEM Slot %d S%06d\n", i % 16 + 1, i, i % 16 + 1, i;
        for (i = 0; i < n; i++) printf "S%06d: FEATURES ENABLE X\n", n - 1 - i }' >"$2/c"
}
args_convert_systems() { echo "convert --config $1/c --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# convert: one USER whose two SYSAFFIN sections hold the same statements (merge, convert_entry.c)
gen_convert_merge() {
    awk 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XSPOOL_SYSTEM Slot 1 SYSA"; print "XSPOOL_SYSTEM Slot 2 SYSB" }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 ARES 012345-2964 SYSA"; print "DIRECTORY 0123 3390 BRES 012346-2964 SYSB";
        print "USER BIG X 128M 1G G"; for (m = 0; m < 2; m++) { printf "SYSAFFIN %s\n", m ? "SYSB" : "SYSA";
        for (i = 0; i < n; i++) printf "  MDISK %04X 3390 %d 1 V%05d MR\n", i % 65536, i % 1000 + 1, int(i / 1000) } }' >"$2/d"
}
args_convert_merge() { echo "convert --config $1/c --directory $1/d --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# convert: users with a SYSAFFIN section for a left-behind system (convert_systems.c)
gen_convert_left_entries() {
    awk 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XSPOOL_SYSTEM Slot 1 SYSA"; print "XSPOOL_SYSTEM Slot 2 SYSB"; print "XSPOOL_SYSTEM Slot 3 SYSC" }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 ARES 012345-2964 SYSA"; print "DIRECTORY 0123 3390 BRES 012346-2964 SYSB";
        print "DIRECTORY 0123 3390 CRES 012347-2964 SYSC";
        for (i = 0; i < n; i++) printf "USER U%06d X 128M 1G G\n  MDISK 0191 3390 %d 1 V%05d MR\nSYSAFFIN SYSC\n  MDISK 0192 3390 1 1 C%05d MR\n", i, i % 1000 + 1, int(i / 1000), i % 100000 }' >"$2/d"
}
args_convert_left_entries() { echo "convert --config $1/c --directory $1/d --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# convert: XSPPOOL_XLIST users that become IDENTITYs, sharing their first 6 characters, with
# PROFILEs holding the names of their last 6: every SUBCONFIG name is a variation (convert_entry.c)
gen_convert_subconfig_names() {
    awk -v n="$1" 'BEGIN { print "System_Identifier LPAR LPA SYSA"; print "System_Identifier LPAR LPB SYSB";
        print "XSPOOL_SYSTEM Slot 1 SYSA"; print "XSPOOL_SYSTEM Slot 2 SYSB";
        for (i = 0; i < n; i++) printf "XSPPOOL_XLIST_INPUT AB%06d\n", i }' >"$2/c"
    awk -v n="$1" 'BEGIN { print "DIRECTORY 0123 3390 ARES 012345-2964 SYSA"; print "DIRECTORY 0123 3390 BRES 012346-2964 SYSB";
        for (i = 0; i < n; i++) printf "PROFILE %06d-1\n  IPL CMS\nPROFILE %06d-2\n  IPL CMS\n", i, i;
        for (i = 0; i < n; i++) printf "USER AB%06d X 128M 1G G\n  MDISK 0191 3390 %d 1 V%05d MR\n", i, i % 1000 + 1, int(i / 1000) }' >"$2/d"
}
args_convert_subconfig_names() { echo "convert --config $1/c --directory $1/d --cluster PLEX --members SYSA,SYSB --out-dir $1/o --report $1/rep"; }

# inputs given with --config, each imbedding the one given before it, each with a finding
# (each input found imbedded re-annotated every finding so far; the file list was rebuilt per input)
gen_imbed_inputs() {
    awk -v n="$1" -v d="$2" 'BEGIN { for (i = 0; i < 2 * n; i++) { f = sprintf("%s/F%06d.CONFIG", d, i);
        if (i % 2) printf "IMBED F%06d CONFIG\n", i - 1 >f; printf "CP_Owned Slot X%d VOL\n", i >f; close(f) } }'
}
args_imbed_inputs() { printf 'check --max-errors 0'; for f in "$1"/F*.CONFIG; do printf ' --config %s' "$f"; done; echo; }

# NAME N: the patterns and their base sizes (each base run takes about 0.05-0.3 s)
PATTERNS="eqid_one_sided:8000 unknown_qualifiers:32000 missing_subconfigs:4000 subconfig_lengths:20000 dangling_links:20000
islinks:20000 slots:20000 builds:20000 sysaffin_segments:25000 fullpack:20000 cse_directories:25000
linked_minidisks:16000 missing_eqids:4000 eqid_types:16000 profile_segments:20000 vswitches:40000 vswitch_members:40000 domains:40000
nicdefs:5000 plan_reasons:16000 imbeds:8000 imbed_inputs:2000 dir_suppressions:20000 baseline_repeats:50000 volume_patterns:20000
glob_stars:20000 convert_carried:40000 convert_comments:20000 convert_systems:15000
convert_merge:16000 convert_left_entries:25000 convert_subconfig_names:8000"

cpu_of() { # the median CPU seconds of the last measure line
    tail -n 1 "$raw" | sed -n 's/.*"median_cpu_s":\([^,}]*\).*/\1/p'
}

printf '%-22s %9s %9s %9s %9s %7s\n' pattern N cpu_s 4N cpu_s ratio
for p in $PATTERNS; do
    name=${p%%:*} n=${p#*:}
    case " $HOSTILE_ONLY " in "  " | *" $name "*) ;; *) continue ;; esac
    for k in 1 4; do
        mkdir -p "$D/$name-$k"
        "gen_$name" $((n * k)) "$D/$name-$k"
        # shellcheck disable=SC2046 # the arguments are words without blanks
        "$B/measure" -r "$HOSTILE_RUNS" "$raw" "$name x$k" -- "$ZVMC" $("args_$name" "$D/$name-$k") \
            >/dev/null || { echo "hostile: $name at $((n * k)): the command failed to run" >&2; status=1; }
        eval "t$k=\$(cpu_of)"
    done
    # shellcheck disable=SC2154 # t1 and t4 are set by the eval above
    awk -v name="$name" -v n="$n" -v a="$t1" -v b="$t4" -v limit="$HOSTILE_LIMIT" \
        -v out="$HOSTILE_RESULTS.tmp" 'BEGIN {
        r = a > 0 ? b / a : 0
        bad = r > limit
        printf "%-22s %9d %9.3f %9d %9.3f %6.1fx %s\n", name, n, a, 4 * n, b, r, bad ? "SUPERLINEAR" : ""
        printf "{\"pattern\":\"%s\",\"n\":%d,\"cpu_s\":%s,\"n4\":%d,\"cpu4_s\":%s,\"ratio\":%.2f,\"superlinear\":%s}\n",
            name, n, a, 4 * n, b, r, bad ? "true" : "false" >> out
        exit bad }' || status=1
done
{ echo '['; sed '$!s/$/,/' "$HOSTILE_RESULTS.tmp"; echo ']'; } >"$HOSTILE_RESULTS" && rm -f "$HOSTILE_RESULTS.tmp"
exit $status
