#!/bin/sh
# SPDX-License-Identifier: MIT
# Write the seed corpus of a harness (make fuzz-seeds-NAME runs it):
#
#   sh fuzz/seeds.sh HARNESS OUTDIR SEED...
#
# Each SEED is a file, the files of a directory, or A%%B: SYSTEM CONFIG A and
# directory B as one input in the "%%" form of fuzz_directory.c.  For the imbed
# harness a directory is one input: its files as the sections fuzz_imbed.c
# reads.  For the
# convert harness a SEED may also be a tests/golden/convert/NAME.cmd file:
# its command line becomes the input's options line and its files the
# sections (the form fuzz_convert.c reads).  Every seed is copied under a name
# made from its path (examples/cse/SYSTEM.CONFIG and examples/ltics1/SYSTEM.CONFIG
# stay two seeds).  Seeds longer than FUZZ_SEED_CHUNK bytes (default 2048) are
# also cut into pieces of about that size at record boundaries (before a USER,
# IDENTITY or PROFILE record in a directory): the fuzzer then starts from
# inputs that are short, hence fast, and still hold every kind of statement.
set -eu
[ $# -ge 2 ] || { echo "usage: sh fuzz/seeds.sh HARNESS OUTDIR SEED..." >&2; exit 2; }
harness=$1 out=$2
shift 2
chunk=${FUZZ_SEED_CHUNK:-2048}
rm -rf "$out"
mkdir -p "$out"

name_of() { # path -> a file name that says where the seed came from
    printf '%s' "$1" | sed 's|^\.\./||; s|[^A-Za-z0-9._-]|_|g'
}

# cut FILE KIND: pieces of FILE of about $chunk bytes, at record boundaries.
cut_pieces() {
    [ "$(wc -c <"$1")" -gt "$chunk" ] || return 0
    awk -v chunk="$chunk" -v kind="$2" -v prefix="$out/$(name_of "$1").piece" '
        function flush() { if (buf != "") { n++; printf "%s", buf > (prefix n); close(prefix n) }
                           buf = "" }
        {
            head = toupper($1)
            entry = (head == "USER" || head == "IDENTITY" || head == "PROFILE")
            if (length(buf) >= chunk && (kind != "directory" || entry) && prev !~ /,[ \t]*$/)
                flush()
            buf = buf $0 "\n"; prev = $0
        }
        END { flush() }' "$1"
}

one() { # seed file
    cp -f "$1" "$out/$(name_of "$1")"
    case $harness in sysconfig|directory) cut_pieces "$1" "$harness" ;; esac
}

# A convert golden's command line as the options line of fuzz_convert.c, then
# its files: "%%c" before each --config, "%%d" before the --directory, "%%e"
# before the --eqid-config.
convert_cmd() {
    # shellcheck disable=SC2046 # the .cmd file is one line of words
    set -- $(cat "$1")
    shift   # "convert"
    opts='' files=''
    while [ $# -gt 0 ]; do
        case $1 in
        --config) files="$files c:$2"; shift ;;
        --directory) files="$files d:$2"; shift ;;
        --eqid-config) files="$files e:$2"; shift ;;
        --cluster) opts="$opts cluster=$2"; shift ;;
        --members) opts="$opts members=$2"; shift ;;
        --pdr-volume) opts="$opts pdr=$2"; shift ;;
        --res-volumes) opts="$opts res=$2"; shift ;;
        --zvm-level) opts="$opts level=$2"; shift ;;
        --out-dir|--report|--format) shift ;;
        esac
        shift
    done
    for f in $files; do
        [ -f "${f#?:}" ] || return 0    # the golden of a missing file
    done
    {
        echo "${opts# }"
        for f in $files; do
            echo "%%${f%%:*}"
            cat "${f#?:}"
        done
    } >"$out/$(name_of "$cmd")"
}

# The files of an IMBED test case as one input of fuzz_imbed.c: each a line
# "%%NAME" and its records, the root first (SYSTEM.CONFIG when the case has
# one, else the first by name).
imbed_case() {
    root=$(cd "$1" && { ls | grep -x SYSTEM.CONFIG || ls | head -n 1; })
    [ -n "$root" ] || return 0
    {
        printf '%%%%%s\n' "$root"
        cat "$1/$root"
        for f in $(cd "$1" && ls | grep -vx "$root"); do
            printf '%%%%%s\n' "$f"
            cat "$1/$f"
        done
    } >"$out/$(name_of "$1")"
}

for s in "$@"; do
    case $s in
    *%%*)
        cfg=${s%%%%*} dir=${s#*%%}
        if [ ! -f "$cfg" ] || [ ! -f "$dir" ]; then
            continue
        fi
        { cat "$cfg"; echo "%%"; cat "$dir"; } >"$out/$(name_of "$cfg")+$(name_of "$dir")"
        ;;
    *.cmd)
        [ "$harness" = convert ] && [ -f "$s" ] && cmd=$s && convert_cmd "$s"
        ;;
    *)
        if [ -d "$s" ] && [ "$harness" = imbed ]; then
            imbed_case "$s"
        elif [ -d "$s" ]; then
            for f in "$s"/*; do
                [ -f "$f" ] && one "$f"
            done
        elif [ -f "$s" ]; then
            one "$s"
        fi
        ;;
    esac
done
echo "fuzz/seeds.sh: $(find "$out" -type f | wc -l) seeds for $harness in $out"
