/* SPDX-License-Identifier: MIT */
/*
 * plan_fixture.h - the planner's cluster: LTICS1 of the seed paper
 * (objdir_fixture.h: LTICVM2, LTICVM9, LTICVM5, LTICVM4; LITSWAS1 bound to
 * relocation domain CPC29 = {LTICVM2, LTICVM9} by its FCP EQIDs; LNXTEST
 * needing VSWITCH TRUNK2, only on LTICVM2/LTICVM9; LNXPIN never
 * relocatable; the IDENTITYs EREP, MAINT and DTCVSW1) plus Linux guests:
 *
 *   LINUX01..LINUX08  relocatable everywhere (domain SSI), logon storage
 *                     4G 2G 1G 6G 512M 8G 3G 1G
 *   LNXA, LNXB        relocatable only to the members of PF_A_MASK and
 *                     PF_B_MASK (the exchange test)
 *
 * and helpers that parse a placement, plan, and print the steps compactly.
 */
#ifndef ZVMC_TESTS_PLAN_FIXTURE_H
#define ZVMC_TESTS_PLAN_FIXTURE_H

#include <stdarg.h>

#include "objdir_fixture.h"

#define GIB(n) ((uint64_t)(n) << 30)

#define PF_A_MASK (MB(VM2) | MB(VM9))
#define PF_B_MASK (MB(VM2) | MB(VM4))

static const struct {
    const char *name;
    uint64_t storage;
    uint32_t ok;        /* members it may relocate to */
    const char *domain;
} pf_linux[] = {
    { "LINUX01", GIB(4), MASK_ALL, "SSI" },   { "LINUX02", GIB(2), MASK_ALL, "SSI" },
    { "LINUX03", GIB(1), MASK_ALL, "SSI" },   { "LINUX04", GIB(6), MASK_ALL, "SSI" },
    { "LINUX05", MIB(512), MASK_ALL, "SSI" }, { "LINUX06", GIB(8), MASK_ALL, "SSI" },
    { "LINUX07", GIB(3), MASK_ALL, "SSI" },   { "LINUX08", GIB(1), MASK_ALL, "SSI" },
    { "LNXA", GIB(2), PF_A_MASK, "CPC29" },   { "LNXB", MIB(1536), PF_B_MASK, "VM2VM4" },
};

/* A USER defined alike on every member, relocatable to the members of ok. */
static TEST_UNUSED void pf_user(struct zvmc_odb *b, const char *name, uint64_t storage,
                uint32_t ok, const char *domain)
{
    int u = zvmc_odb_add_user(b, name, ZVMC_USER_USER);
    struct zvmc_view v = { .logon_storage = storage, .max_storage = storage * 2,
                   .privclasses = "G", .reloc_domain = domain };
    char msg[80];

    B(u);
    for (int m = 0; m < NMEMBERS; m++)
        B(zvmc_odb_set_view(b, u, m, &v));
    for (int from = 0; from < NMEMBERS; from++)
        for (int to = 0; to < NMEMBERS; to++) {
            if (from == to)
                continue;
            if (ok & MB(to)) {
                B(zvmc_odb_reloc_eligible(b, u, from, to));
                continue;
            }
            snprintf(msg, sizeof(msg), "%s is outside relocation domain %s", fx_member[to],
                 domain);
            B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_DOMAIN, ZVMC_NO_VADDR, msg));
        }
}

/* The planner's cluster, serialized; the caller frees the image. */
static TEST_UNUSED uint8_t *pf_image(size_t *len)
{
    struct zvmc_odb *b = zvmc_odb_new();
    uint8_t *img;

    CHECK(b != NULL);
    fx_members(b);
    fx_domains(b);
    fx_litswas1(b);
    fx_erep(b);
    fx_maint(b);
    fx_dtcvsw1(b);
    fx_lnxpin(b);
    fx_lnxtest(b);
    for (size_t i = 0; i < sizeof(pf_linux) / sizeof(pf_linux[0]); i++)
        pf_user(b, pf_linux[i].name, pf_linux[i].storage, pf_linux[i].ok, pf_linux[i].domain);
    CHECK_OK(zvmc_odb_serialize(b, &img, len));
    zvmc_odb_free(b);
    return img;
}

/* Errors of a placement parse, one "LINE: message" a line. */
struct pf_errors {
    char text[4096];
    size_t len;
    int count;
};

static TEST_UNUSED void pf_on_error(void *arg, unsigned line, const char *message)
{
    struct pf_errors *e = arg;
    int n = snprintf(e->text + e->len, sizeof(e->text) - e->len, "%u: %s\n", line, message);

    if (n > 0 && (size_t)n < sizeof(e->text) - e->len)
        e->len += (size_t)n;
    e->count++;
}

