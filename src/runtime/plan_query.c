/* SPDX-License-Identifier: MIT */
/* plan_query.c - read a plan back: its summary, its lists, the members' load; free it. */
#include "runtime/plan_internal.h"

int zvmc_plan_summary_get(const struct zvmc_plan *plan, struct zvmc_plan_summary *out)
{
    uint64_t total = 0, wave_max = 0;

    if (!plan || !out)
        return -ZVMC_ERR_INVAL;
    for (size_t i = 0; i < plan->nmoves; i++) {
        uint32_t est = zvmc_pl_est_seconds_(&plan->policy, plan->g[plan->order[i]].storage);

        if (est > wave_max)
            wave_max = est;
        if ((i + 1) % plan->policy.parallel == 0 || i + 1 == plan->nmoves) {
            total += wave_max;
            wave_max = 0;
        }
    }
    out->empty_mask = plan->empty_mask;
    out->parallel = plan->policy.parallel;
    out->moves = (int)plan->nmoves;
    out->identities = (int)plan->nident;
    out->shutdowns = (int)plan->nshut;
    out->unplaced = (int)plan->nunpl;
    out->waves = (int)((plan->nmoves + plan->policy.parallel - 1) / plan->policy.parallel);
    out->est_seconds = total;
    out->complete = plan->nshut == 0 && plan->nunpl == 0;
    return 0;
}

int zvmc_plan_move_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_move *out)
{
    if (!plan || !out || i < 0 || (size_t)i >= plan->nmoves)
        return -ZVMC_ERR_INVAL;
    zvmc_pl_move_(plan, (size_t)i, out);
    return 0;
}

int zvmc_plan_shutdown_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_shutdown *out)
{
    const struct zvmc_pl_guest_ *g;

    if (!plan || !out || i < 0 || (size_t)i >= plan->nshut)
        return -ZVMC_ERR_INVAL;
    g = &plan->g[plan->shut[i].guest];
    out->user = zvmc_pl_str_(&plan->pool, g->name);
    out->from = g->from;
    out->storage = g->storage;
    out->reason_count = (int)plan->shut[i].count;
    out->emptied_ok_mask = g->emptied_ok;
    return 0;
}

int zvmc_plan_shutdown_reason(const struct zvmc_plan *plan, int i, int j,
                  struct zvmc_plan_reason *out)
{
    const struct zvmc_pl_shut_ *s;

    if (!plan || !out || i < 0 || (size_t)i >= plan->nshut)
        return -ZVMC_ERR_INVAL;
    s = &plan->shut[i];
    if (j < 0 || (uint32_t)j >= s->count)
        return -ZVMC_ERR_INVAL;
    out->to = plan->reason[s->first + (uint32_t)j].to;
    out->reason = plan->reason[s->first + (uint32_t)j].r;
    return 0;
}

int zvmc_plan_identity_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_identity *out)
{
    const struct zvmc_pl_guest_ *g;
    struct zvmc_user u;

    if (!plan || !out || i < 0 || (size_t)i >= plan->nident)
        return -ZVMC_ERR_INVAL;
    g = &plan->g[plan->ident[i]];
    out->user = zvmc_pl_str_(&plan->pool, g->name);
    out->from = g->from;
    out->elsewhere_mask = zvmc_user_get(plan->od, g->user, &u) == 0 ?
                  u.member_mask & ~plan->empty_mask : 0;
    return 0;
}

int zvmc_plan_unplaced_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_unplaced *out)
{
    const struct zvmc_pl_guest_ *g;

    if (!plan || !out || i < 0 || (size_t)i >= plan->nunpl)
        return -ZVMC_ERR_INVAL;
    g = &plan->g[plan->unpl[i].guest];
    out->user = zvmc_pl_str_(&plan->pool, g->name);
    out->from = g->from;
    out->storage = g->storage;
    out->why = zvmc_pl_str_(&plan->pool, plan->unpl[i].why);
    return 0;
}

int zvmc_plan_load_get(const struct zvmc_plan *plan, int member, struct zvmc_plan_load *out)
{
    if (!plan || !out || member < 0 || member >= plan->members)
        return -ZVMC_ERR_INVAL;
    out->given = (plan->cap.given >> member) & 1u;
    out->free_before = out->given ? plan->cap.free[member] : 0;
    out->free_after = out->given ? zvmc_pl_room_(plan, member) : 0;
    out->added = plan->added[member];
    out->moves_in = plan->moves_in[member];
    return 0;
}

void zvmc_plan_free(struct zvmc_plan *plan)
{
    struct zvmc_plan_allocator a;

    if (!plan)
        return;
    a = plan->alloc;
    zvmc_pl_free_(&a, plan->pool.p);
    zvmc_pl_free_(&a, plan->g);
    zvmc_pl_free_(&a, plan->order);
    zvmc_pl_free_(&a, plan->ident);
    zvmc_pl_free_(&a, plan->shut);
    zvmc_pl_free_(&a, plan->reason);
    zvmc_pl_free_(&a, plan->unpl);
    zvmc_pl_free_(&a, plan);
}
