/* SPDX-License-Identifier: MIT */
/*
 * cse-slot-conflict: one CSE slot given to two systems, or one system given
 * two slots, by XLINK_System_Include or by XSPOOL_SYSTEM (each statement's
 * slots are compared among its own).  A CSE complex numbers its systems by
 * slot, and `zvmc convert` orders the SSI members by it: a conflict leaves
 * the order to the file's (docs/zvm-reference.md 2.9-2.10: the grammar of
 * both statements is UNCONFIRMED, so this is a warning).
 */
#include <stdint.h>
#include "check/check.h"
#include "util/ptrmap.h"

/* The slot and system name of a CSE slot statement of @kind, or 0. */
static int slot_of(const sc_stmt *s, sc_kind kind, uint64_t *slot, const char **name,
                   zvmc_loc *loc)
{
    if (s->kind != kind)
        return 0;
    const sc_num *n = kind == SC_XLINK_SYSTEM_INCLUDE ? &s->u.xlink_inc.slot : &s->u.xspool.slot;
    const sc_name *sys = kind == SC_XLINK_SYSTEM_INCLUDE ? &s->u.xlink_inc.sysname
                                                         : &s->u.xspool.sysname;
    if (!n->present || !sys->s)
        return 0;
    *slot = n->v;
    *name = sys->s;
    *loc = n->loc;
    return 1;
}

static void conflicts_of(check_run *r, sc_kind kind, const char *what, ptrmap *by_slot,
                         ptrmap *by_name)
{
    const zvmc_alloc *al = &r->ctx->alloc;
    sc_kind_list v = sc_stmts_of(r, kind);
    for (uint32_t i = 0; i < v.n; i++) {
        uint64_t slot;
        const char *name;
        zvmc_loc loc;
        if (!slot_of(v.v[i], kind, &slot, &name, &loc) || slot >= UINT32_MAX)
            continue;       /* no slot, or none a complex has (the key must fit a pointer) */
        /* keys: the slot + 1 as a pointer-sized number, and the interned name;
         * values: the index of the first statement + 1 */
        ptrmap_slot *ps = ptrmap_put(by_slot, al, (const void *)(uintptr_t)(slot + 1));
        ptrmap_slot *pn = ps ? ptrmap_put(by_name, al, name) : NULL;
        if (!pn) {
            r->ctx->oom = 1;
            return;
        }
        uint64_t first_slot = ps->value, first_name = pn->value;
        if (!first_slot)
            ps->value = (uint64_t)i + 1;
        if (!first_name)
            pn->value = (uint64_t)i + 1;
        uint64_t other_slot;
        const char *other;
        zvmc_loc at;
        if (first_slot && slot_of(v.v[first_slot - 1], kind, &other_slot, &other, &at) &&
            other != name) {
            zvmc_diag_int *d = diag_report(r->ctx, "cse-slot-conflict", ZVMC_SEV_WARNING, loc,
                "%s slot %llu is given to %s here and to %s before: a CSE complex has one "
                "system in each slot (UNCONFIRMED rule)", what, (unsigned long long)slot,
                name, other);
            diag_note(r->ctx, d, at, "%s takes slot %llu here", other, (unsigned long long)slot);
        } else if (first_name && slot_of(v.v[first_name - 1], kind, &other_slot, &other, &at) &&
                   other_slot != slot) {
            zvmc_diag_int *d = diag_report(r->ctx, "cse-slot-conflict", ZVMC_SEV_WARNING, loc,
                "%s gives %s slot %llu here and slot %llu before: a system has one slot "
                "(UNCONFIRMED rule)", what, name, (unsigned long long)slot,
                (unsigned long long)other_slot);
            diag_note(r->ctx, d, at, "%s takes slot %llu here", name,
                      (unsigned long long)other_slot);
        }
    }
}

void check_cse_slot_conflict(check_run *r)
{
    static const struct { sc_kind kind; const char *what; } lists[] = {
        { SC_XLINK_SYSTEM_INCLUDE, "XLINK_System_Include" },
        { SC_XSPOOL_SYSTEM, "XSPOOL_SYSTEM" },
    };
    for (size_t k = 0; k < sizeof lists / sizeof lists[0] && !r->ctx->oom; k++) {
        ptrmap by_slot = { 0 }, by_name = { 0 };
        conflicts_of(r, lists[k].kind, lists[k].what, &by_slot, &by_name);
        ptrmap_free(&by_slot, &r->ctx->alloc);
        ptrmap_free(&by_name, &r->ctx->alloc);
    }
}
