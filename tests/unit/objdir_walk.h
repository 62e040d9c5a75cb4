/* SPDX-License-Identifier: MIT */
/*
 * objdir_walk.h - run every query over everything in an opened object
 * directory and check the invariants validation promises: every index below
 * a count works, the first one past it is -ZVMC_ERR_INVAL, every name finds
 * its own record, presence masks agree with the views, verdicts agree with
 * their reasons.  Used by the mutation test and the libFuzzer harness.
 *
 * objdir_walk() returns 0, or the source line of the first broken invariant.
 */
#ifndef ZVMC_TESTS_OBJDIR_WALK_H
#define ZVMC_TESTS_OBJDIR_WALK_H

#include <stdlib.h>
#include <string.h>

#include "zvmc/runtime.h"

#define WALK_EXPECT(c)                  \
    do {                            \
        if (!(c))               \
            return __LINE__; \
    } while (0)

/* Touch every byte of a string (lets ASan see a string that runs off the pool). */
static size_t walk_str_(const char *s)
{
    return s ? strlen(s) : (size_t)-1;
}

static int walk_members_(const struct zvmc_objdir *od, int nmembers)
{
    for (int m = 0; m < nmembers; m++) {
        struct zvmc_member mb;
        struct zvmc_sysid si;
        struct zvmc_cpowned cp;
        struct zvmc_eqid eq, found;
        const char *vs;

        WALK_EXPECT(zvmc_member_get(od, m, &mb) == 0);
        WALK_EXPECT(walk_str_(mb.name) > 0 && walk_str_(mb.res_volume) != (size_t)-1);
        WALK_EXPECT(zvmc_member_find(od, mb.name) >= 0 && zvmc_member_find(od, mb.name) <= m);
        for (int i = 0; i < mb.sysid_count; i++) {
            WALK_EXPECT(zvmc_member_sysid(od, m, i, &si) == 0);
            walk_str_(si.id);
            walk_str_(si.cpuid);
        }
        WALK_EXPECT(zvmc_member_sysid(od, m, mb.sysid_count, &si) == -ZVMC_ERR_INVAL);
        for (int i = 0; i < mb.cpowned_count; i++) {
            WALK_EXPECT(zvmc_member_cpowned(od, m, i, &cp) == 0);
            walk_str_(cp.volid);
        }
        WALK_EXPECT(zvmc_member_cpowned(od, m, mb.cpowned_count, &cp) == -ZVMC_ERR_INVAL);
        for (int i = 0; i < mb.eqid_count; i++) {
            WALK_EXPECT(zvmc_member_eqid(od, m, i, &eq) == 0);
            WALK_EXPECT(eq.rdev_first <= eq.rdev_last);
            walk_str_(eq.eqid);
            walk_str_(eq.type);
            /* the first range containing rdev_last comes no later than this one */
            WALK_EXPECT(zvmc_member_rdev_eqid(od, m, eq.rdev_last, &found) >= 0);
            WALK_EXPECT(zvmc_member_rdev_eqid(od, m, eq.rdev_last, &found) <= i);
        }
        WALK_EXPECT(zvmc_member_eqid(od, m, mb.eqid_count, &eq) == -ZVMC_ERR_INVAL);
        for (int i = 0; i < mb.vswitch_count; i++) {
            WALK_EXPECT(zvmc_member_vswitch(od, m, i, &vs) == 0);
            WALK_EXPECT(walk_str_(vs) > 0);
        }
        WALK_EXPECT(zvmc_member_vswitch(od, m, mb.vswitch_count, &vs) == -ZVMC_ERR_INVAL);
    }
    return 0;
}

