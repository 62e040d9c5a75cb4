/* SPDX-License-Identifier: MIT */
/*
 * plan_waves.c - --parallel N: the steps grouped in waves of N, the plan's
 * duration the sum of each wave's longest step; and the duration model and
 * MAXTOTAL/MAXQUIESCE suggestions under a tuned policy.
 */
#include "plan_fixture.h"

static char buf[2048];

static const char placement[] =
    "LITSWAS1 LTICVM2\nLNXTEST LTICVM2\nLINUX01 LTICVM2\nLINUX02 LTICVM2\nLINUX03 LTICVM2\n";

static struct zvmc_plan *plan(const struct zvmc_objdir *od, const struct zvmc_plan_policy *pol)
{
    struct zvmc_placement *pl = pf_placement(od, placement);
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM9=8G", "LTICVM5=6G", "LTICVM4=6G",
                            (const char *)NULL);
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, MB(VM2), pl, &cap, pol, &p));
    zvmc_placement_free(pl);
    return p;
}

static void defaults(void)
{
    struct zvmc_plan_policy d;

    zvmc_plan_policy_init(&d);
    CHECK_INT(d.parallel, 1);
    CHECK_INT(d.rate_mib_s, 20);
    CHECK_INT(d.overhead_s, 5);
    CHECK_INT(d.maxquiesce_s, 10);
    CHECK_INT(d.maxtotal_pct, 200);
    CHECK_INT(d.maxtotal_min_s, 60);
    CHECK(d.alloc == NULL);
    zvmc_plan_policy_init(NULL);
}

static void waves(const struct zvmc_objdir *od)
{
    struct zvmc_plan_policy pol;
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;

    zvmc_plan_policy_init(&pol);
    p = plan(od, &pol);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.parallel, 1);
    CHECK_INT(s.waves, 5);
    CHECK_INT(s.est_seconds, 108 + 82 + 210 + 108 + 57);
    zvmc_plan_free(p);

    pol.parallel = 2;
    p = plan(od, &pol);
    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1/1:LNXTEST:LTICVM2>LTICVM9 2/1:LITSWAS1:LTICVM2>LTICVM9 "
          "3/2:LINUX01:LTICVM2>LTICVM5 4/2:LINUX02:LTICVM2>LTICVM4 "
          "5/3:LINUX03:LTICVM2>LTICVM9");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.parallel, 2);
    CHECK_INT(s.waves, 3);
    CHECK_INT(s.est_seconds, 108 + 210 + 57);
    zvmc_plan_free(p);

    pol.parallel = 5;
    p = plan(od, &pol);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.waves, 1);
    CHECK_INT(s.est_seconds, 210);
    zvmc_plan_free(p);

    pol.parallel = 64;
    p = plan(od, &pol);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.waves, 1);
    CHECK_INT(s.est_seconds, 210);
    zvmc_plan_free(p);
}

/* est = ceil(storage / rate) + overhead; MAXTOTAL = max(min, ceil(est * pct / 100)). */
static void model(const struct zvmc_objdir *od)
{
    struct zvmc_plan_policy pol;
    struct zvmc_plan_move m;
    struct zvmc_plan *p;

    zvmc_plan_policy_init(&pol);
    pol.rate_mib_s = 100;
    pol.overhead_s = 2;
    pol.maxquiesce_s = 30;
    pol.maxtotal_pct = 150;
    pol.maxtotal_min_s = 40;
    p = plan(od, &pol);
    CHECK_OK(zvmc_plan_move_at(p, 0, &m));      /* LNXTEST, 2048M */
    CHECK_INT(m.est_seconds, 21 + 2);           /* 20.48 -> 21 */
    CHECK_INT(m.maxtotal_s, 40);                /* 34.5 -> 35, below the floor */
    CHECK_INT(m.maxquiesce_s, 30);
    CHECK_OK(zvmc_plan_move_at(p, 2, &m));      /* LINUX01, 4096M */
    CHECK_INT(m.est_seconds, 41 + 2);
    CHECK_INT(m.maxtotal_s, 65);                /* 64.5 -> 65 */
    zvmc_plan_free(p);

    pol.rate_mib_s = 1024;      /* exactly 2 s for 2G, 4 s for 4G */
    pol.overhead_s = 0;
    pol.maxtotal_min_s = 0;
    pol.maxtotal_pct = 100;
    p = plan(od, &pol);
    CHECK_OK(zvmc_plan_move_at(p, 0, &m));
    CHECK_INT(m.est_seconds, 2);
    CHECK_INT(m.maxtotal_s, 2);
    CHECK_OK(zvmc_plan_move_at(p, 2, &m));
    CHECK_INT(m.est_seconds, 4);
    zvmc_plan_free(p);
}

/* The seed paper: "approximately 6 GB ... on the order of five minutes". */
static void seed_large_guest(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, "LINUX04 LTICVM9\n");
    struct zvmc_plan_move m;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, MB(VM9), pl, NULL, NULL, &p));
    CHECK_OK(zvmc_plan_move_at(p, 0, &m));
    CHECK_INT(m.storage, GIB(6));
    CHECK_INT(m.est_seconds, 313);      /* 6144 / 20 = 307.2 -> 308, + 5: about 5 minutes */
    CHECK_INT(m.maxtotal_s, 626);
    zvmc_plan_free(p);
    zvmc_placement_free(pl);
}

static void bad_policy(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, placement);
    struct zvmc_plan_policy pol;
    struct zvmc_plan *p = (struct zvmc_plan *)1;

    zvmc_plan_policy_init(&pol);
    pol.parallel = 0;
    CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, &pol, &p), ZVMC_ERR_INVAL);
    CHECK(p == NULL);
    zvmc_plan_policy_init(&pol);
    pol.rate_mib_s = 0;
    CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, &pol, &p), ZVMC_ERR_INVAL);
    zvmc_plan_policy_init(&pol);
    pol.maxquiesce_s = 0;
    CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, &pol, &p), ZVMC_ERR_INVAL);
    zvmc_placement_free(pl);
}

int main(void)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    defaults();
    waves(od);
    model(od);
    seed_large_guest(od);
    bad_policy(od);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
