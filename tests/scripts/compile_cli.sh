# SPDX-License-Identifier: MIT
# zvmc compile and zvmc dump from the command line: usage, refusing to write
# when there are errors, the atomic replacement of an object directory, XML
# valid against docs/zvmc.xsd, JSON, and damaged object directories.
. tests/lib.sh
CFG=examples/ltics1/SYSTEM.CONFIG
DIR=examples/ltics1/USER.DIRECT
OBJ=$TMP/od/cluster.zvmo
mkdir -p "$TMP/od"

expect_exit 2 "compile without arguments" zvmc compile
expect_exit 2 "compile without -o" zvmc compile --config "$CFG" --directory "$DIR"
expect_exit 2 "compile without --config" zvmc compile --directory "$DIR" -o "$OBJ"
expect_exit 0 "compile --help" zvmc compile --help
expect_exit 0 "dump --help" zvmc dump --help

expect_exit 0 "compile the example" zvmc compile --config "$CFG" --directory "$DIR" -o "$OBJ"
[ -s "$OBJ" ] || fail "compile wrote no object directory"
cp "$OBJ" "$TMP/good.zvmo"

# A directory with an error: nothing is written, the old object directory stays.
{ cat "$DIR"; printf 'USER BADSTOR NOLOG 12Q 64M G\n'; } >"$TMP/bad.direct"
expect_exit 1 "compile with an error" zvmc compile --config "$CFG" --directory "$TMP/bad.direct" -o "$OBJ"
expect_grep "dir-storage" "the error is printed as zvmc check prints it"
expect_grep "not written" "compile says it wrote nothing"
cmp -s "$OBJ" "$TMP/good.zvmo" || fail "a failed compile changed the old object directory"
[ "$(ls "$TMP/od")" = cluster.zvmo ] || fail "a failed compile left files behind: $(ls "$TMP/od")"
expect_exit 1 "compile --force with an error" \
    zvmc compile --force --config "$CFG" --directory "$TMP/bad.direct" -o "$OBJ"
cmp -s "$OBJ" "$TMP/good.zvmo" && fail "--force did not write the object directory"
zvmc dump "$OBJ" | grep -q '^USER BADSTOR ' || fail "--force lost the user with the error"
[ "$(ls "$TMP/od")" = cluster.zvmo ] || fail "compile --force left files behind: $(ls "$TMP/od")"

# The options compile shares with check (src/cli/check_options.c) act as they do there.
cp "$TMP/good.zvmo" "$OBJ"
expect_exit 1 "compile --format json" \
    zvmc compile --format json --config "$CFG" --directory "$TMP/bad.direct" -o "$OBJ"
expect_grep '"check": *"dir-storage"' "--format json gives the findings as JSON"
expect_exit 1 "compile --format cpsyntax" \
    zvmc compile --format cpsyntax --config "$CFG" --directory "$TMP/bad.direct" -o "$OBJ"
expect_no_grep '"check"' "--format cpsyntax is not JSON"
{ cat "$DIR"; for i in 1 2 3 4; do printf 'USER BAD%s NOLOG 12Q 64M G\n' "$i"; done; } \
    >"$TMP/bad4.direct"
expect_exit 1 "compile --max-errors 2" \
    zvmc compile --max-errors 2 --config "$CFG" --directory "$TMP/bad4.direct" -o "$OBJ"
expect_grep "the limit is 2" "--max-errors 2 stops at two errors"
WCFG=tests/golden/sysconfig/ltics1-mended.config     # its EQIDs draw warnings
expect_exit 0 "compile with warnings" zvmc compile --config "$WCFG" --directory "$DIR" -o "$OBJ"
expect_grep "warning: EQID" "the warnings are printed"
cp "$TMP/good.zvmo" "$OBJ"
expect_exit 1 "compile -Werror" zvmc compile -Werror --config "$WCFG" --directory "$DIR" -o "$OBJ"
expect_grep "not written" "-Werror: the warnings are errors, nothing written"
cmp -s "$OBJ" "$TMP/good.zvmo" || fail "compile -Werror replaced the object directory"
expect_exit 0 "compile -Wno-..." zvmc compile --zvm-level 7.3 -Wno-syntax \
    --config "$CFG" --directory "$DIR" -o "$OBJ"
cmp -s "$OBJ" "$TMP/good.zvmo" && fail "--zvm-level 7.3 wrote the 7.4 object directory"
for bad in "--format" "--format xml" "--max-errors" "--max-errors -1" "--max-errors 2x" \
           "--zvm-level" "--zvm-level 9" "--config" "-Wno-no-such-check" "--member VMSYS1"; do
    # shellcheck disable=SC2086
    expect_exit 2 "compile $bad" zvmc compile --directory "$DIR" -o "$OBJ" $bad
done
cmp -s "$OBJ" "$TMP/good.zvmo" || cp "$TMP/good.zvmo" "$OBJ"
expect_exit 2 "compile a file that cannot be read" \
    zvmc compile --config "$TMP/no-such.config" --directory "$DIR" -o "$OBJ"
