/* SPDX-License-Identifier: MIT */
/* The files a command reads, "-" as standard input, remembered so that none of
 * its outputs replaces one of them (`zvmc compile ... -o USER.DIRECT` would
 * lose the source). */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

/* Standard input, whole, as the buffer "<stdin>" (as gcc names it): what an
 * editor pipes in.  Read up to one byte past the library's limit, so that a
 * larger input gets the library's diagnostic, not all of memory. */
static int add_stdin(zvmc_ctx *ctx, zvmc_file_kind kind)
{
    if (feof(stdin)) {
        fprintf(stderr, "zvmc: standard input (-) can be read only once\n");
        return -1;
    }
    size_t len = 0, cap = 65536, max = ZVMC_MAX_INPUT_SIZE + 1;
    char *buf = malloc(cap);
    while (buf) {
        if (len == cap) {
            size_t ncap = cap < max / 2 ? 2 * cap : max;
            char *nb = len < max ? realloc(buf, ncap) : NULL;
            if (!nb) {
                if (len < max) {    /* else: full, and too big */
                    free(buf);
                    buf = NULL;
                }
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, stdin);
        len += n;
        if (n == 0)
            break;
    }
    if (!buf || ferror(stdin)) {
        fprintf(stderr, "zvmc: cannot read standard input: %s\n",
                buf ? "read error" : "out of memory");
        free(buf);
        return -1;
    }
    int rc = zvmc_add_buffer(ctx, "<stdin>", buf, len, kind);
    free(buf);
    if (rc == ZVMC_ENOMEM)
        fprintf(stderr, "zvmc: out of memory\n");
    return rc == 0 ? 0 : -1;
}

int cli_read_input(zvmc_ctx *ctx, const char *path, zvmc_file_kind kind)
{
    if (!strcmp(path, "-"))
        return add_stdin(ctx, kind);
    return zvmc_add_file(ctx, path, kind) == 0 ? 0 : -1;
}

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
    if (cli_read_input(ctx, path, kind) != 0)
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
