/* SPDX-License-Identifier: MIT */
/*
 * objdir_synth.h - a synthetic cluster of any size, for the scale test and
 * the lookup benchmark: `members` members, `users` users named LNX00000...,
 * each defined everywhere with one minidisk, every 7th refused relocation
 * for a local minidisk, and one volume per 100 users.
 */
#ifndef ZVMC_TESTS_OBJDIR_SYNTH_H
#define ZVMC_TESTS_OBJDIR_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "emit/objdir_builder.h"

/* The name of synthetic user i. */
static __attribute__((unused)) void synth_name(char *buf, size_t n, int i)
{
    snprintf(buf, n, "LNX%05d", i);
}

/* Returns the builder, or NULL if a call failed (out of memory). */
static __attribute__((unused)) struct zvmc_odb *synth_build(int members, int users)
{
    struct zvmc_odb *b = zvmc_odb_new();
    char name[16], volser[16];
    int vol = -1;

    if (!b || zvmc_odb_set_cluster(b, "SYNTH", "7.3") < 0)
        goto fail;
    for (int m = 0; m < members; m++) {
        snprintf(name, sizeof(name), "SYS%d", m);
        if (zvmc_odb_add_member(b, name, (uint32_t)m + 1, "RES") < 0)
            goto fail;
    }
    for (int i = 0; i < users; i++) {
        struct zvmc_view v = { .logon_storage = (uint64_t)(1 + i % 16) << 30,
                       .max_storage = (uint64_t)32 << 30, .privclasses = "G",
                       .reloc_domain = "SSI" };
        struct zvmc_mdisk md = { 0x0191, "3390", volser, 1 + (uint32_t)(i % 100) * 50, 50,
                     ZVMC_UNIT_CYL, ZVMC_MDISK_EXTENT, "MR", 0 };
        int u;

        snprintf(volser, sizeof(volser), "LX%04d", i / 100);
        if (i % 100 == 0 && (vol = zvmc_odb_add_volume(b, volser, (uint32_t)((1ull << members) - 1))) < 0)
            goto fail;
        synth_name(name, sizeof(name), i);
        if ((u = zvmc_odb_add_user(b, name, ZVMC_USER_USER)) < 0)
            goto fail;
        for (int m = 0; m < members; m++)
            if (zvmc_odb_set_view(b, u, m, &v) < 0 || zvmc_odb_view_mdisk(b, u, m, &md) < 0)
                goto fail;
        for (int f = 0; f < members; f++)
            for (int t = 0; t < members; t++)
                if (f != t && (i % 7 ? zvmc_odb_reloc_eligible(b, u, f, t)
                           : zvmc_odb_reloc_reason(b, u, f, t, ZVMC_RELOC_LOCAL_MINIDISK,
                                       0x0191, "local minidisk")) < 0)
                    goto fail;
        if (zvmc_odb_volume_extent(b, vol, &(struct zvmc_extent){ md.start, 50, u, 0x0191 }) < 0)
            goto fail;
    }
    return b;
fail:
    zvmc_odb_free(b);
    return NULL;
}

#endif /* ZVMC_TESTS_OBJDIR_SYNTH_H */
