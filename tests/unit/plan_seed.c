/* SPDX-License-Identifier: MIT */
/*
 * plan_seed.c - the planned-outage scenarios of the seed slides ("z/VM 6.2:
 * Increasing the Endless Possibilities of Virtualization") on LTICS1, with
 * the exact plan expected:
 *
 *  1. Flexibility for planned outages: apply service to member LTICVM2 by
 *     moving its work to the other three members.
 *  2. Migrate to new processors: LTICVM2/LTICVM9 share a CEC (relocation
 *     domain CPC29), LTICVM5/LTICVM4 the other.  Empty LTICVM5 and LTICVM4
 *     onto the first CEC; then, the new CEC in place, empty LTICVM2 and
 *     LTICVM9 onto it, which the guests bound to CPC29 block.
 */
#include "plan_fixture.h"

static char buf[2048];

/* The rest of the cluster: guests on the members that stay. */
#define OTHERS \
    "EREP LTICVM9\nMAINT LTICVM9\nDTCVSW1 LTICVM9\nLINUX04 LTICVM9\n" \
    "EREP LTICVM5\nMAINT LTICVM5\nLINUX05 LTICVM5\nLINUX07 LTICVM5\n" \
    "EREP LTICVM4\nMAINT LTICVM4\nLINUX06 LTICVM4\nLINUX08 LTICVM4\n"

static const char service_placement[] =
    "# LTICVM2 is about to get service\n"
    "LITSWAS1 LTICVM2\nLNXTEST  LTICVM2\nLNXPIN   LTICVM2\n"
    "LINUX01  LTICVM2\nLINUX02  LTICVM2 2G\nLINUX03  LTICVM2\n"
    "EREP     LTICVM2\nMAINT    LTICVM2\nDTCVSW1  LTICVM2\n" OTHERS;

static void check_step(const struct zvmc_plan *p, int i, uint64_t storage, uint32_t est,
               uint32_t maxtotal, int targets)
{
    struct zvmc_plan_move m;

    CHECK_OK(zvmc_plan_move_at(p, i, &m));
    CHECK_INT(m.storage, storage);
    CHECK_INT(m.est_seconds, est);
    CHECK_INT(m.maxtotal_s, maxtotal);
    CHECK_INT(m.maxquiesce_s, 10);
    CHECK_INT(m.wave, i + 1);
    CHECK_INT(m.targets, targets);
}

static void check_load(const struct zvmc_plan *p, int m, uint64_t before, uint64_t added,
               int moves_in)
{
    struct zvmc_plan_load l;

    CHECK_OK(zvmc_plan_load_get(p, m, &l));
    CHECK(l.given);
    CHECK_INT(l.free_before, before);
    CHECK_INT(l.added, added);
    CHECK_INT(l.free_after, before - added);
    CHECK_INT(l.moves_in, moves_in);
}

/* LNXPIN: every remaining member refuses it for the four stored reasons. */
static void check_lnxpin(const struct zvmc_plan *p, int from, uint32_t targets)
{
    static const enum zvmc_reloc_reason codes[4] = {
        ZVMC_RELOC_DISABLED, ZVMC_RELOC_CPU_DEDICATED, ZVMC_RELOC_CRYPTO_DEDICATED,
        ZVMC_RELOC_GUEST_LAN,
    };
    struct zvmc_plan_shutdown sd;
    int j = 0;

    CHECK_OK(zvmc_plan_shutdown_at(p, 0, &sd));
    CHECK_STR(sd.user, "LNXPIN");
    CHECK_INT(sd.from, from);
    CHECK_INT(sd.storage, GIB(4));
    CHECK_INT(sd.emptied_ok_mask, 0);
    for (int t = 0; t < NMEMBERS; t++) {
        if (!(targets & MB(t)))
            continue;
        for (int k = 0; k < 4; k++, j++) {
            struct zvmc_plan_reason r;

            CHECK_OK(zvmc_plan_shutdown_reason(p, 0, j, &r));
            CHECK_INT(r.to, t);
            CHECK_INT(r.reason.code, codes[k]);
        }
    }
    CHECK_INT(sd.reason_count, j);
}

