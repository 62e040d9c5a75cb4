/* SPDX-License-Identifier: MIT */
/*
 * Live Guest Relocation eligibility, decided offline from the SYSTEM CONFIG and
 * the resolved directory: can user U move from member A to member B?  Every
 * reason is listed, as VMRELOCATE TEST does, each naming the virtual device and
 * the statement behind it.  The same engine answers `zvmc relocate test`, the
 * matrix, the cluster checks and the verdicts stored in an object directory.
 */
#ifndef ZVMC_CHECK_RELOCATION_H
#define ZVMC_CHECK_RELOCATION_H

#include "check/check.h"
#include "check/resolve.h"
#include "zvmc/runtime.h"

typedef struct reloc_reason {
    int code;                   /* enum zvmc_reloc_reason */
    int vaddr;                  /* the virtual device, or -1 */
    int confirmed;              /* the rule is CONFIRMED by a cited source */
    zvmc_loc loc;               /* the statement behind it */
    const char *message;        /* without the user ID prefix */
} reloc_reason;

typedef struct reloc_engine reloc_engine;

/* Prepare an engine for the run's resolved directory (and SYSTEM CONFIG, when
 * one was given).  NULL when there is no resolved directory or on ENOMEM. */
reloc_engine *reloc_engine_new(check_run *r);
void reloc_engine_free(reloc_engine *e);
/* Free the messages of earlier evaluations. */
void reloc_engine_reset_messages(reloc_engine *e);
/* Were the SYSTEM CONFIG rules (EQIDs, VSWITCHes, volumes, domains) applied? */
int reloc_engine_has_config(const reloc_engine *e);
/* The reasons user @u (index in res->users) cannot move from member @a to
 * member @b (indexes in res->members).  Returns how many, and stores up to
 * @max of them; 0 means eligible.  Messages live until the engine is freed. */
uint32_t reloc_evaluate(reloc_engine *e, uint32_t u, uint32_t a, uint32_t b,
                        reloc_reason *out, uint32_t max);

/* The cluster-level relocation checks (registry.c). */
void check_reloc_profile_local_link(check_run *r);
void check_reloc_chpidv(check_run *r);
void check_reloc_domain_defined(check_run *r);
void check_reloc_reasons(check_run *r);
/* Add a note to @d naming the guests that dedicate a device with @eqid on
 * SYSTEM CONFIG member @cfg_member (nothing without a directory). */
void reloc_note_eqid_users(check_run *r, zvmc_diag_int *d, uint32_t cfg_member, const char *eqid);

#endif
