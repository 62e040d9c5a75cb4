/* SPDX-License-Identifier: MIT */
/*
 * query_volumes.c - DASD volumes and the extents allocated on them.
 */
#include <string.h>

#include "runtime/objdir_internal.h"

int zvmc_volume_count(const struct zvmc_objdir *od)
{
    return od ? (int)od->blk[ZVMC_OD_B_VOLUMES].count : -ZVMC_ERR_INVAL;
}

/* Volumes are sorted by volser (checked at open), so bisect. */
int zvmc_volume_find(const struct zvmc_objdir *od, const char *volser)
{
    uint32_t lo = 0, hi;

    if (!od || !volser)
        return -ZVMC_ERR_INVAL;
    hi = od->blk[ZVMC_OD_B_VOLUMES].count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const uint8_t *v = zvmc_od_rec_(od, ZVMC_OD_B_VOLUMES, mid);
        int cmp = strcmp(volser, zvmc_od_str_(od, v + ZVMC_OD_VO_VOLSER));

        if (!cmp)
            return (int)mid;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -ZVMC_ERR_NOTFOUND;
}

int zvmc_volume_get(const struct zvmc_objdir *od, int vol, struct zvmc_volume *out)
{
    const uint8_t *v;

    if (!od || !out || !(v = zvmc_od_rec_at_(od, ZVMC_OD_B_VOLUMES, vol)))
        return -ZVMC_ERR_INVAL;
    out->volser = zvmc_od_str_(od, v + ZVMC_OD_VO_VOLSER);
    out->member_mask = zvmc_be32_ld(v + ZVMC_OD_VO_MASK);
    out->extent_count = zvmc_od_range_count_(v + ZVMC_OD_VO_EXTENTS);
    return 0;
}

int zvmc_volume_extent(const struct zvmc_objdir *od, int vol, int i, struct zvmc_extent *out)
{
    const uint8_t *v = od ? zvmc_od_rec_at_(od, ZVMC_OD_B_VOLUMES, vol) : NULL;
    const uint8_t *e = v ? zvmc_od_range_at_(od, ZVMC_OD_B_EXTENTS, v + ZVMC_OD_VO_EXTENTS, i)
                         : NULL;
    uint32_t owner;

    if (!e || !out)
        return -ZVMC_ERR_INVAL;
    owner = zvmc_be32_ld(e + ZVMC_OD_X_OWNER);
    out->start = zvmc_be32_ld(e + ZVMC_OD_X_START);
    out->size = zvmc_be32_ld(e + ZVMC_OD_X_SIZE_);
    /* Checked at open: ZVMC_OD_NONE or below the user count (< 2^29). */
    out->owner = owner == ZVMC_OD_NONE ? -1 : (int)owner;
    out->vaddr = zvmc_be32_ld(e + ZVMC_OD_X_VADDR);
    return 0;
}
