/* SPDX-License-Identifier: MIT */
/* The files a command reads, "-" as standard input, remembered so that none of
 * its outputs replaces one of them (`zvmc compile ... -o USER.DIRECT` would
 * lose the source). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "zvmc/runtime.h"

int cli_read_stream(FILE *f, size_t max, char **data, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf && n < max) {
        if (n + 1 == cap) {     /* full but for the NUL */
            size_t ncap = cap - 1 <= (max - 1) / 2 ? 2 * cap : max + 1;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t want = cap - 1 - n < max - n ? cap - 1 - n : max - n;
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (got < want)
            break;              /* end of file, or an error */
    }
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        free(buf);
        errno = e;
        return -1;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int cli_read_stdin(size_t max, char **data, size_t *len)
{
    if (feof(stdin)) {
        fprintf(stderr, "zvmc: standard input (-) can be read only once\n");
        return -1;
    }
    if (cli_read_stream(stdin, max, data, len) != 0) {
        fprintf(stderr, "zvmc: cannot read standard input: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

/* Standard input, whole, as the buffer "<stdin>" (as gcc names it): what an
 * editor pipes in.  Read up to one byte past the library's limit, so that a
 * larger input gets the library's diagnostic, not all of memory. */
static int add_stdin(zvmc_ctx *ctx, zvmc_file_kind kind)
{
    char *buf;
    size_t len;
    if (cli_read_stdin(ZVMC_MAX_INPUT_SIZE + 1, &buf, &len) != 0)
        return -1;
    int rc = zvmc_add_buffer(ctx, "<stdin>", buf, len, kind);
    free(buf);
    if (rc == ZVMC_ENOMEM)
        fprintf(stderr, "zvmc: out of memory\n");
    return rc == 0 ? 0 : -1;
}

int cli_objdir_open(const char *cmd, const char *path, struct zvmc_objdir **od, char **buf)
{
    *buf = NULL;
    int rc;
    if (!strcmp(path, "-")) {
        size_t len;
        /* more than the largest object directory (its size is a 32-bit
         * field): 2^32 + 1 bytes, as before size_t's width was asked; all of
         * memory where size_t is no wider */
        const size_t cap = SIZE_MAX > UINT32_MAX ? (size_t)UINT32_MAX + 2 : SIZE_MAX;
        if (cli_read_stdin(cap, buf, &len) != 0)
            return -1;
        rc = zvmc_objdir_open_buffer(*buf, len, od);
    } else {
        rc = zvmc_objdir_open(path, od);
    }
    if (rc < 0) {
        fprintf(stderr, "zvmc %s: %s: %s%s%s\n", cmd, strcmp(path, "-") ? path : "<stdin>",
                zvmc_strerror(rc), rc == -ZVMC_ERR_IO ? ": " : "",
                rc == -ZVMC_ERR_IO ? strerror(errno) : "");
        free(*buf);
        *buf = NULL;
        return -1;
    }
    return 0;
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
