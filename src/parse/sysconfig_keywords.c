/* SPDX-License-Identifier: MIT */
/*
 * SYSTEM CONFIG keyword tables.
 *
 * CP accepts a keyword abbreviated down to its minimum length (the uppercase
 * part of the syntax diagrams: CP_OWNed, PDR_VOLume, XLINK_SYSTEM_EXclude).
 * Where the minimum is documented (docs/zvm-reference.md) it is used; elsewhere
 * the full name is required.  Matching is case-insensitive.
 */
#include <string.h>
#include "parse/sysconfig_parse.h"
#include "sysconfig.tab.h"
#include "util/names.h"

typedef struct kw {
    const char *name;
    unsigned minlen;            /* 0: the full name */
    int token;
} kw;

static int kw_match(const kw *k, const char *s, size_t n)
{
    /* Tables are searched in order: most entries fail on the first letter. */
    if (n == 0 || ascii_upper(s[0]) != k->name[0])
        return 0;
    size_t full = strlen(k->name);
    size_t min = k->minlen ? k->minlen : full;
    if (n < min || n > full)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_upper(s[i]) != k->name[i])
            return 0;
    return 1;
}

typedef struct head {
    kw k;
    sc_kind kind;
    const char *form;           /* the statement's syntax, for error messages */
} head;

/* Modelled statements.  XSPOOL_* are the documented names; the seed paper (and
 * the shops that copied it) write XSPPOOL_*, which is accepted as a spelling. */
static const head heads[] = {
    { { "SYSTEM_IDENTIFIER", 9, H_SYSTEM_IDENTIFIER }, SC_SYSTEM_IDENTIFIER,
      "System_Identifier LPAR lparname sysname | System_Identifier machtype cpuid sysname" },
    { { "SYSTEM_IDENTIFIER_DEFAULT", 21, H_SYSTEM_IDENTIFIER_DEFAULT },
      SC_SYSTEM_IDENTIFIER_DEFAULT, "System_Identifier_Default sysname" },
    { { "SSI", 0, H_SSI }, SC_SSI, "SSI name [PDR_VOLUME volid] [SLOT n member]..." },
    { { "SYSTEM_RESIDENCE", 10, H_SYSTEM_RESIDENCE }, SC_SYSTEM_RESIDENCE,
      "System_Residence Checkpoint Volid volid From CYL|PAGE n For n , "
      "Warmstart Volid volid From CYL|PAGE n For n" },
    { { "CP_OWNED", 6, H_CP_OWNED }, SC_CP_OWNED,
      "CP_Owned Slot n volid [OWN|SHARED] | CP_Owned Slot n RESERVED" },
    { { "ACTIVATE", 0, H_ACTIVATE }, SC_ACTIVATE_ISLINK,
      "ACTIVATE ISLINK rdev [rdev...] [NODE sysname]" },
    { { "RDEVICE", 4, H_RDEVICE }, SC_RDEVICE, "RDEVice rdev[-rdev] [EQID eqid] TYPE type ..." },
    { { "XLINK_SYSTEM_INCLUDE", 15, H_XLINK_SYSTEM_INCLUDE }, SC_XLINK_SYSTEM_INCLUDE,
      "XLINK_System_Include [Slot n] sysname" },
    { { "XLINK_SYSTEM_EXCLUDE", 15, H_XLINK_SYSTEM_EXCLUDE }, SC_XLINK_SYSTEM_EXCLUDE,
      "XLINK_System_Exclude sysname..." },
    { { "XLINK_VOLUME_INCLUDE", 15, H_XLINK_VOLUME_INCLUDE }, SC_XLINK_VOLUME_INCLUDE,
      "XLINK_Volume_Include pattern... [Cylinder n]" },
    { { "XLINK_VOLUME_EXCLUDE", 15, H_XLINK_VOLUME_EXCLUDE }, SC_XLINK_VOLUME_EXCLUDE,
      "XLINK_Volume_Exclude pattern..." },
    { { "XSPOOL_SYSTEM", 0, H_XSPOOL_SYSTEM }, SC_XSPOOL_SYSTEM,
      "XSPOOL_SYSTEM Slot n sysname [Share_Spool YES|NO]" },
    { { "XSPPOOL_SYSTEM", 0, H_XSPOOL_SYSTEM }, SC_XSPOOL_SYSTEM,
      "XSPOOL_SYSTEM Slot n sysname [Share_Spool YES|NO]" },
    { { "XSPOOL_XLIST_INPUT", 0, H_XSPOOL_XLIST_INPUT }, SC_XSPOOL_XLIST_INPUT,
      "XSPOOL_XLIST_INPUT userid..." },
    { { "XSPPOOL_XLIST_INPUT", 0, H_XSPOOL_XLIST_INPUT }, SC_XSPOOL_XLIST_INPUT,
      "XSPOOL_XLIST_INPUT userid..." },
    { { "XSPOOL_XLIST_OUTPUT", 0, H_XSPOOL_XLIST_OUTPUT }, SC_XSPOOL_XLIST_OUTPUT,
      "XSPOOL_XLIST_OUTPUT userid..." },
    { { "XSPPOOL_XLIST_OUTPUT", 0, H_XSPOOL_XLIST_OUTPUT }, SC_XSPOOL_XLIST_OUTPUT,
      "XSPOOL_XLIST_OUTPUT userid..." },
    { { "IMBED", 0, H_IMBED }, SC_IMBED, "IMBED fn ft" },
    { { "BEGIN", 0, H_BEGIN }, SC_BEGIN, "sysname: BEGIN" },
    { { "END", 0, H_END }, SC_END, "sysname: END" },
    { { "USER_VOLUME_LIST", 0, H_USER_VOLUME_LIST }, SC_USER_VOLUME_LIST,
      "User_Volume_List volser..." },
    { { "USER_VOLUME_INCLUDE", 0, H_USER_VOLUME_INCLUDE }, SC_USER_VOLUME_INCLUDE,
      "User_Volume_Include pattern..." },
    { { "RELOCATION_DOMAIN", 14, H_RELOCATION_DOMAIN }, SC_RELOCATION_DOMAIN,
      "Relocation_Domain name MEMBERS sysname..." },
    { { "VMLAN", 0, H_VMLAN }, SC_VMLAN, "VMLAN MACPREFIX xxxxxx | USERPREFIX xxxxxx | ..." },
    { { "DEFINE", 0, H_DEFINE }, SC_DEFINE_VSWITCH, "DEFINE VSWITCH name ..." },
};

