/* SPDX-License-Identifier: MIT */
/* embed: check the SYSTEM CONFIG and directory files named on the command line
 * through libzvmc, print each finding from the diagnostics as data, then ask
 * whether every guest can relocate between every pair of members.
 *   cc -o embed embed.c $(pkg-config --cflags --libs zvmc) */
#include <stdio.h>
#include <zvmc/relocate.h>
#include <zvmc/zvmc.h>

static const char *const severity[] = { "note", "warning", "error" };

static int verdict(void *arg, const char *user, int identity, const char *from, const char *to,
                   const zvmc_reloc_item *items, size_t n)
{
    (void)identity;
    if (n)      /* the first reason is enough here */
        printf("%s cannot move from %s to %s: %s [%s]\n", user, from, to, items[0].message,
               items[0].check);
    ++*(unsigned *)arg;
    return 0;
}

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
    unsigned pairs = 0;
    if (errors == 0 && zvmc_relocate_matrix(ctx, NULL, verdict, &pairs) == 0)
        printf("%u relocation verdicts\n", pairs);
    zvmc_ctx_free(ctx);
    return errors < 0 ? 2 : errors > 0;
}
