/* SPDX-License-Identifier: MIT */
/* Errors the way CPSYNTAX EXEC prints them, for people who read its output
 * every day (docs/cpsyntax.md):
 *
 *     HCPSYK6700E FILE SYSTEM CONFIG A, RECORD 164:
 *     HCPSYK6701E <message> [-Wcheck]
 *
 * CPSYNTAX reports errors only, so warnings, notes and fix-its are left out. */
#include <string.h>
#include "emit/render.h"
#include "util/names.h"

static void put_upper(strbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        sb_putc(out, (c > 0x20 && c < 0x7f) ? ascii_upper((char)c) : '?');
    }
}

/* A CMS file mode: a letter, optionally followed by a digit 0-6. */
static int is_filemode(const char *s)
{
    char c = ascii_upper(s[0]);
    return c >= 'A' && c <= 'Z' && (!s[1] || (s[1] >= '0' && s[1] <= '6' && !s[2]));
}

/* "examples/ltics1/SYSTEM.CONFIG" -> "SYSTEM CONFIG A": the base name's first
 * two dot-separated parts as file name and type, a third part as the mode when
 * it is one (otherwise A, the mode CPSYNTAX is usually run against). */
static void put_cms_file_id(strbuf *out, const char *path, zvmc_file_kind kind)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *ft = strchr(base, '.');
    put_upper(out, base, ft ? (size_t)(ft - base) : strlen(base));
    sb_putc(out, ' ');
    const char *fm = NULL;
    if (ft) {
        ft++;
        fm = strchr(ft, '.');
        put_upper(out, ft, fm ? (size_t)(fm - ft) : strlen(ft));
        if (fm)
            fm++;
    } else {
        sb_puts(out, kind == ZVMC_FILE_DIRECTORY ? "DIRECT" : "CONFIG");
    }
    sb_putc(out, ' ');
    if (fm && is_filemode(fm))
        put_upper(out, fm, strlen(fm));
    else
        sb_putc(out, 'A');
}

void render_cpsyntax(const zvmc_ctx *ctx, strbuf *out)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const zvmc_diag_int *di = ctx->diags[i];
        const zvmc_diag *d = &di->pub;
        if (d->severity != ZVMC_SEV_ERROR)
            continue;
        const zvmc_source *src = loc_valid(di->loc) ? ctx_source(ctx, di->loc.file) : NULL;
        /* An error about no one file (a file that cannot be read) has no record. */
        if (src) {
            sb_puts(out, "HCPSYK6700E FILE ");
            put_cms_file_id(out, d->file, src->kind);
            sb_printf(out, ", RECORD %u:\n", d->line);
        }
        sb_puts(out, "HCPSYK6701E ");
        render_put_printable(out, d->message);
        sb_printf(out, " [-W%s]\n", d->check);
    }
}
