/* SPDX-License-Identifier: MIT */
/*
 * sysconfig-members: the cluster the SYSTEM CONFIG describes.  With an SSI
 * statement, the members are its SLOT names (AVAILABLE slots excepted) in slot
 * order; without one, each system a System_Identifier names.  Every system name
 * the file defines is collected too, for the qualifier check.
 */
#include <string.h>
#include "check/check.h"

static void add_system(check_run *r, const char *name)
{
    if (!name || model_is_system(&r->model, name))
        return;
    ptrmap_slot *slot = ptrmap_put(&r->model.system_set, &r->ctx->alloc, name);
    if (!slot) {
        r->ctx->oom = 1;
        return;
    }
    /* a SYSTEM CONFIG may name thousands of systems, hostile or not */
    const char **v = arena_grow(&r->arena, r->model.systems, r->model.nsystems, sizeof *v);
    if (!v) {
        r->ctx->oom = 1;
        return;
    }
    r->model.systems = v;
    r->model.systems[r->model.nsystems++] = name;
    slot->value = r->model.nsystems;    /* model_lookalike_system() */
}

static void add_member(check_run *r, const char *name, uint32_t slot, zvmc_loc loc)
{
    if (model_is_member(&r->model, name))
        return;     /* ssi-slot-duplicate reports it */
    if (r->model.named++ == SC_MODEL_MAX_MEMBERS)
        report_member_limit(r->ctx, name, loc);
    if (r->model.nmembers == SC_MODEL_MAX_MEMBERS)
        return;
    sc_member *v = arena_grow(&r->arena, r->model.members, r->model.nmembers, sizeof *v);
    if (!v) {
        r->ctx->oom = 1;
        return;
    }
    /* keep slot order */
    uint32_t i = r->model.nmembers;
    while (i > 0 && v[i - 1].slot > slot) {
        v[i] = v[i - 1];
        i--;
    }
    v[i].name = name;
    v[i].slot = slot;
    v[i].loc = loc;
    r->model.members = v;
    r->model.nmembers++;
}

void pass_sysconfig_members(check_run *r)
{
    const char *available = ctx_intern_upper(r->ctx, "AVAILABLE", 9);
    sc_for_each_stmt(r->cfg, f, s) {
        switch (s->kind) {
        case SC_SSI:
            if (!r->model.ssi) {
                r->model.ssi = s;
                for (uint32_t i = 0; i < s->u.ssi.nslots; i++) {
                    const sc_slot *sl = &s->u.ssi.slots[i];
                    if (sl->member.s && sl->member.s != available) {
                        add_member(r, sl->member.s, (uint32_t)sl->slot.v, sl->member.loc);
                        add_system(r, sl->member.s);
                    }
                }
            }
            break;
        case SC_SYSTEM_IDENTIFIER:
            add_system(r, s->u.sysid->sysname.s);
            break;
        case SC_SYSTEM_IDENTIFIER_DEFAULT:
            add_system(r, s->u.sysid_default.sysname.s);
            break;
        default:
            break;
        }
    }
    if (!r->model.ssi) {
        sc_for_each_stmt(r->cfg, f, s)
            if (s->kind == SC_SYSTEM_IDENTIFIER && s->u.sysid->sysname.s)
                add_member(r, s->u.sysid->sysname.s, 0, s->u.sysid->sysname.loc);
    }
}
