/* SPDX-License-Identifier: MIT */
/* cpowned-slot-conflict: in one member's view, a CP_Owned slot that holds two
 * volumes, or a volume that sits in two slots.  Without SSI the single view is
 * checked once (member NULL: unqualified statements only).  Across the members
 * of an SSI cluster: a volume that two members own in different slots (S6's
 * sample, CONFIRMED: every member reaches each spool volume at the same slot,
 * and page and T-disk volumes are not shared). */
#include <string.h>
#include "check/check.h"

static void check_view(check_run *r, const char *member, int first_view)
{
    /* Slots are 1..255: a direct table is cheaper than a hash. */
    const sc_stmt *by_slot[256] = { 0 };
    symtab by_vol;
    symtab_init(&by_vol, &r->ctx->alloc);
    const char *in = member ? " in the view of " : "", *who = member ? member : "";
    sc_kind_list owned_list = sc_stmts_of(r, SC_CP_OWNED);
    for (uint32_t k = 0; k < owned_list.n; k++) {
        const sc_stmt *s = owned_list.v[k];
        if (!s->u.cpowned.slot.present || !sc_applies(s, member))
            continue;
        uint64_t slot = s->u.cpowned.slot.v;
        if (slot < 1 || slot > 255) {
            if (sc_report_in_view(s, s, first_view))
                diag_report(r->ctx, "cpowned-slot-conflict", ZVMC_SEV_ERROR, s->u.cpowned.slot.loc,
                            "CP_Owned slot %llu is out of range: slots are 1 to 255",
                            (unsigned long long)slot);
            continue;
        }
        const char *vol = s->u.cpowned.reserved ? "RESERVED" : s->u.cpowned.volid.s;
        const sc_stmt *prev = by_slot[slot];
        if (prev) {
            const char *pvol = prev->u.cpowned.reserved ? "RESERVED" : prev->u.cpowned.volid.s;
            if (pvol != vol && sc_report_in_view(prev, s, first_view)) {
                zvmc_diag_int *d = diag_report(r->ctx, "cpowned-slot-conflict", ZVMC_SEV_ERROR,
                    s->loc, "CP_Owned slot %llu holds %s here but %s earlier%s%s: a slot holds "
                    "one volume", (unsigned long long)slot, vol, pvol, in, who);
                diag_note(r->ctx, d, prev->loc, "slot %llu is first defined here",
                          (unsigned long long)slot);
            }
            continue;
        }
        by_slot[slot] = s;
        if (s->u.cpowned.reserved || !vol)
            continue;
        int is_new;
        symtab_slot *vs = symtab_put(&by_vol, vol, strlen(vol), &is_new);
        if (!vs) {
            r->ctx->oom = 1;
            break;
        }
        if (is_new) {
            vs->value = (void *)s;
            continue;
        }
        const sc_stmt *first = vs->value;
        if (sc_report_in_view(first, s, first_view)) {
            zvmc_diag_int *d = diag_report(r->ctx, "cpowned-slot-conflict", ZVMC_SEV_ERROR, s->loc,
                "volume %s is CP_Owned in slot %llu and again in slot %llu%s%s", vol,
                (unsigned long long)first->u.cpowned.slot.v, (unsigned long long)slot, in, who);
            diag_note(r->ctx, d, first->loc, "%s is first given slot %llu here", vol,
                      (unsigned long long)first->u.cpowned.slot.v);
        }
    }
    symtab_free(&by_vol);
}

/* A volume's first CP_Owned statement in the cluster, and the member whose view
 * it was found in. */
typedef struct owned {
    const sc_stmt *s;
    const char *member;
} owned;

/* Two members that own one volume in different slots.  Within one view that is
 * check_view's finding; a pair of unqualified statements is one too. */
static void check_across(check_run *r)
{
    symtab by_vol;
    symtab_init(&by_vol, &r->ctx->alloc);
    arena scratch;
    arena_init(&scratch, &r->ctx->alloc);
    for (uint32_t i = 0; i < r->model.nmembers && !r->ctx->oom; i++) {
        const char *member = r->model.members[i].name;
        sc_kind_list owned_list = sc_stmts_of(r, SC_CP_OWNED);
        for (uint32_t k = 0; k < owned_list.n; k++) {
            const sc_stmt *s = owned_list.v[k];
            if (!s->u.cpowned.slot.present || s->u.cpowned.reserved ||
                !s->u.cpowned.volid.s || !sc_applies(s, member))
                continue;
            const char *vol = s->u.cpowned.volid.s;
            int is_new;
            symtab_slot *vs = symtab_put(&by_vol, vol, strlen(vol), &is_new);
            owned *o = !vs ? NULL : is_new ? arena_alloc(&scratch, sizeof *o) : vs->value;
            if (!o) {
                r->ctx->oom = 1;
                break;
            }
            if (is_new) {
                *o = (owned){ s, member };
                vs->value = o;
                continue;
            }
            const sc_stmt *first = o->s;
            if (o->member == member || first == s || first->u.cpowned.slot.v == s->u.cpowned.slot.v ||
                !(first->applies_to || s->applies_to) || !run_wants_member(r, member))
                continue;
            zvmc_diag_int *d = diag_report(r->ctx, "cpowned-slot-conflict", ZVMC_SEV_ERROR,
                s->u.cpowned.slot.loc, "volume %s is CP_Owned in slot %llu by %s but in slot %llu "
                "by %s: a spool volume is in the same slot on every member, and a page or T-disk "
                "volume belongs to one member", vol, (unsigned long long)s->u.cpowned.slot.v,
                member, (unsigned long long)first->u.cpowned.slot.v, o->member);
            diag_note(r->ctx, d, first->u.cpowned.slot.loc, "%s owns %s in slot %llu here",
                      o->member, vol, (unsigned long long)first->u.cpowned.slot.v);
        }
    }
    arena_free_all(&scratch);
    symtab_free(&by_vol);
}

void check_cpowned_slot_conflict(check_run *r)
{
    if (r->model.nmembers == 0) {
        check_view(r, NULL, 1);
        return;
    }
    int first = 1;
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        if (!run_wants_member(r, r->model.members[i].name))
            continue;
        check_view(r, r->model.members[i].name, first);
        first = 0;
    }
    if (r->model.ssi)
        check_across(r);
}