static int walk_domains_(const struct zvmc_objdir *od, int nmembers)
{
    int n = zvmc_domain_count(od);
    struct zvmc_domain d;

    WALK_EXPECT(n >= 0);
    for (int i = 0; i < n; i++) {
        WALK_EXPECT(zvmc_domain_get(od, i, &d) == 0);
        WALK_EXPECT(walk_str_(d.name) > 0);
        WALK_EXPECT(nmembers == 32 || !(d.member_mask >> nmembers));
        WALK_EXPECT(zvmc_domain_find(od, d.name) >= 0 && zvmc_domain_find(od, d.name) <= i);
    }
    WALK_EXPECT(zvmc_domain_get(od, n, &d) == -ZVMC_ERR_INVAL);
    return 0;
}

static int walk_view_(const struct zvmc_objdir *od, int u, int m, const struct zvmc_view *v)
{
    struct zvmc_mdisk md;
    struct zvmc_link ln;
    struct zvmc_dedicate dd;
    struct zvmc_nicdef nd;
    const char *opt;

    walk_str_(v->privclasses);
    walk_str_(v->reloc_domain);
    walk_str_(v->crypto_domains);
    for (int i = 0; i < v->mdisk_count; i++) {
        WALK_EXPECT(zvmc_view_mdisk(od, u, m, i, &md) == 0);
        walk_str_(md.devtype);
        walk_str_(md.volser);
        walk_str_(md.mode);
    }
    WALK_EXPECT(zvmc_view_mdisk(od, u, m, v->mdisk_count, &md) == -ZVMC_ERR_INVAL);
    for (int i = 0; i < v->link_count; i++) {
        WALK_EXPECT(zvmc_view_link(od, u, m, i, &ln) == 0);
        WALK_EXPECT(walk_str_(ln.owner) > 0);
        walk_str_(ln.mode);
    }
    WALK_EXPECT(zvmc_view_link(od, u, m, v->link_count, &ln) == -ZVMC_ERR_INVAL);
    for (int i = 0; i < v->dedicate_count; i++) {
        WALK_EXPECT(zvmc_view_dedicate(od, u, m, i, &dd) == 0);
        walk_str_(dd.eqid);
        walk_str_(dd.devtype);
    }
    WALK_EXPECT(zvmc_view_dedicate(od, u, m, v->dedicate_count, &dd) == -ZVMC_ERR_INVAL);
    for (int i = 0; i < v->nicdef_count; i++) {
        WALK_EXPECT(zvmc_view_nicdef(od, u, m, i, &nd) == 0);
        walk_str_(nd.lan_owner);
        walk_str_(nd.name);
    }
    WALK_EXPECT(zvmc_view_nicdef(od, u, m, v->nicdef_count, &nd) == -ZVMC_ERR_INVAL);
    for (int i = 0; i < v->option_count; i++) {
        WALK_EXPECT(zvmc_view_option(od, u, m, i, &opt) == 0);
        WALK_EXPECT(walk_str_(opt) > 0);
    }
    WALK_EXPECT(zvmc_view_option(od, u, m, v->option_count, &opt) == -ZVMC_ERR_INVAL);
    return 0;
}

static int walk_verdicts_(const struct zvmc_objdir *od, int u, int nmembers, uint32_t version)
{
    for (int from = 0; from < nmembers; from++) {
        WALK_EXPECT(zvmc_reloc_verdict(od, u, from, from, NULL) == -ZVMC_ERR_INVAL);
        for (int to = 0; to < nmembers; to++) {
            struct zvmc_reason r, *all;
            size_t n;
            int nr, ok;

            if (to == from)
                continue;
            ok = zvmc_reloc_verdict(od, u, from, to, &nr);
            WALK_EXPECT((ok == 1 && nr == 0) || (ok == 0 && nr > 0));
            for (int i = 0; i < nr; i++) {
                WALK_EXPECT(zvmc_reloc_reason_at(od, u, from, to, i, &r) == 0);
                WALK_EXPECT(version > ZVMC_OBJDIR_VERSION ||
                        zvmc_reloc_reason_name((int)r.code) != NULL);
                walk_str_(r.message);
            }
            WALK_EXPECT(zvmc_reloc_reason_at(od, u, from, to, nr, &r) == -ZVMC_ERR_INVAL);
            WALK_EXPECT(zvmc_reloc_check(od, u, from, to, &all, &n) == ok);
            WALK_EXPECT(n == (size_t)nr && (n == 0) == (all == NULL));
            zvmc_reloc_reasons_free(all);
        }
    }
    return 0;
}

