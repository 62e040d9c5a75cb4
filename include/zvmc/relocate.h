/* SPDX-License-Identifier: MIT */
/*
 * Live Guest Relocation eligibility, offline: after zvmc_run_checks() on a
 * context holding a source directory (and, for the rules that need it, the
 * SYSTEM CONFIG), ask whether a user can move from one member to another, for
 * one user or for every user and ordered member pair at once.  The reasons are
 * the ones VMRELOCATE TEST lists, each named by its check (reloc-*).
 */
#ifndef ZVMC_RELOCATE_H
#define ZVMC_RELOCATE_H

#include <stddef.h>
#include "zvmc/zvmc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ZVMC_ENOUSER = -1101,       /* no USER or IDENTITY of that name */
    ZVMC_ENOMEMBER = -1102,     /* no member of that name */
    ZVMC_ENODIR = -1103,        /* the context has no resolved directory */
};

typedef struct zvmc_reloc_item {
    const char *check;          /* "reloc-local-minidisk", ... */
    int code;                   /* enum zvmc_reloc_reason of <zvmc/runtime.h> */
    int vaddr;                  /* the virtual device, or -1 */
    int confirmed;              /* 0: the rule is UNCONFIRMED (see docs/relocation.md) */
    const char *message;        /* "Virtual machine device 0190 is a link to a local minidisk (...)" */
    const char *file;           /* the statement behind it */
    unsigned line, column;
} zvmc_reloc_item;

/**
 * zvmc_reloc_member_count, zvmc_reloc_member - the members relocation is judged
 * between (from the SYSTEM CONFIG, else the directory), in slot order
 */
size_t zvmc_reloc_member_count(zvmc_ctx *ctx);
const char *zvmc_reloc_member(zvmc_ctx *ctx, size_t i);

/**
 * zvmc_reloc_has_config - whether the SYSTEM CONFIG rules (EQIDs, VSWITCHes,
 * volumes, relocation domains) were applied: 0 when no SYSTEM CONFIG was given
 */
int zvmc_reloc_has_config(zvmc_ctx *ctx);

/**
 * zvmc_relocate_test - can @user move from member @from to member @to?
 * @items, @n: set to the reasons (NULL, 0 when eligible); valid until the
 *             context is freed
 * returns: 1 eligible, 0 not; ZVMC_ENOUSER, ZVMC_ENOMEMBER (also when
 *          @from == @to), ZVMC_ENODIR, ZVMC_ENOMEM
 */
int zvmc_relocate_test(zvmc_ctx *ctx, const char *user, const char *from, const char *to,
                       const zvmc_reloc_item **items, size_t *n);

/** Called once per user and ordered member pair; return nonzero to stop. */
typedef int (*zvmc_matrix_fn)(void *arg, const char *user, int identity, const char *from,
                              const char *to, const zvmc_reloc_item *items, size_t n);

/**
 * zvmc_relocate_matrix - every USER and IDENTITY, every ordered member pair,
 * users in directory order; @from_member limits the pairs to those leaving it
 * (NULL: all)
 * returns: 0; the callback's nonzero value; ZVMC_ENOMEMBER; ZVMC_ENODIR; ZVMC_ENOMEM
 */
int zvmc_relocate_matrix(zvmc_ctx *ctx, const char *from_member, zvmc_matrix_fn fn, void *arg);

/* Flags of zvmc_relocate_matrix_ex() */
enum {
    ZVMC_MATRIX_BRIEF = 1,      /* items carry check, code, vaddr and confirmed only: message
                                 * and file NULL, line and column 0 (much faster) */
};

/**
 * zvmc_relocate_matrix_ex - zvmc_relocate_matrix() with @flags (ZVMC_MATRIX_*,
 * 0 for the same items); the verdicts, their reasons and their order are the same
 * returns: as zvmc_relocate_matrix()
 */
int zvmc_relocate_matrix_ex(zvmc_ctx *ctx, const char *from_member, unsigned flags,
                            zvmc_matrix_fn fn, void *arg);

#ifdef __cplusplus
}
#endif
#endif
