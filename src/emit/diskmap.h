/* SPDX-License-Identifier: MIT */
/*
 * The disk map: what DISKMAP EXEC prints, per member.  For every volume the
 * minidisks of the directory put on it, in cylinder (or block) order, with
 * their owner and address, and GAP rows for free space and OVERLAP rows where
 * two minidisks share cylinders.  Volumes whose minidisks are the same on
 * every member are shown once; a volume that holds member-specific minidisks
 * (a SUBCONFIG's, a SYSAFFIN section's, or &SYSRES) is shown for each member.
 *
 * Use: zvmc_diskmap_volume() for each known volume size, then
 * zvmc_run_checks(), then zvmc_diskmap_render().  zvmc_set_member() limits
 * the map to one member's view.
 */
#ifndef ZVMC_EMIT_DISKMAP_H
#define ZVMC_EMIT_DISKMAP_H

#include "zvmc/zvmc.h"

/**
 * zvmc_diskmap_volume - give the size of a volume
 * @spec: "VOLSER=MODEL", MODEL a DASD model (3390-1/2/3/9/27/54, 3380-K...,
 *        3350) or a count of cylinders (blocks on FBA)
 * Extents past the end of a sized volume are dir-volume-extent errors, and the
 * map shows the free space up to the end.  Call before zvmc_run_checks().
 * returns: 0; ZVMC_EINVAL for a spec that is not understood; ZVMC_ENOMEM
 */
int zvmc_diskmap_volume(zvmc_ctx *ctx, const char *spec);

/**
 * zvmc_diskmap_render - write the map of the checked directory
 * @format: ZVMC_FORMAT_TEXT or ZVMC_FORMAT_JSON
 * returns: 0; ZVMC_EINVAL (no directory was checked, or another format);
 *          ZVMC_EIO when @write failed; ZVMC_ENOMEM
 */
int zvmc_diskmap_render(zvmc_ctx *ctx, zvmc_format format, zvmc_write_fn write, void *arg);

#endif
