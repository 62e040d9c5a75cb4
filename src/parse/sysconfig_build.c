/* SPDX-License-Identifier: MIT */
/* Tree construction for the SYSTEM CONFIG grammar, and the parse driver. */
#include <string.h>
#include "core/diag.h"
#include "core/suppress.h"
#include "parse/source_text.h"
#include "parse/sysconfig_parse.h"
#include "util/names.h"
#include "sysconfig.tab.h"
#include "sysconfig.lex.h"

static sc_config *config_get(zvmc_ctx *ctx)
{
    if (!ctx->config) {
        sc_config *cfg = zalloc_calloc(&ctx->alloc, 1, sizeof *cfg);
        if (!cfg)
            return NULL;
        arena_init(&cfg->arena, &ctx->alloc);
        ctx->config = cfg;
    }
    return ctx->config;
}

void sysconfig_free(zvmc_ctx *ctx)
{
    if (!ctx->config)
        return;
    sc_imbed_free(ctx, ctx->config);
    arena_free_all(&ctx->config->arena);
    zalloc_free(&ctx->alloc, ctx->config);
    ctx->config = NULL;
}

int sc_push_tok(sc_parse *p, const char *text, uint32_t len, zvmc_loc loc, int copy, sc_tok *out)
{
    if (copy && !(text = arena_strndup(&p->cfg->arena, text, len))) {
        p->oom = 1;
        return 0;
    }
    out->text = text;
    out->len = len;
    out->loc = loc;
    if (p->ntoks == p->toks_cap) {
        uint32_t cap = p->toks_cap ? p->toks_cap * 2 : 32;
        sc_tok *t = zalloc_realloc(ctx_alloc(p->ctx), p->toks, cap * sizeof *t);
        if (!t) {
            p->oom = 1;
            return 0;
        }
        p->toks = t;
        p->toks_cap = cap;
    }
    p->toks[p->ntoks++] = *out;
    return 1;
}

void sc_reset_stmt(sc_parse *p)
{
    p->ntoks = 0;
    p->head_kind = SC_GENERIC;
    p->head_form = NULL;
}

_Static_assert(sizeof(sc_stmt) % _Alignof(sc_sysid) == 0 &&
               sizeof(sc_stmt) % _Alignof(sc_sysres) == 0, "out-of-line operands are aligned");

sc_stmt *sc_new_stmt(sc_parse *p, sc_kind kind, const sc_tok *head)
{
    /* The out-of-line operands of a rare kind follow the statement in the same
     * block (sc_stmt is a multiple of 8 bytes, so they are aligned): one
     * allocation, so the pointer is never NULL in a statement of that kind. */
    size_t extra = kind == SC_SYSTEM_IDENTIFIER ? sizeof(sc_sysid)
                 : kind == SC_SYSTEM_RESIDENCE ? sizeof(sc_sysres) : 0;
    sc_stmt *s = arena_zalloc(&p->cfg->arena, sizeof *s + extra);
    if (!s) {
        p->oom = 1;
        return NULL;
    }
    if (kind == SC_SYSTEM_IDENTIFIER)
        s->u.sysid = (sc_sysid *)(s + 1);
    else if (kind == SC_SYSTEM_RESIDENCE)
        s->u.sysres = (sc_sysres *)(s + 1);
    s->kind = kind;
    s->head = *head;
    s->loc = head->loc;
    return s;
}

sc_name sc_make_name(sc_parse *p, const sc_tok *t)
{
    sc_name n = { ctx_intern_upper(p->ctx, t->text, t->len), t->loc };
    if (!n.s)
        p->oom = 1;
    return n;
}

sc_num sc_make_num(sc_parse *p, const sc_tok *t)
{
    sc_num n = { 0, t->loc, 0 };
    if (parse_dec(t->text, t->len, &n.v) == 0)
        n.present = 1;
    else
        sc_syntax_error(p, t->loc, "number is too large");
    return n;
}

int sc_slot_add(sc_stmt *s, sc_parse *p, sc_num slot, sc_name member)
{
    /* A statement of thousands of SLOTs (CP allows 8) is read in linear time. */
    uint32_t n = s->u.ssi.nslots;
    sc_slot *v = n < UINT32_MAX ? arena_grow(&p->cfg->arena, s->u.ssi.slots, n, sizeof *v) : NULL;
    if (!v) {
        p->oom = 1;
        return 0;
    }
    s->u.ssi.slots = v;
    s->u.ssi.slots[n].slot = slot;
    s->u.ssi.slots[n].member = member;
    s->u.ssi.nslots = n + 1;
    return 1;
}

