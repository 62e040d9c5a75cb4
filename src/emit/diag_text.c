/* SPDX-License-Identifier: MIT */
/* gcc/clang-style text: "file:line:col: error: message [-Wcheck]", then the
 * source record and a caret with tildes under the span, then a fix-it line. */
#include <string.h>
#include "emit/render.h"

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define CYAN "\033[1;36m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

static const char *sev_color(zvmc_severity s)
{
    return s == ZVMC_SEV_ERROR ? RED : s == ZVMC_SEV_WARNING ? MAGENTA : CYAN;
}

/* The source line with a caret under [col, ecol] (1-based, inclusive). */
static void source_excerpt(const zvmc_ctx *ctx, strbuf *out, zvmc_loc loc, unsigned line,
                           unsigned col, unsigned eline, unsigned ecol, const char *fixit,
                           int color)
{
    zvmc_source *src = ctx_source(ctx, loc.file);
    if (!src || line == 0)
        return;
    size_t len;
    uint32_t start;
    const char *text = source_line_text(src, loc.begin, &len, &start);
    /* Very long records (a 1 MB line) are cut around the caret. */
    size_t from = 0, shown = len;
    if (len > 160 && col > 80)
        from = col - 40;
    if (shown - from > 160)
        shown = from + 160;
    sb_printf(out, "%5u | ", line);
    for (size_t i = from; i < shown; i++) {
        unsigned char c = (unsigned char)text[i];
        sb_putc(out, (c == '\t' || (c >= 0x20 && c < 0x7f)) ? (char)c : '?');
    }
    sb_puts(out, "\n      | ");
    unsigned last = (eline == line && ecol >= col) ? ecol : (unsigned)len;
    if (last < col)
        last = col;
    for (size_t i = from; i + 1 < col && i < len; i++)
        sb_putc(out, text[i] == '\t' ? '\t' : ' ');
    if (color)
        sb_puts(out, GREEN);
    sb_putc(out, '^');
    for (unsigned c = col + 1; c <= last && c - from <= 161; c++)
        sb_putc(out, '~');
    if (color)
        sb_puts(out, RESET);
    sb_putc(out, '\n');
    if (fixit) {
        sb_puts(out, "      | ");
        for (size_t i = from; i + 1 < col && i < len; i++)
            sb_putc(out, text[i] == '\t' ? '\t' : ' ');
        if (color)
            sb_puts(out, GREEN);
        sb_puts(out, fixit);
        if (color)
            sb_puts(out, RESET);
        sb_putc(out, '\n');
    }
}

/* Messages quote input text; keep control bytes out of the terminal. */
static void put_message(strbuf *out, const char *m)
{
    for (; *m; m++)
        sb_putc(out, ((unsigned char)*m < 0x20 || *m == 0x7f) ? '?' : *m);
}

static void header(strbuf *out, const char *file, unsigned line, unsigned col, zvmc_severity sev,
                   int color)
{
    if (color)
        sb_puts(out, BOLD);
    if (file && line)
        sb_printf(out, "%s:%u:%u: ", file, line, col);
    else if (file)
        sb_printf(out, "%s: ", file);
    else
        sb_puts(out, "zvmc: ");
    if (color)
        sb_printf(out, RESET "%s%s:" RESET " " BOLD, sev_color(sev), severity_name(sev));
    else
        sb_printf(out, "%s: ", severity_name(sev));
}

void render_text(const zvmc_ctx *ctx, strbuf *out, int color)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const zvmc_diag_int *di = ctx->diags[i];
        const zvmc_diag *d = &di->pub;
        header(out, d->file, d->line, d->column, d->severity, color);
        put_message(out, d->message);
        if (color)
            sb_puts(out, RESET);
        sb_printf(out, " [-W%s]\n", d->check);
        source_excerpt(ctx, out, di->loc, d->line, d->column, d->end_line, d->end_column,
                       d->fixit, color);
        for (size_t k = 0; k < d->n_notes; k++) {
            const zvmc_note *n = &d->notes[k];
            /* A note without a place of its own is shown at its diagnostic's. */
            if (n->file)
                header(out, n->file, n->line, n->column, ZVMC_SEV_NOTE, color);
            else
                header(out, d->file, d->line, d->column, ZVMC_SEV_NOTE, color);
            put_message(out, n->message);
            if (color)
                sb_puts(out, RESET);
            sb_putc(out, '\n');
            if (n->file)
                source_excerpt(ctx, out, di->note_locs[k], n->line, n->column, n->line,
                               n->column, NULL, color);
        }
    }
}
