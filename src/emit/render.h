/* SPDX-License-Identifier: MIT */
/* Diagnostic renderers: each appends the whole report to a buffer. */
#ifndef ZVMC_EMIT_RENDER_H
#define ZVMC_EMIT_RENDER_H

#include "core/ctx.h"
#include "util/strbuf.h"

void render_text(const zvmc_ctx *ctx, strbuf *out, int color);
void render_json(const zvmc_ctx *ctx, strbuf *out);
void render_sarif(const zvmc_ctx *ctx, strbuf *out);
void render_cpsyntax(const zvmc_ctx *ctx, strbuf *out);
const char *severity_name(zvmc_severity s);
/* Append @s with control bytes shown as '?' (messages quote input text). */
void render_put_printable(strbuf *out, const char *s);

#endif
