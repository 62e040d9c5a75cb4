/* SPDX-License-Identifier: MIT */
/* Pieces shared by `zvmc relocate test` and `zvmc relocate matrix`. */
#ifndef ZVMC_CLI_RELOC_CLI_H
#define ZVMC_CLI_RELOC_CLI_H

#include <stdio.h>
#include "cli/cli.h"
#include "zvmc/relocate.h"

typedef struct reloc_opts {
    const char *from, *member;
    zvmc_format format;
    int positional;
    const char *pos[2];
} reloc_opts;

/* Load --config/--directory files, run the passes and print input errors.
 * NULL (after printing why) when the job cannot go on. */
zvmc_ctx *reloc_load(int argc, char **argv, reloc_opts *o, const char *cmd);
void reloc_no_config_note(zvmc_ctx *ctx, FILE *out);
/* The member @name (given with @opt, or NULL for an operand) of the loaded
 * cluster, in any case: its index for zvmc_reloc_member(), or -1 after
 * printing which members there are.  Asked before anything is written, so
 * that a JSON report is never left half made. */
int reloc_member_index(zvmc_ctx *ctx, const char *cmd, const char *opt, const char *name);
void reloc_json_str(FILE *out, const char *s);
void reloc_json_items(FILE *out, const zvmc_reloc_item *it, size_t n);
int relocate_matrix_main(int argc, char **argv);

#endif
