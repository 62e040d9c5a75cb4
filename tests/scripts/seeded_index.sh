# SPDX-License-Identifier: MIT
# A directory whose 400 user names share one hash of the object directory's
# unseeded user index (tests/unit/objdir_hash_collide.c builds them): zvmc
# compile writes a version-2 file with a seeded index (docs/objdir-format.md,
# "HASH") through the file-streaming writer, the same bytes as the in-memory
# one (compile --xml) and from run to run; zvmc dump reads it back, and the
# dump compiles to the same bytes.  The example cluster alone stays version 1.
# Before format version 2, compile refused such a directory.
. tests/lib.sh

CFG=examples/ltics1/SYSTEM.CONFIG
names=$BUILD/tests/objdir_hash_collide
[ -x "$names" ] || { fail "no $names"; finish; }
"$names" --names 400 >"$TMP/names" || { fail "$names --names 400"; finish; }
[ "$(wc -l <"$TMP/names")" -eq 400 ] || fail "not 400 names"
{
    echo "DIRECTORY SSI 123 3390 VM2RES VM9RES VM5RES VM4RES"
    awk '{ printf "USER %s NOLOG 64M 128M G\n", $1 }' "$TMP/names"
} >"$TMP/d"

expect_exit 0 "compile -o (streamed)" zvmc compile --config "$CFG" --directory "$TMP/d" -o "$TMP/a.zvmo"
expect_exit 0 "compile -o --xml (in memory)" \
    zvmc compile --config "$CFG" --directory "$TMP/d" -o "$TMP/b.zvmo" --xml "$TMP/b.xml"
cmp -s "$TMP/a.zvmo" "$TMP/b.zvmo" || fail "the streamed and the in-memory files differ"
expect_exit 0 "compile again" zvmc compile --config "$CFG" --directory "$TMP/d" -o "$TMP/c.zvmo"
cmp -s "$TMP/a.zvmo" "$TMP/c.zvmo" || fail "two compiles of the same names differ"

expect_exit 0 "dump --format json" zvmc dump "$TMP/a.zvmo" --format json
expect_grep '^\{"format_version":2,' "a seeded file is version 2"
for n in $(sed -n '1p; 200p; 400p' "$TMP/names"); do
    expect_grep "\"name\":\"$n\"" "user $n in the dump"
done

# the dump compiles back to the same bytes
zvmc dump "$TMP/a.zvmo" >"$TMP/dump.direct" || fail "dump text"
zvmc dump "$TMP/a.zvmo" --format config >"$TMP/dump.config" || fail "dump config"
[ "$(grep -c '^USER ' "$TMP/dump.direct")" -eq 400 ] || fail "the dump does not hold 400 USERs"
expect_exit 0 "compile the dump" \
    zvmc compile --config "$TMP/dump.config" --directory "$TMP/dump.direct" -o "$TMP/e.zvmo"
cmp -s "$TMP/a.zvmo" "$TMP/e.zvmo" || fail "the dump compiles to other bytes"

# ordinary names: version 1, as before
expect_exit 0 "compile the example" zvmc compile --config "$CFG" \
    --directory examples/ltics1/USER.DIRECT -o "$TMP/x.zvmo"
expect_exit 0 "dump the example" zvmc dump "$TMP/x.zvmo" --format json
expect_grep '^\{"format_version":1,' "the example is version 1"
finish
