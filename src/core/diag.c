/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/diag.h"
#include "core/suppress.h"

int diag_user_level(const zvmc_ctx *ctx, const char *check)
{
    void *v = symtab_get(&ctx->levels, check, strlen(check));
    return v ? (int)((intptr_t)v - 1) : -1;
}

int check_default_on(const char *name);   /* src/check/registry.c */

int diag_enabled(const zvmc_ctx *ctx, const char *check)
{
    int lvl = diag_user_level(ctx, check);
    if (lvl >= 0)
        return lvl != ZVMC_LEVEL_OFF;
    return check_default_on(check);
}

static void locate(zvmc_ctx *ctx, zvmc_loc loc, const char **file, unsigned *line,
                   unsigned *col, unsigned *eline, unsigned *ecol)
{
    zvmc_source *src = loc_valid(loc) ? ctx_source(ctx, loc.file) : NULL;
    if (!src) {
        *file = NULL;
        *line = *col = *eline = *ecol = 0;
        return;
    }
    source_ensure_lines(src, &ctx->alloc);
    *file = src->name;
    source_linecol(src, loc.begin, line, col);
    uint32_t last = loc.end > loc.begin ? loc.end - 1 : loc.begin;
    source_linecol(src, last, eline, ecol);
}

static char *vformat(zvmc_ctx *ctx, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(&ctx->arena, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

zvmc_diag_int *diag_report(zvmc_ctx *ctx, const char *check, zvmc_severity sev, zvmc_loc loc,
                           const char *fmt, ...)
{
    int lvl = diag_user_level(ctx, check);
    if (lvl < 0)
        lvl = check_default_on(check) ? ZVMC_LEVEL_ON : ZVMC_LEVEL_OFF;
    if (lvl == ZVMC_LEVEL_OFF)
        return NULL;
    if (ctx->supps && supp_covers(ctx, check, loc)) {
        ctx->suppressed++;
        return NULL;
    }
    if (sev == ZVMC_SEV_WARNING && (lvl == ZVMC_LEVEL_ERROR || ctx->werror))
        sev = ZVMC_SEV_ERROR;
    if (sev == ZVMC_SEV_ERROR && ctx->max_errors && ctx->counts[ZVMC_SEV_ERROR] >= ctx->max_errors) {
        ctx->dropped_errors++;
        return NULL;
    }
    if (ctx->ndiags == ctx->diags_cap) {
        size_t cap = ctx->diags_cap ? ctx->diags_cap * 2 : 64;
        zvmc_diag_int **d = zalloc_realloc(&ctx->alloc, ctx->diags, cap * sizeof *d);
        if (!d) {
            ctx->oom = 1;
            return NULL;
        }
        ctx->diags = d;
        ctx->diags_cap = cap;
    }
    zvmc_diag_int *d = arena_zalloc(&ctx->arena, sizeof *d);
    va_list ap;
    va_start(ap, fmt);
    char *msg = d ? vformat(ctx, fmt, ap) : NULL;
    va_end(ap);
    if (!d || !msg) {
        ctx->oom = 1;
        return NULL;
    }
    d->pub.check = check;
    d->pub.severity = sev;
    d->pub.message = msg;
    d->loc = loc;
    locate(ctx, loc, &d->pub.file, &d->pub.line, &d->pub.column, &d->pub.end_line,
           &d->pub.end_column);
    ctx->diags[ctx->ndiags++] = d;
    ctx->counts[sev]++;
    return d;
}

void diag_note(zvmc_ctx *ctx, zvmc_diag_int *d, zvmc_loc loc, const char *fmt, ...)
{
    if (!d)
        return;
    if (d->pub.n_notes == d->notes_cap) {
        size_t cap = d->notes_cap ? d->notes_cap * 2 : 4;
        zvmc_note *n = arena_alloc(&ctx->arena, cap * sizeof *n);
        zvmc_loc *l = arena_alloc(&ctx->arena, cap * sizeof *l);
        if (!n || !l) {
            ctx->oom = 1;
            return;
        }
        if (d->pub.n_notes) {
            memcpy(n, d->notes, d->pub.n_notes * sizeof *n);
            memcpy(l, d->note_locs, d->pub.n_notes * sizeof *l);
        }
        d->notes = n;
        d->note_locs = l;
        d->notes_cap = cap;
        d->pub.notes = n;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(ctx, fmt, ap);
    va_end(ap);
    if (!msg) {
        ctx->oom = 1;
        return;
    }
    zvmc_note *n = &d->notes[d->pub.n_notes];
    unsigned el, ec;
    locate(ctx, loc, &n->file, &n->line, &n->column, &el, &ec);
    n->message = msg;
    d->note_locs[d->pub.n_notes] = loc;
    d->pub.n_notes++;
}

void diag_fixit(zvmc_ctx *ctx, zvmc_diag_int *d, const char *replacement)
{
    if (!d)
        return;
    char *s = arena_strdup(&ctx->arena, replacement);
    if (!s)
        ctx->oom = 1;
    d->pub.fixit = s;
}

static int diag_cmp(const void *pa, const void *pb)
{
    const zvmc_diag_int *a = *(const zvmc_diag_int *const *)pa;
    const zvmc_diag_int *b = *(const zvmc_diag_int *const *)pb;
    /* Diagnostics without a file come first, then by file, then by position. */
    if (a->loc.file != b->loc.file)
        return a->loc.file == ZVMC_NOFILE ? -1 : b->loc.file == ZVMC_NOFILE ? 1
             : a->loc.file < b->loc.file ? -1 : 1;
    if (a->loc.begin != b->loc.begin)
        return a->loc.begin < b->loc.begin ? -1 : 1;
    return 0;
}

void diag_sort(zvmc_ctx *ctx)
{
    /* A bottom-up merge sort: stable, so findings at one place keep the order
     * they were reported in (qsort would not). */
    size_t n = ctx->ndiags;
    if (n < 2)
        return;
    zvmc_diag_int **a = ctx->diags;
    zvmc_diag_int **tmp = zalloc_malloc(&ctx->alloc, n * sizeof *tmp);
    if (!tmp) {
        ctx->oom = 1;
        return;
    }
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = diag_cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        zvmc_diag_int **t = a;
        a = tmp;
        tmp = t;
    }
    if (a != ctx->diags) {
        memcpy(ctx->diags, a, n * sizeof *a);
        tmp = a;
    }
    zalloc_free(&ctx->alloc, tmp);
}

void diag_finish(zvmc_ctx *ctx)
{
    if (ctx->dropped_errors) {
        unsigned max = ctx->max_errors;
        ctx->max_errors = 0;    /* let the closing note through */
        diag_report(ctx, "max-errors", ZVMC_SEV_NOTE, loc_none(),
                    "%u more errors were not shown; the limit is %u (--max-errors=N, 0 for none)",
                    ctx->dropped_errors, max);
        ctx->max_errors = max;
    }
    if (ctx->oom)
        diag_report(ctx, "internal", ZVMC_SEV_ERROR, loc_none(),
                    "memory ran out; some findings may be missing");
}

size_t zvmc_diag_count(const zvmc_ctx *ctx) { return ctx->ndiags; }

const zvmc_diag *zvmc_diag_at(const zvmc_ctx *ctx, size_t i)
{
    return i < ctx->ndiags ? &ctx->diags[i]->pub : NULL;
}

unsigned zvmc_count(const zvmc_ctx *ctx, zvmc_severity sev)
{
    return (unsigned)sev <= ZVMC_SEV_ERROR ? ctx->counts[sev] : 0;
}
