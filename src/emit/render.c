/* SPDX-License-Identifier: MIT */
#include "emit/render.h"

const char *severity_name(zvmc_severity s)
{
    switch (s) {
    case ZVMC_SEV_ERROR: return "error";
    case ZVMC_SEV_WARNING: return "warning";
    default: return "note";
    }
}

void render_put_printable(strbuf *out, const char *s)
{
    for (; *s; s++)
        sb_putc(out, ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s);
}

int zvmc_render(const zvmc_ctx *ctx, zvmc_format format, unsigned flags, zvmc_write_fn write,
                void *arg)
{
    if (!ctx || !write)
        return ZVMC_EINVAL;
    strbuf sb;
    sb_init(&sb, &ctx->alloc);
    switch (format) {
    case ZVMC_FORMAT_TEXT: render_text(ctx, &sb, (flags & ZVMC_RENDER_COLOR) != 0); break;
    case ZVMC_FORMAT_JSON: render_json(ctx, &sb); break;
    case ZVMC_FORMAT_SARIF: render_sarif(ctx, &sb); break;
    case ZVMC_FORMAT_CPSYNTAX: render_cpsyntax(ctx, &sb); break;
    default:
        sb_free(&sb);
        return ZVMC_EINVAL;
    }
    int rc = 0;
    if (sb.failed)
        rc = ZVMC_ENOMEM;
    else if (sb.len && write(arg, sb.data, sb.len) != 0)
        rc = ZVMC_EIO;
    sb_free(&sb);
    return rc;
}
