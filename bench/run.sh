#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh: the driver behind `make bench` (docs/benchmarks.md says what each row means).
#
# Environment (all optional; relative paths are taken from the top of the source tree):
#   BUILD          build tree (default build); tools go to $BUILD/bench, data to $BUILD/bench/data/N
#   CC             C compiler for gencluster and measure (default cc)
#   ZVMC           zvmc binary (default $BUILD/zvmc); rows it cannot run are "not available"
#   BENCH_SIZES    cluster sizes in guests (default "1000 10000 100000")
#   BENCH_RUNS     measured runs per row, the median is reported (default 5)
#   BENCH_SEED     gencluster seed (default 1)
#   BENCH_MEMBER   member evacuated by row 6 (default VMSYS1)
#   BENCH_LOOKUPS  lookups asked of $BUILD/bench/lookup by row 7 (default 1000000); `make bench`
#                  builds that program (bench/bench.mk), against the runtime library alone
#   BENCH_RESULTS  JSON output (default bench/results.json)
#
# Exit status: 0 when every available row ran (a zvmc exit status of 1, "errors found", is a
# valid measurement and is recorded); 1 when a tool could not be built or a command crashed.

set -u
: "${BUILD:=build}"
: "${CC:=cc}"
: "${ZVMC:=$BUILD/zvmc}"
: "${BENCH_SIZES:=1000 10000 100000}"
: "${BENCH_RUNS:=5}"
: "${BENCH_SEED:=1}"
: "${BENCH_MEMBER:=VMSYS1}"
: "${BENCH_LOOKUPS:=1000000}"
: "${BENCH_RESULTS:=bench/results.json}"

cd "$(dirname "$0")/.." || exit 1
B=$BUILD/bench
mkdir -p "$B/data" || exit 1
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
for tool in gencluster measure; do
    # shellcheck disable=SC2086 # CC and flags are word lists
    $CC $flags -o "$B/$tool" "bench/$tool.c" || { echo "bench: cannot build $tool" >&2; exit 1; }
done

raw=$B/raw.jsonl      # measure's JSON lines
rows=$B/rows.json     # our row objects, one per line, joined into $BENCH_RESULTS at the end
table=$B/table.txt
: >"$raw"
: >"$rows"
: >"$table"
failed=0

# zvmc_has WORD...: the zvmc binary exists and knows the (sub)command
zvmc_has() {
    [ -x "$ZVMC" ] && "$ZVMC" "$@" --help >/dev/null 2>&1
}

# unsupported COMMAND...: run it once; print the tool's own "... not supported ..." diagnostic,
# if it gives one, so that a row the build only stubs out is never reported as a measurement
unsupported() {
    "$@" 2>&1 | grep -i -m 1 'not supported' | sed 's/.*: \([^:]*not supported[^[]*\).*/\1/; s/ *$//' |
        tr -d '\042\134'
}

# zrow NAME N BYTES FLOOR -- COMMAND...: a zvmc row, unless this build says it is not supported
zrow() {
    why=$(shift 5; unsupported "$@")
    if [ -n "$why" ]; then
        na "$1" "$2" "zvmc: $why"
    else
        row "$@"
    fi
}

field() { # field NAME: a number from the last line of $raw
    tail -n 1 "$raw" | sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"
}

size_of() { # total bytes of the files named
    cat "$@" | wc -c | tr -d ' '
}

