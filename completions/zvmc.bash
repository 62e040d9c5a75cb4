# SPDX-License-Identifier: MIT
# bash completion for zvmc.  Commands, options and check names are asked of the
# zvmc being completed (`zvmc --help`, `zvmc CMD --help`, `zvmc check
# --list-checks`), so they follow the installed version.
# shellcheck disable=SC2207 # compgen prints one word a line, by design

# _zvmc_ask WORD...: run the zvmc named on the command line with WORDs.
_zvmc_ask()
{
    "${COMP_WORDS[0]}" "$@" 2>/dev/null
}

_zvmc_commands()
{
    _zvmc_ask --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'
}

_zvmc_checks()
{
    _zvmc_ask check --list-checks | awk '{ print $1 }'
}

_zvmc_options() # CMD
{
    _zvmc_ask "$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u
}

_zvmc_files()
{
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}

_zvmc()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd=${COMP_WORDS[1]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$(_zvmc_commands) --help --version" -- "$cur"))
        return
    fi
    case $prev in
    --format)
        local formats="text json"     # diskmap, relocate, convert
        case $cmd in
        check | compile) formats="text json sarif cpsyntax" ;;
        dump) formats="text config json xml" ;;
        plan) formats="text json rexx" ;;
        esac
        COMPREPLY=($(compgen -W "$formats" -- "$cur"))
        return ;;
    --zvm-level)
        COMPREPLY=($(compgen -W "6.2 6.3 6.4 7.1 7.2 7.3 7.4" -- "$cur"))
        return ;;
    --member | --max-errors)
        return ;;
    --config | --directory | --baseline | --write-baseline | --volumes | -o | --output | --objdir | \
        --xml | --report | --placement | --eqid-config)
        _zvmc_files
        return ;;
    --out-dir)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        return ;;
    esac
    case $cmd in
    explain)
        COMPREPLY=($(compgen -W "$(_zvmc_checks)" -- "$cur"))
        return ;;
    esac
    case $cur in
    -Wno-*)
        COMPREPLY=($(compgen -P -Wno- -W "$(_zvmc_checks)" -- "${cur#-Wno-}")) ;;
    -Werror=*)
        COMPREPLY=($(compgen -P -Werror= -W "$(_zvmc_checks)" -- "${cur#-Werror=}")) ;;
    -W*)
        COMPREPLY=($(compgen -P -W -W "$(_zvmc_checks) error error= no-" -- "${cur#-W}")) ;;
    --color=*)
        COMPREPLY=($(compgen -P --color= -W "auto always never" -- "${cur#--color=}")) ;;
    -*)
        COMPREPLY=($(compgen -W "$(_zvmc_options "$cmd") -h --help" -- "$cur")) ;;
    *)
        _zvmc_files ;;
    esac
}
complete -F _zvmc zvmc
