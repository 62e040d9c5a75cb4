/* SPDX-License-Identifier: MIT */
/*
 * plan_oom.c - the planner and the placement parser through a caller's
 * allocator: every allocation goes through it, and when the n-th one
 * fails, for every n, the call fails with -ZVMC_ERR_NOMEM and leaves
 * nothing allocated.
 */
#include "plan_fixture.h"

struct counting {
    long calls;         /* allocations so far */
    long fail_at;       /* this one fails; -1 never */
    long live;          /* blocks not freed */
};

static void *c_malloc(void *ud, size_t size)
{
    struct counting *c = ud;
    void *p;

    CHECK(size > 0);
    if (c->calls++ == c->fail_at)
        return NULL;
    if ((p = malloc(size)))
        c->live++;
    return p;
}

static void *c_realloc(void *ud, void *old, size_t size)
{
    struct counting *c = ud;

    CHECK(old != NULL && size > 0);
    if (c->calls++ == c->fail_at)
        return NULL;
    return realloc(old, size);
}

static void c_free(void *ud, void *p)
{
    struct counting *c = ud;

    c->live--;
    free(p);
}

static const char text[] =
    "LITSWAS1 LTICVM2\nLNXTEST LTICVM2\nLNXPIN LTICVM2\nLINUX01 LTICVM2\nLINUX02 LTICVM2\n"
    "LINUX03 LTICVM2\nLINUX04 LTICVM2\nLINUX05 LTICVM2\nLINUX06 LTICVM2\nLINUX07 LTICVM2\n"
    "LINUX08 LTICVM2\nEREP LTICVM2\nMAINT LTICVM2\nDTCVSW1 LTICVM2\nGHOST LTICVM2\n"
    "LTICVM2 : LNXA - DSC , LNXB - DSC\nUSER FROM TO BY ELAPSED\n"
    "LINUX08 LTICVM2 LTICVM9 OPERATOR 00:00:01\n";

static void parse_oom(const struct zvmc_objdir *od)
{
    struct counting c = { 0, -1, 0 };
    struct zvmc_plan_allocator a = { c_malloc, c_realloc, c_free, &c };
    struct zvmc_placement_opts o = { .alloc = &a };
    struct zvmc_placement *pl;
    long total;

    CHECK_OK(zvmc_placement_parse(od, text, sizeof(text) - 1, &o, &pl));
    CHECK_INT(zvmc_placement_count(pl), 17);
    zvmc_placement_free(pl);
    CHECK_INT(c.live, 0);
    total = c.calls;
    CHECK(total > 3);
    for (long n = 0; n < total; n++) {
        c = (struct counting){ 0, n, 0 };
        CHECK_RC(zvmc_placement_parse(od, text, sizeof(text) - 1, &o, &pl), ZVMC_ERR_NOMEM);
        CHECK(pl == NULL);
        CHECK_INT(c.live, 0);
    }
}

static void plan_oom(const struct zvmc_objdir *od)
{
    struct counting c = { 0, -1, 0 };
    struct zvmc_plan_allocator a = { c_malloc, c_realloc, c_free, &c };
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM9=4G", "LTICVM5=4G", "LTICVM4=2G",
                            (const char *)NULL);
    struct zvmc_placement *pl = pf_placement(od, text);
    struct zvmc_plan_policy pol;
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;
    long total;

    zvmc_plan_policy_init(&pol);
    pol.alloc = &a;
    CHECK_OK(zvmc_plan_evacuate(od, MB(VM2), pl, &cap, &pol, &p));
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(s.moves > 0 && s.shutdowns > 0 && s.identities > 0 && s.unplaced > 0);
    zvmc_plan_free(p);
    CHECK_INT(c.live, 0);
    total = c.calls;
    for (long n = 0; n < total; n++) {
        c = (struct counting){ 0, n, 0 };
        CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), pl, &cap, &pol, &p), ZVMC_ERR_NOMEM);
        CHECK(p == NULL);
        CHECK_INT(c.live, 0);
    }
    zvmc_placement_free(pl);
}

int main(void)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    parse_oom(od);
    plan_oom(od);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
