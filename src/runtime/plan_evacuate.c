/* SPDX-License-Identifier: MIT */
/*
 * plan_evacuate.c - zvmc_plan_evacuate(): take every guest the placement
 * puts on an emptied member and sort it into its fate from the stored
 * verdicts alone: an IDENTITY restarts elsewhere, a guest no remaining
 * member accepts is shut down (with the stored reasons), the rest are
 * handed to the placement (plan_place.c).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/plan_internal.h"

uint64_t zvmc_pl_room_(const struct zvmc_plan *plan, int m)
{
    if (!(plan->cap.given & (1u << m)))
        return UINT64_MAX;
    return plan->cap.free[m] > plan->added[m] ? plan->cap.free[m] - plan->added[m] : 0;
}

void zvmc_plan_policy_init(struct zvmc_plan_policy *p)
{
    if (!p)
        return;
    memset(p, 0, sizeof(*p));
    p->parallel = 1;
    p->rate_mib_s = 20;
    p->overhead_s = 5;
    p->maxquiesce_s = 10;
    p->maxtotal_pct = 200;
    p->maxtotal_min_s = 60;
}

/* By member left, then user id: the order of every list but the moves. */
static int guest_cmp_(const void *pa, const void *pb)
{
    const struct zvmc_pl_guest_ *a = pa, *b = pb;

    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return strcmp(a->pname, b->pname);
}

/* Collect the guests of the emptied members, sorted, with their names copied. */
static int collect_(struct zvmc_plan *plan, const struct zvmc_placement *pl)
{
    void *arr;
    int rc;

    for (size_t i = 0; i < pl->n; i++) {
        const struct zvmc_pl_entry_ *e = &pl->e[i];

        if (!(plan->empty_mask & (1u << e->member)))
            continue;
        arr = plan->g;
        rc = zvmc_pl_reserve_(&plan->alloc, &arr, &plan->gcap, plan->ng + 1, sizeof(*plan->g));
        plan->g = arr;
        if (rc)
            return rc;
        plan->g[plan->ng++] = (struct zvmc_pl_guest_){ .user = e->user, .from = e->member,
                                   .to = -1, .storage = e->storage,
                                   .pname = zvmc_pl_str_(&pl->pool, e->name) };
    }
    if (plan->ng > 1)
        qsort(plan->g, plan->ng, sizeof(*plan->g), guest_cmp_);
    for (size_t i = 0; i < plan->ng; i++) {
        long off = zvmc_pl_pool_add_(&plan->alloc, &plan->pool, plan->g[i].pname,
                         strlen(plan->g[i].pname));

        if (off < 0)
            return (int)off;
        plan->g[i].name = (uint32_t)off;
    }
    return 0;
}

/* Append one index to a uint32_t list. */
static int push_(struct zvmc_plan *plan, uint32_t **list, size_t *n, size_t *cap, uint32_t v)
{
    void *arr = *list;
    int rc = zvmc_pl_reserve_(&plan->alloc, &arr, cap, *n + 1, sizeof(**list));

    *list = arr;
    if (rc)
        return rc;
    (*list)[(*n)++] = v;
    return 0;
}

/* A guest no remaining member accepts: keep the stored reasons of each. */
static int shutdown_(struct zvmc_plan *plan, uint32_t gi)
{
    struct zvmc_pl_guest_ *g = &plan->g[gi];
    struct zvmc_pl_shut_ *s;
    void *arr = plan->shut;
    int rc = zvmc_pl_reserve_(&plan->alloc, &arr, &plan->shutcap, plan->nshut + 1,
                  sizeof(*plan->shut));

    plan->shut = arr;
    if (rc)
        return rc;
    s = &plan->shut[plan->nshut];
    *s = (struct zvmc_pl_shut_){ gi, (uint32_t)plan->nreason, 0 };
    for (int t = 0; t < plan->members; t++) {
        int n = 0;

        if (t == g->from || (plan->empty_mask & (1u << t)) ||
            zvmc_reloc_verdict(plan->od, g->user, g->from, t, &n) != 0)
            continue;
        arr = plan->reason;
        rc = zvmc_pl_reserve_(&plan->alloc, &arr, &plan->reasoncap, plan->nreason + (size_t)n,
                      sizeof(*plan->reason));
        plan->reason = arr;
        if (rc)
            return rc;
        for (int j = 0; j < n; j++) {
            struct zvmc_pl_reason_ *r = &plan->reason[plan->nreason];

            r->to = t;
            if (zvmc_reloc_reason_at(plan->od, g->user, g->from, t, j, &r->r) == 0)
                plan->nreason++;
        }
    }
    s->count = (uint32_t)(plan->nreason - s->first);
    plan->nshut++;
    g->fate = PL_SHUTDOWN;
    return 0;
}

