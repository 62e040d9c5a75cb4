/* SPDX-License-Identifier: MIT */
/*
 * objdir_check.c - record validation layers, run after the header and checksum.
 *
 * Order: record counts against block sizes and the cluster record, the
 * string pool, every field of every record (from the table below), then the
 * rules that span records (sort order, verdict rows, EQID ranges) and finally
 * the hash index.  The checksum has already been verified, but a hostile
 * file can carry a correct checksum, so none of this trusts it.
 */
#include <string.h>

#include "runtime/objdir_internal.h"

enum field_kind_ {
    F_STR,      /* string offset inside the pool */
    F_NAME,     /* the same, 1..ZVMC_OD_MAX_NAME bytes long */
    F_RANGE,    /* (first, count) inside block `target` */
    F_ENUM,     /* lo <= value <= hi */
    F_FLAGS,    /* only bits in `hi` */
    F_MASK,     /* member bitmask: only bits below the member count */
    F_INDEX_OR_NONE /* a record of block `target`, or ZVMC_OD_NONE */
};

struct field_ {
    uint8_t off;
    uint8_t kind;
    uint8_t target; /* F_RANGE, F_INDEX_OR_NONE: the block pointed into */
    uint32_t lo, hi;
};

#define STR(o) { (o), F_STR, 0, 0, 0 }
#define NAME(o) { (o), F_NAME, 0, 0, 0 }
#define RANGE(o, b) { (o), F_RANGE, (b), 0, 0 }
#define ENUM(o, l, h) { (o), F_ENUM, 0, (l), (h) }
#define FLAGS(o, k) { (o), F_FLAGS, 0, 0, (k) }
#define MASK(o) { (o), F_MASK, 0, 0, 0 }
#define INDEX_OR_NONE(o, b) { (o), F_INDEX_OR_NONE, (b), 0, 0 }