# row NAME N BYTES FLOOR_SECONDS -- COMMAND...: measure, print a table line, record a row object.
# BYTES 0: no MB/s (the row does not read the sources); FLOOR_SECONDS empty: no ratio.
# With ROW_OUT set, the command's own output (every run's, the warm-up's first) goes to that file.
ROW_OUT=
# (sh has no local variables: the floor here is row_floor, so that a row without one does not
# clear the caller's $floor for the rows after it.)
row() {
    name=$1 n=$2 bytes=$3 row_floor=$4
    shift 5
    if [ -n "$ROW_OUT" ]; then
        "$B/measure" -k -r "$BENCH_RUNS" "$raw" "$name" -- "$@" >"$ROW_OUT"
        measured=$?
    else
        "$B/measure" -r "$BENCH_RUNS" "$raw" "$name" -- "$@" >/dev/null
        measured=$?
    fi
    if [ "$measured" -ne 0 ]; then
        failed=1
        rc_note=FAILED
    else
        rc_note=
    fi
    secs=$(field median_s) rss=$(field max_rss_kb) rc=$(field exit_status)
    cmd=$(tail -n 1 "$raw" | sed -n 's/.*"command":\(".*"\)}$/\1/p')
    CMD=$cmd awk -v name="$name" -v n="$n" -v bytes="$bytes" -v floor="$row_floor" -v s="$secs" \
        -v rss="$rss" -v rc="$rc" -v note="$rc_note" -v runs="$BENCH_RUNS" \
        -v min="$(field min_s)" -v max="$(field max_s)" -v cpu="$(field median_cpu_s)" \
        -v rowsf="$rows" -v tablef="$table" 'BEGIN {
        mbs = (bytes > 0 && s > 0) ? sprintf("%.1f", bytes / s / 1e6) : "null"
        ratio = (floor != "" && floor > 0) ? sprintf("%.1f", s / floor) : "null"
        per = sprintf("%.0f", rss * 1024 / n)
        printf "%-24s %8d %9.4f %9s %8s %11d %10s %5s %s\n", name, n, s,
            mbs == "null" ? "-" : mbs, ratio == "null" ? "-" : ratio "x", rss, per, rc, note
        printf "%-24s %8d %9.4f %9s %8s %11d %10s %5s %s\n", name, n, s,
            mbs == "null" ? "-" : mbs, ratio == "null" ? "-" : ratio "x", rss, per, rc, note >> tablef
        printf "{\"row\":\"%s\",\"n\":%d,\"available\":true,\"failed\":%s,\"runs\":%d," \
            "\"seconds\":%s,\"min_s\":%s,\"max_s\":%s,\"cpu_s\":%s,\"bytes\":%d,\"mb_per_s\":%s," \
            "\"ratio_to_floor\":%s,\"peak_rss_kb\":%d,\"rss_bytes_per_user\":%s," \
            "\"exit_status\":%d,\"command\":%s}\n", name, n, note == "" ? "false" : "true",
            runs, s, min, max, cpu, bytes, mbs, ratio, rss, per, rc, ENVIRON["CMD"] >> rowsf
    }'
}

