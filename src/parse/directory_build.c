/* SPDX-License-Identifier: MIT */
/* Tree construction for the directory grammar, and the parse driver. */
#include <string.h>
#include "util/hugepage.h"
#include "core/diag.h"
#include "core/suppress.h"
#include "parse/directory_parse.h"
#include "parse/source_text.h"
#include "util/names.h"
#include "direct.tab.h"
#include "direct.lex.h"

ud_directory *directory_get(zvmc_ctx *ctx)
{
    if (!ctx->directory) {
        ud_directory *dir = zalloc_calloc(&ctx->alloc, 1, sizeof *dir);
        if (!dir) {
            ctx->oom = 1;
            return NULL;
        }
        arena_init(&dir->arena, &ctx->alloc);
        symtab_init(&dir->volsizes, &ctx->alloc);
        ctx->directory = dir;
    }
    return ctx->directory;
}

void directory_free(zvmc_ctx *ctx)
{
    ud_directory *dir = ctx->directory;
    if (!dir)
        return;
    huge_free(&ctx->alloc, dir->entries);
    zalloc_free(&ctx->alloc, dir->vols);
    huge_free(&ctx->alloc, dir->volmap);
    symtab_free(&dir->volsizes);
    huge_free(&ctx->alloc, dir->byname);
    arena_free_all(&dir->arena);
    zalloc_free(&ctx->alloc, dir);
    ctx->directory = NULL;
}

void ud_begin_stmt(ud_parse *p)
{
    p->nops = 0;
}

int ud_grow_operands(ud_parse *p)
{
    uint32_t cap = p->ops_cap ? p->ops_cap * 2 : 32;
    ud_tok *t = zalloc_realloc(ctx_alloc(p->ctx), p->ops, cap * sizeof *t);
    if (!t) {
        p->oom = 1;
        return 0;
    }
    p->ops = t;
    p->ops_cap = cap;
    return 1;
}

void ud_syntax_error(ud_parse *p, zvmc_loc loc, const char *msg)
{
    const char *m = msg;
    if (strncmp(m, "syntax error, ", 14) == 0)
        m += 14;
    diag_report(p->ctx, "syntax", ZVMC_SEV_ERROR, loc, "%s", m);
}

void ud_record_skipped(ud_parse *p, uint32_t begin, uint32_t len)
{
    zvmc_loc loc = { p->file, begin, begin + 1 };
    diag_report(p->ctx, "input", ZVMC_SEV_ERROR, loc,
                "this record is %u bytes long, over the %u-byte limit: zvmc skipped it "
                "(DIRECTXA reads 72 columns of a record)", len, (unsigned)ZVMC_MAX_RECORD);
}

/* Close the open entry: its statements move from the scratch vector to the arena. */
static void close_entry(ud_parse *p)
{
    ud_entry *e = p->entry;
    if (!e)
        return;
    p->entry = NULL;
    if (!p->ncur)
        return;
    e->stmts = arena_alloc(&p->dir->arena, (size_t)p->ncur * sizeof *e->stmts);
    if (!e->stmts) {
        p->oom = 1;
        return;
    }
    memcpy(e->stmts, p->cur, (size_t)p->ncur * sizeof *e->stmts);
    e->nstmts = p->ncur;
    p->ncur = 0;
    if (p->supp_entry) {
        /* The marker before this entry was bound open-ended when the entry
         * opened (so that findings made while reading it are covered); end it. */
        const ud_stmt *last = &e->stmts[e->nstmts - 1];
        supp_end_open(p->ctx, p->file, e->stmts[0].begin, last->begin + last->len);
        p->supp_entry = 0;
    }
}

static ud_entry *open_entry(ud_parse *p, ud_ekind kind, const char *name)
{
    close_entry(p);
    ud_directory *dir = p->dir;
    if (dir->nentries == dir->entries_cap) {
        uint32_t cap = dir->entries_cap ? dir->entries_cap * 2 : 256;
        ud_entry **v = huge_realloc(ctx_alloc(p->ctx), dir->entries,
                                    dir->entries_cap * sizeof *v, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return NULL;
        }
        dir->entries = v;
        dir->entries_cap = cap;
    }
    ud_entry *e = arena_zalloc(&dir->arena, sizeof *e);
    if (!e) {
        p->oom = 1;
        return NULL;
    }
    e->kind = (uint8_t)kind;
    e->file = p->file;
    e->name = name;
    e->index = dir->nentries;
    dir->entries[dir->nentries++] = e;
    p->entry = e;
    return e;
}

static int push_stmt(ud_parse *p, const ud_stmt *s)
{
    if (p->ncur == p->cur_cap) {
        uint32_t cap = p->cur_cap ? p->cur_cap * 2 : 64;
        ud_stmt *v = zalloc_realloc(ctx_alloc(p->ctx), p->cur, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return 0;
        }
        p->cur = v;
        p->cur_cap = cap;
    }
    p->cur[p->ncur++] = *s;
    return 1;
}

static ud_ekind entry_kind_of(int skind)
{
    switch (skind) {
    case UD_S_USER: return UD_E_USER;
    case UD_S_IDENTITY: return UD_E_IDENTITY;
    case UD_S_PROFILE: return UD_E_PROFILE;
    case UD_S_SUBCONFIG: return UD_E_SUBCONFIG;
    case UD_S_GLOBALDEFS: return UD_E_GLOBALDEFS;
    case UD_S_POOL: return UD_E_POOL;
    default: return UD_E_NONE;
    }
}

