/* SPDX-License-Identifier: MIT */
/* Machine-readable diagnostics.  The schema is stable across releases and
 * documented in docs/diagnostics-json.md. */
#include "emit/render.h"

static void str_or_null(strbuf *out, const char *s)
{
    if (s)
        sb_json_str(out, s);
    else
        sb_puts(out, "null");
}

void render_json(const zvmc_ctx *ctx, strbuf *out)
{
    sb_puts(out, "{\"diagnostics\":[");
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const zvmc_diag *d = &ctx->diags[i]->pub;
        sb_puts(out, i ? ",\n{" : "\n{");
        sb_puts(out, "\"check\":");
        sb_json_str(out, d->check);
        sb_printf(out, ",\"severity\":\"%s\",\"file\":", severity_name(d->severity));
        str_or_null(out, d->file);
        sb_printf(out, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,\"message\":",
                  d->line, d->column, d->end_line, d->end_column);
        sb_json_str(out, d->message);
        sb_puts(out, ",\"fixit\":");
        str_or_null(out, d->fixit);
        sb_puts(out, ",\"notes\":[");
        for (size_t k = 0; k < d->n_notes; k++) {
            const zvmc_note *n = &d->notes[k];
            sb_puts(out, k ? ",{\"file\":" : "{\"file\":");
            str_or_null(out, n->file);
            sb_printf(out, ",\"line\":%u,\"column\":%u,\"message\":", n->line, n->column);
            sb_json_str(out, n->message);
            sb_putc(out, '}');
        }
        sb_puts(out, "]}");
    }
    sb_printf(out, "\n],\"summary\":{\"errors\":%u,\"warnings\":%u,\"notes\":%u}}\n",
              ctx->counts[ZVMC_SEV_ERROR], ctx->counts[ZVMC_SEV_WARNING],
              ctx->counts[ZVMC_SEV_NOTE]);
}
