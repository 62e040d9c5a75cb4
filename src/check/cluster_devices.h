/* SPDX-License-Identifier: MIT */
/*
 * What each member's view of the SYSTEM CONFIG says about devices, virtual
 * switches and relocation domains: the facts Live Guest Relocation decisions
 * need.  Built once by the sysconfig-devices pass; read by the relocation rules.
 */
#ifndef ZVMC_CHECK_CLUSTER_DEVICES_H
#define ZVMC_CHECK_CLUSTER_DEVICES_H

#include <stdint.h>
#include "check/check.h"
#include "util/ptrmap.h"

typedef uint64_t member_mask;       /* bit i: r->model.members[i] */

typedef struct rdev_range {
    uint32_t first, last;
    const char *eqid;               /* interned, or NULL */
    const char *type;               /* interned TYPE, or NULL */
    const sc_stmt *stmt;
} rdev_range;

typedef struct member_devices {
    rdev_range *rdevs;              /* sorted by first device */
    uint32_t nrdevs;
} member_devices;

typedef struct reloc_domain {
    const char *name;               /* interned */
    member_mask members;
    const sc_stmt *stmt;            /* NULL for the implicit ones */
} reloc_domain;

typedef struct cluster_devices {
    member_devices *members;        /* one per r->model.members[i] */
    symtab eqids;                   /* EQID -> (uintptr_t)member_mask that define it */
    symtab vswitches;               /* VSWITCH name -> (uintptr_t)member_mask */
    reloc_domain *domains;          /* the implicit SSI domain and one per member first */
    uint32_t ndomains;
    /* volser -> member_mask: CP_Owned and User_Volume_List.  Keyed by the
     * label's interned pointer: every label stored or looked up is a name of
     * the context's interner (sc_name, ud_volser(), ud_mdisk_volume()), so
     * comparing pointers finds what comparing the bytes would, and a slot is
     * 16 bytes (a symtab's 24: ~57,000 labels for 100,000 guests). */
    ptrmap volumes;
    struct vol_pattern { const char *pattern; member_mask members; } *patterns;
    uint32_t npatterns;             /* User_Volume_Include patterns */
} cluster_devices;

/* The rdev's entry in @m's view, or NULL. */
const rdev_range *devices_lookup(const member_devices *m, uint32_t rdev);
member_mask devices_eqid_members(const cluster_devices *d, const char *eqid);
member_mask devices_vswitch_members(const cluster_devices *d, const char *name);
const reloc_domain *devices_domain(const cluster_devices *d, const char *name);
/* The members whose view lists a volume (exactly, or by a User_Volume_Include
 * pattern); *known is 0 when no statement mentions it at all.  @volser must be
 * interned by the context (or NULL): see volumes above. */
member_mask devices_volume_members(const cluster_devices *d, const char *volser, int *known);
/* "LTICVM2, LTICVM9 and LTICVM5" into @buf */
void devices_member_list(const check_run *r, member_mask m, char *buf, size_t len);

void pass_sysconfig_devices(check_run *r);
void cluster_devices_free(check_run *r);

#endif