static const struct field_ cluster_f[] = { STR(ZVMC_OD_CL_NAME), STR(ZVMC_OD_CL_LEVEL) };
static const struct field_ member_f[] = {
    NAME(ZVMC_OD_M_NAME), STR(ZVMC_OD_M_RES),
    RANGE(ZVMC_OD_M_SYSIDS, ZVMC_OD_B_SYSIDS), RANGE(ZVMC_OD_M_CPOWNED, ZVMC_OD_B_CPOWNED),
    RANGE(ZVMC_OD_M_EQIDS, ZVMC_OD_B_EQIDS), RANGE(ZVMC_OD_M_VSWITCHES, ZVMC_OD_B_VSWITCHES),
};
static const struct field_ sysid_f[] = {
    ENUM(ZVMC_OD_SI_KIND, ZVMC_SYSID_LPAR, ZVMC_SYSID_CPUID), STR(ZVMC_OD_SI_ID),
    STR(ZVMC_OD_SI_CPUID),
};
static const struct field_ cpowned_f[] = { STR(ZVMC_OD_CP_VOLID) };
static const struct field_ eqid_f[] = { STR(ZVMC_OD_EQ_EQID), STR(ZVMC_OD_EQ_TYPE) };
static const struct field_ vswitch_f[] = { NAME(ZVMC_OD_VS_NAME) };
static const struct field_ domain_f[] = { NAME(ZVMC_OD_D_NAME), MASK(ZVMC_OD_D_MASK) };
static const struct field_ user_f[] = {
    NAME(ZVMC_OD_U_NAME), ENUM(ZVMC_OD_U_KIND, ZVMC_USER_USER, ZVMC_USER_IDENTITY),
};
static const struct field_ viewmap_f[] = { INDEX_OR_NONE(0, ZVMC_OD_B_VIEWS) };
static const struct field_ view_f[] = {
    FLAGS(ZVMC_OD_V_FLAGS, ZVMC_OD_VIEW_FLAGS_KNOWN), STR(ZVMC_OD_V_PRIV),
    STR(ZVMC_OD_V_DOMAIN), ENUM(ZVMC_OD_V_CRYPTO, ZVMC_CRYPTO_NONE, ZVMC_CRYPTO_APDED),
    STR(ZVMC_OD_V_CRYPTO_DOMAINS),
    RANGE(ZVMC_OD_V_MDISKS, ZVMC_OD_B_MDISKS), RANGE(ZVMC_OD_V_LINKS, ZVMC_OD_B_LINKS),
    RANGE(ZVMC_OD_V_DEDICATES, ZVMC_OD_B_DEDICATES), RANGE(ZVMC_OD_V_NICDEFS, ZVMC_OD_B_NICDEFS),
    RANGE(ZVMC_OD_V_OPTIONS, ZVMC_OD_B_OPTIONS),
};
static const struct field_ mdisk_f[] = {
    STR(ZVMC_OD_MD_DEVTYPE), STR(ZVMC_OD_MD_VOLSER),
    ENUM(ZVMC_OD_MD_UNIT, ZVMC_UNIT_CYL, ZVMC_UNIT_BLK),
    ENUM(ZVMC_OD_MD_KIND, ZVMC_MDISK_EXTENT, ZVMC_MDISK_TDISK), STR(ZVMC_OD_MD_MODE),
    FLAGS(ZVMC_OD_MD_FLAGS, ZVMC_OD_MDISK_FLAGS_KNOWN),
};
static const struct field_ link_f[] = { NAME(ZVMC_OD_L_OWNER), STR(ZVMC_OD_L_MODE) };
static const struct field_ dedicate_f[] = { STR(ZVMC_OD_DD_EQID), STR(ZVMC_OD_DD_DEVTYPE) };
static const struct field_ nicdef_f[] = {
    ENUM(ZVMC_OD_N_TYPE, ZVMC_NIC_QDIO, ZVMC_NIC_HIPERS),
    ENUM(ZVMC_OD_N_CONN, ZVMC_NIC_UNCOUPLED, ZVMC_NIC_VSWITCH), STR(ZVMC_OD_N_LAN_OWNER),
    STR(ZVMC_OD_N_NAME),
};
static const struct field_ option_f[] = { NAME(ZVMC_OD_O_TEXT) };
static const struct field_ volume_f[] = {
    NAME(ZVMC_OD_VO_VOLSER), MASK(ZVMC_OD_VO_MASK), RANGE(ZVMC_OD_VO_EXTENTS, ZVMC_OD_B_EXTENTS),
};
static const struct field_ extent_f[] = { INDEX_OR_NONE(ZVMC_OD_X_OWNER, ZVMC_OD_B_USERS) };
static const struct field_ verdict_f[] = { RANGE(ZVMC_OD_VD_REASONS, ZVMC_OD_B_REASONS) };
static const struct field_ reason_f[] = {
    ENUM(ZVMC_OD_R_CODE, 0, ZVMC_RELOC_REASON_COUNT - 1), STR(ZVMC_OD_R_MESSAGE),
};

#define FIELDS(b, f) [b] = { (f), sizeof(f) / sizeof((f)[0]) }

static const struct {
    const struct field_ *f;
    size_t n;
} fields_of[ZVMC_OD_NBLOCKS] = {
    FIELDS(ZVMC_OD_B_CLUSTER, cluster_f),   FIELDS(ZVMC_OD_B_MEMBERS, member_f),
    FIELDS(ZVMC_OD_B_SYSIDS, sysid_f),  FIELDS(ZVMC_OD_B_CPOWNED, cpowned_f),
    FIELDS(ZVMC_OD_B_EQIDS, eqid_f),    FIELDS(ZVMC_OD_B_VSWITCHES, vswitch_f),
    FIELDS(ZVMC_OD_B_DOMAINS, domain_f),    FIELDS(ZVMC_OD_B_USERS, user_f),
    FIELDS(ZVMC_OD_B_VIEWMAP, viewmap_f),   FIELDS(ZVMC_OD_B_VIEWS, view_f),
    FIELDS(ZVMC_OD_B_MDISKS, mdisk_f),
    FIELDS(ZVMC_OD_B_LINKS, link_f),    FIELDS(ZVMC_OD_B_DEDICATES, dedicate_f),
    FIELDS(ZVMC_OD_B_NICDEFS, nicdef_f),    FIELDS(ZVMC_OD_B_OPTIONS, option_f),
    FIELDS(ZVMC_OD_B_VOLUMES, volume_f),    FIELDS(ZVMC_OD_B_EXTENTS, extent_f),
    FIELDS(ZVMC_OD_B_VERDICTS, verdict_f), FIELDS(ZVMC_OD_B_REASONS, reason_f),
    /* HASH is checked by objdir_hash.c, STRINGS by check_pool_, USERS' VROW by check_vrows_. */
};

