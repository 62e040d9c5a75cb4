# SPDX-License-Identifier: MIT
# An input given as "-" is standard input (what an editor pipes in): read once,
# named <stdin> in the findings, and otherwise read as the file would be.
. tests/lib.sh
CFG=examples/ltics1/SYSTEM.CONFIG
DIR=examples/ltics1/USER.DIRECT

# The findings of a piped file are those of the file, under the name <stdin>.
{ cat "$DIR"; printf 'USER BADSTOR NOLOG 12Q 64M G\n'; } >"$TMP/bad.direct"
zvmc check --config "$CFG" --directory "$TMP/bad.direct" >"$TMP/file.out" 2>&1
[ $? -eq 1 ] || fail "check of the file: want exit 1"
expect_exit 1 "check --directory -" zvmc check --config "$CFG" --directory - <"$TMP/bad.direct"
expect_grep "^<stdin>:[0-9]+:20: error: logon storage '12Q'" "the finding names <stdin>"
sed "s|$TMP/bad.direct|<stdin>|g" "$TMP/file.out" | cmp -s - "$TMP/out" ||
    fail "check --directory - reports other than check of the file: $(diff "$TMP/out" "$TMP/file.out" | head -5)"
# a FILE of - is told from its content, as a file is
expect_exit 1 "check - (its kind from the content)" zvmc check --config "$CFG" - <"$TMP/bad.direct"
expect_grep "^<stdin>:[0-9]+:20: error: logon storage '12Q'" "check - reads a directory"
expect_exit 0 "check --config -" zvmc check --config - --directory "$DIR" <"$CFG"
expect_exit 1 "--format json from standard input" \
    zvmc check --format json --config "$CFG" --directory - <"$TMP/bad.direct"
expect_grep '"file": *"<stdin>"' "the JSON names <stdin>"

# Standard input is read once: a second - is an error, not an empty file.
expect_exit 2 "- twice" zvmc check --config - --directory - <"$CFG"
expect_grep "standard input \(-\) can be read only once" "says - was read already"

# An IMBED is not followed from standard input (there is no directory to look in).
expect_exit 1 "check an imbedding config from standard input (what it imbeds is missing)" \
    zvmc check --config - <tests/golden/sysconfig/imbed/basic/SYSTEM.CONFIG
expect_grep "note: IMBED is not followed in <stdin>: it was given as a buffer" "says IMBED is not followed"

# compile, diskmap, view and relocate read - as the file.
zvmc compile --config "$CFG" --directory "$DIR" -o "$TMP/file.zvmo" >/dev/null 2>&1 ||
    fail "compile of the files"
expect_exit 0 "compile --directory -" zvmc compile --config "$CFG" --directory - \
    -o "$TMP/stdin.zvmo" <"$DIR"
cmp -s "$TMP/file.zvmo" "$TMP/stdin.zvmo" || fail "compile of - and of the file differ"
zvmc diskmap "$DIR" >"$TMP/diskmap.file" 2>&1 || fail "diskmap of the file"
expect_exit 0 "diskmap -" zvmc diskmap - <"$DIR"
cmp -s "$TMP/diskmap.file" "$TMP/out" || fail "diskmap - differs from diskmap of the file"
expect_exit 0 "view --member LTICVM9 -" zvmc view --member LTICVM9 - <"$CFG"
expect_grep "^<stdin>:[0-9]+: " "view names <stdin>"
zvmc relocate matrix --config "$CFG" --directory "$DIR" >"$TMP/matrix.file" 2>&1
expect_exit $? "relocate matrix --directory -" zvmc relocate matrix --config "$CFG" --directory - <"$DIR"
cmp -s "$TMP/matrix.file" "$TMP/out" || fail "relocate matrix of - differs from that of the file"

# An object directory on standard input: dump - and plan --objdir - read it as the file.
zvmc dump "$TMP/file.zvmo" >"$TMP/dump.file" 2>&1 || fail "dump of the file"
expect_exit 0 "dump -" zvmc dump - <"$TMP/file.zvmo"
cmp -s "$TMP/dump.file" "$TMP/out" || fail "dump - differs from dump of the file"
expect_exit 2 "dump - of what is not an object directory" zvmc dump - <"$DIR"
expect_grep "^zvmc dump: <stdin>: not an object directory" "dump names <stdin> and says why"
expect_exit 2 "dump - of nothing" zvmc dump - </dev/null
writer=$BUILD/tests/plan_fixture_write
if [ -x "$writer" ] && "$writer" "$TMP/plan.zvmo"; then
    set -- plan evacuate LTICVM9 --placement tests/golden/plan/complete.placement \
        --capacity LTICVM2=16G
    zvmc "$@" --objdir "$TMP/plan.zvmo" >"$TMP/plan.file" 2>&1
    expect_exit $? "plan --objdir -" zvmc "$@" --objdir - <"$TMP/plan.zvmo"
    cmp -s "$TMP/plan.file" "$TMP/out" || fail "plan --objdir - differs from plan of the file"
    expect_exit 2 "plan with --objdir - and --placement -" zvmc plan evacuate LTICVM9 \
        --objdir - --placement - <"$TMP/plan.zvmo"
    expect_grep "standard input \(-\) can be read only once" "plan says - was read already"
else
    fail "no $writer to write the planner's object directory"
fi

# convert names its outputs after its inputs: standard input is refused.
mkdir -p "$TMP/conv"
expect_exit 2 "convert --config -" zvmc convert --config - --directory "$DIR" --cluster NEWSSI --members LTICVM2,LTICVM9 --out-dir "$TMP/conv" <"$CFG"
expect_grep "convert names its outputs after its input files" "convert says why"
[ -z "$(ls "$TMP/conv")" ] || fail "convert --config - wrote: $(ls "$TMP/conv")"

finish