static void service(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, service_placement);
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM9=8G", "LTICVM5=6G", "LTICVM4=6G",
                            (const char *)NULL);
    struct zvmc_plan_identity id;
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, pf_mask(od, "LTICVM2"), pl, &cap, NULL, &p));
    /* the two guests that can only go to LTICVM9 first, then largest first */
    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LNXTEST:LTICVM2>LTICVM9 2:LITSWAS1:LTICVM2>LTICVM9 3:LINUX01:LTICVM2>LTICVM5 "
          "4:LINUX02:LTICVM2>LTICVM4 5:LINUX03:LTICVM2>LTICVM9");
    check_step(p, 0, GIB(2), 108, 216, 1);      /* 2048/20 = 102.4 -> 103, + 5 */
    check_step(p, 1, MIB(1536), 82, 164, 1);
    check_step(p, 2, GIB(4), 210, 420, 3);
    check_step(p, 3, GIB(2), 108, 216, 3);
    check_step(p, 4, GIB(1), 57, 114, 3);
    CHECK_STR(pf_list(p, 's', buf, sizeof(buf)), "LNXPIN");
    check_lnxpin(p, VM2, MB(VM9) | MB(VM5) | MB(VM4));
    CHECK_STR(pf_list(p, 'i', buf, sizeof(buf)), "DTCVSW1 EREP MAINT");
    CHECK_OK(zvmc_plan_identity_at(p, 0, &id));
    CHECK_INT(id.elsewhere_mask, MB(VM9));      /* DTCVSW1 is defined for CPC29 only */
    CHECK_OK(zvmc_plan_identity_at(p, 1, &id));
    CHECK_INT(id.elsewhere_mask, MB(VM9) | MB(VM5) | MB(VM4));
    CHECK_STR(pf_list(p, 'u', buf, sizeof(buf)), "");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.moves, 5);
    CHECK_INT(s.waves, 5);
    CHECK_INT(s.est_seconds, 108 + 82 + 210 + 108 + 57);
    CHECK(!s.complete);     /* LNXPIN blocks a live evacuation */
    check_load(p, VM9, GIB(8), GIB(2) + MIB(1536) + GIB(1), 3);
    check_load(p, VM5, GIB(6), GIB(4), 1);
    check_load(p, VM4, GIB(6), GIB(2), 1);
    pf_no_overcommit(od, p);
    zvmc_plan_free(p);
    zvmc_placement_free(pl);
}

/* The same without LNXPIN: the member can be emptied. */
static void service_complete(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, "LITSWAS1 LTICVM2\nLINUX01 LTICVM2\n"
                             "MAINT LTICVM2\n" OTHERS);
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, pf_mask(od, "LTICVM2"), pl, NULL, NULL, &p));
    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LITSWAS1:LTICVM2>LTICVM9 2:LINUX01:LTICVM2>LTICVM5");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(s.complete);
    CHECK_INT(s.identities, 1);
    zvmc_plan_free(p);
    zvmc_placement_free(pl);
}

static const char cec2_placement[] =
    "LITSWAS1 LTICVM2\nLINUX01 LTICVM2\nLINUX02 LTICVM2\nLINUX03 LTICVM2\n"
    "EREP LTICVM2\nMAINT LTICVM2\nDTCVSW1 LTICVM2\n"
    "LINUX04 LTICVM9\nEREP LTICVM9\nMAINT LTICVM9\nDTCVSW1 LTICVM9\n"
    "LINUX05 LTICVM5\nLINUX07 LTICVM5\nLNXTEST LTICVM5\nEREP LTICVM5\nMAINT LTICVM5\n"
    "LINUX06 LTICVM4\nLINUX08 LTICVM4\nLNXPIN LTICVM4\nEREP LTICVM4\nMAINT LTICVM4\n";

/* Step one: the second CEC's members, LTICVM5 and LTICVM4, onto LTICVM2 and LTICVM9. */
static void new_processor_off(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, cec2_placement);
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM2=10G", "LTICVM9=8G",
                            (const char *)NULL);
    struct zvmc_plan_identity id;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, pf_mask(od, "LTICVM5,LTICVM4"), pl, &cap, NULL, &p));
    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LINUX06:LTICVM4>LTICVM2 2:LINUX07:LTICVM5>LTICVM9 3:LNXTEST:LTICVM5>LTICVM9 "
          "4:LINUX08:LTICVM4>LTICVM9 5:LINUX05:LTICVM5>LTICVM2");
    CHECK_STR(pf_list(p, 's', buf, sizeof(buf)), "LNXPIN");
    check_lnxpin(p, VM4, MB(VM2) | MB(VM9));
    CHECK_STR(pf_list(p, 'i', buf, sizeof(buf)), "EREP MAINT EREP MAINT");
    CHECK_OK(zvmc_plan_identity_at(p, 0, &id));
    CHECK_INT(id.from, VM5);
    CHECK_OK(zvmc_plan_identity_at(p, 2, &id));
    CHECK_INT(id.from, VM4);
    CHECK_INT(id.elsewhere_mask, MB(VM2) | MB(VM9));
    check_load(p, VM2, GIB(10), GIB(8) + MIB(512), 2);
    check_load(p, VM9, GIB(8), GIB(3) + GIB(2) + GIB(1), 3);
    pf_no_overcommit(od, p);
    zvmc_plan_free(p);
    zvmc_placement_free(pl);
}

