/* SPDX-License-Identifier: MIT */
/*
 * query_users.c - users, their per-member views, and the lists inside a view
 * (minidisks, links, dedicated devices, NICDEFs, options).
 */
#include "runtime/objdir_internal.h"

int zvmc_user_count(const struct zvmc_objdir *od)
{
    return od ? (int)od->users : -ZVMC_ERR_INVAL;
}

int zvmc_user_find(const struct zvmc_objdir *od, const char *name)
{
    if (!od || !name)
        return -ZVMC_ERR_INVAL;
    return zvmc_od_hash_find_(od, name);
}

int zvmc_user_get(const struct zvmc_objdir *od, int user, struct zvmc_user *out)
{
    const uint8_t *u;

    if (!od || !out || !(u = zvmc_od_rec_at_(od, ZVMC_OD_B_USERS, user)))
        return -ZVMC_ERR_INVAL;
    out->name = zvmc_od_str_(od, u + ZVMC_OD_U_NAME);
    out->kind = (enum zvmc_user_kind)zvmc_be32_ld(u + ZVMC_OD_U_KIND);
    out->member_mask = 0;
    for (uint32_t m = 0; m < od->members; m++) {
        const uint8_t *v;

        if (zvmc_od_view_(od, user, (int)m, &v) == 0)
            out->member_mask |= 1u << m;
    }
    return 0;
}

int zvmc_view_get(const struct zvmc_objdir *od, int user, int member, struct zvmc_view *out)
{
    const uint8_t *v;
    int rc;

    if (!out)
        return -ZVMC_ERR_INVAL;
    rc = zvmc_od_view_(od, user, member, &v);
    if (rc)
        return rc;
    out->flags = zvmc_be32_ld(v + ZVMC_OD_V_FLAGS);
    out->logon_storage = zvmc_be64_ld(v + ZVMC_OD_V_LOGON);
    out->max_storage = zvmc_be64_ld(v + ZVMC_OD_V_MAX);
    out->privclasses = zvmc_od_str_(od, v + ZVMC_OD_V_PRIV);
    out->reloc_domain = zvmc_od_str_(od, v + ZVMC_OD_V_DOMAIN);
    out->crypto = (enum zvmc_crypto_kind)zvmc_be32_ld(v + ZVMC_OD_V_CRYPTO);
    out->crypto_domains = zvmc_od_str_(od, v + ZVMC_OD_V_CRYPTO_DOMAINS);
    out->mdisk_count = zvmc_od_range_count_(v + ZVMC_OD_V_MDISKS);
    out->link_count = zvmc_od_range_count_(v + ZVMC_OD_V_LINKS);
    out->dedicate_count = zvmc_od_range_count_(v + ZVMC_OD_V_DEDICATES);
    out->nicdef_count = zvmc_od_range_count_(v + ZVMC_OD_V_NICDEFS);
    out->option_count = zvmc_od_range_count_(v + ZVMC_OD_V_OPTIONS);
    return 0;
}

int zvmc_user_lookup(const struct zvmc_objdir *od, const char *name, int member,
             struct zvmc_view *out)
{
    const uint8_t *v;
    int user, rc;

    if (!od || !name || member < 0 || (uint32_t)member >= od->members)
        return -ZVMC_ERR_INVAL;
    user = zvmc_od_hash_find_(od, name);
    if (user < 0)
        return user;
    rc = out ? zvmc_view_get(od, user, member, out) : zvmc_od_view_(od, user, member, &v);
    return rc ? rc : user;
}

/*
 * Record i of one of a view's lists (range at range_off, records in b).
 * Returns 0 and sets *ep, or -ZVMC_ERR_INVAL / -ZVMC_ERR_ABSENT.
 */
static int view_entry_(const struct zvmc_objdir *od, int user, int member, unsigned range_off,
               enum zvmc_od_block b, int i, const uint8_t **ep)
{
    const uint8_t *v;
    int rc = zvmc_od_view_(od, user, member, &v);

    if (rc)
        return rc;
    *ep = zvmc_od_range_at_(od, b, v + range_off, i);
    return *ep ? 0 : -ZVMC_ERR_INVAL;
}

int zvmc_view_mdisk(const struct zvmc_objdir *od, int user, int member, int i,
            struct zvmc_mdisk *out)
{
    const uint8_t *e;
    int rc;

