# SPDX-License-Identifier: MIT
# Every option a command's --help lists is one the command takes: given it
# (with a value where the help shows one), the command may fail for want of
# inputs, but never calls the option unknown; and the command's manual page
# names it.  (`zvmc compile --help` once listed --member, which compile
# refused; four manual pages lacked --no-imbed.)
. tests/lib.sh

# The options a help text lists, one a line, as "NAMES[ VALUE]": from its
# option lines (two spaces, the names, two spaces or more, what it does), or,
# where it has none, from its usage lines (the block that starts "Usage:").
help_options() {
    zvmc "$@" --help >"$TMP/help" 2>&1
    if grep -q '^  -' "$TMP/help"; then
        sed -n 's/^  \(-[^ ].*\)$/\1/p' "$TMP/help" | sed 's/  .*//'
    else
        awk '/^Usage:/ { u = 1 } u && /^$/ { exit }
             u { for (i = 1; i <= NF; i++) {
                     w = $i; gsub(/[][()]|\.\.\.|[;,.]+$/, "", w)
                     if (w !~ /^-/) continue
                     v = i < NF ? $(i + 1) : ""; gsub(/[][]/, "", v)
                     print w ((v ~ /^[A-Z]/ || v ~ /\|/) ? " " v : "")
             } }' "$TMP/help" | tr -d "'\""
    fi
}

ncommands=0 noptions=0
for cmd in check compile diskmap convert view dump explain "relocate test" "relocate matrix" \
           "plan evacuate"; do
    ncommands=$((ncommands + 1))
    # shellcheck disable=SC2086
    help_options $cmd >"$TMP/opts"
    [ -s "$TMP/opts" ] || fail "zvmc $cmd --help lists no options"
    while IFS= read -r spec; do
        # "-o, --output FILE", "--color[=WHEN]", "-WCHECK", "--volume VOLSER=MODEL"
        value=
        case "$spec" in *" "[A-Z]*) value=x ;; esac
        for name in $(printf '%s\n' "$spec" | tr ',' '\n' | sed 's/^ *//; s/[ [].*//' | grep '^-'); do
            case "$name" in
            -h | --help) continue ;;
            -WCHECK) name=-Wsyntax ;;
            -Wno-CHECK) name=-Wno-syntax ;;
            -Werror=CHECK) name=-Werror=syntax ;;
            esac
            noptions=$((noptions + 1))
            # ... and its manual page names it (man/zvmc-CMD.1, '-' written '\-')
            page=man/zvmc-${cmd%% *}.1
            mname=$(printf '%s\n' "$name" | sed 's/-/\\\\-/g')
            case "$name" in -W*) ;; *)
                grep -q -- "$mname" "$page" || fail "$page does not name $name, which zvmc $cmd --help lists" ;;
            esac
            # shellcheck disable=SC2086
            zvmc $cmd "$name" $value </dev/null >"$TMP/out" 2>&1
            got=$?
            if [ "$got" -gt 2 ]; then
                fail "zvmc $cmd $name: exit $got"
            elif grep -q -- "unknown option.*'$name'" "$TMP/out"; then
                fail "zvmc $cmd --help lists $name, which it calls unknown"
                sed 's/^/  | /' "$TMP/out" | head -3
            fi
            [ -n "$value" ] || continue
            # Without its value: a usage error that names the option.
            # shellcheck disable=SC2086
            zvmc $cmd "$name" </dev/null >"$TMP/out" 2>&1
            got=$?
            if [ "$got" -ne 2 ] || ! grep -q -- "$name" "$TMP/out" ||
                grep -q "unknown option" "$TMP/out"; then
                fail "zvmc $cmd $name without its value: exit $got, want 2 and a message naming it"
                sed 's/^/  | /' "$TMP/out" | head -3
            fi
        done
    done <"$TMP/opts"
done
# The sed above must find the options: every command has some, and there are many.
[ "$noptions" -gt 60 ] || fail "only $noptions options found in $ncommands commands' help"

# And the other way round: an option a command does not know is called unknown.
expect_exit 2 "compile --member" zvmc compile --member VMSYS1
expect_grep "unknown option or operand '--member'" "compile refuses --member"
for cmd in check compile diskmap convert view dump "relocate test" "relocate matrix" \
           "plan evacuate"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$cmd --frobnicate" zvmc $cmd --frobnicate
    expect_grep "unknown option.*'--frobnicate'" "$cmd names the unknown option"
done
finish
