/* SPDX-License-Identifier: MIT */
/*
 * The SYSTEM CONFIG side: one disposition per statement, then the edits.
 *
 * A removed statement takes with it the comment records directly above it
 * (down from the last blank record or statement), so that a comment that
 * introduced a block of CSE statements does not stay behind alone; a blank
 * record after a removed block is dropped when one comes before it too.
 * The block that takes the CSE statements' place (convert_ssi.c) goes where
 * the first CSE statement was, but after every System_Identifier, because the
 * SSI statement needs the system's name established first.
 */
#include <string.h>
#include <strings.h>
#include "emit/convert.h"

/* Does the token begin with @prefix (any case)?  Its text is not NUL-terminated. */
static int has_prefix(const sc_tok *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->text && t->len >= n && !strncasecmp(t->text, prefix, n);
}

static int is_cse(const sc_stmt *s)
{
    switch (s->kind) {
    case SC_XLINK_SYSTEM_INCLUDE: case SC_XLINK_SYSTEM_EXCLUDE: case SC_XLINK_VOLUME_INCLUDE:
    case SC_XLINK_VOLUME_EXCLUDE: case SC_XSPOOL_SYSTEM: case SC_XSPOOL_XLIST_INPUT:
    case SC_XSPOOL_XLIST_OUTPUT:
        return 1;
    case SC_GENERIC:    /* XLINK_DEVICE_DEFAULT, XSPOOL_TRACE, ... */
        return has_prefix(&s->head, "XLINK_") || has_prefix(&s->head, "XSPOOL_") ||
               has_prefix(&s->head, "XSPPOOL_");
    default:
        return 0;
    }
}

static void cse_rule(zvmc_convert *cv, const sc_stmt *s, uint32_t it)
{
    const char *name = NULL;
    switch (s->kind) {
    case SC_XLINK_SYSTEM_INCLUDE:
    case SC_XSPOOL_SYSTEM:
        name = s->kind == SC_XSPOOL_SYSTEM ? s->u.xspool.sysname.s : s->u.xlink_inc.sysname.s;
        if (name && cv_member_index(cv, name) >= 0)
            cv_set(cv, it, ZVMC_DISP_REMOVED, "%s",
                   s->kind == SC_XSPOOL_SYSTEM
                       ? "the SSI statement's slot takes the place of the XSPPOOL slot: "
                         "cross-system spool is always on in an SSI cluster (its spool "
                         "records live on the PDR)"
                       : "the SSI statement's slot takes the place of the CSE area's slot: "
                         "SSI protects minidisks without a CSE area");
        else
            cv_set(cv, it, ZVMC_DISP_REMOVED, "%s is left behind: it is not one of the "
                   "members (--members)", name ? name : "the system");
        break;
    case SC_XLINK_SYSTEM_EXCLUDE:
        cv_set(cv, it, ZVMC_DISP_REMOVED, "%s", "an SSI cluster has no CSE area to keep "
               "systems out of, and CP rejects XLINK_System_Exclude beside the SSI statement");
        break;
    case SC_XLINK_VOLUME_INCLUDE:
    case SC_XLINK_VOLUME_EXCLUDE:
        cv_set(cv, it, ZVMC_DISP_REMOVED, "%s", "SSI protects every minidisk of every volume, "
               "with no statement and no CSE area (the CSE area's cylinders can be given back)");
        break;
    case SC_XSPOOL_XLIST_INPUT:
    case SC_XSPOOL_XLIST_OUTPUT:
        cv_set(cv, it, ZVMC_DISP_REMOVED, "%s", "SSI has no exclusion list: each user named "
               "here, who could be logged on to several CSE systems at once, becomes an "
               "IDENTITY in the directory (user by user below)");
        break;
    default:
        cv_set(cv, it, ZVMC_DISP_REMOVED, "a CSE statement (%.*s) with no SSI equivalent",
               s->head.text ? (int)s->head.len : 1, s->head.text ? s->head.text : "?");
        break;
    }
}

/* Decide one statement; 1 when it is removed. */
static int rule(zvmc_convert *cv, const sc_stmt *s, uint32_t it)
{
    if (is_cse(s)) {
        cse_rule(cv, s, it);
        return 1;
    }
    if (s->applies_to && cv_left_behind(cv, s->applies_to)) {
        cv_set(cv, it, ZVMC_DISP_REMOVED, "it applies to %s only, which is left behind",
               s->applies_to);
        return 1;
    }
    const char *sys = s->kind == SC_SYSTEM_IDENTIFIER ? s->u.sysid->sysname.s
                    : s->kind == SC_SYSTEM_IDENTIFIER_DEFAULT ? s->u.sysid_default.sysname.s
                    : NULL;
    if (sys && cv_left_behind(cv, sys)) {
        cv_set(cv, it, ZVMC_DISP_REMOVED, "it names %s, which is left behind: no member IPLs "
               "as that system", sys);
        return 1;
    }
    if (s->kind == SC_ACTIVATE_ISLINK && s->u.islink.node.s &&
        cv_left_behind(cv, s->u.islink.node.s)) {
        cv_set(cv, it, ZVMC_DISP_REMOVED, "its NODE %s is left behind: the link leads out of "
               "the cluster", s->u.islink.node.s);
        return 1;
    }
    if (s->kind == SC_SYSTEM_RESIDENCE && !s->applies_to && cv->nmembers > 1) {
        cv_set(cv, it, ZVMC_DISP_DECISION, "%s", "an unqualified System_Residence gives every "
               "member the same checkpoint and warm start areas, and each member needs its "
               "own");
        cv_detail(cv, it, "qualify one copy per member with its own residence volume: "
                  "'%s: System_Residence Checkpoint Volid ...'", cv->members[0]);
    }
    return 0;
}

