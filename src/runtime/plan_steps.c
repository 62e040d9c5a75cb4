/* SPDX-License-Identifier: MIT */
/*
 * plan_steps.c - the figures of one relocation step (docs/planner.md):
 *
 *   est_seconds = ceil(storage / rate) + overhead
 *   MAXTOTAL    = max(maxtotal_min_s, ceil(est_seconds * maxtotal_pct / 100))
 *   MAXQUIESCE  = maxquiesce_s
 *
 * and the steps as the public API shows them: numbered, grouped in waves
 * of `parallel` steps.
 */
#include "runtime/plan_internal.h"

static uint32_t clamp32_(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

uint32_t zvmc_pl_est_seconds_(const struct zvmc_plan_policy *p, uint64_t storage)
{
    uint64_t rate = (uint64_t)p->rate_mib_s << 20;

    return clamp32_(storage / rate + (storage % rate != 0) + p->overhead_s);
}

uint32_t zvmc_pl_maxtotal_(const struct zvmc_plan_policy *p, uint32_t est)
{
    uint64_t t = ((uint64_t)est * p->maxtotal_pct + 99) / 100;

    return clamp32_(t < p->maxtotal_min_s ? p->maxtotal_min_s : t);
}

void zvmc_pl_move_(const struct zvmc_plan *plan, size_t i, struct zvmc_plan_move *out)
{
    const struct zvmc_pl_guest_ *g = &plan->g[plan->order[i]];

    out->order = (int)i + 1;
    out->wave = (int)(i / plan->policy.parallel) + 1;
    out->user = zvmc_pl_str_(&plan->pool, g->name);
    out->from = g->from;
    out->to = g->to;
    out->storage = g->storage;
    out->est_seconds = zvmc_pl_est_seconds_(&plan->policy, g->storage);
    out->maxtotal_s = zvmc_pl_maxtotal_(&plan->policy, out->est_seconds);
    out->maxquiesce_s = plan->policy.maxquiesce_s;
    out->targets = g->targets;
}
