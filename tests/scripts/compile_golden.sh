# SPDX-License-Identifier: MIT
# Golden object directories, byte-exact: every tests/golden/compile/NAME.inputs
# names a SYSTEM CONFIG and a directory (one line: CONFIG DIRECTORY); the
# object directory `zvmc compile` writes for them must equal NAME.zvmo.hex
# (od -An -v -tx1 of it) byte for byte, so any change of the format or of
# what the compiler stores is a deliberate one.  NAME.dump-text and
# NAME.dump-config, where present, hold `zvmc dump`'s text and config output.
# UPDATE_GOLDEN=1 rewrites the expected files instead.
. tests/lib.sh
n=0
for inputs in tests/golden/compile/*.inputs; do
    [ -f "$inputs" ] || continue
    n=$((n + 1))
    base=${inputs%.inputs}
    read -r cfg dir <"$inputs"
    obj=$TMP/$(basename "$base").zvmo
    if ! zvmc compile --config "$cfg" --directory "$dir" -o "$obj" >"$TMP/log" 2>&1; then
        fail "$inputs: zvmc compile failed"
        sed 's/^/  | /' "$TMP/log" | head -20
        continue
    fi
    od -An -v -tx1 "$obj" >"$TMP/hex"
    for kind in text config; do
        zvmc dump "$obj" --format "$kind" >"$TMP/dump-$kind" 2>&1 || fail "$inputs: dump --format $kind failed"
    done
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$TMP/hex" "$base.zvmo.hex"
        for kind in text config; do
            [ -f "$base.dump-$kind" ] && cp "$TMP/dump-$kind" "$base.dump-$kind"
        done
        continue
    fi
    if [ ! -f "$base.zvmo.hex" ]; then
        fail "$inputs: no $base.zvmo.hex (run with UPDATE_GOLDEN=1 to create it)"
    elif ! cmp -s "$TMP/hex" "$base.zvmo.hex"; then
        fail "$inputs: the object directory differs from $base.zvmo.hex"
        diff "$base.zvmo.hex" "$TMP/hex" | head -10
    fi
    for kind in text config; do
        if [ -f "$base.dump-$kind" ] && ! cmp -s "$TMP/dump-$kind" "$base.dump-$kind"; then
            fail "$inputs: dump --format $kind differs from $base.dump-$kind"
            diff -u "$base.dump-$kind" "$TMP/dump-$kind" | head -30
        fi
    done
done
[ "$n" -gt 0 ] || fail "no golden object directories found"
echo "$n golden object directories"
finish
