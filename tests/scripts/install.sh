# SPDX-License-Identifier: MIT
# `make install` into a temporary DESTDIR: every file where it belongs, shared
# libraries with their SONAME exporting the public API only, pkg-config files
# that build examples/embed/embed.c against the installed files, a runtime that
# needs libc alone, man pages for every command, bash completion; then
# `make uninstall` removes it all.
. tests/lib.sh

command -v pkg-config >/dev/null && command -v readelf >/dev/null && command -v nm >/dev/null ||
    { echo "pkg-config, readelf and nm are needed"; exit 77; }
CC=$(sed -n 's/^CC = //p' config.mk)
: "${CC:=cc}"
MAKE=${MAKE:-make}
prefix=/opt/zvmc
dest=$TMP/dest
root=$dest$prefix
lib=$root/lib

# The install itself (everything is built already: `make check` builds `all`).
$MAKE -s BUILD="$BUILD" DESTDIR="$dest" PREFIX="$prefix" install > "$TMP/install.log" 2>&1 ||
    { cat "$TMP/install.log"; fail "make install"; finish; }

for f in bin/zvmc include/zvmc/zvmc.h include/zvmc/runtime.h \
         lib/libzvmc.a lib/libzvmc-runtime.a lib/libzvmc.so.0.1.0 lib/libzvmc-runtime.so.0.1.0 \
         lib/pkgconfig/zvmc.pc lib/pkgconfig/zvmc-runtime.pc \
         share/man/man1/zvmc.1 share/man/man3/libzvmc.3 share/man/man5/zvmc-objdir.5 \
         share/bash-completion/completions/zvmc; do
    [ -f "$root/$f" ] || fail "not installed: $f"
done
for l in libzvmc libzvmc-runtime; do
    for link in "$l.so" "$l.so.0"; do
        [ -L "$lib/$link" ] && [ "$(readlink "$lib/$link")" = "$l.so.0.1.0" ] ||
            fail "$link is not a link to $l.so.0.1.0"
    done
    readelf -d "$lib/$l.so.0.1.0" | grep -q "SONAME.*\[$l\.so\.0\]" || fail "$l: SONAME is not $l.so.0"
done
"$root/bin/zvmc" --version > "$TMP/out" 2>&1 || fail "installed zvmc --version"
grep -q '^zvmc 0\.1\.0$' "$TMP/out" || fail "installed zvmc --version: $(cat "$TMP/out")"

# A man page for every command `zvmc --help` lists.
for cmd in $(zvmc --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'); do
    [ -f "$root/share/man/man1/zvmc-$cmd.1" ] || fail "no man page zvmc-$cmd.1 for the command $cmd"
done

# The man pages format without a warning (when groff is there to say so).
if command -v groff >/dev/null; then
    for m in "$root"/share/man/man*/*; do
        groff -man -Tutf8 -ww -z "$m" > "$TMP/groff.log" 2>&1 && [ ! -s "$TMP/groff.log" ] ||
            { fail "groff warns about ${m##*/}"; cat "$TMP/groff.log"; }
    done
fi

# Exports: the functions the installed headers declare, each one, nothing else.
declared() { awk '/^[a-z]/ && !/^typedef/ && match($0, /zvmc_[a-z0-9_]+\(/) {
                  print substr($0, RSTART, RLENGTH - 1) }' "$@" | sort -u; }
