/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>
#include "core/ctx.h"
#include "util/filemap.h"
#include "util/hugepage.h"

zvmc_source *ctx_source(const zvmc_ctx *ctx, uint32_t file)
{
    return file < ctx->nsources ? &ctx->sources[file] : NULL;
}

/* Add @data (len bytes) as a source named @name; @mapped: a filemap_map()
 * mapping, else a huge_alloc() block the source now owns. */
static int add_source(zvmc_ctx *ctx, const char *name, char *data, size_t len,
                      zvmc_file_kind kind, int mapped)
{
    if (len > ZVMC_MAX_FILE_SIZE)
        return ZVMC_ETOOBIG;
    if (ctx->nsources == ctx->sources_cap) {
        uint32_t cap = ctx->sources_cap ? ctx->sources_cap * 2 : 4;
        zvmc_source *s = zalloc_realloc(&ctx->alloc, ctx->sources, cap * sizeof *s);
        if (!s)
            return ZVMC_ENOMEM;
        ctx->sources = s;
        ctx->sources_cap = cap;
    }
    zvmc_source *src = &ctx->sources[ctx->nsources];
    memset(src, 0, sizeof *src);
    src->name = arena_strdup(&ctx->arena, name);
    if (!src->name)
        return ZVMC_ENOMEM;
    src->data = data;
    src->len = (uint32_t)len;
    src->kind = kind;
    src->mapped = mapped;
    ctx->nsources++;
    return 0;
}

/* Take ownership of @buf (len bytes of text, capacity at least len + 1, from
 * huge_alloc()). */
int ctx_add_source_owned(zvmc_ctx *ctx, const char *name, char *buf, size_t len,
                         zvmc_file_kind kind)
{
    int rc = add_source(ctx, name, buf, len, kind, 0);
    if (rc == 0)
        buf[len] = '\0';
    return rc;
}

int ctx_add_source_mapped(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                          zvmc_file_kind kind)
{
    /* read-only: nothing writes a source */
    return add_source(ctx, name, (char *)(uintptr_t)data, len, kind, 1);
}

void source_free_data(zvmc_ctx *ctx, zvmc_source *src)
{
    if (src->mapped)
        filemap_unmap(src->data, src->len);
    else
        huge_free(&ctx->alloc, src->data);
    src->data = NULL;
}

void source_walk_step(zvmc_source *src, uint32_t off)
{
    if (off > src->released + SOURCE_WALK_KEEP) {
        uint32_t to = off - SOURCE_WALK_KEEP;
        filemap_release(src->data, src->len, src->released, to);
        src->released = to;
    }
    src->next = src->len - off > SOURCE_WALK_STEP ? off + SOURCE_WALK_STEP : UINT32_MAX;
}

void source_release(zvmc_source *src)
{
    if (src->mapped) {
        filemap_release(src->data, src->len, 0, src->len);
        src->released = src->next = 0;
    }
}

void ctx_release_sources(zvmc_ctx *ctx)
{
    for (uint32_t i = 0; i < ctx->nsources; i++)
        source_release(&ctx->sources[i]);
}

int ctx_add_source(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                   zvmc_file_kind kind)
{
    if (len > ZVMC_MAX_FILE_SIZE)
        return ZVMC_ETOOBIG;
    char *copy = huge_alloc(&ctx->alloc, len + 1);
    if (!copy)
        return ZVMC_ENOMEM;
    if (len)
        memcpy(copy, data, len);
    int rc = ctx_add_source_owned(ctx, name, copy, len, kind);
    if (rc)
        huge_free(&ctx->alloc, copy);
    return rc;
}

/* The line map keeps the offset of every LINE_STRIDE-th line start only: a
 * lookup scans at most LINE_STRIDE records from there, and the map of a
 * 1.5-million-record directory takes 90 KB instead of 6 MB.  It is extended
 * only as far as the lookups have gone: a finding near the top of a 36 MB
 * directory reads a few records, not the whole file. */
#define LINE_STRIDE 64u

/* Room for every mark a source can need (a line holds at least its newline),
 * taken at once: the pages beyond the marks written are never touched. */
static int start_lines(zvmc_source *src, const zvmc_alloc *alloc)
{
    size_t cap = (size_t)src->len / LINE_STRIDE + 2;
    src->lines = zalloc_malloc(alloc, cap * sizeof *src->lines);
    if (!src->lines)
        return 0;
    src->lines[0] = 0;
    src->nlines = 1;
    src->scan_off = 0;
    src->scan_line = 0;
    src->lines_done = 0;
    return 1;
}

/* Extend the map over every line that starts at or before @off. */
static void extend_lines(zvmc_source *src, uint32_t off)
{
    while (!src->lines_done && src->scan_off <= off) {
        const char *nl = memchr(src->data + src->scan_off, '\n', src->len - src->scan_off);
        if (!nl) {
            src->lines_done = 1;
            return;
        }
        src->scan_off = (uint32_t)(nl - src->data) + 1;
        source_walk(src, src->scan_off);
        if (++src->scan_line % LINE_STRIDE == 0)
            src->lines[src->nlines++] = src->scan_off;
    }
}

/* The line holding @off: its index (0-based) and the offset where it starts. */
static uint32_t line_index(zvmc_source *src, uint32_t off, uint32_t *begin)
{
    extend_lines(src, off);
    uint32_t lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t line = lo * LINE_STRIDE, b = src->lines[lo];
    const char *nl;
    while (b < off && (nl = memchr(src->data + b, '\n', off - b)) != NULL) {
        b = (uint32_t)(nl - src->data) + 1;
        line++;
    }
    *begin = b;
    return line;
}

void source_linecol(zvmc_source *src, uint32_t off, unsigned *line, unsigned *col)
{
    if (off > src->len)
        off = src->len;
    if (!src->lines) {
        *line = 0;
        *col = 0;
        return;
    }
    uint32_t b;
    *line = line_index(src, off, &b) + 1;
    *col = off - b + 1;
}

const char *source_line_text(zvmc_source *src, uint32_t off, size_t *len, uint32_t *start)
{
    if (!src->lines || off > src->len) {
        *len = 0;
        *start = 0;
        return "";
    }
    uint32_t b;
    line_index(src, off, &b);
    const char *nl = memchr(src->data + b, '\n', src->len - b);
    uint32_t e = nl ? (uint32_t)(nl - src->data) : src->len;
    if (e > b && src->data[e - 1] == '\r')
        e--;
    *len = e - b;
    *start = b;
    return src->data + b;
}

/* Line maps are made on first use, so a clean file never pays for one; when
 * the allocation fails, locations degrade to line 0 rather than being lost. */
int source_ensure_lines(zvmc_source *src, const zvmc_alloc *alloc)
{
    return src->lines ? 1 : start_lines(src, alloc);
}
