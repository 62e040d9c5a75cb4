/* SPDX-License-Identifier: MIT */
/*
 * query_cluster.c - the cluster record, members (with their System_Identifier,
 * CP_Owned, EQID and VSWITCH tables) and relocation domains.
 */
#include "runtime/objdir_internal.h"

int zvmc_cluster_get(const struct zvmc_objdir *od, struct zvmc_cluster_info *out)
{
    const uint8_t *cl;

    if (!od || !out)
        return -ZVMC_ERR_INVAL;
    cl = od->blk[ZVMC_OD_B_CLUSTER].p;
    out->name = zvmc_od_str_(od, cl + ZVMC_OD_CL_NAME);
    out->zvm_level = zvmc_od_str_(od, cl + ZVMC_OD_CL_LEVEL);
    out->version = od->version;
    out->member_count = (int)od->members;
    out->user_count = (int)od->users;
    out->volume_count = (int)od->blk[ZVMC_OD_B_VOLUMES].count;
    out->domain_count = (int)od->blk[ZVMC_OD_B_DOMAINS].count;
    return 0;
}

int zvmc_member_count(const struct zvmc_objdir *od)
{
    return od ? (int)od->members : -ZVMC_ERR_INVAL;
}

/* Index of the record of block b whose name (at name_off) matches, ignoring case. */
static int find_by_name_(const struct zvmc_objdir *od, enum zvmc_od_block b, unsigned name_off,
             const char *name)
{
    if (!od || !name)
        return -ZVMC_ERR_INVAL;
    for (uint32_t i = 0; i < od->blk[b].count; i++)
        if (zvmc_od_name_eq_(zvmc_od_str_(od, zvmc_od_rec_(od, b, i) + name_off), name))
            return (int)i;
    return -ZVMC_ERR_NOTFOUND;
}

int zvmc_member_find(const struct zvmc_objdir *od, const char *name)
{
    return find_by_name_(od, ZVMC_OD_B_MEMBERS, ZVMC_OD_M_NAME, name);
}

int zvmc_member_get(const struct zvmc_objdir *od, int member, struct zvmc_member *out)
{
    const uint8_t *m;

    if (!od || !out || !(m = zvmc_od_rec_at_(od, ZVMC_OD_B_MEMBERS, member)))
        return -ZVMC_ERR_INVAL;
    out->name = zvmc_od_str_(od, m + ZVMC_OD_M_NAME);
    out->slot = zvmc_be32_ld(m + ZVMC_OD_M_SLOT);
    out->res_volume = zvmc_od_str_(od, m + ZVMC_OD_M_RES);
    out->sysid_count = zvmc_od_range_count_(m + ZVMC_OD_M_SYSIDS);
    out->cpowned_count = zvmc_od_range_count_(m + ZVMC_OD_M_CPOWNED);
    out->eqid_count = zvmc_od_range_count_(m + ZVMC_OD_M_EQIDS);
    out->vswitch_count = zvmc_od_range_count_(m + ZVMC_OD_M_VSWITCHES);
    return 0;
}

/* Entry i of one of a member's tables (range at range_off, records in b). */
static const uint8_t *member_entry_(const struct zvmc_objdir *od, int member, unsigned range_off,
                    enum zvmc_od_block b, int i)
{
    const uint8_t *m = od ? zvmc_od_rec_at_(od, ZVMC_OD_B_MEMBERS, member) : NULL;

    return m ? zvmc_od_range_at_(od, b, m + range_off, i) : NULL;
}

int zvmc_member_sysid(const struct zvmc_objdir *od, int member, int i, struct zvmc_sysid *out)
{
    const uint8_t *e = member_entry_(od, member, ZVMC_OD_M_SYSIDS, ZVMC_OD_B_SYSIDS, i);

    if (!e || !out)
        return -ZVMC_ERR_INVAL;
    out->kind = (enum zvmc_sysid_kind)zvmc_be32_ld(e + ZVMC_OD_SI_KIND);
    out->id = zvmc_od_str_(od, e + ZVMC_OD_SI_ID);
    out->cpuid = zvmc_od_str_(od, e + ZVMC_OD_SI_CPUID);
    return 0;
}