exported() { nm -D --defined-only "$1" | awk '$2 ~ /^[TDRBW]$/ { sub(/@.*/, "", $3); print $3 }' | sort -u; }
check_exports() { # library, headers...
    so=$1; shift
    declared "$@" > "$TMP/declared"
    exported "$so" > "$TMP/exported"
    if ! cmp -s "$TMP/declared" "$TMP/exported"; then
        fail "${so##*/} exports differ from the functions of its headers (< declared only, > exported only; see src/*.map)"
        diff "$TMP/declared" "$TMP/exported" | grep '^[<>]' | head -20
    fi
}
check_exports "$lib/libzvmc.so.0.1.0" "$root"/include/zvmc/*.h
check_exports "$lib/libzvmc-runtime.so.0.1.0" "$root/include/zvmc/runtime.h"

# A sanitizer build's libraries need the sanitizer runtimes, and so does a
# program linked against them.
san=
if nm -D --undefined-only "$lib/libzvmc.so.0.1.0" | grep -q ' __asan_' ||
   readelf -d "$lib/libzvmc.so.0.1.0" | grep -q 'NEEDED.*libasan'; then
    san="-fsanitize=address,undefined"
fi

# pkg-config from the DESTDIR: the .pc files name ${prefix}-relative paths.
pc() { PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --define-variable=prefix="$root" "$@"; }
pc --cflags --libs zvmc > "$TMP/flags" || fail "pkg-config zvmc"
grep -q -- "-I$root/include" "$TMP/flags" && grep -q -- "-L$lib -lzvmc" "$TMP/flags" ||
    fail "pkg-config zvmc gives $(cat "$TMP/flags")"
pc --static --libs zvmc | grep -q -- '-lxml2' || fail "zvmc.pc: no libxml2 in Libs.private"
pc --modversion zvmc | grep -qx '0\.1\.0' || fail "zvmc.pc: version"

# examples/embed against the installed shared library.
# shellcheck disable=SC2046 # pkg-config prints words
if $CC $san -std=c11 -Wall -Wextra -Werror -o "$TMP/embed" examples/embed/embed.c $(pc --cflags --libs zvmc) 2> "$TMP/cc.log"; then
    readelf -d "$TMP/embed" | grep -q 'NEEDED.*libzvmc\.so\.0' || fail "embed does not need libzvmc.so.0"
    LD_LIBRARY_PATH=$lib "$TMP/embed" examples/ltics1/SYSTEM.CONFIG > "$TMP/out" 2>&1 || fail "embed on the clean example fails"
    grep -qx '0 error(s), 0 warning(s)' "$TMP/out" || { fail "embed on the clean example"; cat "$TMP/out"; }
    # The example cluster with its directory: the relocation verdicts through the library.
    LD_LIBRARY_PATH=$lib "$TMP/embed" examples/ltics1/SYSTEM.CONFIG examples/ltics1/USER.DIRECT \
        > "$TMP/out" 2>&1 || fail "embed on the example cluster fails"
    grep -q '^[1-9][0-9]* relocation verdicts$' "$TMP/out" || { fail "embed: no relocation verdicts"; cat "$TMP/out"; }
    grep -q '^LITSWAS1 cannot move from LTICVM2 to LTICVM9: .* \[reloc-[a-z-]*\]$' "$TMP/out" ||
        { fail "embed: LITSWAS1's verdict"; cat "$TMP/out"; }
    LD_LIBRARY_PATH=$lib "$TMP/embed" examples/ltics1/SYSTEM.CONFIG.printed > "$TMP/out" 2>&1
    [ $? -eq 1 ] || fail "embed on the printed example: want exit 1"
    grep -q '^examples/ltics1/SYSTEM.CONFIG.printed:[0-9]*:[0-9]*: error: .*\[ssi-islink-mesh\]$' "$TMP/out" ||
        { fail "embed does not print the printed example's findings"; head -5 "$TMP/out"; }
    # The library the program ran with is the installed one.
    LD_LIBRARY_PATH=$lib ldd "$TMP/embed" | grep -q "libzvmc.so.0 => $lib/" || fail "embed does not load $lib/libzvmc.so.0"
else
    fail "embed does not build against the installed files"; cat "$TMP/cc.log"
fi

# The same program against the static library.
# shellcheck disable=SC2046
if $CC $san -std=c11 -o "$TMP/embed-static" examples/embed/embed.c $(pc --cflags zvmc) \
        "$lib/libzvmc.a" $(pc --static --libs-only-l zvmc | sed 's/-lzvmc//') 2> "$TMP/cc.log"; then
    "$TMP/embed-static" examples/ltics1/SYSTEM.CONFIG > /dev/null 2>&1 || fail "static embed on the clean example"
    readelf -d "$TMP/embed-static" | grep -q 'NEEDED.*libzvmc' && fail "static embed needs libzvmc.so"
else
    fail "embed does not link against libzvmc.a"; cat "$TMP/cc.log"
fi

# The runtime alone: libc only, no libxml2, for directory managers.
cat > "$TMP/rt.c" <<'EOF'
#include <stdio.h>
#include <zvmc/runtime.h>
int main(void)
{
    struct zvmc_objdir *od;
    int rc = zvmc_objdir_open("/nonexistent/objdir", &od);
    printf("%s\n", zvmc_strerror(rc));
    return rc == -ZVMC_ERR_IO && od == NULL ? 0 : 1;
}
EOF
# shellcheck disable=SC2046
if $CC $san -std=c11 -Wall -Werror -o "$TMP/rt" "$TMP/rt.c" $(pc --cflags --libs zvmc-runtime) 2> "$TMP/cc.log"; then
    LD_LIBRARY_PATH=$lib "$TMP/rt" > "$TMP/out" 2>&1 || { fail "runtime program"; cat "$TMP/out"; }
    readelf -d "$TMP/rt" | grep -q 'NEEDED.*libzvmc-runtime\.so\.0' || fail "runtime program does not need libzvmc-runtime.so.0"
    for f in "$TMP/rt" "$lib/libzvmc-runtime.so.0.1.0"; do
        readelf -d "$f" | grep -i 'NEEDED.*xml' && fail "${f##*/} needs libxml2"
        LD_LIBRARY_PATH=$lib ldd "$f" | grep -i xml && fail "${f##*/} loads libxml2"
    done
    # Without sanitizers the runtime library needs the C library and nothing else.
    if [ -z "$san" ]; then
        needed=$(readelf -d "$lib/libzvmc-runtime.so.0.1.0" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')
        [ "$needed" = "libc.so.6 " ] || fail "libzvmc-runtime.so needs: $needed (want libc.so.6 only)"
    fi
else
    fail "a runtime program does not build with pkg-config zvmc-runtime"; cat "$TMP/cc.log"
fi

# Bash completion, as installed: commands, options and check names.
if command -v bash >/dev/null; then
    bash -c '
        . "$1/share/bash-completion/completions/zvmc"
        t() { COMP_WORDS=("$1/bin/zvmc" "${@:2}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _zvmc; echo "${COMPREPLY[*]}"; }
        t "$1" ch; t "$1" check --for; t "$1" check --format cp; t "$1" check -Wno-eqid-one; t "$1" explain missing-c
        t "$1" dump x.zvmo --format ""; t "$1" plan evacuate --format r; t "$1" compile --xm; t "$1" compile --mem
    ' sh "$root" > "$TMP/out" 2>&1
    printf 'check\n--format\ncpsyntax\n-Wno-eqid-one-sided\nmissing-comma\ntext config json xml\nrexx\n--xml\n\n' |
        cmp -s - "$TMP/out" ||
        { fail "bash completion"; cat "$TMP/out"; }
fi

# Uninstall leaves nothing but directories.
$MAKE -s BUILD="$BUILD" DESTDIR="$dest" PREFIX="$prefix" uninstall > "$TMP/install.log" 2>&1 || fail "make uninstall"
left=$(find "$dest" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
finish
