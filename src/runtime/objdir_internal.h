/* SPDX-License-Identifier: MIT */
/*
 * objdir_internal.h - the open object directory and its record accessors
 * (internal to src/runtime/).
 *
 * Everything is validated once, in zvmc_objdir_open_buffer(); the accessors
 * below still refuse an out-of-range offset (returning "" or NULL) so that a
 * bug elsewhere cannot turn into an out-of-bounds read.
 */
#ifndef ZVMC_RUNTIME_OBJDIR_INTERNAL_H
#define ZVMC_RUNTIME_OBJDIR_INTERNAL_H

#include "runtime/objdir_format.h"

struct zvmc_od_blk_ {
    const uint8_t *p;   /* start of the block inside the image */
    uint32_t size;      /* bytes */
    uint32_t count;     /* records (size / record size) */
};

struct zvmc_objdir {
    const uint8_t *base;    /* the image */
    uint32_t totalsize;
    uint32_t version;
    uint32_t flags;     /* header flags (ZVMC_OD_HDR_*) */
    uint32_t hash_seed; /* the user index's seed (0: unseeded) */
    const uint8_t *slots;   /* the user index's slots: HASH past its seed */
    uint32_t nslots;
    uint32_t members;   /* member count, from the cluster record */
    uint32_t users;     /* user count, from the cluster record */
    void *map;      /* the mapping, when opened from a file */
    size_t map_len;
    struct zvmc_od_blk_ blk[ZVMC_OD_NBLOCKS];
};

/* Record i of block b, or NULL when i is out of range. */
static inline const uint8_t *zvmc_od_rec_(const struct zvmc_objdir *od, enum zvmc_od_block b,
                      uint64_t i)
{
    if (i >= od->blk[b].count)
        return NULL;
    return od->blk[b].p + i * zvmc_od_recsize_(b);
}

/* Record i of block b by a caller's int index; NULL when out of range. */
static inline const uint8_t *zvmc_od_rec_at_(const struct zvmc_objdir *od, enum zvmc_od_block b,
                         int i)
{
    return i < 0 ? NULL : zvmc_od_rec_(od, b, (uint32_t)i);
}

/* The string whose pool offset is stored at field; "" if out of range. */
static inline const char *zvmc_od_str_(const struct zvmc_objdir *od, const uint8_t *field)
{
    uint32_t off = zvmc_be32_ld(field);
    const struct zvmc_od_blk_ *pool = &od->blk[ZVMC_OD_B_STRINGS];

    return off < pool->size ? (const char *)pool->p + off : "";
}

/*
 * Element i of the (first, count) range stored at field, pointing into
 * block b; NULL when i is outside the range or the range outside b.
 */
static inline const uint8_t *zvmc_od_range_at_(const struct zvmc_objdir *od, enum zvmc_od_block b,
                           const uint8_t *field, int i)
{
    uint32_t first = zvmc_be32_ld(field), count = zvmc_be32_ld(field + 4);

    if (i < 0 || (uint32_t)i >= count)
        return NULL;
    return zvmc_od_rec_(od, b, (uint64_t)first + (uint32_t)i);
}

/* The number of elements in the (first, count) range stored at field. */
static inline int zvmc_od_range_count_(const uint8_t *field)
{
    return (int)zvmc_be32_ld(field + 4);
}

/* True when a stored enum value or flag set is one the reader accepts. */
static inline int zvmc_od_enum_ok_(const struct zvmc_objdir *od, uint32_t v, uint32_t lo,
                   uint32_t hi)
{
    /* A newer, compatible file may use values this reader does not know. */
    return od->version > ZVMC_OBJDIR_VERSION || (v >= lo && v <= hi);
}

static inline int zvmc_od_flags_ok_(const struct zvmc_objdir *od, uint32_t v, uint32_t known)
{
    return od->version > ZVMC_OBJDIR_VERSION || !(v & ~known);
}

/*
 * The view record of (user, member) through the view map: 0 with *vp set,
 * -ZVMC_ERR_INVAL when an index is out of range, -ZVMC_ERR_ABSENT when the
 * user is not defined on that member.
 */
static inline int zvmc_od_view_(const struct zvmc_objdir *od, int user, int member,
                const uint8_t **vp)
{
    const uint8_t *map;
    uint32_t idx;

    if (!od || user < 0 || member < 0 || (uint32_t)user >= od->users ||
        (uint32_t)member >= od->members)
        return -ZVMC_ERR_INVAL;
    map = zvmc_od_rec_(od, ZVMC_OD_B_VIEWMAP, (uint64_t)user * od->members + (uint32_t)member);
    if (!map)
        return -ZVMC_ERR_INVAL;
    idx = zvmc_be32_ld(map);
    if (idx == ZVMC_OD_NONE)
        return -ZVMC_ERR_ABSENT;
    *vp = zvmc_od_rec_(od, ZVMC_OD_B_VIEWS, idx);
    return *vp ? 0 : -ZVMC_ERR_INVAL;
}

/* objdir_header.c: the header layers; fills base, totalsize, version, flags, blk[].p/size. */
int zvmc_od_parse_header_(const uint8_t *buf, size_t len, struct zvmc_objdir *od);

/* objdir_check.c: the record layers; fills blk[].count, members, users. */
int zvmc_od_check_records_(struct zvmc_objdir *od);

/* objdir_hash.c: the user index of name through the hash index, or -ZVMC_ERR_NOTFOUND. */
int zvmc_od_hash_find_(const struct zvmc_objdir *od, const char *name);

/* objdir_hash.c: validate the user hash index against the user table; fills
 * hash_seed, slots, nslots. */
int zvmc_od_check_hash_(struct zvmc_objdir *od);

#endif /* ZVMC_RUNTIME_OBJDIR_INTERNAL_H */
