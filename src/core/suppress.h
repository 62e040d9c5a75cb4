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
    struct zvmc_supp *next;
} zvmc_supp;

/* Does @text (a comment's contents) hold a marker?  Returns the position of the
 * check list after "disable=", or NULL. */
const char *supp_find_marker(const char *text, size_t len, size_t *list_len);
/* Record the checks named by a marker found in a comment at @marker.  Unknown
 * names are reported (-Wunknown-check).  The new entries have no scope yet. */
void supp_add(zvmc_ctx *ctx, const char *list, size_t len, zvmc_loc marker);
/* Give every entry of @file still without a scope the span @scope. */
void supp_bind_pending(zvmc_ctx *ctx, uint32_t file, zvmc_loc scope);
/* Is a finding of @check at @loc suppressed? */
int supp_covers(const zvmc_ctx *ctx, const char *check, zvmc_loc loc);

#endif