# lookup_figures FILE: the lookup program's own figures, each the median over the measured runs
# (FILE holds one line per run, the warm-up's first): added to the row object just recorded
# and printed under its table line.
lookup_figures() {
    own=$(grep '^users ' "$1" | sed 1d | awk '
        { open[NR] = $4; ns[NR] = $8 }
        function med(v, n,   i, j, t) {
            for (i = 2; i <= n; i++)
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        END { if (NR) printf "%.3f %.1f\n", med(open, NR), med(ns, NR) }')
    [ -n "$own" ] || return 0
    # shellcheck disable=SC2086 # two numbers, split on purpose
    set -- $own
    printf '%-24s %8s   open + full validation %s ms (best of 5 opens), %s ns per lookup\n' \
        '' '' "$1" "$2" | tee -a "$table"
    sed '$s/,"command":/,"open_ms":'"$1"',"ns_per_lookup":'"$2"',"command":/' "$rows" >"$rows.tmp" &&
        mv "$rows.tmp" "$rows"
}

na() { # na NAME N WHY
    printf '%-24s %8d %9s   not available (%s)\n' "$1" "$2" - "$3" | tee -a "$table"
    printf '{"row":"%s","n":%d,"available":false,"why":"%s"}\n' "$1" "$2" "$3" >>"$rows"
}

header() {
    printf '%-24s %8s %9s %9s %8s %11s %10s %5s\n' row N seconds MB/s 'x floor' 'peak RSS KB' \
        'RSS B/user' exit | tee -a "$table"
}

echo "bench: zvmc is $ZVMC$( [ -x "$ZVMC" ] || echo ' (not built)'); $BENCH_RUNS runs per row, median"
header
for n in $BENCH_SIZES; do
    d=$B/data/$n
    dir=$d/USER.DIRECT cfg=$d/SYSTEM.CONFIG obj=$d/out.zvmo
    "$B/gencluster" -n "$n" -s "$BENCH_SEED" -o "$d" 2>"$d.log" || { cat "$d.log" >&2; exit 1; }
    dbytes=$(size_of "$dir")
    abytes=$(size_of "$dir" "$cfg")
    # the generator's MB/s is what it writes: USER.DIRECT and SYSTEM.CONFIG
    row gencluster "$n" "$abytes" "" -- "$B/gencluster" -n "$n" -s "$BENCH_SEED" -o "$d"
    # Write the generated files back now: the kernel would otherwise do it during the
    # next rows (36 MB at 100,000 guests), and they would measure the write-back too.
    sync

    row 'wc -l (floor)' "$n" "$dbytes" "" -- wc -l "$dir"
    floor=$secs
    row 'cat >/dev/null' "$n" "$dbytes" "$floor" -- cat "$dir"

    if zvmc_has check; then
        cbytes=$(size_of "$cfg")
        # SYSTEM CONFIG alone: MB/s of that file, no ratio (the floor is read on USER.DIRECT)
        zrow 'check config' "$n" "$cbytes" "" -- "$ZVMC" check --config "$cfg"
        zrow 'check directory' "$n" "$dbytes" "$floor" -- "$ZVMC" check --directory "$dir"
        zrow 'check config+directory' "$n" "$abytes" "$floor" -- \
            "$ZVMC" check --config "$cfg" --directory "$dir"
    else
        na 'check config' "$n" 'zvmc check'
        na 'check directory' "$n" 'zvmc check'
        na 'check config+directory' "$n" 'zvmc check'
    fi
    if zvmc_has compile; then
        rm -rf "$obj"
        zrow compile "$n" "$abytes" "$floor" -- "$ZVMC" compile --config "$cfg" --directory "$dir" -o "$obj"
    else
        na compile "$n" 'zvmc compile'
    fi
    # XML of the whole cluster: the compiled object directory written as XML (to /dev/null)
    if ! zvmc_has dump; then
        na 'xml dump' "$n" 'zvmc dump'
    elif [ ! -e "$obj" ]; then
        na 'xml dump' "$n" 'no object directory from compile'
    else
        zrow 'xml dump' "$n" 0 "" -- "$ZVMC" dump "$obj" --format xml
    fi
    if zvmc_has relocate matrix; then
        zrow 'relocate matrix' "$n" "$abytes" "$floor" -- \
            "$ZVMC" relocate matrix --config "$cfg" --directory "$dir"
    else
        na 'relocate matrix' "$n" 'zvmc relocate matrix'
    fi
    if ! zvmc_has plan evacuate; then
        na 'plan evacuate' "$n" 'zvmc plan evacuate'
    elif [ ! -e "$obj" ]; then
        na 'plan evacuate' "$n" 'no object directory from compile'
    else
        zrow 'plan evacuate' "$n" 0 "" -- \
            "$ZVMC" plan evacuate "$BENCH_MEMBER" --objdir "$obj" --placement "$d/placement.txt"
    fi
    if [ ! -x "$B/lookup" ]; then
        na lookup "$n" "no $B/lookup (make bench builds it)"
    elif [ ! -e "$obj" ]; then
        na lookup "$n" 'no object directory from compile'
    else
        ROW_OUT=$B/lookup.out
        row lookup "$n" 0 "" -- "$B/lookup" "$obj" "$BENCH_LOOKUPS"
        ROW_OUT=
        lookup_figures "$B/lookup.out"
    fi
done

{
    echo '['
    sed '$!s/$/,/' "$rows"
    echo ']'
} >"$BENCH_RESULTS"
echo "bench: table in $table, rows in $BENCH_RESULTS, raw measurements in $raw"
[ "$failed" = 0 ] || { echo "bench: some commands failed (see FAILED above)" >&2; exit 1; }
exit 0
