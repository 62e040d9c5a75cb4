/* SPDX-License-Identifier: MIT */
/*
 * system-identifier-conflict: one LPAR name, or one machine type and CPU ID,
 * mapped by System_Identifier to two different system names, and a second
 * System_Identifier_Default that names another system.  CP picks the system's
 * name at IPL from these statements, so one of the two names can never be
 * taken where both map.  The lint is docs/zvm-reference.md's 2.1 ("the same
 * LPAR must not map to two names"), which no manual at hand states: warnings
 * (UNCONFIRMED rule).  CPU ID patterns (%4zzzz) are compared as written, so
 * two patterns that match one machine are not found.
 */
#include <stdio.h>
#include <string.h>
#include "check/check.h"
#include "util/symtab.h"

/* The two operands that say where a System_Identifier applies: "LPAR" and the
 * LPAR name, or the machine type and the CPU ID; 0 when one is missing (the
 * syntax check reports that). */
static int sysid_where(const sc_sysid *id, const char **x, const char **y)
{
    *x = id->lpar ? "LPAR" : id->machine_type.s;
    *y = id->lpar ? id->lpar_name.s : id->cpuid.s;
    return *x && *y;
}

/* "LPAR LPA" or "2097 %4ZZZZ", in @a (NULL when out of memory). */
static const char *sysid_key(arena *a, const char *x, const char *y, size_t *len)
{
    size_t lx = strlen(x), ly = strlen(y);
    char *k = arena_alloc(a, lx + ly + 2);
    if (!k)
        return NULL;
    memcpy(k, x, lx);
    k[lx] = ' ';
    memcpy(k + lx + 1, y, ly + 1);
    *len = lx + ly + 1;
    return k;
}

void check_system_identifier_conflict(check_run *r)
{
    symtab seen;
    symtab_init(&seen, &r->ctx->alloc);
    arena keys;
    arena_init(&keys, &r->ctx->alloc);
    const sc_stmt *dflt = NULL;
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind == SC_SYSTEM_IDENTIFIER_DEFAULT && s->u.sysid_default.sysname.s) {
            if (!dflt) {
                dflt = s;
            } else if (dflt->u.sysid_default.sysname.s != s->u.sysid_default.sysname.s) {
                zvmc_diag_int *d = diag_report(r->ctx, "system-identifier-conflict",
                    ZVMC_SEV_WARNING, s->u.sysid_default.sysname.loc,
                    "a second System_Identifier_Default names %s, the first names %s: a system "
                    "that no System_Identifier matches takes one default name (UNCONFIRMED rule)",
                    s->u.sysid_default.sysname.s, dflt->u.sysid_default.sysname.s);
                diag_note(r->ctx, d, dflt->u.sysid_default.sysname.loc, "the first default is here");
            }
            continue;
        }
        if (s->kind != SC_SYSTEM_IDENTIFIER || !s->u.sysid->sysname.s)
            continue;
        const char *x, *y;
        if (!sysid_where(s->u.sysid, &x, &y))
            continue;
        size_t len;
        const char *key = sysid_key(&keys, x, y, &len);
        int is_new = 0;
        symtab_slot *sl = key ? symtab_put(&seen, key, len, &is_new) : NULL;
        if (!sl) {
            r->ctx->oom = 1;
            break;
        }
        if (is_new) {
            sl->value = (void *)s;
            continue;
        }
        const sc_stmt *first = sl->value;
        const char *a = first->u.sysid->sysname.s, *b = s->u.sysid->sysname.s;
        if (a == b)
            continue;       /* the same mapping twice: harmless */
        char where[160];
        if (s->u.sysid->lpar)
            snprintf(where, sizeof where, "LPAR %.64s", y);
        else
            snprintf(where, sizeof where, "machine type %.16s CPU ID %.64s", x, y);
        zvmc_diag_int *d = diag_report(r->ctx, "system-identifier-conflict", ZVMC_SEV_WARNING,
            s->u.sysid->sysname.loc, "System_Identifier maps %s to %s, but an earlier one maps "
            "it to %s: a system IPLed there takes only one of the two names (UNCONFIRMED rule)",
            where, b, a);
        diag_note(r->ctx, d, first->u.sysid->sysname.loc, "%s is mapped to %s here", where, a);
    }
    arena_free_all(&keys);
    symtab_free(&seen);
}
