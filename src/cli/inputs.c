/* SPDX-License-Identifier: MIT */
/* The files a command reads, remembered so that none of its outputs replaces
 * one of them (`zvmc compile ... -o USER.DIRECT` would lose the source). */
#include <stdlib.h>
#include "cli/cli.h"

int cli_add_input(zvmc_ctx *ctx, cli_inputs *in, const char *path, zvmc_file_kind kind)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? 2 * in->cap : 8;
        const char **v = realloc(in->path, cap * sizeof *v);
        if (!v) {
            fprintf(stderr, "zvmc: out of memory\n");
            return -1;
        }
        in->path = v;
        in->cap = cap;
    }
    in->path[in->n++] = path;
    if (zvmc_add_file(ctx, path, kind) != 0)
        in->io_error = 1;
    return 0;
}

int cli_output_is_input(const char *cmd, const cli_inputs *in, const char *opt, const char *out)
{
    for (size_t i = 0; i < in->n; i++)
        if (cli_out_is_input(cmd, opt, out, in->path[i]))
            return 1;
    return 0;
}

void cli_inputs_free(cli_inputs *in)
{
    free(in->path);
    in->path = NULL;
    in->n = in->cap = 0;
}