int sc_names_start(sc_parse *p, sc_name n)
{
    p->nnames = 0;
    return sc_names_push(p, n);
}

int sc_names_push(sc_parse *p, sc_name n)
{
    /* The scratch list doubles and is kept for the whole file; each list is
     * copied into the arena once, at its exact length (a capacity doubled in
     * the arena left up to half of it unused, for good), so a long list is
     * still read in linear time. */
    if (p->nnames == p->names_cap) {
        if (p->names_cap > UINT32_MAX / 2) {
            p->oom = 1;
            return 0;
        }
        uint32_t cap = p->names_cap ? p->names_cap * 2 : 16;
        sc_name *v = zalloc_realloc(ctx_alloc(p->ctx), p->names, (size_t)cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return 0;
        }
        p->names = v;
        p->names_cap = cap;
    }
    p->names[p->nnames++] = n;
    return 1;
}

int sc_names_take(sc_parse *p, sc_namelist *l)
{
    sc_name *v = arena_alloc(&p->cfg->arena, (size_t)p->nnames * sizeof *v);
    if (!v) {
        p->oom = 1;
        return 0;
    }
    memcpy(v, p->names, (size_t)p->nnames * sizeof *v);
    l->n = p->nnames;
    l->v = v;
    p->nnames = 0;
    return 1;
}

void sc_finish_stmt(sc_parse *p, sc_stmt *s, const sc_tok *qual, zvmc_loc loc)
{
    if (!s)
        return;
    /* The statement runs from its qualifier (or head) to its last token; the
     * qualifier is a token too, so never end before the head. */
    s->loc = loc;
    s->loc.end = s->head.loc.end;
    if (p->ntoks && p->toks[p->ntoks - 1].loc.end > s->loc.end)
        s->loc.end = p->toks[p->ntoks - 1].loc.end;
    if (qual) {
        s->qualifier = sc_make_name(p, qual);
        /* The qualifier token is the first operand token the scanner saw. */
    }
    uint32_t first = qual ? 1 : 0;
    if (p->ntoks > first) {
        s->ntoks = p->ntoks - first;
        s->toks = arena_alloc(&p->cfg->arena, s->ntoks * sizeof *s->toks);
        if (!s->toks) {
            p->oom = 1;
            s->ntoks = 0;
        } else {
            memcpy(s->toks, p->toks + first, s->ntoks * sizeof *s->toks);
        }
    }
    if (s->kind == SC_RDEVICE && s->u.rdev.range.s) {
        /* rdev or rdev-rdev */
        const char *r = s->u.rdev.range.s;
        const char *dash = strchr(r, '-');
        uint32_t a, b;
        if (dash ? (parse_hex(r, (size_t)(dash - r), &a) == 0 &&
                    parse_hex(dash + 1, strlen(dash + 1), &b) == 0 && a <= b)
                 : (parse_hex(r, strlen(r), &a) == 0 && (b = a, 1))) {
            s->u.rdev.first = a;
            s->u.rdev.last = b;
            s->u.rdev.range_ok = 1;
        } else {
            sc_syntax_error(p, s->u.rdev.range.loc,
                            "device number must be 1-4 hexadecimal digits, or a range 'rdev-rdev' "
                            "with the first not above the last");
        }
    }
    if (p->ctx->supps)
        supp_bind_pending(p->ctx, p->file->file, s->loc);
    s->index = p->file->nstmts++;
    if (p->file->last)
        p->file->last->next = s;
    else
        p->file->first = s;
    p->file->last = s;
    p->cfg->nstmts++;
    sc_reset_stmt(p);
}

void sc_add_comment(sc_parse *p, zvmc_loc loc, uint32_t records, int terminated, int box, int nested)
{
    sc_comment *c = arena_zalloc(&p->cfg->arena, sizeof *c);
    if (!c) {
        p->oom = 1;
        return;
    }
    c->loc = loc;
    c->records = records;
    c->terminated = terminated;
    c->box_opener = box;
    c->nested_openers = nested;
    /* Comments arrive in file order; keep them so (prepend, reverse at the end). */
    c->next = p->file->comments;
    p->file->comments = c;
}

void sc_syntax_error(sc_parse *p, zvmc_loc loc, const char *msg)
{
    p->errors++;
    const char *m = msg;
    if (strncmp(m, "syntax error, ", 14) == 0)
        m += 14;
    zvmc_diag_int *d = diag_report(p->ctx, "syntax", ZVMC_SEV_ERROR, loc, "%s", m);
    if (p->head_form && strcmp(msg, m) != 0)
        diag_note(p->ctx, d, loc_none(), "the statement's form is: %s", p->head_form);
}

