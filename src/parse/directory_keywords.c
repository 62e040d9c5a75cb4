/* SPDX-License-Identifier: MIT */
/*
 * Directory statement keywords.
 *
 * Matching is case-insensitive.  CP accepts some statements abbreviated; the
 * only abbreviation zvmc can vouch for is MACH for MACHINE (IBM's samples use
 * it), so every other keyword must be written in full.  A word that is no
 * keyword is kept as an unknown statement (-Wunknown-statement).
 */
#include <string.h>
#include "parse/directory_parse.h"
#include "util/names.h"

typedef struct kw {
    const char *name;
    unsigned minlen;            /* 0: the full name only */
    ud_skind kind;
} kw;

/* Sorted by name; ud_skind_name() reads it back. */
static const kw keywords[] = {
    { "ACCOUNT", 0, UD_S_ACCOUNT },     { "ACIGROUP", 0, UD_S_ACIGROUP },
    { "APPCPASS", 0, UD_S_APPCPASS },   { "AUTOLOG", 0, UD_S_AUTOLOG },
    { "BUILD", 0, UD_S_BUILD },         { "CLASS", 0, UD_S_CLASS },
    { "COMMAND", 0, UD_S_COMMAND },     { "CONSOLE", 0, UD_S_CONSOLE },
    { "CPU", 0, UD_S_CPU },             { "CRYPTO", 0, UD_S_CRYPTO },
    { "D8ONECMD", 0, UD_S_D8ONECMD },   { "DASDOPT", 0, UD_S_DASDOPT },
    { "DATEFORMAT", 0, UD_S_DATEFORMAT }, { "DEDICATE", 0, UD_S_DEDICATE },
    { "DIRECTORY", 0, UD_S_DIRECTORY }, { "GLOBALDEFS", 0, UD_S_GLOBALDEFS },
    { "GLOBALOPTS", 0, UD_S_GLOBALOPTS }, { "IDENTITY", 0, UD_S_IDENTITY },
    { "INCLUDE", 0, UD_S_INCLUDE },     { "IPL", 0, UD_S_IPL },
    { "IUCV", 0, UD_S_IUCV },           { "LINK", 0, UD_S_LINK },
    { "LOADDEV", 0, UD_S_LOADDEV },     { "LOGONBY", 0, UD_S_LOGONBY },
    { "MACHINE", 4, UD_S_MACHINE },     { "MAXSTORAGE", 0, UD_S_MAXSTORAGE },
    { "MDISK", 0, UD_S_MDISK },         { "MINIOPT", 0, UD_S_MINIOPT },
    { "NAMESAVE", 0, UD_S_NAMESAVE },   { "NICDEF", 0, UD_S_NICDEF },
    { "NOPDATA", 0, UD_S_NOPDATA },     { "OPTION", 0, UD_S_OPTION },
    { "POOL", 0, UD_S_POOL },           { "POSIXGLIST", 0, UD_S_POSIXGLIST },
    { "POSIXGROUP", 0, UD_S_POSIXGROUP }, { "POSIXINFO", 0, UD_S_POSIXINFO },
    { "POSIXOPT", 0, UD_S_POSIXOPT },   { "PROFILE", 0, UD_S_PROFILE },
    { "SCREEN", 0, UD_S_SCREEN },       { "SECLABEL", 0, UD_S_SECLABEL },
    { "SHARE", 0, UD_S_SHARE },         { "SPECIAL", 0, UD_S_SPECIAL },
    { "SPOOL", 0, UD_S_SPOOL },         { "SPOOLFILE", 0, UD_S_SPOOLFILE },
    { "STDEVOPT", 0, UD_S_STDEVOPT },   { "STORAGE", 0, UD_S_STORAGE },
    { "SUBCONFIG", 0, UD_S_SUBCONFIG }, { "SYSAFFIN", 0, UD_S_SYSAFFIN },
    { "USER", 0, UD_S_USER },           { "VMRELOCATE", 0, UD_S_VMRELOCATE },
    { "XAUTOLOG", 0, UD_S_XAUTOLOG },   { "XCONFIG", 0, UD_S_XCONFIG },
};
#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

/* This runs once per record: fold into a small buffer, then find the first
 * entry with the same initial letter by binary search and compare from there. */
int ud_classify(const char *s, size_t n)
{
    char up[12];
    if (n == 0 || n >= sizeof up)
        return UD_S_UNKNOWN;
    for (size_t i = 0; i < n; i++)
        up[i] = ascii_upper(s[i]);
    size_t lo = 0, hi = NKEYWORDS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((unsigned char)keywords[mid].name[0] < (unsigned char)up[0])
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < NKEYWORDS && keywords[i].name[0] == up[0]; i++) {
        const kw *k = &keywords[i];
        size_t full = strlen(k->name);
        size_t min = k->minlen ? k->minlen : full;
        if (n >= min && n <= full && memcmp(k->name, up, n) == 0)
            return k->kind;
    }
    return UD_S_UNKNOWN;
}

