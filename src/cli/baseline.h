/* SPDX-License-Identifier: MIT */
/* Baselines: the findings a project has accepted for now, recorded by a
 * fingerprint that survives line shifts, so that CI reports only new ones.
 * The scheme and the file format are in docs/baseline.md. */
#ifndef ZVMC_CLI_BASELINE_H
#define ZVMC_CLI_BASELINE_H

#include "zvmc/zvmc.h"

typedef struct baseline_stats {
    unsigned suppressed;    /* findings the baseline matched */
    unsigned stale;         /* baseline entries that matched no finding */
} baseline_stats;

/* Record every finding of a finished run in @path (temp file + rename).
 * Returns how many it recorded, or -1 after printing why. */
int baseline_write(const zvmc_ctx *ctx, const char *path);
/* Drop the findings recorded in @path from @ctx (see zvmc_diag_filter).
 * Returns 0, or -1 after printing why. */
int baseline_apply(zvmc_ctx *ctx, const char *path, baseline_stats *st);
/* The closing note: how many findings the baseline suppressed. */
void baseline_note(const baseline_stats *st, const char *path);

#endif
