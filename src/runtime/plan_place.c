/* SPDX-License-Identifier: MIT */
/*
 * plan_place.c - capacity-aware placement of the guests that may relocate.
 *
 * The guests are taken most constrained first (fewest eligible targets),
 * then largest first, so that a guest with one possible target is placed
 * before guests that could go anywhere can fill that target.  Each goes to
 * the eligible target with the most free storage left after it (worst fit,
 * which spreads the load); members whose free storage was not given are
 * unlimited and compared by the storage moved there so far.  A guest that
 * fits nowhere may take the place of a guest already placed that has room
 * on another of its targets (one exchange, bounded work).  No target is
 * ever given more than its free storage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/plan_internal.h"

/* Guests looked at by the exchanges of one plan, at most (keeps the worst case linear-ish). */
#define REPAIR_BUDGET (1u << 22)

/* qsort context: the guests (qsort takes none, so the keys are copied). */
struct key_ {
    int targets;
    uint64_t storage;
    const char *name;
    int from;
    uint32_t guest;
};

static int key_cmp_(const void *pa, const void *pb)
{
    const struct key_ *a = pa, *b = pb;
    int c;

    if (a->targets != b->targets)
        return a->targets < b->targets ? -1 : 1;
    if (a->storage != b->storage)
        return a->storage > b->storage ? -1 : 1;
    if ((c = strcmp(a->name, b->name)))
        return c;
    return a->from < b->from ? -1 : a->from > b->from;
}

/*
 * The best target of mask for size bytes, or -1: the most free storage left
 * after the move; unlimited members beat limited ones and among themselves
 * the one with the least moved to it wins; ties go to the lower index.
 */
static int best_target_(const struct zvmc_plan *plan, uint32_t mask, uint64_t size)
{
    uint64_t best_key = 0;
    int best = -1;

    for (int t = 0; mask; t++, mask >>= 1) {
        uint64_t room, key;

        if (!(mask & 1u))
            continue;
        room = zvmc_pl_room_(plan, t);
        if (room < size)
            continue;
        key = room == UINT64_MAX ? UINT64_MAX - plan->added[t] : room - size;
        if (best < 0 || key > best_key) {
            best = t;
            best_key = key;
        }
    }
    return best;
}

static void assign_(struct zvmc_plan *plan, struct zvmc_pl_guest_ *g, int to)
{
    if (g->to >= 0) {
        plan->added[g->to] -= g->storage;
        plan->moves_in[g->to]--;
    }
    g->to = to;
    plan->added[to] += g->storage;
    plan->moves_in[to]++;
}

/*
 * Make room for g on one of its targets by sending a placed guest there to
 * another of its own targets.  Returns 1 when g was placed.
 */
static int exchange_(struct zvmc_plan *plan, struct zvmc_pl_guest_ *g, const struct key_ *keys,
             size_t nkeys, uint32_t *budget)
{
    for (int t = 0; t < plan->members; t++) {
        uint64_t room;

        if (!(g->ok_mask & (1u << t)))
            continue;
        room = zvmc_pl_room_(plan, t);
        for (size_t k = nkeys; k-- > 0 && *budget;) {   /* least constrained, smallest first */
            struct zvmc_pl_guest_ *h = &plan->g[keys[k].guest];
            int u;

            --*budget;
            if (h->to != t || h == g || h->storage + room < g->storage)
                continue;
            u = best_target_(plan, h->ok_mask & ~(1u << t), h->storage);
            if (u < 0)
                continue;
            assign_(plan, h, u);
            assign_(plan, g, t);
            return 1;
        }
    }
    return 0;
}

/* Why a guest could not be placed, into the plan's pool. */
static int why_(struct zvmc_plan *plan, struct zvmc_pl_guest_ *g, uint32_t gi)
{
    char need[32], free_[32], text[1024];
    size_t len = 0;
    struct zvmc_pl_unplaced_ *u;
    long off;
    void *arr;
    int rc;

    if (g->user < 0) {
        off = zvmc_pl_pool_fmt_(&plan->alloc, &plan->pool,
                    "not in the object directory: compile it from the current "
                    "source directory");
    } else {
        zvmc_pl_size_str_(g->storage, need, sizeof(need));
        len = (size_t)snprintf(text, sizeof(text), "needs %s; free after the plan:", need);
        for (int t = 0; t < plan->members && len < sizeof(text); t++)
            if (g->ok_mask & (1u << t)) {
                zvmc_pl_size_str_(zvmc_pl_room_(plan, t), free_, sizeof(free_));
                len += (size_t)snprintf(text + len, sizeof(text) - len, " %s %s,",
                            zvmc_pl_member_name_(plan->od, t), free_);
            }
        if (len >= sizeof(text))
            len = sizeof(text) - 1;
        text[len - 1] = '\0';       /* the last comma */
        off = zvmc_pl_pool_add_(&plan->alloc, &plan->pool, text, strlen(text));
    }
    if (off < 0)
        return (int)off;
    arr = plan->unpl;
    rc = zvmc_pl_reserve_(&plan->alloc, &arr, &plan->unplcap, plan->nunpl + 1,
                  sizeof(*plan->unpl));
    plan->unpl = arr;
    if (rc)
        return rc;
    u = &plan->unpl[plan->nunpl++];
    u->guest = gi;
    u->why = (uint32_t)off;
    return 0;
}

static int sorted_keys_(struct zvmc_plan *plan, struct key_ **keysp, size_t *np)
{
    struct key_ *keys;
    size_t n = 0;

    for (size_t i = 0; i < plan->ng; i++)
        n += plan->g[i].fate == PL_MOVE;
    *keysp = NULL;
    *np = n;
    if (!n)
        return 0;
    if (!(keys = zvmc_pl_malloc_(&plan->alloc, n * sizeof(*keys))))
        return -ZVMC_ERR_NOMEM;
    n = 0;
    for (size_t i = 0; i < plan->ng; i++) {
        const struct zvmc_pl_guest_ *g = &plan->g[i];

        if (g->fate == PL_MOVE)
            keys[n++] = (struct key_){ g->targets, g->storage, g->pname, g->from,
                           (uint32_t)i };
    }
    qsort(keys, n, sizeof(*keys), key_cmp_);
    *keysp = keys;
    return 0;
}

int zvmc_pl_place_(struct zvmc_plan *plan)
{
    uint32_t budget = REPAIR_BUDGET;
    struct key_ *keys;
    size_t n;
    int rc = sorted_keys_(plan, &keys, &n);

    if (rc)
        return rc;
    if (n && !(plan->order = zvmc_pl_malloc_(&plan->alloc, n * sizeof(*plan->order)))) {
        zvmc_pl_free_(&plan->alloc, keys);
        return -ZVMC_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        struct zvmc_pl_guest_ *g = &plan->g[keys[k].guest];
        int t = best_target_(plan, g->ok_mask, g->storage);

        if (t >= 0)
            assign_(plan, g, t);
        else if (!exchange_(plan, g, keys, k, &budget))
            g->fate = PL_UNPLACED;
    }
    for (size_t k = 0; k < n; k++)      /* the steps, in placement order */
        if (plan->g[keys[k].guest].fate == PL_MOVE)
            plan->order[plan->nmoves++] = keys[k].guest;
    zvmc_pl_free_(&plan->alloc, keys);
    for (size_t i = 0; i < plan->ng && !rc; i++)    /* the whys, once every target is settled */
        if (plan->g[i].fate == PL_UNPLACED)
            rc = why_(plan, &plan->g[i], (uint32_t)i);
    return rc;
}
