/* SPDX-License-Identifier: MIT */
/* Text helpers of the converter: records of a source, generated-text buffers
 * with anchors, and the setters every rule uses to fill in an item. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "emit/convert.h"
#include "util/names.h"

const zvmc_source *cv_source(const zvmc_convert *cv, uint32_t src)
{
    return ctx_source(cv->ctx, src);
}

uint32_t cv_rec_start(const zvmc_source *s, uint32_t off)
{
    if (off > s->len)
        off = s->len;
    while (off > 0 && s->data[off - 1] != '\n')
        off--;
    return off;
}

uint32_t cv_rec_next(const zvmc_source *s, uint32_t off)
{
    const char *nl = off < s->len ? memchr(s->data + off, '\n', s->len - off) : NULL;
    return nl ? (uint32_t)(nl - s->data) + 1 : s->len;
}

uint32_t cv_words(const char *p, uint32_t n, const char **w, uint32_t *wl, uint32_t max)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < n;) {
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
            i++;
        if (i >= n)
            break;
        uint32_t b = i;
        while (i < n && p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            i++;
        if (k < max) {
            w[k] = p + b;
            wl[k] = i - b;
        }
        k++;
    }
    return k;
}

int cv_rec_blank(const zvmc_source *s, uint32_t off)
{
    for (uint32_t i = off; i < s->len && s->data[i] != '\n'; i++)
        if (s->data[i] != ' ' && s->data[i] != '\t' && s->data[i] != '\r')
            return 0;
    return off < s->len;
}

int cv_abbrev(const char *t, size_t n, const char *word, size_t min)
{
    size_t wl = strlen(word);
    if (n < min || n > wl)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_upper(t[i]) != word[i])
            return 0;
    return 1;
}

char *cv_printf(zvmc_convert *cv, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof small) {
        char *r = arena_strndup(&cv->arena, small, (size_t)n);
        cv->oom |= !r;
        return r;
    }
    char *p = arena_alloc(&cv->arena, (size_t)n + 1);
    if (!p) {
        cv->oom = 1;
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---- generated text ------------------------------------------------------------------ */

void cv_gen_init(cv_gen *g, zvmc_convert *cv)
{
    memset(g, 0, sizeof *g);
    g->cv = cv;
    sb_init(&g->sb, cv->alloc);
}

void cv_gen_free(cv_gen *g)
{
    sb_free(&g->sb);
    zalloc_free(g->cv->alloc, g->anchors);
    g->anchors = NULL;
    g->nanchors = g->cap = 0;
    g->line = 0;
}

uint32_t cv_gen_line(cv_gen *g, const char *text, size_t len)
{
    if (len && text[len - 1] == '\n')
        len--;
    sb_append(&g->sb, text, len);
    sb_putc(&g->sb, '\n');
    return g->line++;
}

uint32_t cv_gen_printf(cv_gen *g, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    return cv_gen_line(g, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void cv_gen_copy(cv_gen *g, const zvmc_source *s, uint32_t begin, uint32_t end)
{
    while (begin < end) {
        uint32_t next = cv_rec_next(s, begin);
        cv_gen_line(g, s->data + begin, (next > end ? end : next) - begin);
        begin = next;
    }
}

void cv_gen_anchor(cv_gen *g, uint32_t kind, uint32_t index, uint32_t line)
{
    if (g->nanchors == g->cap) {
        uint32_t cap = g->cap ? g->cap * 2 : 16;
        cv_anchor *v = zalloc_realloc(g->cv->alloc, g->anchors, cap * sizeof *v);
        if (!v) {
            g->sb.failed = 1;
            return;
        }
        g->anchors = v;
        g->cap = cap;
    }
    cv_anchor *a = &g->anchors[g->nanchors++];
    a->kind = kind;
    a->index = index;
    a->line = line;
}

/* ---- items ---------------------------------------------------------------------------- */

uint32_t cv_cfg_item(const zvmc_convert *cv, const sc_stmt *s, uint32_t src)
{
    return cv->cfg_base[src] + s->index;
}

uint32_t cv_dir_item(const zvmc_convert *cv, const ud_entry *e, const ud_stmt *s)
{
    return cv->dir_base[e->index] + (uint32_t)(s - e->stmts);
}

void cv_set(zvmc_convert *cv, uint32_t item, zvmc_disposition d, const char *fmt, ...)
{
    cv_item *it = &cv->items[item];
    it->pub.disposition = d;
    if (!fmt)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    it->pub.why = arena_strdup(&cv->arena, buf);
    cv->oom |= !it->pub.why;
}

void cv_detail(zvmc_convert *cv, uint32_t item, const char *fmt, ...)
{
    cv_item *it = &cv->items[item];
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (it->pub.ndetails == it->details_cap) {
        uint32_t cap = it->details_cap ? it->details_cap * 2 : 4;
        const char **v = arena_alloc(&cv->arena, cap * sizeof *v);
        if (!v) {
            cv->oom = 1;
            return;
        }
        if (it->pub.ndetails)
            memcpy(v, it->pub.details, it->pub.ndetails * sizeof *v);
        it->pub.details = v;
        it->details_cap = cap;
    }
    const char *d = arena_strdup(&cv->arena, buf);
    if (d)
        ((const char **)it->pub.details)[it->pub.ndetails++] = d;
    else
        cv->oom = 1;
}

uint32_t cv_add(zvmc_convert *cv, int decision, const char *text, const char *fmt, ...)
{
    if (cv->nadded == cv->added_cap) {
        uint32_t cap = cv->added_cap ? cv->added_cap * 2 : 16;
        cv_added *v = arena_alloc(&cv->arena, cap * sizeof *v);
        if (!v) {
            cv->oom = 1;
            return UINT32_MAX;
        }
        if (cv->nadded)
            memcpy(v, cv->added, cv->nadded * sizeof *v);
        cv->added = v;
        cv->added_cap = cap;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cv_added *a = &cv->added[cv->nadded];
    memset(a, 0, sizeof *a);
    a->out = -1;
    a->pub.decision = decision;
    a->pub.text = arena_strdup(&cv->arena, text);
    a->pub.why = arena_strdup(&cv->arena, buf);
    if (!a->pub.text || !a->pub.why) {
        cv->oom = 1;
        return UINT32_MAX;
    }
    return cv->nadded++;
}

const char *cv_name_list(zvmc_convert *cv, const char *const *names, uint32_t n)
{
    strbuf sb;
    sb_init(&sb, cv->alloc);
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            sb_puts(&sb, i + 1 == n ? " and " : ", ");
        sb_puts(&sb, names[i]);
    }
    const char *r = sb.failed ? NULL : arena_strdup(&cv->arena, sb_cstr(&sb));
    sb_free(&sb);
    cv->oom |= !r;
    return r ? r : "";
}
