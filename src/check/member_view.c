/* SPDX-License-Identifier: MIT */
/* A member's view of the SYSTEM CONFIG, as CPSYNTAX evaluates it for one system:
 * every unqualified statement, the member's qualified statements and its
 * BEGIN/END blocks (the BEGIN and END records themselves excepted). */
#include <string.h>
#include "check/check.h"

int zvmc_config_view(zvmc_ctx *ctx, const char *member, zvmc_view_fn fn, void *arg)
{
    if (!ctx || !member || !fn || !ctx->run)
        return ZVMC_EINVAL;
    if (!ctx->config || !ctx->config->blocks_resolved)
        return 0;
    const char *m = ctx_intern_upper(ctx, member, strlen(member));
    if (!m)
        return ZVMC_ENOMEM;
    if (!model_is_system(&ctx->run->model, m))
        return ZVMC_ENOMEMBER_VIEW;
    sc_for_each_stmt(ctx->config, f, s) {
        if (s->kind == SC_BEGIN || s->kind == SC_END || !sc_applies(s, m))
            continue;
        zvmc_source *src = ctx_source(ctx, s->loc.file);
        unsigned line, col;
        source_ensure_lines(src, &ctx->alloc);
        source_linecol(src, s->loc.begin, &line, &col);
        int rc = fn(arg, src->name, line, src->data + s->loc.begin, s->loc.end - s->loc.begin);
        if (rc)
            return rc;
    }
    return 0;
}
