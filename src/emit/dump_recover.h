/* SPDX-License-Identifier: MIT */
/*
 * dump_recover.h - what a decompiled directory takes from the relocation
 * verdicts.  The object directory keeps each refused relocation with the
 * message of its reason, and a few statements show nowhere else: MACHINE XC
 * (reloc-machine), the address of a dedicated CPU (reloc-cpu-dedicated quotes
 * it) and the name of the SUBCONFIG a linked local minidisk is defined in
 * (reloc-local-minidisk quotes it).  Where no verdict shows them they make no
 * difference to the object directory, and defaults do.
 */
#ifndef ZVMC_EMIT_DUMP_RECOVER_H
#define ZVMC_EMIT_DUMP_RECOVER_H

#include "zvmc/runtime.h"

typedef struct rec_info {
    int xc;                     /* MACHINE XC */
    char cpus[128];             /* addresses of dedicated CPUs, blank-separated; "" unknown */
} rec_info;

typedef struct recover recover;

/* Read every verdict once; NULL when out of memory. */
recover *recover_new(const struct zvmc_objdir *od);
void recover_free(recover *rc);
/* What the verdicts of user @u from member @m show. */
void recover_view(const recover *rc, const struct zvmc_objdir *od, int u, int m, rec_info *out);
/* The SUBCONFIG name of IDENTITY @u on member @m: the one a verdict quotes,
 * else USER-n (n = member index + 1) shortened to 8 characters, unique. */
const char *subconfig_name(const recover *rc, int u, int m);

#endif