int ud_keyword_shaped(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = ascii_upper(s[i]);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '@' || c == '#' || c == '$'))
            return 0;
    }
    return 1;
}

const char *ud_suggest(const char *s, size_t n)
{
    char word[64];
    if (n >= sizeof word)
        return NULL;
    memcpy(word, s, n);
    word[n] = '\0';
    const char *best = NULL;
    unsigned best_d = 5;        /* at most two ordinary edits */
    for (size_t i = 0; i < NKEYWORDS; i++) {
        unsigned d = lookalike_distance(word, keywords[i].name);
        if (d < best_d) {
            best_d = d;
            best = keywords[i].name;
        }
    }
    return best;
}

const char *ud_skind_name(unsigned kind)
{
    for (size_t i = 0; i < NKEYWORDS; i++)
        if (keywords[i].kind == kind)
            return keywords[i].name;
    return "statement";
}

const char *ud_ekind_name(unsigned kind)
{
    static const char *const names[] = {
        [UD_E_NONE] = "(no entry)", [UD_E_USER] = "USER", [UD_E_IDENTITY] = "IDENTITY",
        [UD_E_PROFILE] = "PROFILE", [UD_E_SUBCONFIG] = "SUBCONFIG",
        [UD_E_GLOBALDEFS] = "GLOBALDEFS", [UD_E_POOL] = "POOL",
    };
    return kind < sizeof names / sizeof names[0] ? names[kind] : "entry";
}

const char *ud_mode_name(unsigned mode)
{
    static const char *const names[] = {
        [UD_MODE_NONE] = "", [UD_MODE_R] = "R", [UD_MODE_RR] = "RR", [UD_MODE_W] = "W",
        [UD_MODE_WR] = "WR", [UD_MODE_M] = "M", [UD_MODE_MR] = "MR", [UD_MODE_MW] = "MW",
        [UD_MODE_SR] = "SR", [UD_MODE_SW] = "SW", [UD_MODE_ER] = "ER", [UD_MODE_EW] = "EW",
    };
    mode &= ~(unsigned)UD_MODE_V;
    return mode < sizeof names / sizeof names[0] ? names[mode] : "";
}

/* What a SUBCONFIG may hold.  IBM's table is UNCONFIRMED (docs/directory.md):
 * device statements and the few general ones that describe member-local
 * hardware; anything else in a SUBCONFIG gets a dir-placement warning. */
int ud_allowed_in_subconfig(unsigned kind)
{
    switch (kind) {
    case UD_S_MDISK: case UD_S_LINK: case UD_S_DEDICATE: case UD_S_SPECIAL:
    case UD_S_NICDEF: case UD_S_CRYPTO: case UD_S_LOADDEV: case UD_S_IPL:
    case UD_S_SPOOL: case UD_S_CONSOLE: case UD_S_DASDOPT: case UD_S_MINIOPT:
    case UD_S_COMMAND:
        return 1;
    default:
        return 0;
    }
}

/* General statements: CP wants them before the device statements of an entry
 * (IBM: MDISK "must follow any general statements"). */
int ud_is_general(unsigned kind)
{
    switch (kind) {
    case UD_S_ACCOUNT: case UD_S_ACIGROUP: case UD_S_APPCPASS: case UD_S_AUTOLOG:
    case UD_S_CLASS: case UD_S_COMMAND: case UD_S_CPU: case UD_S_CRYPTO:
    case UD_S_D8ONECMD: case UD_S_DATEFORMAT: case UD_S_IPL: case UD_S_IUCV:
    case UD_S_LOADDEV: case UD_S_LOGONBY: case UD_S_MACHINE: case UD_S_MAXSTORAGE:
    case UD_S_NAMESAVE: case UD_S_NOPDATA: case UD_S_OPTION: case UD_S_POSIXGLIST:
    case UD_S_POSIXGROUP: case UD_S_POSIXINFO: case UD_S_POSIXOPT: case UD_S_SCREEN:
    case UD_S_SECLABEL: case UD_S_SHARE: case UD_S_SPOOLFILE: case UD_S_STDEVOPT:
    case UD_S_STORAGE: case UD_S_VMRELOCATE: case UD_S_XAUTOLOG: case UD_S_XCONFIG:
        return 1;
    default:
        return 0;
    }
}