static int walk_users_(const struct zvmc_objdir *od, int nusers, int nmembers, uint32_t version)
{
    for (int u = 0; u < nusers; u++) {
        struct zvmc_user us;
        struct zvmc_view v;
        int rc;

        WALK_EXPECT(zvmc_user_get(od, u, &us) == 0);
        WALK_EXPECT(walk_str_(us.name) > 0);
        WALK_EXPECT(zvmc_user_find(od, us.name) == u);  /* names unique, hash complete */
        for (int m = 0; m < nmembers; m++) {
            rc = zvmc_view_get(od, u, m, &v);
            if (us.member_mask & (1u << m)) {
                WALK_EXPECT(rc == 0);
                WALK_EXPECT(zvmc_user_lookup(od, us.name, m, NULL) == u);
                if ((rc = walk_view_(od, u, m, &v)))
                    return rc;
            } else {
                WALK_EXPECT(rc == -ZVMC_ERR_ABSENT);
                WALK_EXPECT(zvmc_user_lookup(od, us.name, m, NULL) == -ZVMC_ERR_ABSENT);
            }
        }
        WALK_EXPECT(zvmc_view_get(od, u, nmembers, &v) == -ZVMC_ERR_INVAL);
        if ((rc = walk_verdicts_(od, u, nmembers, version)))
            return rc;
    }
    return 0;
}

static int walk_volumes_(const struct zvmc_objdir *od, int nusers)
{
    int n = zvmc_volume_count(od);
    struct zvmc_volume vol;
    struct zvmc_extent x;

    WALK_EXPECT(n >= 0);
    for (int i = 0; i < n; i++) {
        WALK_EXPECT(zvmc_volume_get(od, i, &vol) == 0);
        WALK_EXPECT(zvmc_volume_find(od, vol.volser) == i); /* strictly sorted */
        for (int k = 0; k < vol.extent_count; k++) {
            WALK_EXPECT(zvmc_volume_extent(od, i, k, &x) == 0);
            WALK_EXPECT(x.owner >= -1 && x.owner < nusers);
        }
        WALK_EXPECT(zvmc_volume_extent(od, i, vol.extent_count, &x) == -ZVMC_ERR_INVAL);
    }
    WALK_EXPECT(zvmc_volume_get(od, n, &vol) == -ZVMC_ERR_INVAL);
    return 0;
}

static __attribute__((unused)) int objdir_walk(const struct zvmc_objdir *od)
{
    struct zvmc_cluster_info ci;
    int rc;

    WALK_EXPECT(zvmc_cluster_get(od, &ci) == 0);
    walk_str_(ci.name);
    walk_str_(ci.zvm_level);
    WALK_EXPECT(ci.member_count == zvmc_member_count(od));
    WALK_EXPECT(ci.user_count == zvmc_user_count(od));
    WALK_EXPECT(ci.member_count >= 0 && ci.member_count <= ZVMC_OBJDIR_MAX_MEMBERS);
    WALK_EXPECT(zvmc_member_get(od, ci.member_count, &(struct zvmc_member){ 0 }) == -ZVMC_ERR_INVAL);
    WALK_EXPECT(zvmc_user_get(od, ci.user_count, &(struct zvmc_user){ 0 }) == -ZVMC_ERR_INVAL);
    if ((rc = walk_members_(od, ci.member_count)) || (rc = walk_domains_(od, ci.member_count)) ||
        (rc = walk_users_(od, ci.user_count, ci.member_count, ci.version)) ||
        (rc = walk_volumes_(od, ci.user_count)))
        return rc;
    return 0;
}

#endif /* ZVMC_TESTS_OBJDIR_WALK_H */
