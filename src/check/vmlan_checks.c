/* SPDX-License-Identifier: MIT */
/*
 * vmlan-prefix: MAC addresses must stay unique across the cluster and survive
 * relocation, so VMLAN MACPREFIX should differ on every member while USERPREFIX
 * is the same on all (members cross-check MAC ranges as they join: IBM slides;
 * the exact rule is UNCONFIRMED, so these are warnings).
 */
#include "check/check.h"

typedef struct prefixes {
    sc_name mac, user;
} prefixes;

/* The last MACPREFIX and USERPREFIX in @member's view (later ones override). */
static prefixes member_prefixes(const check_run *r, const char *member)
{
    prefixes p = { { NULL, loc_none() }, { NULL, loc_none() } };
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_VMLAN || !sc_applies(s, member))
            continue;
        if (s->u.vmlan.macprefix.s)
            p.mac = s->u.vmlan.macprefix;
        if (s->u.vmlan.userprefix.s)
            p.user = s->u.vmlan.userprefix;
    }
    return p;
}

void check_vmlan_prefix(check_run *r)
{
    if (!r->model.ssi || r->model.nmembers < 2 || r->model.nmembers > 64)
        return;
    prefixes p[64];
    for (uint32_t i = 0; i < r->model.nmembers; i++)
        p[i] = member_prefixes(r, r->model.members[i].name);
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        for (uint32_t j = 0; j < i; j++) {
            const char *a = r->model.members[j].name, *b = r->model.members[i].name;
            if (!run_wants_member(r, a) && !run_wants_member(r, b))
                continue;
            if (p[i].mac.s && p[i].mac.s == p[j].mac.s) {
                zvmc_diag_int *d = diag_report(r->ctx, "vmlan-prefix", ZVMC_SEV_WARNING,
                    p[i].mac.loc,
                    "members %s and %s have the same VMLAN MACPREFIX %s: MAC addresses they "
                    "generate can collide; give each member its own MACPREFIX", a, b, p[i].mac.s);
                if (p[i].mac.loc.begin != p[j].mac.loc.begin)
                    diag_note(r->ctx, d, p[j].mac.loc, "%s's MACPREFIX is set here", a);
                else
                    diag_note(r->ctx, d, loc_none(),
                              "this statement applies to every member; qualify it per member");
            }
        }
    }
    /* USERPREFIX: compare every member with the first one that sets it. */
    uint32_t ref = 0;
    while (ref < r->model.nmembers && !p[ref].user.s)
        ref++;
    for (uint32_t i = ref + 1; i < r->model.nmembers; i++) {
        const char *a = r->model.members[ref].name, *b = r->model.members[i].name;
        if (!p[i].user.s || p[i].user.s == p[ref].user.s || !run_wants_member(r, b))
            continue;
        zvmc_diag_int *d = diag_report(r->ctx, "vmlan-prefix", ZVMC_SEV_WARNING, p[i].user.loc,
            "VMLAN USERPREFIX is %s on %s but %s on %s: it must be the same on every member, "
            "or guests' MAC addresses change when they relocate", p[i].user.s, b, p[ref].user.s, a);
        diag_note(r->ctx, d, p[ref].user.loc, "%s's USERPREFIX is set here", a);
    }
}
