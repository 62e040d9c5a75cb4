/* SPDX-License-Identifier: MIT */
/*
 * Inline suppressions: a comment `zvmc: disable=check[,check...]` on or before a
 * statement (or, in a directory, before an entry) silences those checks for the
 * statement's (or entry's) span.  The front ends find the markers and tell the
 * core the span each one covers; diag_report() consults the list.
 */
#ifndef ZVMC_CORE_SUPPRESS_H
#define ZVMC_CORE_SUPPRESS_H

#include "core/ctx.h"

typedef struct zvmc_supp {
    const char *check;          /* interned check name, or "all" */
    zvmc_loc marker;            /* where the comment says it */
    zvmc_loc scope;             /* what it covers; scope.file == ZVMC_NOFILE: not yet */
    struct zvmc_supp *next;     /* every entry (ctx->supps) */
    struct zvmc_supp *link;     /* its file's pending list, then its group's */
} zvmc_supp;

/* The entries bound by one supp_bind_pending() call share a scope: a group.
 * A file's groups are kept in the order they were bound, which is the order
 * of their begin offsets (a front end reads a file once, front to back), so a
 * finding finds its candidates by binary search.  parent chains each group to
 * every earlier group that held its begin when it was bound (a statement's
 * group to its entry's), the only ones besides the nearest that can cover a
 * place after it. */
typedef struct supp_group {
    zvmc_loc scope;
    uint32_t parent;            /* index of the nearest earlier group holding scope.begin, or UINT32_MAX */
    zvmc_supp *first;           /* the entries, by link */
} supp_group;

typedef struct supp_file {
    zvmc_supp *pending;         /* markers still waiting for their statement, by link */
    supp_group *groups;
    uint32_t ngroups, cap;
    int unsorted;               /* a group began before the previous one: search them all */
} supp_file;

/* Does @text (a comment's contents) hold a marker?  Returns the position of the
 * check list after "disable=", or NULL. */
const char *supp_find_marker(const char *text, size_t len, size_t *list_len);
/* Record the checks named by a marker found in a comment at @marker.  Unknown
 * names are reported (-Wunknown-check).  The new entries have no scope yet. */
void supp_add(zvmc_ctx *ctx, const char *list, size_t len, zvmc_loc marker);
/* Give every entry of @file still without a scope the span @scope. */
void supp_bind_pending(zvmc_ctx *ctx, uint32_t file, zvmc_loc scope);
/* End the scopes of @file that begin at @begin and are still open-ended
 * (end UINT32_MAX) at @end. */
void supp_end_open(zvmc_ctx *ctx, uint32_t file, uint32_t begin, uint32_t end);
/* Is a finding of @check at @loc suppressed? */
int supp_covers(const zvmc_ctx *ctx, const char *check, zvmc_loc loc);
/* Free the index (zvmc_ctx_free); the entries live in the arena. */
void supp_free(zvmc_ctx *ctx);

#endif
