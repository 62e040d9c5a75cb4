/* SPDX-License-Identifier: MIT */
/*
 * Edits and the splice: an output is its source with some ranges of records
 * replaced.  The splice copies the source between edits, gives every statement
 * that lands in copied text its output line, and turns the anchors of each
 * edit's text into output lines.
 */
#include <stdlib.h>
#include <string.h>
#include "emit/convert.h"

int cv_replace(zvmc_convert *cv, cv_output *o, uint32_t begin, uint32_t end, cv_gen *g)
{
    if (o->nedits == o->edits_cap) {
        uint32_t cap = o->edits_cap ? o->edits_cap * 2 : 32;
        cv_edit *v = zalloc_realloc(cv->alloc, o->edits, cap * sizeof *v);
        if (!v)
            return ZVMC_ENOMEM;
        o->edits = v;
        o->edits_cap = cap;
    }
    cv_edit *e = &o->edits[o->nedits];
    memset(e, 0, sizeof *e);
    e->begin = begin;
    e->end = end;
    e->seq = o->nedits;
    if (g) {
        if (g->sb.failed)
            return ZVMC_ENOMEM;
        if (g->sb.len) {
            char *t = arena_strndup(&cv->arena, g->sb.data, g->sb.len);
            if (!t)
                return ZVMC_ENOMEM;
            e->text = t;
            e->len = (uint32_t)g->sb.len;
        }
        if (g->nanchors) {
            cv_anchor *a = arena_alloc(&cv->arena, g->nanchors * sizeof *a);
            if (!a)
                return ZVMC_ENOMEM;
            memcpy(a, g->anchors, g->nanchors * sizeof *a);
            e->anchors = a;
            e->nanchors = g->nanchors;
        }
        cv_gen_free(g);
        cv_gen_init(g, cv);
    }
    o->nedits++;
    return 0;
}

static int edit_cmp(const void *a, const void *b)
{
    const cv_edit *x = a, *y = b;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)       /* an insertion before a removal at the same place */
        return x->end < y->end ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static uint32_t count_lines(const char *p, uint32_t n)
{
    uint32_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        k++;
    return k;
}

/* Place item @i at output line @line (1-based) of output @out. */
static void place(zvmc_convert *cv, cv_item *it, int out, uint32_t line)
{
    it->out = out;
    it->pub.to_file = cv->outs[out].pub.name;
    it->pub.to_line = line;
}

int cv_splice(zvmc_convert *cv, cv_output *o)
{
    const zvmc_source *src = cv_source(cv, o->src);
    int oi = (int)(o - cv->outs);
    if (o->nedits > 1)      /* (edits is NULL when there are none) */
        qsort(o->edits, o->nedits, sizeof *o->edits, edit_cmp);
    strbuf sb;
    sb_init(&sb, cv->alloc);
    uint32_t pos = 0, line = 0, next_item = 0;
    for (uint32_t k = 0; k <= o->nedits; k++) {
        const cv_edit *e = k < o->nedits ? &o->edits[k] : NULL;
        uint32_t upto = e ? e->begin : src->len;
        if (upto < pos)
            upto = pos;     /* overlapping edits are a bug; never copy backwards */
        /* statements whose text is copied land where it lands; the lines are
         * counted up to @at (output line @line_at), and statements come in file
         * order, so each copied byte is counted once, not once per statement */
        uint32_t at = pos, line_at = line;
        for (; next_item < cv->nitems; next_item++) {
            cv_item *it = &cv->items[next_item];
            if (it->src != o->src || it->begin < pos)
                continue;
            if (it->begin >= upto)
                break;
            if (it->begin < at) {   /* out of order: count again from the range's start */
                at = pos;
                line_at = line;
            }
            line_at += count_lines(src->data + at, it->begin - at);
            at = it->begin;
            if (it->pub.disposition != ZVMC_DISP_REMOVED)
                place(cv, it, oi, line_at + 1);
        }
        sb_append(&sb, src->data + pos, upto - pos);
        line = line_at + count_lines(src->data + at, upto - at);
        if (!e)
            break;
        for (uint32_t a = 0; a < e->nanchors; a++) {
            const cv_anchor *an = &e->anchors[a];
            if (an->kind == CV_ANCHOR_ITEM && an->index < cv->nitems) {
                cv_item *it = &cv->items[an->index];
                if (it->out < 0 || it->pub.to_line == 0)    /* the first anchor wins */
                    place(cv, it, oi, line + an->line + 1);
            } else if (an->kind == CV_ANCHOR_ADDED && an->index < cv->nadded) {
                cv_added *ad = &cv->added[an->index];
                ad->out = oi;
                ad->pub.to_file = o->pub.name;
                ad->pub.to_line = line + an->line + 1;
            }
        }
        if (e->len) {
            sb_append(&sb, e->text, e->len);
            line += count_lines(e->text, e->len);
        }
        if (e->end > pos)
            pos = e->end;
        /* statements inside the replaced range do not land in copied text */
        while (next_item < cv->nitems && cv->items[next_item].src == o->src &&
               cv->items[next_item].begin < pos)
            next_item++;
    }
    if (!sb.failed && !sb.data)
        sb_append(&sb, "", 0);      /* an empty output still gets a buffer */
    if (sb.failed) {
        sb_free(&sb);
        return ZVMC_ENOMEM;
    }
    o->data = sb.data;
    o->pub.len = sb.len;
    o->pub.data = o->data;
    return 0;
}