/* ---- ranges ------------------------------------------------------------------------------ */

/* A file's multi-record comments as an array, for binary search: the parser
 * keeps them in file order, and one ends before the next opens (only the last
 * can be unterminated), so their starts and their ends both increase.  A walk
 * of the whole list per statement made a commented file quadratic. */
typedef struct comments {
    const sc_comment **v;
    uint32_t n;
} comments;

static int comments_of(zvmc_convert *cv, const sc_file *f, comments *cm)
{
    cm->v = NULL;
    cm->n = 0;
    for (const sc_comment *c = f->comments; c; c = c->next)
        cm->n++;
    if (!cm->n)
        return 0;
    cm->v = zalloc_malloc(cv->alloc, cm->n * sizeof *cm->v);
    if (!cm->v)
        return ZVMC_ENOMEM;
    uint32_t i = 0;
    for (const sc_comment *c = f->comments; c; c = c->next)
        cm->v[i++] = c;
    return 0;
}

static void comments_free(zvmc_convert *cv, comments *cm)
{
    zalloc_free(cv->alloc, cm->v);
    cm->v = NULL;
    cm->n = 0;
}

/* The first comment that opens at or after @off. */
static uint32_t comment_from(const comments *cm, uint32_t off)
{
    uint32_t lo = 0, hi = cm->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cm->v[mid]->loc.begin < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The multi-record comment that touches the record at @rec, or NULL: the
 * first that has not ended by @rec, if it opens before the next record. */
static const sc_comment *comment_at(const comments *cm, const zvmc_source *src, uint32_t rec)
{
    uint32_t next = cv_rec_next(src, rec);
    uint32_t lo = 0, hi = cm->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cm->v[mid]->terminated && cm->v[mid]->loc.end <= rec)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cm->n && cm->v[lo]->loc.begin < next ? cm->v[lo] : NULL;
}

typedef struct span { uint32_t begin, end; } span;

/* The records of a statement, plus a multi-record comment that starts on its
 * last record and runs on (and one that starts on that comment's last record,
 * and so on). */
static span stmt_records(const comments *cm, const zvmc_source *src, const sc_stmt *s)
{
    uint32_t end = cv_stmt_end(s);
    span r = { cv_rec_start(src, s->loc.begin), cv_rec_next(src, end > s->loc.begin ? end - 1
                                                                                  : s->loc.begin) };
    for (uint32_t i = comment_from(cm, r.begin); i < cm->n && cm->v[i]->loc.begin < r.end; i++) {
        const sc_comment *c = cm->v[i];
        uint32_t e = c->terminated ? cv_rec_next(src, c->loc.end - 1) : src->len;
        if (e > r.end)
            r.end = e;
    }
    return r;
}

/* The comment records directly above @begin, down to @floor (the end of the
 * statement before).  Those above a file's first statement are the file's
 * header, and stay. */
static uint32_t lead_comments(const comments *cm, const zvmc_source *src, uint32_t begin,
                              uint32_t floor)
{
    if (floor == 0)
        return begin;
    while (begin > floor) {
        uint32_t p = cv_rec_start(src, begin - 1);
        if (p < floor)
            break;
        const sc_comment *c = comment_at(cm, src, p);
        if (c) {
            uint32_t cb = cv_rec_start(src, c->loc.begin);
            if (cb < floor)
                break;      /* it opens on the statement before's record */
            begin = cb;
            continue;
        }
        if (cv_rec_blank(src, p))
            break;
        begin = p;
    }
    return begin;
}

/* ---- the file ---------------------------------------------------------------------------- */

typedef struct place {
    const sc_file *file;
    uint32_t at;            /* offset */
    int found;
} place;

