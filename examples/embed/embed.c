/* SPDX-License-Identifier: MIT */
/* embed: check the SYSTEM CONFIG and directory files named on the command line
 * through libzvmc and print each finding from the diagnostics as data.
 *   cc -o embed embed.c $(pkg-config --cflags --libs zvmc) */
#include <stdio.h>
#include <zvmc/zvmc.h>

static const char *const severity[] = { "note", "warning", "error" };

int main(int argc, char **argv)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);     /* NULL: malloc, realloc, free */
    if (!ctx || argc < 2) {
        fprintf(stderr, "usage: embed FILE...  (libzvmc %s)\n", zvmc_version());
        return 2;
    }
    for (int i = 1; i < argc; i++)
        zvmc_add_file(ctx, argv[i], ZVMC_FILE_AUTO);    /* a failure is a diagnostic too */
    int errors = zvmc_run_checks(ctx);
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        printf("%s:%u:%u: %s: %s [%s]\n", d->file ? d->file : "zvmc", d->line, d->column,
               severity[d->severity], d->message, d->check);
    }
    printf("%d error(s), %u warning(s)\n", errors, zvmc_count(ctx, ZVMC_SEV_WARNING));
    zvmc_ctx_free(ctx);
    return errors < 0 ? 2 : errors > 0;
}
