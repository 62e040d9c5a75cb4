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
#include "util/symtab.h"

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
    /* For devices_lookup(): a tree of maxima over the ranges' last + 1, in
     * rdevs' order (leaves at reach[reach_size + i], node k the larger of 2k
     * and 2k + 1); reach_size is a power of two >= nrdevs, 0 without ranges. */
    uint64_t *reach;
    uint32_t reach_size;
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
    /* The patterns indexed, so that a label is matched against only those it
     * could match (5,000 patterns beside 5,000 volumes took 1.36 s scanning
     * them all per volume, 20,000 took 17 s).  A pattern without wildcards is
     * a name: @exact, keyed by its interned pointer.  One of only '*' and '%'
     * matches by length: @wild.  Any other is chained (vol_pat.next) under one
     * of its literal runs, the longest, in @keyed[VOL_KEY_PREFIX] when it
     * begins the pattern, [VOL_KEY_SUFFIX] when it ends it, else
     * [VOL_KEY_INNER]: a label that lacks the run there cannot match.
     * keylens[k][0..nkeylens[k]) are the distinct run lengths of @keyed[k]. */
    ptrmap exact;                   /* interned name -> (uintptr_t)member_mask */
    symtab keyed[3];                /* literal run -> (uintptr_t)(vol_pat index + 1) */
    uint32_t *keylens[3], nkeylens[3];
    struct vol_pat { const char *pattern; member_mask members; uint32_t next; } *vpats;
    struct vol_wild { uint32_t npct; int star; member_mask members; } *wild;
    uint32_t nwild;
    ptrmap domain_index;            /* domain name -> (last definition's index in domains) + 1 */
} cluster_devices;

enum { VOL_KEY_PREFIX, VOL_KEY_SUFFIX, VOL_KEY_INNER };

/* The rdev's entry in @m's view, or NULL. */
const rdev_range *devices_lookup(const member_devices *m, uint32_t rdev);
/* Make the tree devices_lookup() searches, once m->rdevs is sorted (by the
 * sysconfig-devices pass; tests/unit/devices_lookup.c): 0, or -1 when out of
 * memory. */
int devices_index(arena *a, member_devices *m);
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
