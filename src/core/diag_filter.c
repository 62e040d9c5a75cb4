/* SPDX-License-Identifier: MIT */
/* zvmc_diag_filter(): let a caller drop findings after the run (a baseline of
 * known findings, a review tool's own rules) with the counts, the error limit
 * and the closing notes still telling the truth about what is left. */
#include <string.h>
#include "core/diag.h"

/* The closing diagnostics diag_finish() adds; they are redone, not filtered. */
static int is_closing(const zvmc_diag_int *d)
{
    return strcmp(d->pub.check, "max-errors") == 0 || strcmp(d->pub.check, "internal") == 0;
}

int zvmc_diag_filter(zvmc_ctx *ctx, zvmc_diag_keep_fn keep, void *arg)
{
    if (!ctx || !keep || !ctx->ran)
        return ZVMC_EINVAL;
    size_t n = ctx->ndiags;
    if (n == 0)
        return 0;
    /* Every verdict first, so that @keep sees the list as it was. */
    unsigned char *keeps = zalloc_malloc(&ctx->alloc, n);
    if (!keeps)
        return ZVMC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        keeps[i] = !is_closing(ctx->diags[i]) && keep(arg, ctx, i) != 0;
    int rejected = 0;
    size_t w = 0;
    memset(ctx->counts, 0, sizeof ctx->counts);
    for (size_t i = 0; i < n; i++) {
        zvmc_diag_int *d = ctx->diags[i];
        zvmc_severity sev = d->pub.severity;
        if (is_closing(d))
            continue;
        if (!keeps[i]) {
            rejected++;
            continue;
        }
        if (sev == ZVMC_SEV_ERROR && ctx->max_errors &&
            ctx->counts[ZVMC_SEV_ERROR] >= ctx->max_errors) {
            ctx->dropped_errors++;
            continue;
        }
        ctx->counts[sev]++;
        ctx->diags[w++] = d;
    }
    ctx->ndiags = w;
    zalloc_free(&ctx->alloc, keeps);
    diag_finish(ctx);
    return rejected;
}
