# SPDX-License-Identifier: MIT
# Round trip: source -> object directory -> `zvmc dump` (directory text and
# SYSTEM CONFIG) -> compile again -> the same bytes.  For every golden input
# of tests/golden/compile and for a generated 1,000-guest cluster
# (bench/gencluster.c), and once more from the dump itself (a dump of the
# recompiled object directory is the same text).
. tests/lib.sh

roundtrip() { # NAME CONFIG DIRECTORY
    name=$1
    if ! zvmc compile --config "$2" --directory "$3" -o "$TMP/$name.1.zvmo" >"$TMP/log" 2>&1; then
        fail "$name: the first compile failed"; sed 's/^/  | /' "$TMP/log" | head -20; return
    fi
    zvmc dump "$TMP/$name.1.zvmo" >"$TMP/$name.direct" || { fail "$name: dump text"; return; }
    zvmc dump "$TMP/$name.1.zvmo" --format config >"$TMP/$name.config" ||
        { fail "$name: dump config"; return; }
    # the dump compiles without errors, not only with --force
    if ! zvmc compile --config "$TMP/$name.config" --directory "$TMP/$name.direct" \
            -o "$TMP/$name.2.zvmo" >"$TMP/log" 2>&1; then
        fail "$name: the dump does not compile"; sed 's/^/  | /' "$TMP/log" | head -20; return
    fi
    cmp -s "$TMP/$name.1.zvmo" "$TMP/$name.2.zvmo" ||
        fail "$name: source and dump compile to different object directories"
    zvmc dump "$TMP/$name.2.zvmo" >"$TMP/$name.direct2"
    cmp -s "$TMP/$name.direct" "$TMP/$name.direct2" ||
        { fail "$name: the dump of the dump differs"; diff "$TMP/$name.direct" "$TMP/$name.direct2" | head; }
    # and the member views (--member) hold every user
    first=$(sed -n 's/^SSI [^ ]* PDR_VOLUME [^,]*,$//; s/^ *SLOT [0-9]* \([^,]*\).*/\1/p' "$TMP/$name.config" | head -n 1)
    if [ -n "$first" ]; then
        zvmc dump "$TMP/$name.1.zvmo" --member "$first" >"$TMP/$name.member" ||
            fail "$name: dump --member $first"
        a=$(grep -c '^USER \|^IDENTITY ' "$TMP/$name.direct")
        b=$(grep -c '^USER \|^IDENTITY ' "$TMP/$name.member")
        [ "$a" = "$b" ] || fail "$name: dump --member $first has $b users, the cluster dump $a"
    fi
}

for inputs in tests/golden/compile/*.inputs; do
    read -r cfg dir <"$inputs"
    roundtrip "$(basename "${inputs%.inputs}")" "$cfg" "$dir"
done

CC=${CC:-cc}
if $CC -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -o "$TMP/gencluster" bench/gencluster.c 2>"$TMP/log"; then
    "$TMP/gencluster" -n 1000 -s 7 -o "$TMP/gen" >/dev/null 2>&1 || fail "gencluster failed"
    roundtrip gen1000 "$TMP/gen/SYSTEM.CONFIG" "$TMP/gen/USER.DIRECT"
else
    echo "no C compiler: the generated cluster is skipped"
fi
finish