/* Statements CP knows that zvmc keeps as generic statements.  A head that is in
 * neither table gets -Wunknown-statement. */
static const char *const known_generic[] = {
    "ALTERNATE_OPERATORS", "ASSOCIATE", "CHARACTER_DEFAULTS", "CP_ACCESS",
    "CP_ADDON_INITIALIZE_ROUTINES", "CPXLOAD", "CU", "DEVICES", "DISABLE", "DISTRIBUTE",
    "DRAIN", "EDEVICE", "EMERGENCY_MESSAGE_CONSOLES", "ENABLE", "ENCRYPT",
    "ENFORCE_BY_VOLSER", "EQUATE", "EXTERNAL_SYNTAX", "FEATURES", "FORM_DEFAULT",
    "HOT_IO_RATE", "IODF", "JOURNALING", "LOGO_CONFIG", "MODIFY", "OPERATOR_CONSOLES",
    "PAGING63", "PRINTER_TITLE", "PRIV_CLASSES", "PRODUCT", "SAY", "SET", "SIGNAL", "START",
    "STORAGE", "SRM", "SYSTEM_ALIAS", "SYSTEM_DATEFORMAT", "SYSTEM_USERIDS", "THROTTLE",
    "TIMEZONE_BOUNDARY", "TIMEZONE_DEFINITION", "TOLERATE_CONFIG_ERRORS", "TRANSLATE_TABLE",
    "USER_DEFAULTS", "USER_VOLUME_EXCLUDE", "USER_VOLUME_RDEV", "VARY", "XLINK_DEVICE_DEFAULT",
    "XSPOOL_TRACE", "CRYPTO",
};

/* Operands of multi-record statements that, found at the start of a statement,
 * mean the previous record lost its continuation comma (CPSYNTAX reports them as
 * invalid statements, HCPSYK6701E). */
static const char *const suboperands[] = {
    "RETRIEVE", "DEFAULT", "MAXIMUM", "MAXUSERS", "PASSWORDS_ON_CMDS", "DISCONNECT_TIMEOUT",
    "ONLINE_AT_IPL", "OFFLINE_AT_IPL", "SENSED", "SLOT", "CHECKPOINT", "WARMSTART",
    "VDISK", "AUTO_WARM_IPL", "CLEAR_TDISK", "SET_PRIVCLASS", "VALIDATE_SHUTDOWN",
    "NEW_DEVICES_INITIALIZED_WHEN_ADDED", "STP_TIMEZONE", "SYSTEM_3270", "SYSTEM_CONSOLE",
    "CHAR_DELETE", "ESCAPE", "LINE_DELETE", "LINE_END", "TAB", "OPERATOR", "ACCOUNT",
    "DUMP", "EREP", "IOCP_READ", "IOCP_WRITE", "HW_SERVICE", "USER_DEFAULT", "CPLANG",
    "FCP_DEV", "WWPN", "LUN", "CONSOLE", "PRINTER", "PUNCH", "READER",
};

