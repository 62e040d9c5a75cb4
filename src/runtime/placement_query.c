/* SPDX-License-Identifier: MIT */
/* placement_query.c - read a parsed placement back, and free it. */
#include "runtime/plan_internal.h"

const char *zvmc_pl_member_name_(const struct zvmc_objdir *od, int m)
{
    struct zvmc_member mb;

    return zvmc_member_get(od, m, &mb) == 0 ? mb.name : "?";
}

int zvmc_placement_count(const struct zvmc_placement *pl)
{
    return pl ? (int)pl->n : -ZVMC_ERR_INVAL;
}

int zvmc_placement_get(const struct zvmc_placement *pl, int i, struct zvmc_placement_entry *out)
{
    const struct zvmc_pl_entry_ *e;

    if (!pl || !out || i < 0 || (size_t)i >= pl->n)
        return -ZVMC_ERR_INVAL;
    e = &pl->e[i];
    out->name = zvmc_pl_str_(&pl->pool, e->name);
    out->user = e->user;
    out->member = e->member;
    out->storage = e->storage;
    out->storage_given = e->storage_given;
    out->line = e->line;
    out->source = (enum zvmc_placement_source)e->source;
    return 0;
}

void zvmc_placement_free(struct zvmc_placement *pl)
{
    struct zvmc_plan_allocator a;

    if (!pl)
        return;
    a = pl->alloc;
    zvmc_pl_free_(&a, pl->e);
    zvmc_pl_free_(&a, pl->pool.p);
    zvmc_pl_free_(&a, pl->head);
    zvmc_pl_free_(&a, pl);
}
