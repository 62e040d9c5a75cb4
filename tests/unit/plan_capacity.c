/* SPDX-License-Identifier: MIT */
/*
 * plan_capacity.c - placement as a whole: the most constrained guest first
 * (a greedy choice must not block a guest with fewer options), the
 * exchange that makes room, capacity exhaustion (unplaced, with why),
 * unknown users, spreading without capacities, and never an overcommitted
 * target.
 */
#include "plan_fixture.h"

static char buf[2048];

static struct zvmc_plan *plan(const struct zvmc_objdir *od, const char *members,
                  const char *placement, const struct zvmc_plan_capacity *cap)
{
    struct zvmc_placement *pl = pf_placement(od, placement);
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, pf_mask(od, members), pl, cap, NULL, &p));
    zvmc_placement_free(pl);    /* the plan does not need the placement any more */
    pf_no_overcommit(od, p);
    return p;
}

/*
 * LNXTEST (2G) and LITSWAS1 (1536M) can only go to LTICVM9 (6G free);
 * LINUX01 (4G) could go anywhere.  Largest first, LINUX01 would take
 * LTICVM9 (the most room) and leave 2G there, too little for both of the
 * others.  Most constrained first, they take LTICVM9 and LINUX01 goes to
 * LTICVM5, which has exactly 4G.
 */
static void most_constrained_first(const struct zvmc_objdir *od)
{
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM9=6G", "LTICVM5=4G", "LTICVM4=1G",
                            (const char *)NULL);
    struct zvmc_plan *p = plan(od, "LTICVM2", "LINUX01 LTICVM2\nLITSWAS1 LTICVM2\n"
                   "LNXTEST LTICVM2\n", &cap);
    struct zvmc_plan_summary s;
    struct zvmc_plan_load l;

    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LNXTEST:LTICVM2>LTICVM9 2:LITSWAS1:LTICVM2>LTICVM9 3:LINUX01:LTICVM2>LTICVM5");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(s.complete);
    CHECK_OK(zvmc_plan_load_get(p, VM5, &l));
    CHECK_INT(l.free_after, 0);
    CHECK_OK(zvmc_plan_load_get(p, VM9, &l));
    CHECK_INT(l.free_after, GIB(6) - GIB(2) - MIB(1536));
    zvmc_plan_free(p);
}

/*
 * Ties go to the larger guest: LNXA (2G; LTICVM2 or LTICVM9) is placed
 * first and takes LTICVM2 (equal room, lower index).  LNXB (1536M; LTICVM2
 * or LTICVM4) then fits nowhere, until LNXA moves over to LTICVM9.
 */
static void exchange(const struct zvmc_objdir *od)
{
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM2=2G", "LTICVM9=2G", "LTICVM4=1G",
                            (const char *)NULL);
    struct zvmc_plan *p = plan(od, "LTICVM5", "LNXB LTICVM5\nLNXA LTICVM5\n", &cap);
    struct zvmc_plan_summary s;

    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LNXA:LTICVM5>LTICVM9 2:LNXB:LTICVM5>LTICVM2");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(s.complete);
    zvmc_plan_free(p);
}

/* Not enough storage anywhere: the largest guest stays, and the plan says why. */
static void exhausted(const struct zvmc_objdir *od)
{
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM2=4G", "LTICVM9=7G", "LTICVM5=2G",
                            (const char *)NULL);
    struct zvmc_plan *p = plan(od, "LTICVM4", "LINUX06 LTICVM4\nLINUX04 LTICVM4\n"
                   "LINUX08 LTICVM4 1G\nNEWGUEST LTICVM4 2G\n", &cap);
    struct zvmc_plan_unplaced u;
    struct zvmc_plan_summary s;

    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LINUX04:LTICVM4>LTICVM9 2:LINUX08:LTICVM4>LTICVM2");
    CHECK_STR(pf_list(p, 'u', buf, sizeof(buf)), "LINUX06 NEWGUEST");
    CHECK_OK(zvmc_plan_unplaced_at(p, 0, &u));
    CHECK_INT(u.from, VM4);
    CHECK_INT(u.storage, GIB(8));
    CHECK_STR(u.why, "needs 8G; free after the plan: LTICVM2 3G, LTICVM9 1G, LTICVM5 2G");
    CHECK_OK(zvmc_plan_unplaced_at(p, 1, &u));
    CHECK_INT(u.storage, GIB(2));
    CHECK_STR(u.why, "not in the object directory: compile it from the current source "
             "directory");
    CHECK_RC(zvmc_plan_unplaced_at(p, 2, &u), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(!s.complete);
    CHECK_INT(s.unplaced, 2);
    CHECK_INT(s.shutdowns, 0);
    zvmc_plan_free(p);
}