/* Decide the fate of guest gi from its kind and its verdicts. */
static int classify_(struct zvmc_plan *plan, uint32_t gi)
{
    struct zvmc_pl_guest_ *g = &plan->g[gi];
    struct zvmc_user u;

    if (g->user < 0) {
        g->fate = PL_UNPLACED;  /* the why is written with the others (plan_place.c) */
        return 0;
    }
    if (zvmc_user_get(plan->od, g->user, &u) == 0 && u.kind == ZVMC_USER_IDENTITY) {
        g->fate = PL_IDENTITY;
        return push_(plan, &plan->ident, &plan->nident, &plan->identcap, gi);
    }
    for (int t = 0; t < plan->members; t++) {
        if (t == g->from || zvmc_reloc_verdict(plan->od, g->user, g->from, t, NULL) != 1)
            continue;
        if (plan->empty_mask & (1u << t)) {
            g->emptied_ok |= 1u << t;
        } else {
            g->ok_mask |= 1u << t;
            g->targets++;
        }
    }
    if (!g->ok_mask)
        return shutdown_(plan, gi);
    g->fate = PL_MOVE;      /* a candidate: plan_place.c gives it a target or not */
    return 0;
}

static void plan_init_(struct zvmc_plan *plan, const struct zvmc_objdir *od, uint32_t empty_mask,
              const struct zvmc_plan_capacity *cap, const struct zvmc_plan_policy *policy)
{
    plan->od = od;
    plan->members = zvmc_member_count(od);
    plan->empty_mask = empty_mask;
    if (policy)
        plan->policy = *policy;
    else
        zvmc_plan_policy_init(&plan->policy);
    plan->policy.alloc = NULL;  /* the plan keeps its own copy in plan->alloc */
    if (cap)
        plan->cap = *cap;
    plan->cap.given &= plan->members >= 32 ? UINT32_MAX : (1u << plan->members) - 1;
}

int zvmc_plan_evacuate(const struct zvmc_objdir *od, uint32_t empty_mask,
               const struct zvmc_placement *pl, const struct zvmc_plan_capacity *cap,
               const struct zvmc_plan_policy *policy, struct zvmc_plan **planp)
{
    struct zvmc_plan_allocator a;
    struct zvmc_plan *plan;
    int members, rc;

    if (planp)
        *planp = NULL;
    if (!od || !pl || !planp || pl->od != od || (members = zvmc_member_count(od)) <= 0)
        return -ZVMC_ERR_INVAL;
    if (!empty_mask || (members < 32 && (empty_mask >> members)))
        return -ZVMC_ERR_INVAL;
    if (policy && (!policy->parallel || !policy->rate_mib_s || !policy->maxquiesce_s))
        return -ZVMC_ERR_INVAL;
    zvmc_pl_alloc_init_(&a, policy ? policy->alloc : NULL);
    if (!(plan = zvmc_pl_malloc_(&a, sizeof(*plan))))
        return -ZVMC_ERR_NOMEM;
    memset(plan, 0, sizeof(*plan));
    plan->alloc = a;
    plan_init_(plan, od, empty_mask, cap, policy);
    rc = collect_(plan, pl);
    for (size_t i = 0; !rc && i < plan->ng; i++)
        rc = classify_(plan, (uint32_t)i);
    if (!rc)
        rc = zvmc_pl_place_(plan);
    for (size_t i = 0; i < plan->ng; i++)
        plan->g[i].pname = NULL;    /* it points into the placement */
    if (rc) {
        zvmc_plan_free(plan);
        return rc;
    }
    *planp = plan;
    return 0;
}