int zvmc_member_cpowned(const struct zvmc_objdir *od, int member, int i, struct zvmc_cpowned *out)
{
    const uint8_t *e = member_entry_(od, member, ZVMC_OD_M_CPOWNED, ZVMC_OD_B_CPOWNED, i);

    if (!e || !out)
        return -ZVMC_ERR_INVAL;
    out->slot = zvmc_be32_ld(e + ZVMC_OD_CP_SLOT);
    out->volid = zvmc_od_str_(od, e + ZVMC_OD_CP_VOLID);
    return 0;
}

static void eqid_read_(const struct zvmc_objdir *od, const uint8_t *e, struct zvmc_eqid *out)
{
    out->rdev_first = zvmc_be32_ld(e + ZVMC_OD_EQ_FIRST);
    out->rdev_last = zvmc_be32_ld(e + ZVMC_OD_EQ_LAST);
    out->eqid = zvmc_od_str_(od, e + ZVMC_OD_EQ_EQID);
    out->type = zvmc_od_str_(od, e + ZVMC_OD_EQ_TYPE);
}

int zvmc_member_eqid(const struct zvmc_objdir *od, int member, int i, struct zvmc_eqid *out)
{
    const uint8_t *e = member_entry_(od, member, ZVMC_OD_M_EQIDS, ZVMC_OD_B_EQIDS, i);

    if (!e || !out)
        return -ZVMC_ERR_INVAL;
    eqid_read_(od, e, out);
    return 0;
}

int zvmc_member_rdev_eqid(const struct zvmc_objdir *od, int member, uint32_t rdev,
              struct zvmc_eqid *out)
{
    const uint8_t *m = od ? zvmc_od_rec_at_(od, ZVMC_OD_B_MEMBERS, member) : NULL;
    int n;

    if (!m || !out)
        return -ZVMC_ERR_INVAL;
    n = zvmc_od_range_count_(m + ZVMC_OD_M_EQIDS);
    for (int i = 0; i < n; i++) {
        const uint8_t *e = zvmc_od_range_at_(od, ZVMC_OD_B_EQIDS, m + ZVMC_OD_M_EQIDS, i);

        if (e && zvmc_be32_ld(e + ZVMC_OD_EQ_FIRST) <= rdev &&
            rdev <= zvmc_be32_ld(e + ZVMC_OD_EQ_LAST)) {
            eqid_read_(od, e, out);
            return i;
        }
    }
    return -ZVMC_ERR_NOTFOUND;
}

int zvmc_member_vswitch(const struct zvmc_objdir *od, int member, int i, const char **name)
{
    const uint8_t *e = member_entry_(od, member, ZVMC_OD_M_VSWITCHES, ZVMC_OD_B_VSWITCHES, i);

    if (!e || !name)
        return -ZVMC_ERR_INVAL;
    *name = zvmc_od_str_(od, e + ZVMC_OD_VS_NAME);
    return 0;
}

int zvmc_domain_count(const struct zvmc_objdir *od)
{
    return od ? (int)od->blk[ZVMC_OD_B_DOMAINS].count : -ZVMC_ERR_INVAL;
}

int zvmc_domain_get(const struct zvmc_objdir *od, int i, struct zvmc_domain *out)
{
    const uint8_t *d;

    if (!od || !out || !(d = zvmc_od_rec_at_(od, ZVMC_OD_B_DOMAINS, i)))
        return -ZVMC_ERR_INVAL;
    out->name = zvmc_od_str_(od, d + ZVMC_OD_D_NAME);
    out->member_mask = zvmc_be32_ld(d + ZVMC_OD_D_MASK);
    return 0;
}

int zvmc_domain_find(const struct zvmc_objdir *od, const char *name)
{
    return find_by_name_(od, ZVMC_OD_B_DOMAINS, ZVMC_OD_D_NAME, name);
}
