/* SPDX-License-Identifier: MIT */
/* zvmc_diag_source_text(): the records under a diagnostic, for callers that
 * fingerprint findings by what the statement says rather than where it is. */
#include "core/ctx.h"

const char *zvmc_diag_source_text(const zvmc_ctx *ctx, size_t i, size_t *len)
{
    *len = 0;
    if (!ctx || i >= ctx->ndiags)
        return NULL;
    zvmc_loc loc = ctx->diags[i]->loc;
    zvmc_source *src = loc_valid(loc) ? ctx_source(ctx, loc.file) : NULL;
    /* The line map exists: diag_report() built it to place the diagnostic. */
    if (!src || !src->lines)
        return NULL;
    size_t first_len, last_len;
    uint32_t first, last;
    source_line_text(src, loc.begin, &first_len, &first);
    source_line_text(src, loc.end > loc.begin ? loc.end - 1 : loc.begin, &last_len, &last);
    *len = (size_t)(last - first) + last_len;
    return src->data + first;
}
