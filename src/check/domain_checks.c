/* SPDX-License-Identifier: MIT */
/*
 * relocation-domain: a Relocation_Domain statement that names a system that is
 * not a member of the cluster, names a member twice, or takes the name of an
 * implicit domain (SSI, or a member's own single-member domain), which it then
 * redefines.  The rules are docs/zvm-reference.md's 2.8 lint, and the
 * statement's grammar and its implicit domains are UNCONFIRMED there:
 * warnings.  (A VMRELOCATE DOMAIN that names no domain is reloc-domain-undefined.)
 */
#include <string.h>
#include "check/check.h"
#include "util/ptrmap.h"

void check_relocation_domain(check_run *r)
{
    if (r->model.nmembers == 0)
        return;     /* no cluster to judge the members by */
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_RELOCATION_DOMAIN || !s->u.reldom.name.s)
            continue;
        const char *name = s->u.reldom.name.s;
        int ssi = strcmp(name, "SSI") == 0;
        if (ssi || model_is_member(&r->model, name))
            diag_report(r->ctx, "relocation-domain", ZVMC_SEV_WARNING, s->u.reldom.name.loc,
                "Relocation_Domain %s has the name of an implicit domain (%s): it redefines "
                "that domain for every guest that uses it (UNCONFIRMED rule)",
                name, ssi ? "every member of the cluster" : "the member's own domain");
        const sc_namelist *ms = &s->u.reldom.members;
        ptrmap seen = { 0 };
        for (uint32_t k = 0; k < ms->n; k++) {
            const sc_name *m = &ms->v[k];
            if (!m->s)
                continue;
            if (!model_is_member(&r->model, m->s)) {
                zvmc_diag_int *d = diag_report(r->ctx, "relocation-domain", ZVMC_SEV_WARNING,
                    m->loc, "Relocation_Domain %s names %s, which is not a member of the "
                    "cluster: the domain leaves it out (UNCONFIRMED rule)", name, m->s);
                const char *best = model_lookalike_system(r->ctx, &r->model, m->s);
                if (best && model_is_member(&r->model, best)) {
                    diag_note(r->ctx, d, loc_none(), "did you mean %s?", best);
                    diag_fixit(r->ctx, d, best);
                }
                continue;
            }
            /* the members named so far, by name: value = index + 1 */
            ptrmap_slot *sl = ptrmap_put(&seen, &r->ctx->alloc, m->s);
            if (!sl) {
                r->ctx->oom = 1;
                break;
            }
            if (!sl->value) {
                sl->value = k + 1;
                continue;
            }
            zvmc_diag_int *d = diag_report(r->ctx, "relocation-domain", ZVMC_SEV_WARNING, m->loc,
                "Relocation_Domain %s names member %s twice (UNCONFIRMED rule)", name, m->s);
            diag_note(r->ctx, d, ms->v[sl->value - 1].loc, "%s is first named here", m->s);
        }
        ptrmap_free(&seen, &r->ctx->alloc);
    }
}
