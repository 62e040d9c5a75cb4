/* SPDX-License-Identifier: MIT */
/*
 * Live Guest Relocation eligibility, decided offline from the SYSTEM CONFIG and
 * the resolved directory: can user U move from member A to member B?  Every
 * reason is listed, as VMRELOCATE TEST does, each naming the virtual device and
 * the statement behind it.  The same engine answers `zvmc relocate test`, the
 * matrix, the cluster checks and the verdicts stored in an object directory.
 *
 * Two ways to ask.  reloc_evaluate() answers one (user, from, to) triple.
 * reloc_judge() answers one user leaving one member for every target at once:
 * what the guest's definition says is read once, each reason carries the set of
 * targets it blocks, and its message is formatted only when someone asks for it
 * (reloc_judged_message()).  reloc_evaluate() is built on reloc_judge(), so
 * both give the same reasons, in the same order, with the same messages.
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
/* What one segment's VMRELOCATE and COMMAND SET VMRELOCATE statements say,
 * applied over the settings of the segments before it in a view: the last ON
 * or OFF (on_off -1: neither), the place of the last OFF, the last DOMAIN. */
typedef struct reloc_seg_settings {
    int on_off;
    zvmc_loc off_loc;           /* loc_none(): no OFF */
    const char *domain;         /* interned, upper case; NULL: no DOMAIN */
    zvmc_loc domain_loc;
} reloc_seg_settings;

/* Segment @sg's settings statements into @out, as the rules read them: a
 * PROFILE's are read once and kept (a PROFILE of 32,000 of them included by
 * 3,200 users took 8.9 s to check when they were read for each user); without
 * memory to keep them, read again.  The compiler asks this too, so that an
 * object directory holds the settings the rules judged. */
void reloc_segment_settings(reloc_engine *e, const ud_seg *sg, reloc_seg_settings *out);

/* Free the messages of earlier evaluations (and forget the last judgment). */
void reloc_engine_reset_messages(reloc_engine *e);
/* Were the SYSTEM CONFIG rules (EQIDs, VSWITCHes, volumes, domains) applied? */
int reloc_engine_has_config(const reloc_engine *e);
/* The reasons user @u (index in res->users) cannot move from member @a to
 * member @b (indexes in res->members).  Returns how many, and stores up to
 * @max of them; 0 means eligible.  Messages live until reloc_engine_reset_messages()
 * or the engine is freed. */
uint32_t reloc_evaluate(reloc_engine *e, uint32_t u, uint32_t a, uint32_t b,
                        reloc_reason *out, uint32_t max);

/* ---- one user leaving one member, every target at once ----------------------- */

/* How many targets one judgment covers: members base .. base + 63. */
#define RELOC_WINDOW 64

/* One reason of a judgment, and the targets it blocks. */
typedef struct reloc_judged {
    reloc_reason r;             /* r.message: NULL until reloc_judged_message() */
    uint64_t targets;           /* bit i: blocks the move to member base + i */
    /* what the message is made of (relocation.c) */
    uint8_t msg, why;
    uint32_t fact;
    const void *p;
    const char *vol;
} reloc_judged;

typedef struct reloc_judgment {
    uint32_t u, a;              /* the user and the member it leaves */
    uint32_t base, nb;          /* the targets judged: members base .. base + nb - 1 */
    uint32_t n;                 /* reasons, in reloc_evaluate()'s order for every target */
    reloc_judged *j;
    uint64_t blocked;           /* the union of the reasons' targets */
    int valid;
} reloc_judgment;

/* Judge user @u leaving member @a for every target in the window starting at
 * member @base (a multiple of RELOC_WINDOW; 0 unless there are more than 64
 * members).  The result lives in the engine until the next reloc_judge(),
 * reloc_evaluate() or reloc_engine_reset_messages().  On ENOMEM ctx->oom is set
 * and reasons may be missing. */
const reloc_judgment *reloc_judge(reloc_engine *e, uint32_t u, uint32_t a, uint32_t base);
/* The message of reason @i of the last judgment for target member @b (one of
 * the reason's targets): formatted on first use, and kept in the reason when it
 * does not name the target.  NULL on ENOMEM (ctx->oom set). */
const char *reloc_judged_message(reloc_engine *e, uint32_t i, uint32_t b);

/* The cluster-level relocation checks (registry.c; reloc_checks.c). */
void check_reloc_profile_local_link(check_run *r);
void check_reloc_chpidv(check_run *r);
void check_reloc_domain_defined(check_run *r);
void check_reloc_reasons(check_run *r);
/* Add a note to @d naming the guests that dedicate a device with @eqid on
 * SYSTEM CONFIG member @cfg_member (nothing without a directory). */
void reloc_note_eqid_users(check_run *r, zvmc_diag_int *d, uint32_t cfg_member, const char *eqid);

#endif
