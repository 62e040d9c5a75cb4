# SPDX-License-Identifier: MIT
# docs/checks/: every check has a page, `zvmc explain` prints it, and the page's
# example really fires its check.
. tests/lib.sh

zvmc check --list-checks > "$TMP/list" || fail "--list-checks"
checks=$(awk '{print $1}' "$TMP/list")
[ -n "$checks" ] || fail "--list-checks lists nothing"

for c in $checks; do
    page=docs/checks/$c.md
    if [ ! -f "$page" ]; then
        fail "check $c has no page $page"
        continue
    fi
    # explain prints the page itself, byte for byte (it is built into the binary).
    if ! zvmc explain "$c" > "$TMP/explained" 2>&1; then
        fail "zvmc explain $c exits non-zero"
    elif ! cmp -s "$TMP/explained" "$page"; then
        fail "zvmc explain $c does not print $page (rebuild?)"
    fi
    head -n 1 "$page" | grep -qx "# $c" || fail "$page does not start with '# $c'"
    for section in "What it finds" "Why z/VM cares" "Example" "The fix" "Suppressing it"; do
        grep -qx "## $section" "$page" || fail "$page lacks the section '## $section'"
    done

    # The example: the ```sysconfig, ```direct or ```text blocks are the input
    # files, the "$ zvmc check ARGS FILE..." line says how they are run (its
    # last words name the files, in the order of the blocks).  Pages of checks
    # that no input can trigger say so with <!-- no-example: why -->.
    if grep -q '^<!-- no-example: ' "$page"; then
        continue
    fi
    rm -rf "$TMP/ex" && mkdir -p "$TMP/ex"
    awk -v dir="$TMP/ex" '/^```(sysconfig|direct|text)$/ { n++; on = 1; next }
        on && /^```$/ { on = 0; next } on { print > (dir "/input." n) }' "$page"
    n=$(ls "$TMP/ex" | wc -l)
    cmdline=$(grep -m 1 '^\$ zvmc check ' "$page" | sed 's/^\$ zvmc check //')
    if [ "$n" -eq 0 ] || [ -z "$cmdline" ]; then
        fail "$page has no example (input blocks and a '\$ zvmc check' line)"
        continue
    fi
    # shellcheck disable=SC2086 # the page's words
    set -- $cmdline
    shift $(($# - n))
    i=1
    for file; do mv "$TMP/ex/input.$i" "$TMP/ex/$file"; i=$((i + 1)); done
    # shellcheck disable=SC2086 # the page's arguments are words
    case $ZVMC in /*) zbin=$ZVMC ;; *) zbin=$PWD/$ZVMC ;; esac     # BUILD may be absolute
    (cd "$TMP/ex" && "$zbin" check $cmdline) > "$TMP/fired" 2>&1
    grep -qF -- "[-W$c]" "$TMP/fired" || { fail "the example of $page does not fire $c"; sed 's/^/  | /' "$TMP/fired" | head -10; }
    rm -rf "$TMP/ex"
done

# No page for a check that does not exist (a renamed check leaves one behind).
for page in docs/checks/*.md; do
    c=${page##*/}; c=${c%.md}
    echo "$checks" | grep -qx -- "$c" || fail "$page is the page of no check"
done

# The forms a user copies from a diagnostic or a command line work too.
expect_exit 0 "explain -Wno-NAME" zvmc explain -Wno-eqid-one-sided
expect_grep "^# eqid-one-sided$" "explain -Wno-NAME prints the page"
expect_exit 0 "explain [-WNAME]" zvmc explain "[-Wmissing-comma]"
expect_grep "^# missing-comma$" "explain [-WNAME] prints the page"
expect_exit 2 "explain an unknown check" zvmc explain no-such-check
expect_grep "no check called 'no-such-check'" "explain names the unknown check"
expect_exit 2 "explain with no check" zvmc explain
expect_exit 2 "explain with two checks" zvmc explain syntax input
expect_exit 0 "explain --help" zvmc explain --help
expect_exit 0 "zvmc --help lists explain" zvmc --help
expect_grep "^  explain " "zvmc --help lists explain"
finish
