/* SPDX-License-Identifier: MIT */
/* The line map (src/core/source.c) is made on first use and extended only as
 * far as lookups go: every offset of a source, looked up in an order that
 * jumps back and forth, far ahead and to the end, gets the line, column and
 * line text a plain count from the start gives, with and without a final
 * newline, with empty lines and with CR LF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zvmc/zvmc.h"
#include "core/ctx.h"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { if (++failures < 20) { fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } } while (0)

/* Line and column of @off by counting from the start. */
static void count(const char *s, unsigned off, unsigned *line, unsigned *col, unsigned *start)
{
    unsigned l = 1, b = 0;
    for (unsigned i = 0; i < off; i++)
        if (s[i] == '\n') {
            l++;
            b = i + 1;
        }
    *line = l;
    *col = off - b + 1;
    *start = b;
}

static void check_text(const char *text, const char *what)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx || zvmc_add_buffer(ctx, what, text, strlen(text), ZVMC_FILE_DIRECTORY) != 0) {
        EXPECT(0, "%s: cannot set up", what);
        zvmc_ctx_free(ctx);
        return;
    }
    zvmc_source *src = ctx_source(ctx, 0);
    EXPECT(src && source_ensure_lines(src, &ctx->alloc), "%s: no line map", what);
    unsigned len = (unsigned)strlen(text);
    /* a walk that jumps: the middle, the end, the start, then strides both ways */
    unsigned order[] = { len / 2, len, 0, len / 3, len - 1, 1, 2 * len / 3 };
    for (unsigned k = 0; src && k < sizeof order / sizeof order[0] + len + 1; k++) {
        unsigned off = k < sizeof order / sizeof order[0] ? order[k]
                     : (unsigned)(((k * 7919u) % (len + 1)));
        if (off > len)
            continue;
        unsigned line, col, eline, ecol, start;
        source_linecol(src, off, &line, &col);
        count(text, off, &eline, &ecol, &start);
        EXPECT(line == eline && col == ecol, "%s: offset %u is %u:%u, counted %u:%u", what, off,
               line, col, eline, ecol);
        size_t tl;
        uint32_t ts;
        const char *t = source_line_text(src, off, &tl, &ts);
        EXPECT(ts == start && t == src->data + start, "%s: offset %u: line text starts at %u, "
               "counted %u", what, off, (unsigned)ts, start);
    }
    zvmc_ctx_free(ctx);
}

int main(void)
{
    /* 1,000 records of varied length, some empty */
    size_t cap = 200000, n = 0;
    char *s = malloc(cap);
    if (!s)
        return 1;
    for (unsigned i = 0; i < 1000; i++)
        n += (size_t)snprintf(s + n, cap - n, i % 17 == 0 ? "\n" : "USER U%u PW 1M 2M G%.*s\n",
                              i, (int)(i % 23), "XXXXXXXXXXXXXXXXXXXXXXXXX");
    check_text(s, "lf");
    s[n - 1] = 'Z';     /* no final newline */
    check_text(s, "no-final-newline");
    check_text("\n\n\n\n", "empty-lines");
    check_text("A\r\nBB\r\n\r\nCCC", "crlf");
    check_text("", "empty");
    free(s);
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures != 0;
}