static int convert_file(zvmc_convert *cv, const sc_file *f, const place *block,
                        const place *skel)
{
    const zvmc_source *src = cv_source(cv, f->file);
    cv_output *o = cv_output_for(cv, f->file, ZVMC_FILE_SYSCONFIG);
    if (!o)
        return ZVMC_ENOMEM;
    comments cm;
    if (comments_of(cv, f, &cm))
        return ZVMC_ENOMEM;
    cv_gen g;
    cv_gen_init(&g, cv);
    int rc = 0;
    uint32_t prev_end = 0;
    span cur = { 0, 0 };
    int open = 0;
    /* Removed statements, joined into ranges of records. */
    for (const sc_stmt *s = f->first;; s = s->next) {
        int removed = 0;
        span r = { 0, 0 };
        if (s) {
            r = stmt_records(&cm, src, s);
            removed = cv->items[cv_cfg_item(cv, s, f->file)].pub.disposition == ZVMC_DISP_REMOVED;
            if (removed)
                r.begin = lead_comments(&cm, src, r.begin, prev_end);
        }
        if (open && (!s || !removed || r.begin != cur.end)) {
            /* close the range: the replacement block, or a blank record eaten */
            int here = block->found && block->file == f && block->at >= cur.begin &&
                       block->at < cur.end;
            if (here) {
                cv_ssi_block(cv, &g, !skel->found);
            } else {
                int blank_before = cur.begin == 0 ||
                                   cv_rec_blank(src, cv_rec_start(src, cur.begin - 1));
                if (blank_before && cur.end < src->len && cv_rec_blank(src, cur.end) &&
                    (!s || cv_rec_next(src, cur.end) <= r.begin))
                    cur.end = cv_rec_next(src, cur.end);
            }
            if ((rc = cv_replace(cv, o, cur.begin, cur.end, here ? &g : NULL)) != 0)
                break;
            open = 0;
        }
        if (!s)
            break;
        if (removed) {
            if (!open) {
                cur = r;
                open = 1;
            } else {
                cur.end = r.end;
            }
        }
        prev_end = r.end;
    }
    /* the block as an insertion (after the last System_Identifier, or at the top) */
    if (!rc && block->found && block->file == f) {
        int inside = 0;
        for (uint32_t i = 0; i < o->nedits; i++)
            inside |= block->at >= o->edits[i].begin && block->at < o->edits[i].end;
        if (!inside) {
            cv_ssi_block(cv, &g, !skel->found);
            rc = cv_replace(cv, o, block->at, block->at, &g);
        }
    }
    if (!rc && skel->found && skel->file == f && !cv_islink_complete(cv)) {
        cv_islink_skeletons(cv, &g);
        rc = cv_replace(cv, o, skel->at, skel->at, &g);
    }
    cv_gen_free(&g);
    comments_free(cv, &cm);
    return rc;
}

/* Where the block goes in file @f, as far as it is known after the files
 * before: the first CSE statement, the end of the last System_Identifier and
 * of the last carried ACTIVATE ISLINK. */
static int find_places(zvmc_convert *cv, const sc_file *f, place *block, place *sysid,
                       place *skel)
{
    const zvmc_source *src = cv_source(cv, f->file);
    comments cm;
    if (comments_of(cv, f, &cm))
        return ZVMC_ENOMEM;
    uint32_t prev_end = 0;
    for (const sc_stmt *s = f->first; s; s = s->next) {
        span r = stmt_records(&cm, src, s);
        int removed = cv->items[cv_cfg_item(cv, s, f->file)].pub.disposition ==
                      ZVMC_DISP_REMOVED;
        if (!block->found && is_cse(s)) {
            block->file = f;
            block->at = lead_comments(&cm, src, r.begin, prev_end);
            block->found = 1;
        }
        if (!removed && (s->kind == SC_SYSTEM_IDENTIFIER ||
                         s->kind == SC_SYSTEM_IDENTIFIER_DEFAULT)) {
            sysid->file = f;
            sysid->at = r.end;
            sysid->found = 1;
        }
        if (!removed && s->kind == SC_ACTIVATE_ISLINK) {
            skel->file = f;
            skel->at = r.end;
            skel->found = 1;
        }
        prev_end = r.end;
    }
    comments_free(cv, &cm);
    return 0;
}

int cv_convert_config(zvmc_convert *cv)
{
    const sc_config *cfg = cv->ctx->config;
    if (!cfg)
        return 0;
    cv->fragment = 1;
    sc_for_each_stmt(cfg, f, s) {
        rule(cv, s, cv_cfg_item(cv, s, f->file));
        if (s->kind == SC_SYSTEM_RESIDENCE)
            cv->fragment = 0;
    }
    /* Where the block goes: the first CSE statement, after the last System_Identifier. */
    place block = { NULL, 0, 0 }, sysid = { NULL, 0, 0 }, skel = { NULL, 0, 0 };
    for (const sc_file *f = cfg->files; f; f = f->next)
        if (find_places(cv, f, &block, &sysid, &skel))
            return ZVMC_ENOMEM;
    if (sysid.found) {
        int later = 0;
        if (!block.found)
            later = 1;
        else
            for (const sc_file *f = block.file; f && !later; f = f->next)
                later = f == sysid.file && (f != block.file || sysid.at > block.at);
        if (later)
            block = sysid;
    }
    if (!block.found && cfg->files) {
        block.file = cfg->files;
        block.at = cfg->files->first
                       ? cv_rec_start(cv_source(cv, cfg->files->file), cfg->files->first->loc.begin)
                       : 0;
        block.found = 1;
    }
    for (const sc_file *f = cfg->files; f; f = f->next) {
        int rc = convert_file(cv, f, &block, &skel);
        if (rc)
            return rc;
    }
    return 0;
}