    if (!out)
        return -ZVMC_ERR_INVAL;
    rc = view_entry_(od, user, member, ZVMC_OD_V_MDISKS, ZVMC_OD_B_MDISKS, i, &e);
    if (rc)
        return rc;
    out->vaddr = zvmc_be32_ld(e + ZVMC_OD_MD_VADDR);
    out->devtype = zvmc_od_str_(od, e + ZVMC_OD_MD_DEVTYPE);
    out->volser = zvmc_od_str_(od, e + ZVMC_OD_MD_VOLSER);
    out->start = zvmc_be32_ld(e + ZVMC_OD_MD_START);
    out->size = zvmc_be32_ld(e + ZVMC_OD_MD_SIZE_);
    out->unit = (enum zvmc_mdisk_unit)zvmc_be32_ld(e + ZVMC_OD_MD_UNIT);
    out->kind = (enum zvmc_mdisk_kind)zvmc_be32_ld(e + ZVMC_OD_MD_KIND);
    out->mode = zvmc_od_str_(od, e + ZVMC_OD_MD_MODE);
    out->flags = zvmc_be32_ld(e + ZVMC_OD_MD_FLAGS);
    return 0;
}

int zvmc_view_link(const struct zvmc_objdir *od, int user, int member, int i,
           struct zvmc_link *out)
{
    const uint8_t *e;
    int rc;

    if (!out)
        return -ZVMC_ERR_INVAL;
    rc = view_entry_(od, user, member, ZVMC_OD_V_LINKS, ZVMC_OD_B_LINKS, i, &e);
    if (rc)
        return rc;
    out->owner = zvmc_od_str_(od, e + ZVMC_OD_L_OWNER);
    out->owner_vaddr = zvmc_be32_ld(e + ZVMC_OD_L_OWNER_VADDR);
    out->vaddr = zvmc_be32_ld(e + ZVMC_OD_L_VADDR);
    out->mode = zvmc_od_str_(od, e + ZVMC_OD_L_MODE);
    return 0;
}

int zvmc_view_dedicate(const struct zvmc_objdir *od, int user, int member, int i,
               struct zvmc_dedicate *out)
{
    const uint8_t *e;
    int rc;

    if (!out)
        return -ZVMC_ERR_INVAL;
    rc = view_entry_(od, user, member, ZVMC_OD_V_DEDICATES, ZVMC_OD_B_DEDICATES, i, &e);
    if (rc)
        return rc;
    out->vaddr = zvmc_be32_ld(e + ZVMC_OD_DD_VADDR);
    out->rdev = zvmc_be32_ld(e + ZVMC_OD_DD_RDEV);
    out->eqid = zvmc_od_str_(od, e + ZVMC_OD_DD_EQID);
    out->devtype = zvmc_od_str_(od, e + ZVMC_OD_DD_DEVTYPE);
    return 0;
}

int zvmc_view_nicdef(const struct zvmc_objdir *od, int user, int member, int i,
             struct zvmc_nicdef *out)
{
    const uint8_t *e;
    int rc;

    if (!out)
        return -ZVMC_ERR_INVAL;
    rc = view_entry_(od, user, member, ZVMC_OD_V_NICDEFS, ZVMC_OD_B_NICDEFS, i, &e);
    if (rc)
        return rc;
    out->vaddr = zvmc_be32_ld(e + ZVMC_OD_N_VADDR);
    out->type = (enum zvmc_nic_type)zvmc_be32_ld(e + ZVMC_OD_N_TYPE);
    out->conn = (enum zvmc_nic_conn)zvmc_be32_ld(e + ZVMC_OD_N_CONN);
    out->lan_owner = zvmc_od_str_(od, e + ZVMC_OD_N_LAN_OWNER);
    out->name = zvmc_od_str_(od, e + ZVMC_OD_N_NAME);
    return 0;
}

int zvmc_view_option(const struct zvmc_objdir *od, int user, int member, int i,
             const char **option)
{
    const uint8_t *e;
    int rc;

    if (!option)
        return -ZVMC_ERR_INVAL;
    rc = view_entry_(od, user, member, ZVMC_OD_V_OPTIONS, ZVMC_OD_B_OPTIONS, i, &e);
    if (rc)
        return rc;
    *option = zvmc_od_str_(od, e + ZVMC_OD_O_TEXT);
    return 0;
}
