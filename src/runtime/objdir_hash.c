/* SPDX-License-Identifier: MIT */
/*
 * objdir_hash.c - the user hash index: lookup, and its validation.
 *
 * The index is a power-of-two array of slots holding (user index + 1), 0 for
 * an empty slot, filled by linear probing from zvmc_od_hash_(seed, name); a
 * seeded index (ZVMC_OD_HDR_HASH_SEED) holds its seed in the word before
 * the slots.  A lookup probes at most ZVMC_OD_HASH_MAX_PROBE + 1 slots,
 * whatever the file says, so even a hostile index cannot make it loop or
 * run long.
 */
#include "runtime/objdir_internal.h"

int zvmc_od_hash_find_(const struct zvmc_objdir *od, const char *name)
{
    uint32_t mask, slot;

    if (!od->nslots)
        return -ZVMC_ERR_NOTFOUND;
    mask = od->nslots - 1;  /* a power of two, checked at open */
    slot = zvmc_od_hash_(od->hash_seed, name) & mask;
    for (uint32_t probe = 0; probe <= ZVMC_OD_HASH_MAX_PROBE; probe++) {
        uint32_t v = zvmc_be32_ld(od->slots + (size_t)slot * ZVMC_OD_HS_SIZE);
        const uint8_t *u;

        if (!v)
            break;
        u = zvmc_od_rec_(od, ZVMC_OD_B_USERS, v - 1);
        if (u && zvmc_od_name_eq_(zvmc_od_str_(od, u + ZVMC_OD_U_NAME), name))
            return (int)(v - 1);
        slot = (slot + 1) & mask;
    }
    return -ZVMC_ERR_NOTFOUND;
}

/*
 * Consistent means: looking up each user's own name finds that very user,
 * and no other slot is in use.  Together these say that the used slots hold
 * each user exactly once, each within the probe limit of its home slot, and
 * that no two names are equal ignoring case (the first would hide the other).
 */
int zvmc_od_check_hash_(struct zvmc_objdir *od)
{
    const struct zvmc_od_blk_ *hb = &od->blk[ZVMC_OD_B_HASH];
    uint32_t used = 0, seeded = (od->flags & ZVMC_OD_HDR_HASH_SEED) != 0;

    if (hb->count <= seeded)
        return -ZVMC_ERR_BADHASH;
    od->hash_seed = seeded ? zvmc_be32_ld(hb->p) : 0;
    od->slots = hb->p + (size_t)seeded * ZVMC_OD_HS_SIZE;
    od->nslots = hb->count - seeded;
    if ((od->nslots & (od->nslots - 1)) || od->nslots <= od->users) {
        od->nslots = 0;
        return -ZVMC_ERR_BADHASH;
    }
    for (uint32_t s = 0; s < od->nslots; s++)
        used += zvmc_be32_ld(od->slots + (size_t)s * ZVMC_OD_HS_SIZE) != 0;
    if (used != od->users)
        return -ZVMC_ERR_BADHASH;
    for (uint32_t i = 0; i < od->users; i++) {
        const uint8_t *u = zvmc_od_rec_(od, ZVMC_OD_B_USERS, i);

        if (zvmc_od_hash_find_(od, zvmc_od_str_(od, u + ZVMC_OD_U_NAME)) != (int)i)
            return -ZVMC_ERR_BADHASH;
    }
    return 0;
}