static void reverse_comments(sc_file *f)
{
    sc_comment *prev = NULL, *c = f->comments;
    while (c) {
        sc_comment *next = c->next;
        c->next = prev;
        prev = c;
        c = next;
    }
    f->comments = prev;
}

int zvmc_sc_yyparse(yyscan_t scanner, sc_parse *p);

/* Refuse records longer than the library's limit before the scanner sees them:
 * no real SYSTEM CONFIG comes near it, and the limit bounds scanner memory. */
static int record_too_long(zvmc_ctx *ctx, uint32_t file, const zvmc_source *src)
{
    const char *p = src->data, *end = src->data + src->len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if ((size_t)(eol - p) > ZVMC_MAX_RECORD) {
            zvmc_loc loc = { file, (uint32_t)(p - src->data), (uint32_t)(p - src->data) };
            diag_report(ctx, "input", ZVMC_SEV_ERROR, loc,
                        "this record is %zu bytes long, over the limit of %d: the file is not "
                        "read further (is it a SYSTEM CONFIG?)", (size_t)(eol - p),
                        ZVMC_MAX_RECORD);
            return 1;
        }
        p = eol + 1;
    }
    return 0;
}

/* Parse source @file into a new sc_file, not yet linked into the config.  With
 * @check_records, a record over the limit leaves the file empty; so does a file
 * that is not text (source_text.h). */
int sc_parse_file(zvmc_ctx *ctx, sc_config *cfg, uint32_t file, int check_records, sc_file **out)
{
    zvmc_source *src = ctx_source(ctx, file);
    sc_file *f = arena_zalloc(&cfg->arena, sizeof *f);
    *out = f;
    if (!src || !f)
        return ZVMC_ENOMEM;
    f->file = file;
    if (check_records && record_too_long(ctx, file, src))
        return 0;
    if (!source_is_text(ctx, src, file, "SYSTEM CONFIG"))
        return 0;       /* left empty, as a file with an over-long record is */

    sc_parse p;
    memset(&p, 0, sizeof p);
    p.ctx = ctx;
    p.cfg = cfg;
    p.file = f;
    p.text = src->data;
    p.len = src->len;
    sc_lexctx lx;
    memset(&lx, 0, sizeof lx);
    lx.p = &p;

    yyscan_t scanner;
    if (zvmc_sc_yylex_init_extra(&lx, &scanner) != 0)
        return ZVMC_ENOMEM;
    jmp_buf fatal;
    lx.fatal = &fatal;
    volatile int rc = 0;
    YY_BUFFER_STATE volatile buf = NULL;
    if (setjmp(fatal) == 0) {
        buf = zvmc_sc_yy_scan_bytes(src->data, (int)src->len, scanner);
        int prc = zvmc_sc_yyparse(scanner, &p);
        if (prc == 2 || p.oom)
            rc = ZVMC_ENOMEM;
    } else {
        rc = ZVMC_ENOMEM;   /* flex ran out of memory: its state is unusable */
        buf = NULL;
    }
    if (rc == 0 || buf) {
        if (buf)
            zvmc_sc_yy_delete_buffer(buf, scanner);
        zvmc_sc_yylex_destroy(scanner);
    } else {
        for (unsigned i = 0; i < lx.nflex_mem; i++)
            zalloc_free(&ctx->alloc, lx.flex_mem[i]);
    }
    zalloc_free(&ctx->alloc, p.toks);
    zalloc_free(&ctx->alloc, p.names);
    zalloc_free(&ctx->alloc, lx.sbuf);
    reverse_comments(f);
    if (rc == ZVMC_ENOMEM)
        ctx->oom = 1;
    return rc;
}

/* A file given to the context: parse it and every file it imbeds
 * (sysconfig_imbed.c).  A source already read as an imbedded file is skipped. */
int sysconfig_parse_source(zvmc_ctx *ctx, uint32_t file)
{
    if (ctx->config && sc_imbed_parsed(ctx->config, file))
        return 0;
    zvmc_source *src = ctx_source(ctx, file);
    if (src && record_too_long(ctx, file, src))
        return 0;
    sc_config *cfg = config_get(ctx);
    if (!src || !cfg)
        return ZVMC_ENOMEM;
    return sc_imbed_parse_input(ctx, cfg, file);
}