/* A member with no free storage takes nothing, not even the smallest guest. */
static void zero_capacity(const struct zvmc_objdir *od)
{
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM9=0K", (const char *)NULL);
    struct zvmc_plan *p = plan(od, "LTICVM2", "LITSWAS1 LTICVM2\nLINUX05 LTICVM2\n", &cap);

    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)), "1:LINUX05:LTICVM2>LTICVM5");
    CHECK_STR(pf_list(p, 'u', buf, sizeof(buf)), "LITSWAS1");
    zvmc_plan_free(p);
}

/* No capacity given: every target is unlimited and the load is spread by storage moved. */
static void spread(const struct zvmc_objdir *od)
{
    struct zvmc_plan *p = plan(od, "LTICVM2", "LINUX05 LTICVM2\nLINUX03 LTICVM2\n"
                   "LINUX02 LTICVM2\nLINUX01 LTICVM2\nLINUX08 LTICVM2\n", NULL);
    struct zvmc_plan_load l;

    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LINUX01:LTICVM2>LTICVM9 2:LINUX02:LTICVM2>LTICVM5 3:LINUX03:LTICVM2>LTICVM4 "
          "4:LINUX08:LTICVM2>LTICVM4 5:LINUX05:LTICVM2>LTICVM5");
    CHECK_OK(zvmc_plan_load_get(p, VM9, &l));
    CHECK(!l.given);
    CHECK_INT(l.added, GIB(4));
    CHECK_INT(l.free_after, 0);
    CHECK_OK(zvmc_plan_load_get(p, VM4, &l));
    CHECK_INT(l.added, GIB(2));
    CHECK_INT(l.moves_in, 2);
    zvmc_plan_free(p);
}

/* Guests on members that are not emptied are not planned. */
static void others_stay(const struct zvmc_objdir *od)
{
    struct zvmc_plan *p = plan(od, "LTICVM5", "LINUX01 LTICVM2\nLINUX02 LTICVM9\n", NULL);
    struct zvmc_plan_summary s;

    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.moves + s.identities + s.shutdowns + s.unplaced, 0);
    CHECK(s.complete);
    CHECK_INT(s.est_seconds, 0);
    zvmc_plan_free(p);
}

/* Many guests, tight capacities: whatever is placed fits, every guest has one fate. */
static void never_overcommit(const struct zvmc_objdir *od)
{
    static const char *const names[] = { "LINUX01", "LINUX02", "LINUX03", "LINUX04", "LINUX05",
                         "LINUX06", "LINUX07", "LINUX08", "LNXA", "LNXB",
                         "LITSWAS1", "LNXTEST" };
    char text[1024], spec[3][32];
    size_t len = 0;

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len, "%s LTICVM2 %uM\n", names[i],
                    (unsigned)(300 + 731 * i % 2500));
    for (unsigned seed = 1; seed < 40; seed++) {
        struct zvmc_plan_capacity cap;
        struct zvmc_plan_summary s;
        struct zvmc_plan *p;

        snprintf(spec[0], sizeof(spec[0]), "LTICVM9=%uM", seed * 97 % 4000);
        snprintf(spec[1], sizeof(spec[1]), "LTICVM5=%uM", seed * 389 % 3000);
        snprintf(spec[2], sizeof(spec[2]), "LTICVM4=%uM", seed * 211 % 2000);
        cap = pf_capacity(od, spec[0], spec[1], spec[2], (const char *)NULL);
        p = plan(od, "LTICVM2", text, &cap);
        CHECK_OK(zvmc_plan_summary_get(p, &s));
        CHECK_INT(s.moves + s.unplaced, 12);
        zvmc_plan_free(p);
    }
}

int main(void)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    most_constrained_first(od);
    exchange(od);
    exhausted(od);
    zero_capacity(od);
    spread(od);
    others_stay(od);
    never_overcommit(od);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
