/* SPDX-License-Identifier: MIT */
/* The options `zvmc check` and `zvmc compile` share: what to read and how to
 * report it.  One parser, so that the two commands take them alike. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

int cli_check_option(zvmc_ctx *ctx, const char *cmd, int argc, char **argv, int *i,
                     cli_check_opts *o)
{
    const char *a = argv[*i];
    int r = cli_common_option(ctx, a, &o->diag);
    if (r != 0)
        return r;
    if (!strcmp(a, "--no-imbed")) {
        zvmc_set_follow_imbed(ctx, 0);
        return 1;
    }
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(a, "--config") || !strcmp(a, "--directory")) {
        if (!val) {
            cli_usage_error(cmd, "%s needs a file name", a);
            return -1;
        }
        int cfg = a[2] == 'c';
        if (cli_add_input(ctx, &o->in, val, cfg ? ZVMC_FILE_SYSCONFIG : ZVMC_FILE_DIRECTORY) != 0)
            return -1;
        *(cfg ? &o->nconfig : &o->ndir) += 1;
    } else if (!strcmp(a, "--format")) {
        if (!val || cli_parse_format(val, &o->diag.format) != 0) {
            cli_usage_error(cmd, "--format takes text, json, sarif or cpsyntax");
            return -1;
        }
    } else if (!strcmp(a, "--zvm-level")) {
        if (!val || zvmc_set_zvm_level(ctx, val) != 0) {
            cli_usage_error(cmd, "--zvm-level takes V.R, e.g. 7.3");
            return -1;
        }
    } else if (!strcmp(a, "--max-errors")) {
        char *end;
        long n = val ? strtol(val, &end, 10) : -1;
        if (!val || *end || n < 0) {
            cli_usage_error(cmd, "--max-errors takes a number");
            return -1;
        }
        o->max_errors = n;
    } else {
        return 0;   /* not one of ours */
    }
    (*i)++;
    return 1;
}