/* Parse text that must be good. */
static TEST_UNUSED struct zvmc_placement *pf_placement(const struct zvmc_objdir *od,
                               const char *text)
{
    struct pf_errors e = { .len = 0 };
    struct zvmc_placement_opts o = { .on_error = pf_on_error, .error_arg = &e };
    struct zvmc_placement *pl;
    int rc = zvmc_placement_parse(od, text, strlen(text), &o, &pl);

    if (rc)
        FAIL("placement does not parse (%s):\n%s", zvmc_strerror(rc), e.text);
    return pl;
}

/* Capacity from "MEMBER=SIZE" strings, NULL-terminated. */
static TEST_UNUSED struct zvmc_plan_capacity pf_capacity(const struct zvmc_objdir *od, ...)
{
    struct zvmc_plan_capacity cap = { .given = 0 };
    const char *spec;
    va_list ap;

    va_start(ap, od);
    while ((spec = va_arg(ap, const char *)))
        CHECK(zvmc_plan_capacity_set(od, &cap, spec) >= 0);
    va_end(ap);
    return cap;
}

/* The empty mask of "A,B" member names. */
static TEST_UNUSED uint32_t pf_mask(const struct zvmc_objdir *od, const char *names)
{
    char buf[128], *save = NULL;
    uint32_t mask = 0;

    snprintf(buf, sizeof(buf), "%s", names);
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int m = zvmc_member_find(od, t);

        CHECK(m >= 0);
        mask |= 1u << m;
    }
    return mask;
}

static TEST_UNUSED const char *pf_member(const struct zvmc_objdir *od, int m)
{
    struct zvmc_member mb;

    CHECK_OK(zvmc_member_get(od, m, &mb));
    return mb.name;
}

/*
 * The steps as "ORDER:USER:FROM>TO" joined by blanks (with "/WAVE" after
 * ORDER when parallel > 1), into buf.
 */
static TEST_UNUSED const char *pf_moves(const struct zvmc_objdir *od, const struct zvmc_plan *p,
                    char *buf, size_t n)
{
    struct zvmc_plan_summary s;
    size_t len = 0;

    buf[0] = '\0';
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    for (int i = 0; i < s.moves; i++) {
        struct zvmc_plan_move m;
        char wave[16] = "";

        CHECK_OK(zvmc_plan_move_at(p, i, &m));
        CHECK_INT(m.order, i + 1);
        if (s.parallel > 1)
            snprintf(wave, sizeof(wave), "/%d", m.wave);
        len += (size_t)snprintf(buf + len, n - len, "%s%d%s:%s:%s>%s", i ? " " : "", m.order,
                    wave, m.user, pf_member(od, m.from), pf_member(od, m.to));
        CHECK(len < n);
    }
    return buf;
}

/* The users of one list ('s'hutdown, 'i'dentities, 'u'nplaced) joined by blanks. */
static TEST_UNUSED const char *pf_list(const struct zvmc_plan *p, char which, char *buf, size_t n)
{
    struct zvmc_plan_summary s;
    size_t len = 0;
    int count;

    buf[0] = '\0';
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    count = which == 's' ? s.shutdowns : which == 'i' ? s.identities : s.unplaced;
    for (int i = 0; i < count; i++) {
        struct zvmc_plan_shutdown sd;
        struct zvmc_plan_identity id;
        struct zvmc_plan_unplaced up;
        const char *user;

        if (which == 's') {
            CHECK_OK(zvmc_plan_shutdown_at(p, i, &sd));
            user = sd.user;
        } else if (which == 'i') {
            CHECK_OK(zvmc_plan_identity_at(p, i, &id));
            user = id.user;
        } else {
            CHECK_OK(zvmc_plan_unplaced_at(p, i, &up));
            user = up.user;
        }
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? " " : "", user);
        CHECK(len < n);
    }
    return buf;
}

/* Check that no target got more than its free storage. */
static TEST_UNUSED void pf_no_overcommit(const struct zvmc_objdir *od, const struct zvmc_plan *p)
{
    for (int m = 0; m < zvmc_member_count(od); m++) {
        struct zvmc_plan_load l;

        CHECK_OK(zvmc_plan_load_get(p, m, &l));
        if (l.given)
            CHECK(l.added <= l.free_before && l.free_after == l.free_before - l.added);
    }
}

#endif /* ZVMC_TESTS_PLAN_FIXTURE_H */
