/* SPDX-License-Identifier: MIT */
/* Recording diagnostics.  Every finding of every pass goes through diag_report(),
 * which applies the user's -W settings and the error limit; a NULL result means
 * the finding was not recorded, and diag_note()/diag_fixit() accept it. */
#ifndef ZVMC_CORE_DIAG_H
#define ZVMC_CORE_DIAG_H

#include "core/ctx.h"

zvmc_diag_int *diag_report(zvmc_ctx *ctx, const char *check, zvmc_severity sev, zvmc_loc loc,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_note(zvmc_ctx *ctx, zvmc_diag_int *d, zvmc_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_fixit(zvmc_ctx *ctx, zvmc_diag_int *d, const char *replacement);
/* Whether findings of @check would be recorded at all (skip costly work if not). */
int diag_enabled(const zvmc_ctx *ctx, const char *check);
/* The level set for a check: ZVMC_LEVEL_* or -1 when the user set nothing. */
int diag_user_level(const zvmc_ctx *ctx, const char *check);
/* Sort diagnostics by file and position, keeping report order for ties. */
void diag_sort(zvmc_ctx *ctx);
/* Add the closing "N more errors" note when the limit dropped some. */
void diag_finish(zvmc_ctx *ctx);

#endif
