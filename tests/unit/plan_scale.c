/* SPDX-License-Identifier: MIT */
/*
 * plan_scale.c - a synthetic cluster of 100,000 users on 4 members
 * (objdir_synth.h: every 7th user refused for a local minidisk), 25,000 of
 * them on the member emptied: every guest gets exactly one fate, the load is
 * spread, no target is overcommitted.  The time it takes is printed for the
 * record; speed is measured by `make bench`, never asserted by a test.
 */
#include <time.h>

#include "objdir_synth.h"
#include "objdir_test.h"

#define USERS 100000
#define MEMBERS 4

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *placement_text(size_t *len)
{
    char *text = malloc((size_t)USERS * 16);
    size_t n = 0;

    CHECK(text != NULL);
    for (int i = 0; i < USERS; i++)
        n += (size_t)snprintf(text + n, 16, "LNX%05d SYS%d\n", i, i % MEMBERS);
    *len = n;
    return text;
}

/* Plan with cap (NULL: none); returns the milliseconds zvmc_plan_evacuate() took. */
static double plan(const struct zvmc_objdir *od, const struct zvmc_placement *pl,
           const struct zvmc_plan_capacity *cap, struct zvmc_plan **p)
{
    double t0 = now();

    CHECK_OK(zvmc_plan_evacuate(od, 1u, pl, cap, NULL, p));
    return (now() - t0) * 1e3;
}

static void unlimited(const struct zvmc_objdir *od, const struct zvmc_placement *pl)
{
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;
    uint64_t lo = UINT64_MAX, hi = 0;
    double ms = plan(od, pl, NULL, &p);

    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.moves, 21428);          /* 25,000 on SYS0, less every 28th user */
    CHECK_INT(s.shutdowns, 3572);
    CHECK_INT(s.unplaced + s.identities, 0);
    for (int i = 0; i < s.moves; i++) {
        struct zvmc_plan_move m;

        CHECK_OK(zvmc_plan_move_at(p, i, &m));
        CHECK(m.from == 0 && m.to > 0 && m.to < MEMBERS);
    }
    for (int m = 1; m < MEMBERS; m++) {
        struct zvmc_plan_load l;

        CHECK_OK(zvmc_plan_load_get(p, m, &l));
        lo = l.added < lo ? l.added : lo;
        hi = l.added > hi ? l.added : hi;
    }
    CHECK(hi - lo <= (uint64_t)16 << 30);      /* within one guest of each other */
    printf("plan evacuate of 25,000 guests (100,000 users): %.1f ms\n", ms);
    zvmc_plan_free(p);
}

/* A third of the storage needed: most guests stay, none overcommits, still fast. */
static void exhausted(const struct zvmc_objdir *od, const struct zvmc_placement *pl)
{
    struct zvmc_plan_capacity cap = { .given = 0xE };
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;
    double ms;

    for (int m = 1; m < MEMBERS; m++)
        cap.free[m] = (uint64_t)20 << 40;
    ms = plan(od, pl, &cap, &p);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.moves + s.unplaced, 21428);
    CHECK(s.unplaced > 0 && !s.complete);
    for (int m = 1; m < MEMBERS; m++) {
        struct zvmc_plan_load l;

        CHECK_OK(zvmc_plan_load_get(p, m, &l));
        CHECK(l.given && l.added <= l.free_before);
    }
    printf("the same with 20T free on each target: %.1f ms, %d moved, %d unplaced\n", ms,
           s.moves, s.unplaced);
    zvmc_plan_free(p);
}

int main(void)
{
    struct zvmc_odb *b = synth_build(MEMBERS, USERS);
    struct zvmc_placement *pl;
    struct zvmc_objdir *od;
    uint8_t *img;
    size_t len, tlen;
    char *text;
    double t0;

    CHECK(b != NULL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    zvmc_odb_free(b);
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    text = placement_text(&tlen);
    t0 = now();
    CHECK_OK(zvmc_placement_parse(od, text, tlen, NULL, &pl));
    printf("placement of 100,000 lines parsed in %.1f ms\n", (now() - t0) * 1e3);
    CHECK_INT(zvmc_placement_count(pl), USERS);
    unlimited(od, pl);
    exhausted(od, pl);
    zvmc_placement_free(pl);
    free(text);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
