# SPDX-License-Identifier: MIT
# The library keeps no global or static mutable state (docs/architecture.md):
# no object of its own is in a writable section (.data, .bss, thread-local
# data, common symbols) of any of its object files; tables are const (const
# pointer tables land in .data.rel.ro, read-only once relocated).  The
# command-line client (src/cli/, gen/check_docs.o) is not the library and
# may keep what it likes.  A `static int n;` anywhere in the library fails here.
. tests/lib.sh
command -v objdump >/dev/null 2>&1 || { echo "no objdump (binutils)"; exit 77; }
objs=$(ls "$BUILD"/obj/src/util/*.o "$BUILD"/obj/src/core/*.o "$BUILD"/obj/src/parse/*.o \
    "$BUILD"/obj/src/check/*.o "$BUILD"/obj/src/emit/*.o "$BUILD"/obj/src/runtime/*.o \
    "$BUILD"/obj/gen/direct.*.o "$BUILD"/obj/gen/sysconfig.*.o 2>/dev/null)
[ -n "$objs" ] || { fail "no library object files under $BUILD/obj"; finish; }
# A sanitizer's instrumentation keeps its own writable data in every object.
# shellcheck disable=SC2086 # a list of files
if nm -u $objs 2>/dev/null | grep -Eq ' U __(asan|ubsan|tsan|msan)_'; then
    echo "a sanitizer build ($BUILD): its instrumentation adds writable data; checked in the plain build"
    exit 77
fi
n=0
for o in $objs; do
    n=$((n + 1))
    # objdump -t: "ADDR FLAGS SECTION<TAB>SIZE NAME"; objects have an O among the flags
    objdump -t "$o" | awk -F'\t' -v o="$o" '
        { k = split($1, f, " "); sec = f[k] }
        $1 ~ / O / && ((sec ~ /^\.(data|bss|tdata|tbss)/ && sec !~ /^\.data\.rel\.ro/) || sec == "*COM*") {
            split($2, s, " "); printf "%s: %s in %s\n", o, s[2], sec
        }' >>"$TMP/writable"
done
if [ -s "$TMP/writable" ]; then
    fail "writable static data in the library (make it const, or keep it in the context):"
    sed 's/^/  | /' "$TMP/writable"
fi
[ "$n" -ge 80 ] || fail "only $n library object files found: the list above is out of date"
finish