/* A name: inside the pool, not empty, NUL within ZVMC_OD_MAX_NAME bytes. */
static int check_name_(const struct zvmc_od_blk_ *pool, uint32_t off)
{
    size_t room;
    const uint8_t *nul;

    if (off >= pool->size)
        return -ZVMC_ERR_BADSTRING;
    room = pool->size - off;
    if (room > ZVMC_OD_MAX_NAME + 1)
        room = ZVMC_OD_MAX_NAME + 1;
    nul = memchr(pool->p + off, 0, room);
    return (nul && nul != pool->p + off) ? 0 : -ZVMC_ERR_BADVALUE;
}

static int check_field_(const struct zvmc_objdir *od, const uint8_t *rec, const struct field_ *f)
{
    const uint8_t *p = rec + f->off;
    uint32_t v = zvmc_be32_ld(p);
    const struct zvmc_od_blk_ *pool = &od->blk[ZVMC_OD_B_STRINGS];

    switch (f->kind) {
    case F_STR:
        return v < pool->size ? 0 : -ZVMC_ERR_BADSTRING;
    case F_NAME:
        return check_name_(pool, v);
    case F_RANGE:
        /* 64-bit sum: first + count cannot wrap. */
        return (uint64_t)v + zvmc_be32_ld(p + 4) <= od->blk[f->target].count
                   ? 0 : -ZVMC_ERR_BADINDEX;
    case F_ENUM:
        return zvmc_od_enum_ok_(od, v, f->lo, f->hi) ? 0 : -ZVMC_ERR_BADVALUE;
    case F_FLAGS:
        return zvmc_od_flags_ok_(od, v, f->hi) ? 0 : -ZVMC_ERR_BADVALUE;
    case F_MASK:
        /* members <= 32; shift in 64 bits so that 32 members is defined. */
        return (v & ~(uint32_t)((1ull << od->members) - 1)) ? -ZVMC_ERR_BADVALUE : 0;
    case F_INDEX_OR_NONE:
        return (v == ZVMC_OD_NONE || v < od->blk[f->target].count) ? 0 : -ZVMC_ERR_BADINDEX;
    }
    return -ZVMC_ERR_BADVALUE;
}

static int check_fields_(const struct zvmc_objdir *od)
{
    for (int b = 0; b < ZVMC_OD_NBLOCKS; b++) {
        for (uint32_t i = 0; i < od->blk[b].count; i++) {
            const uint8_t *rec = zvmc_od_rec_(od, (enum zvmc_od_block)b, i);

            for (size_t k = 0; k < fields_of[b].n; k++) {
                int rc = check_field_(od, rec, &fields_of[b].f[k]);

                if (rc)
                    return rc;
            }
        }
    }
    return 0;
}