int sc_classify_head(const char *s, size_t n, int *kind, const char **form)
{
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        if (kw_match(&heads[i].k, s, n)) {
            *kind = heads[i].kind;
            *form = heads[i].form;
            return heads[i].k.token;
        }
    }
    *kind = SC_GENERIC;
    *form = NULL;
    return H_GENERIC;
}

static int in_list(const char *const *list, size_t count, const char *s, size_t n)
{
    char first = n ? ascii_upper(s[0]) : 0;
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == first && ascii_casecmp_n(s, n, list[i]) == 0)
            return 1;
    return 0;
}

int sc_is_known_statement(const char *s, size_t n)
{
    int kind;
    const char *form;
    if (sc_classify_head(s, n, &kind, &form) != H_GENERIC)
        return 1;
    return in_list(known_generic, sizeof known_generic / sizeof known_generic[0], s, n);
}

int sc_is_suboperand(const char *s, size_t n)
{
    return in_list(suboperands, sizeof suboperands / sizeof suboperands[0], s, n);
}

/* Operand keywords, per statement kind. */
static const kw kw_sysid[] = { { "LPAR", 0, K_LPAR } };
static const kw kw_ssi[] = { { "PDR_VOLUME", 7, K_PDR_VOLUME }, { "SLOT", 0, K_SLOT } };
static const kw kw_sysres[] = {
    { "CHECKPOINT", 5, K_CHECKPOINT }, { "WARMSTART", 4, K_WARMSTART },
    { "VOLID", 3, K_VOLID }, { "FROM", 0, K_FROM }, { "CYLINDER", 3, K_CYLINDER },
    { "PAGE", 0, K_PAGE }, { "FOR", 0, K_FOR },
};
static const kw kw_cpowned[] = {
    { "SLOT", 0, K_SLOT }, { "OWN", 0, K_OWN }, { "SHARED", 0, K_SHARED },
    { "RESERVED", 0, K_RESERVED },
};
static const kw kw_activate[] = {
    { "ISLINK", 0, K_ISLINK }, { "NODE", 0, K_NODE }, { "BUFFERS", 0, K_BUFFERS },
};
static const kw kw_rdev[] = { { "EQID", 0, K_EQID }, { "TYPE", 0, K_TYPE } };
static const kw kw_slot[] = { { "SLOT", 0, K_SLOT } };
static const kw kw_cyl[] = { { "CYLINDER", 3, K_CYLINDER } };
static const kw kw_xspool[] = { { "SLOT", 0, K_SLOT }, { "SHARE_SPOOL", 0, K_SHARE_SPOOL } };
static const kw kw_reldom[] = { { "MEMBERS", 4, K_MEMBERS } };
static const kw kw_vmlan[] = { { "MACPREFIX", 0, K_MACPREFIX }, { "USERPREFIX", 0, K_USERPREFIX } };
static const kw kw_define[] = { { "VSWITCH", 0, K_VSWITCH } };

typedef struct kwset { const kw *v; size_t n; } kwset;
#define SET(a) { a, sizeof a / sizeof a[0] }

static kwset kwset_for(int kind)
{
    static const kwset none = { NULL, 0 };
    switch ((sc_kind)kind) {
    case SC_SYSTEM_IDENTIFIER: { kwset s = SET(kw_sysid); return s; }
    case SC_SSI: { kwset s = SET(kw_ssi); return s; }
    case SC_SYSTEM_RESIDENCE: { kwset s = SET(kw_sysres); return s; }
    case SC_CP_OWNED: { kwset s = SET(kw_cpowned); return s; }
    case SC_ACTIVATE_ISLINK: { kwset s = SET(kw_activate); return s; }
    case SC_RDEVICE: { kwset s = SET(kw_rdev); return s; }
    case SC_XLINK_SYSTEM_INCLUDE: { kwset s = SET(kw_slot); return s; }
    case SC_XLINK_VOLUME_INCLUDE: { kwset s = SET(kw_cyl); return s; }
    case SC_XSPOOL_SYSTEM: { kwset s = SET(kw_xspool); return s; }
    case SC_RELOCATION_DOMAIN: { kwset s = SET(kw_reldom); return s; }
    case SC_VMLAN: { kwset s = SET(kw_vmlan); return s; }
    case SC_DEFINE_VSWITCH: { kwset s = SET(kw_define); return s; }
    default: return none;
    }
}

int sc_classify_operand(int kind, const char *s, size_t n)
{
    kwset set = kwset_for(kind);
    for (size_t i = 0; i < set.n; i++)
        if (kw_match(&set.v[i], s, n))
            return set.v[i].token;
    return 0;
}

const char *sc_kind_name(sc_kind k)
{
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (heads[i].kind == k)
            return heads[i].k.name;
    return "statement";
}
