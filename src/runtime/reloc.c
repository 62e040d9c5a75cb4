/* SPDX-License-Identifier: MIT */
/*
 * reloc.c - relocation verdicts as the compiler stored them.
 *
 * The compiler runs the relocation checks once, with the same code as
 * `zvmc relocate test`, and stores a verdict per user and ordered member
 * pair.  This file only reads them: the runtime never re-implements a rule,
 * so the two can never disagree.
 */
#include <stdlib.h>

#include "runtime/objdir_internal.h"

static const char *const reason_names[ZVMC_RELOC_REASON_COUNT] = {
    [ZVMC_RELOC_IDENTITY] = "reloc-identity",
    [ZVMC_RELOC_DISABLED] = "reloc-disabled",
    [ZVMC_RELOC_DOMAIN] = "reloc-domain",
    [ZVMC_RELOC_LOCAL_MINIDISK] = "reloc-local-minidisk",
    [ZVMC_RELOC_DEDICATED_EQID] = "reloc-dedicated-eqid",
    [ZVMC_RELOC_DEDICATED_TYPE] = "reloc-dedicated-type",
    [ZVMC_RELOC_CRYPTO_DEDICATED] = "reloc-crypto-dedicated",
    [ZVMC_RELOC_CPU_DEDICATED] = "reloc-cpu-dedicated",
    [ZVMC_RELOC_GUEST_LAN] = "reloc-guest-lan",
    [ZVMC_RELOC_VSWITCH] = "reloc-vswitch",
    [ZVMC_RELOC_MACHINE] = "reloc-machine",
    [ZVMC_RELOC_OPTION] = "reloc-option",
};

const char *zvmc_reloc_reason_name(int code)
{
    if (code < 0 || code >= ZVMC_RELOC_REASON_COUNT)
        return NULL;
    return reason_names[code];
}

/* The verdict record of (user, from, to), or NULL for bad arguments. */
static const uint8_t *verdict_(const struct zvmc_objdir *od, int user, int from, int to)
{
    const uint8_t *u;
    uint32_t m;

    if (!od || from < 0 || to < 0 || from == to ||
        !(u = zvmc_od_rec_at_(od, ZVMC_OD_B_USERS, user)))
        return NULL;
    m = od->members;
    if ((uint32_t)from >= m || (uint32_t)to >= m)
        return NULL;
    return zvmc_od_rec_(od, ZVMC_OD_B_VERDICTS,
                (uint64_t)zvmc_be32_ld(u + ZVMC_OD_U_VROW) * zvmc_od_pairs_(m) +
                    zvmc_od_pair_(m, (uint32_t)from, (uint32_t)to));
}

int zvmc_reloc_verdict(const struct zvmc_objdir *od, int user, int from, int to, int *nreasons)
{
    const uint8_t *v = verdict_(od, user, from, to);
    int n;

    if (!v)
        return -ZVMC_ERR_INVAL;
    n = zvmc_od_range_count_(v + ZVMC_OD_VD_REASONS);
    if (nreasons)
        *nreasons = n;
    return n == 0;  /* eligible exactly when no reason stands against it */
}

int zvmc_reloc_reason_at(const struct zvmc_objdir *od, int user, int from, int to, int i,
             struct zvmc_reason *out)
{
    const uint8_t *v = verdict_(od, user, from, to);
    const uint8_t *r = v ? zvmc_od_range_at_(od, ZVMC_OD_B_REASONS, v + ZVMC_OD_VD_REASONS, i)
                         : NULL;

    if (!r || !out)
        return -ZVMC_ERR_INVAL;
    out->code = (enum zvmc_reloc_reason)zvmc_be32_ld(r + ZVMC_OD_R_CODE);
    out->vaddr = zvmc_be32_ld(r + ZVMC_OD_R_VADDR);
    out->message = zvmc_od_str_(od, r + ZVMC_OD_R_MESSAGE);
    return 0;
}

int zvmc_reloc_check(const struct zvmc_objdir *od, int user, int from, int to,
             struct zvmc_reason **reasons, size_t *n)
{
    struct zvmc_reason *arr;
    int count, verdict;

    if (!reasons || !n)
        return -ZVMC_ERR_INVAL;
    *reasons = NULL;
    *n = 0;
    verdict = zvmc_reloc_verdict(od, user, from, to, &count);
    if (verdict < 0 || count == 0)
        return verdict;
    arr = calloc((size_t)count, sizeof(*arr));
    if (!arr)
        return -ZVMC_ERR_NOMEM;
    for (int i = 0; i < count; i++) {
        int rc = zvmc_reloc_reason_at(od, user, from, to, i, &arr[i]);

        if (rc) {   /* cannot happen after validation; fail cleanly anyway */
            free(arr);
            return rc;
        }
    }
    *reasons = arr;
    *n = (size_t)count;
    return verdict;
}

void zvmc_reloc_reasons_free(struct zvmc_reason *reasons)
{
    free(reasons);
}
