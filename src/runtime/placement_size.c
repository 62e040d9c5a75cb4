/* SPDX-License-Identifier: MIT */
/*
 * placement_size.c - storage sizes ("512M", "2G") and the "MEMBER=SIZE"
 * capacity entries of the planner.
 */
#include <string.h>

#include "runtime/plan_internal.h"

/* Parse digits and a unit in s[0..len); 0, -ZVMC_ERR_INVAL or -ZVMC_ERR_TOOBIG. */
static int size_parse_(const char *s, size_t len, uint64_t *bytes)
{
    static const char units[] = "KMGTP";
    uint64_t v = 0;
    const char *u;
    size_t i = 0;
    int shift;

    while (i < len && s[i] >= '0' && s[i] <= '9') {
        unsigned d = (unsigned)(s[i] - '0');

        if (v > (UINT64_MAX - d) / 10)
            return -ZVMC_ERR_TOOBIG;
        v = v * 10 + d;
        i++;
    }
    if (i == 0 || i + 1 != len)
        return -ZVMC_ERR_INVAL;     /* no digits, no unit, or something after it */
    u = memchr(units, s[i] & ~0x20, 5);
    if (!u || s[i] == '\0')
        return -ZVMC_ERR_INVAL;
    shift = 10 * (int)(u - units + 1);
    if (v > (UINT64_MAX >> shift))
        return -ZVMC_ERR_TOOBIG;
    *bytes = v << shift;
    return 0;
}

int zvmc_storage_parse(const char *text, uint64_t *bytes)
{
    if (!text || !bytes)
        return -ZVMC_ERR_INVAL;
    return size_parse_(text, strlen(text), bytes);
}

int zvmc_plan_capacity_set(const struct zvmc_objdir *od, struct zvmc_plan_capacity *cap,
               const char *spec)
{
    char name[ZVMC_OBJDIR_MAX_NAME + 1];
    const char *eq;
    uint64_t bytes;
    int m, rc;

    if (!od || !cap || !spec || !(eq = strchr(spec, '=')) || eq == spec ||
        (size_t)(eq - spec) > ZVMC_OBJDIR_MAX_NAME)
        return -ZVMC_ERR_INVAL;
    memcpy(name, spec, (size_t)(eq - spec));
    name[eq - spec] = '\0';
    rc = zvmc_storage_parse(eq + 1, &bytes);
    if (rc)
        return rc;
    m = zvmc_member_find(od, name);
    if (m < 0)
        return m;
    cap->given |= 1u << m;
    cap->free[m] = bytes;
    return m;
}