static void report_unknown(ud_parse *p, const ud_head *head)
{
    const char *text = p->text + head->tok.off;
    zvmc_loc loc = { p->file, head->tok.off, head->tok.off + head->tok.len };
    zvmc_diag_int *d = diag_report(p->ctx, "unknown-statement", ZVMC_SEV_WARNING, loc,
                                   "'%.*s' is not a directory statement zvmc knows: it is kept "
                                   "as written and not checked (DIRECTXA rejects statements "
                                   "it does not know)", (int)head->tok.len, text);
    const char *s = d ? ud_suggest(text, head->tok.len) : NULL;
    if (s) {
        diag_note(p->ctx, d, loc, "did you mean %s?", s);
        diag_fixit(p->ctx, d, s);
    }
}

void ud_finish_record(ud_parse *p, const ud_head *head)
{
    ud_stmt s;
    memset(&s, 0, sizeof s);
    s.kind = (uint8_t)head->kind;
    s.begin = head->tok.off;
    uint32_t end = p->nops ? p->ops[p->nops - 1].off + p->ops[p->nops - 1].len
                           : head->tok.off + head->tok.len;
    /* A record holds at most 72 columns of data, so the span fits. */
    s.len = (uint8_t)(end - s.begin);
    ud_ekind ek = entry_kind_of(head->kind);
    if (ek != UD_E_NONE) {
        if (!open_entry(p, ek, NULL))
            return;
    } else if (!p->entry && !open_entry(p, UD_E_NONE, NULL)) {
        return;
    }
    if (p->supp_pending) {
        /* Before an entry: the whole entry, bound open-ended now (findings made
         * while reading it are covered) and ended when it closes; else the
         * statement. */
        p->supp_pending = 0;
        if (ek != UD_E_NONE) {
            zvmc_loc scope = { p->file, s.begin, UINT32_MAX };
            supp_bind_pending(p->ctx, p->file, scope);
            p->supp_entry = 1;
        } else {
            zvmc_loc scope = { p->file, s.begin, s.begin + s.len };
            supp_bind_pending(p->ctx, p->file, scope);
        }
    }
    ud_decode(p, &s, p->ops, p->nops);
    ud_entry *e = p->entry;
    switch (s.kind) {
    case UD_S_UNKNOWN: report_unknown(p, head); break;
    case UD_S_USER: case UD_S_IDENTITY: case UD_S_PROFILE: case UD_S_SUBCONFIG:
    case UD_S_POOL:
        e->name = s.u.ref.name;
        break;
    case UD_S_INCLUDE: e->flags |= UD_EF_INCLUDE; break;
    case UD_S_BUILD: e->flags |= UD_EF_BUILD; break;
    case UD_S_SYSAFFIN: e->flags |= UD_EF_SYSAFFIN; break;
    case UD_S_DEDICATE: e->flags |= UD_EF_DEDICATE; break;
    case UD_S_VMRELOCATE: case UD_S_COMMAND:
        if (ud_is_reloc_setting(&s))
            e->flags |= UD_EF_RELOC_SETTINGS;
        break;
    default: break;
    }
    push_stmt(p, &s);
    p->nops = 0;
}

int zvmc_ud_yyparse(yyscan_t scanner, ud_parse *p);

/* Scan and parse one source.  1 on success, 0 when flex ran out of memory
 * (then everything flex held is freed here). */
static int run_parser(ud_lexctx *lx, ud_parse *p, int *prc)
{
    yyscan_t scanner = NULL;
    if (setjmp(lx->oom) != 0) {
        for (unsigned i = 0; i < lx->nheld; i++)
            zalloc_free(ctx_alloc(p->ctx), lx->held[i]);
        lx->nheld = 0;
        return 0;
    }
    if (zvmc_ud_yylex_init_extra(lx, &scanner) != 0)
        return 0;
    *prc = zvmc_ud_yyparse(scanner, p);
    zvmc_ud_yylex_destroy(scanner);
    return 1;
}

int directory_parse_source(zvmc_ctx *ctx, uint32_t file)
{
    zvmc_source *src = ctx_source(ctx, file);
    ud_directory *dir = directory_get(ctx);
    if (!src || !dir)
        return ZVMC_ENOMEM;
    dir->nfiles++;
    if (!source_is_text(ctx, src, file, "source directory")) {
        uint32_t *v = arena_alloc(&dir->arena, (dir->nrejected + 1) * sizeof *v);
        if (!v)
            return ZVMC_ENOMEM;
        if (dir->nrejected)
            memcpy(v, dir->rejected, dir->nrejected * sizeof *v);
        v[dir->nrejected++] = file;
        dir->rejected = v;
        return 0;
    }

    ud_parse p;
    memset(&p, 0, sizeof p);
    p.ctx = ctx;
    p.dir = dir;
    p.file = file;
    p.text = src->data;
    p.len = src->len;
    ud_lexctx lx;
    memset(&lx, 0, sizeof lx);
    lx.p = &p;
    int prc = 0;
    if (!run_parser(&lx, &p, &prc))
        p.oom = 1;
    close_entry(&p);
    zalloc_free(&ctx->alloc, p.ops);
    zalloc_free(&ctx->alloc, p.cur);
    zalloc_free(&ctx->alloc, lx.skips);
    if (prc == 2 || p.oom) {
        ctx->oom = 1;
        return ZVMC_ENOMEM;
    }
    return 0;
}