/* Step two: LTICVM2 and LTICVM9 onto the new CEC; CPC29 keeps two guests behind. */
static void new_processor_on(const struct zvmc_objdir *od)
{
    /* the first CEC's work, with LNXTEST on LTICVM9 this time */
    struct zvmc_placement *pl = pf_placement(od, "LITSWAS1 LTICVM2\nLINUX01 LTICVM2\n"
                             "LINUX02 LTICVM2\nEREP LTICVM2\nMAINT LTICVM2\n"
                             "DTCVSW1 LTICVM2\nLNXTEST LTICVM9\n"
                             "LINUX04 LTICVM9\nEREP LTICVM9\nMAINT LTICVM9\n"
                             "DTCVSW1 LTICVM9\n");
    struct zvmc_plan_capacity cap = pf_capacity(od, "LTICVM5=16G", "LTICVM4=16G",
                            (const char *)NULL);
    struct zvmc_plan_shutdown sd;
    struct zvmc_plan_reason r;
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, pf_mask(od, "LTICVM2,LTICVM9"), pl, &cap, NULL, &p));
    CHECK_STR(pf_moves(od, p, buf, sizeof(buf)),
          "1:LINUX04:LTICVM9>LTICVM5 2:LINUX01:LTICVM2>LTICVM4 3:LINUX02:LTICVM2>LTICVM4");
    CHECK_STR(pf_list(p, 's', buf, sizeof(buf)), "LITSWAS1 LNXTEST");
    CHECK_OK(zvmc_plan_shutdown_at(p, 0, &sd));
    CHECK_INT(sd.emptied_ok_mask, MB(VM9));     /* only its CPC29 partner, also emptied */
    CHECK_INT(sd.reason_count, 10);             /* LTICVM5, LTICVM4: domain + 4 EQIDs each */
    CHECK_OK(zvmc_plan_shutdown_reason(p, 0, 0, &r));
    CHECK_INT(r.to, VM5);
    CHECK_INT(r.reason.code, ZVMC_RELOC_DOMAIN);
    CHECK_STR(r.reason.message, "LTICVM5 is outside relocation domain CPC29");
    CHECK_OK(zvmc_plan_shutdown_reason(p, 0, 1, &r));
    CHECK_INT(r.reason.code, ZVMC_RELOC_DEDICATED_EQID);
    CHECK_INT(r.reason.vaddr, 0xA000);
    CHECK_OK(zvmc_plan_shutdown_reason(p, 0, 5, &r));
    CHECK_INT(r.to, VM4);
    CHECK_RC(zvmc_plan_shutdown_reason(p, 0, 10, &r), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_shutdown_at(p, 1, &sd));
    CHECK_STR(sd.user, "LNXTEST");
    CHECK_INT(sd.emptied_ok_mask, MB(VM2));
    CHECK_INT(sd.reason_count, 2);
    CHECK_OK(zvmc_plan_shutdown_reason(p, 1, 1, &r));
    CHECK_STR(r.reason.message, "VSWITCH TRUNK2 is not defined on LTICVM4");
    CHECK_STR(pf_list(p, 'i', buf, sizeof(buf)), "DTCVSW1 EREP MAINT DTCVSW1 EREP MAINT");
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK(!s.complete);
    CHECK_INT(s.shutdowns, 2);
    check_load(p, VM5, GIB(16), GIB(6), 1);
    check_load(p, VM4, GIB(16), GIB(6), 2);
    zvmc_plan_free(p);
    zvmc_placement_free(pl);
}

int main(void)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    service(od);
    service_complete(od);
    new_processor_off(od);
    new_processor_on(od);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