expect_grep "an input could not be read; nothing written" "compile says why it wrote nothing"
cmp -s "$OBJ" "$TMP/good.zvmo" || fail "an unreadable input replaced the object directory"

# An object directory that cannot be written: exit 2, nothing replaced.
: >"$TMP/notadir"
expect_exit 2 "compile to an impossible path" \
    zvmc compile --config "$CFG" --directory "$DIR" -o "$TMP/notadir/x.zvmo"
expect_grep "unchanged" "the message says the old file is unchanged"

# Past a file-size limit (ulimit -f, 512-byte blocks here) a write fails with
# EFBIG: exit 2, the old file kept, no temporary left.  (SIGXFSZ used to kill
# zvmc there and leave the temporary beside the target.)
limited() { (ulimit -f "$1" && shift && "$@"); }
mkdir -p "$TMP/fsz"
cp "$TMP/good.zvmo" "$TMP/fsz/cluster.zvmo"
expect_exit 2 "compile past a file-size limit" \
    limited 8 zvmc compile --config "$CFG" --directory "$DIR" -o "$TMP/fsz/cluster.zvmo"
expect_grep "File too large; the old file, if any, is unchanged" "compile says why"
cmp -s "$TMP/fsz/cluster.zvmo" "$TMP/good.zvmo" || fail "the limit changed the old object directory"
expect_exit 2 "dump past a file-size limit" \
    limited 8 zvmc dump "$TMP/good.zvmo" --format xml -o "$TMP/fsz/c.xml"
[ "$(ls "$TMP/fsz")" = cluster.zvmo ] || fail "a write past the limit left files: $(ls "$TMP/fsz")"

# A run killed while writing (SIGKILL, the OOM killer) leaves the old file and nothing
# else: the temporary file has no name until it is whole (O_TMPFILE).  gdb stops zvmc
# just before the name is given (outfile_commit, which the library's writer and the
# client's outputs both go through), lists the directory and kills it.  Before, the
# kill left cluster.zvmo.tmp.XXXXXX behind.
killed() {  # killed FUNCTION DESC ARGS...: zvmc ARGS stopped at FUNCTION and killed
    fn=$1 desc=$2; shift 2
    gdb -q -batch -nx -ex "break $fn" -ex run -ex "shell ls $TMP/kill >$TMP/kill.during" \
        -ex kill --args "$ZVMC" "$@" >"$TMP/gdb.out" 2>&1 </dev/null
    if ! grep -q "^Breakpoint 1, $fn" "$TMP/gdb.out"; then
        fail "$desc: gdb did not stop zvmc in $fn"; sed 's/^/  | /' "$TMP/gdb.out" | tail -5
        return
    fi
    [ "$(cat "$TMP/kill.during")" = cluster.zvmo ] ||
        fail "$desc: while writing, the directory held: $(cat "$TMP/kill.during")"
    [ "$(ls "$TMP/kill")" = cluster.zvmo ] || fail "$desc: the kill left: $(ls "$TMP/kill")"
    cmp -s "$TMP/kill/cluster.zvmo" "$TMP/good.zvmo" || fail "$desc: the kill changed the old file"
}
if ! command -v gdb >/dev/null 2>&1; then
    echo "no gdb (scripts/install-deps --fuzz installs it): a killed writer is tested by the unit test objdir_atomic only"
elif ! gdb -q -batch -nx -ex run --args /bin/true 2>&1 </dev/null | grep -q "exited normally"; then
    echo "gdb cannot run a program here (ptrace not permitted?): a killed writer is tested by objdir_atomic only"
elif [ "$(uname -s)" = Linux ]; then
    mkdir -p "$TMP/kill"
    cp "$TMP/good.zvmo" "$TMP/kill/cluster.zvmo"
    killed outfile_commit "compile -o, killed" \
        compile --config "$CFG" --directory "$DIR" -o "$TMP/kill/cluster.zvmo"
    killed outfile_commit "dump -o, killed" dump "$TMP/good.zvmo" -o "$TMP/kill/cluster.zvmo"
fi

# XML: from compile and from dump, the same, and valid against the schema.
expect_exit 0 "compile --xml" zvmc compile --config "$CFG" --directory "$DIR" -o "$OBJ" \
    --xml "$TMP/compile.xml"
expect_exit 0 "dump --format xml" zvmc dump "$TMP/good.zvmo" --format xml -o "$TMP/dump.xml"
cmp -s "$TMP/compile.xml" "$TMP/dump.xml" || fail "compile --xml and dump --format xml differ"
# -o with --xml serializes in memory, -o alone streams to the file: the same bytes
cmp -s "$OBJ" "$TMP/good.zvmo" || fail "compile -o with --xml and -o alone wrote different files"
zvmc compile --config tests/golden/relocate/reasons.config \
    --directory tests/golden/relocate/reasons.direct -o "$TMP/reasons.zvmo" \
    --xml "$TMP/reasons.xml" >/dev/null 2>&1 || fail "compile --xml of the reasons cluster"