/* Record counts: whole records, and the shapes the cluster record implies. */
static int check_counts_(struct zvmc_objdir *od)
{
    uint32_t pairs;
    uint64_t viewmap;
    const uint8_t *cl;

    for (int b = 0; b < ZVMC_OD_NBLOCKS; b++) {
        uint32_t rs = zvmc_od_recsize_((enum zvmc_od_block)b);

        if (od->blk[b].size % rs)
            return -ZVMC_ERR_BADCOUNT;
        od->blk[b].count = od->blk[b].size / rs;
    }
    if (od->blk[ZVMC_OD_B_CLUSTER].count != 1)
        return -ZVMC_ERR_BADCOUNT;
    cl = od->blk[ZVMC_OD_B_CLUSTER].p;
    od->members = zvmc_be32_ld(cl + ZVMC_OD_CL_MEMBERS);
    od->users = zvmc_be32_ld(cl + ZVMC_OD_CL_USERS);
    if (od->members > ZVMC_OBJDIR_MAX_MEMBERS)
        return -ZVMC_ERR_BADVALUE;
    pairs = zvmc_od_pairs_(od->members);
    viewmap = (uint64_t)od->users * od->members;    /* < 2^32 * 32: no overflow */
    if (od->blk[ZVMC_OD_B_MEMBERS].count != od->members ||
        od->blk[ZVMC_OD_B_USERS].count != od->users ||
        od->blk[ZVMC_OD_B_VIEWMAP].count != viewmap ||
        (pairs ? od->blk[ZVMC_OD_B_VERDICTS].count % pairs : od->blk[ZVMC_OD_B_VERDICTS].count))
        return -ZVMC_ERR_BADCOUNT;
    return 0;
}

/* The pool starts with "" (offset 0) and ends with NUL, so any in-pool offset is a string. */
static int check_pool_(const struct zvmc_objdir *od)
{
    const struct zvmc_od_blk_ *pool = &od->blk[ZVMC_OD_B_STRINGS];

    if (!pool->size || pool->p[0] || pool->p[pool->size - 1])
        return -ZVMC_ERR_BADSTRING;
    return 0;
}

/* Names of block b's records (string field at name_off) strictly ascending. */
static int check_sorted_(const struct zvmc_objdir *od, enum zvmc_od_block b, unsigned name_off)
{
    for (uint32_t i = 1; i < od->blk[b].count; i++) {
        const char *prev = zvmc_od_str_(od, zvmc_od_rec_(od, b, i - 1) + name_off);
        const char *cur = zvmc_od_str_(od, zvmc_od_rec_(od, b, i) + name_off);

        if (strcmp(prev, cur) >= 0)
            return -ZVMC_ERR_BADORDER;
    }
    return 0;
}

/* Each user's verdict row exists (and is row 0 when there are no pairs). */
static int check_vrows_(const struct zvmc_objdir *od)
{
    uint32_t pairs = zvmc_od_pairs_(od->members);
    uint32_t rows = pairs ? od->blk[ZVMC_OD_B_VERDICTS].count / pairs : 1;

    for (uint32_t i = 0; i < od->users; i++)
        if (zvmc_be32_ld(zvmc_od_rec_(od, ZVMC_OD_B_USERS, i) + ZVMC_OD_U_VROW) >= rows)
            return -ZVMC_ERR_BADINDEX;
    return 0;
}

/* An EQID range runs upwards. */
static int check_eqids_(const struct zvmc_objdir *od)
{
    for (uint32_t i = 0; i < od->blk[ZVMC_OD_B_EQIDS].count; i++) {
        const uint8_t *e = zvmc_od_rec_(od, ZVMC_OD_B_EQIDS, i);

        if (zvmc_be32_ld(e + ZVMC_OD_EQ_FIRST) > zvmc_be32_ld(e + ZVMC_OD_EQ_LAST))
            return -ZVMC_ERR_BADVALUE;
    }
    return 0;
}

int zvmc_od_check_records_(struct zvmc_objdir *od)
{
    int rc;

    if ((rc = check_counts_(od)) || (rc = check_pool_(od)) || (rc = check_fields_(od)) ||
        (rc = check_sorted_(od, ZVMC_OD_B_USERS, ZVMC_OD_U_NAME)) ||
        (rc = check_sorted_(od, ZVMC_OD_B_VOLUMES, ZVMC_OD_VO_VOLSER)) ||
        (rc = check_vrows_(od)) || (rc = check_eqids_(od)))
        return rc;
    return zvmc_od_check_hash_(od);
}