if command -v xmllint >/dev/null 2>&1; then
    for x in "$TMP/compile.xml" "$TMP/reasons.xml"; do
        xmllint --noout --schema docs/zvmc.xsd "$x" >"$TMP/xmllint.log" 2>&1 ||
            { fail "$x is not valid against docs/zvmc.xsd"; head "$TMP/xmllint.log"; }
    done
else
    echo "no xmllint: the schema is checked by the unit test compile_xml only"
fi

# JSON parses
zvmc dump "$TMP/good.zvmo" --format json >"$TMP/dump.json" || fail "dump --format json"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["name"]=="LTICS1"; assert len(d["members"])==4' \
        "$TMP/dump.json" || fail "dump --format json is not the cluster as JSON"
fi

# dump: options and damaged input
expect_exit 2 "dump without a file" zvmc dump
expect_exit 2 "dump --member of no member" zvmc dump "$TMP/good.zvmo" --member NOSUCH
expect_grep "--member NOSUCH: the object directory has no such member \(its members are LTICVM2 LTICVM9 LTICVM5 LTICVM4\)" \
    "dump names the members there are"
# Outputs are written beside the target and renamed over it: a dump that fails leaves the
# old file as it was and nothing else, one that works replaces it.
mkdir -p "$TMP/outdir"
echo keep >"$TMP/outdir/cluster.txt"
expect_exit 2 "dump -o, failing" zvmc dump "$TMP/good.zvmo" --member NOSUCH -o "$TMP/outdir/cluster.txt"
[ "$(cat "$TMP/outdir/cluster.txt")" = keep ] || fail "a failed dump changed its output file"
[ "$(ls "$TMP/outdir")" = cluster.txt ] || fail "a failed dump left files behind: $(ls "$TMP/outdir")"
expect_exit 0 "dump -o" zvmc dump "$TMP/good.zvmo" --member LTICVM2 -o "$TMP/outdir/cluster.txt"
grep -q '^USER ' "$TMP/outdir/cluster.txt" || fail "dump -o did not replace its output file"
[ "$(ls "$TMP/outdir")" = cluster.txt ] || fail "dump -o left files behind: $(ls "$TMP/outdir")"
# No output replaces an input (a slip like `-o USER.DIRECT` would lose the source), whatever
# name reaches it: the same path, another path, a symbolic link.  (Before, compile wrote
# the XML or the object directory over the directory it was compiled from.)
# (Copies: a regression must not replace the repository's examples.)
cp "$DIR" "$TMP/outdir/self.direct"
cp "$CFG" "$TMP/outdir/self.config"
ln -s self.direct "$TMP/outdir/link.direct"
for out in "-o $TMP/outdir/self.direct" "--xml $TMP/outdir/self.direct" \
           "-o $TMP/outdir/../outdir/self.direct" "-o $TMP/outdir/link.direct" \
           "-o $TMP/outdir/self.config"; do
    # shellcheck disable=SC2086
    expect_exit 2 "compile $out: an input" zvmc compile --config "$TMP/outdir/self.config" \
        --directory "$TMP/outdir/self.direct" $out
    expect_grep "names an input file: writing it would replace the input" "compile $out says so"
done
cmp -s "$TMP/outdir/self.direct" "$DIR" || fail "compile replaced its directory"
cmp -s "$TMP/outdir/self.config" "$CFG" || fail "compile replaced its SYSTEM CONFIG"
expect_exit 2 "dump over its object directory" zvmc dump "$TMP/good.zvmo" -o "$TMP/good.zvmo"
expect_grep "names an input file" "dump says so"
expect_exit 2 "a baseline over an input" \
    zvmc check --write-baseline "$TMP/outdir/self.direct" --directory "$TMP/outdir/self.direct"
expect_grep "names an input file" "check --write-baseline says so"
cmp -s "$TMP/outdir/self.direct" "$DIR" || fail "a baseline replaced its input"
rm "$TMP/outdir/self.direct" "$TMP/outdir/self.config" "$TMP/outdir/link.direct"
expect_exit 2 "dump --member with json" zvmc dump "$TMP/good.zvmo" --member LTICVM2 --format json
expect_exit 0 "dump --member" zvmc dump "$TMP/good.zvmo" --member LTICVM9
expect_grep "^DIRECTORY 0123 3390 VM9RES" "the member directory is that member's"
head -c 100 "$TMP/good.zvmo" >"$TMP/short.zvmo"
expect_exit 2 "dump of a truncated object directory" zvmc dump "$TMP/short.zvmo"
expect_grep "truncated" "a truncated file is reported as such"
expect_exit 2 "dump of a missing file" zvmc dump "$TMP/none.zvmo"
finish
