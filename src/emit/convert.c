/* SPDX-License-Identifier: MIT */
/*
 * zvmc convert: the public API (<zvmc/convert.h>) and the order of the work:
 * the CSE systems and members, one item per input statement, the SYSTEM CONFIG
 * and directory rules (which record edits), the splice of every output, and
 * the check of the outputs.
 */
#include <stdio.h>
#include <string.h>
#include "emit/convert.h"

zvmc_convert *zvmc_convert_new(zvmc_ctx *ctx)
{
    if (!ctx)
        return NULL;
    zvmc_convert *cv = zalloc_calloc(&ctx->alloc, 1, sizeof *cv);
    if (!cv)
        return NULL;
    cv->ctx = ctx;
    cv->alloc = &ctx->alloc;
    arena_init(&cv->arena, cv->alloc);
    symtab_init(&cv->locals, cv->alloc);
    symtab_init(&cv->subnames, cv->alloc);
    symtab_init(&cv->subname_next, cv->alloc);
    return cv;
}

void zvmc_convert_free(zvmc_convert *cv)
{
    if (!cv)
        return;
    for (uint32_t i = 0; i < cv->nouts; i++) {
        zalloc_free(cv->alloc, cv->outs[i].edits);
        zalloc_free(cv->alloc, cv->outs[i].data);
    }
    zvmc_ctx_free(cv->check);
    symtab_free(&cv->locals);
    symtab_free(&cv->subnames);
    symtab_free(&cv->subname_next);
    ptrmap_free(&cv->xlist_set, cv->alloc);
    ptrmap_free(&cv->system_index, cv->alloc);
    for (uint32_t i = 0; i < cv->nsystems; i++)
        ptrmap_free(&cv->systems[i].entry_set, cv->alloc);
    arena_free_all(&cv->arena);
    zalloc_free(cv->alloc, cv);
}

const char *zvmc_convert_message(const zvmc_convert *cv)
{
    return cv ? cv->msg : "";
}

/* ---- outputs ------------------------------------------------------------------------ */

static int name_taken(const zvmc_convert *cv, const char *name)
{
    for (uint32_t i = 0; i < cv->nouts; i++)
        if (!strcmp(cv->outs[i].pub.name, name))
            return 1;
    return 0;
}

cv_output *cv_output_for(zvmc_convert *cv, uint32_t src, zvmc_file_kind kind)
{
    for (uint32_t i = 0; i < cv->nouts; i++)
        if (cv->outs[i].src == src)
            return &cv->outs[i];
    /* outs has room for one output per source (zvmc_convert_run) */
    int first = 1;
    for (uint32_t i = 0; i < cv->nouts; i++)
        first &= cv->outs[i].pub.kind != kind;
    const char *name;
    if (first) {
        name = kind == ZVMC_FILE_SYSCONFIG ? "SYSTEM.CONFIG.ssi" : "USER.DIRECT.ssi";
    } else {
        const char *in = cv_source(cv, src)->name, *slash = strrchr(in, '/');
        name = cv_printf(cv, "%s.ssi", slash ? slash + 1 : in);
        for (unsigned k = 2; name && name_taken(cv, name); k++)
            name = cv_printf(cv, "%s.%u.ssi", slash ? slash + 1 : in, k);
    }
    const char *dir = cv->opts.out_dir ? cv->opts.out_dir : ".";
    const char *path = name ? cv_printf(cv, "%s/%s", dir, name) : NULL;
    if (!path)
        return NULL;
    cv_output *o = &cv->outs[cv->nouts++];
    memset(o, 0, sizeof *o);
    o->src = src;
    o->pub.name = name;
    o->pub.path = path;
    o->pub.kind = kind;
    return o;
}

/* ---- items -------------------------------------------------------------------------- */

/* The statement's text with its records joined and runs of blanks collapsed. */
static const char *stmt_text(zvmc_convert *cv, const zvmc_source *src, uint32_t b, uint32_t e)
{
    size_t n = e > b ? e - b : 0;
    char *t = arena_alloc(&cv->arena, n + 1);
    if (!t) {
        cv->oom = 1;
        return "";
    }
    size_t k = 0;
    for (uint32_t i = b; i < e; i++) {
        char c = src->data[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && (k == 0 || t[k - 1] == ' '))
            continue;
        t[k++] = c;
    }
    while (k && t[k - 1] == ' ')
        k--;
    t[k] = '\0';
    return t;
}

static void init_item(zvmc_convert *cv, cv_item *it, uint32_t src, uint32_t b, uint32_t e)
{
    zvmc_source *s = ctx_source(cv->ctx, src);
    memset(it, 0, sizeof *it);
    it->src = src;
    it->begin = b;
    it->out = -1;
    it->same_as = UINT32_MAX;
    it->pub.file = s->name;
    unsigned col;
    if (!source_ensure_lines(s, cv->alloc))
        cv->oom = 1;
    source_linecol(s, b, &it->pub.line, &col);
    it->pub.statement = stmt_text(cv, s, b, e);
    it->pub.disposition = ZVMC_DISP_CARRIED;
}

static int make_items(zvmc_convert *cv)
{
    const sc_config *cfg = cv->ctx->config;
    const ud_directory *dir = cv->ctx->directory;
    size_t n = 0;
    if (cfg)
        sc_for_each_stmt(cfg, f, s)
            n++;
    for (uint32_t i = 0; dir && i < dir->nentries; i++)
        n += dir->entries[i]->nstmts;
    cv->items = arena_zalloc(&cv->arena, (n ? n : 1) * sizeof *cv->items);
    cv->cfg_base = arena_zalloc(&cv->arena, (cv->ctx->nsources + 1) * sizeof *cv->cfg_base);
    cv->dir_base = arena_zalloc(&cv->arena, ((dir ? dir->nentries : 0) + 1) * sizeof *cv->dir_base);
    if (!cv->items || !cv->cfg_base || !cv->dir_base)
        return ZVMC_ENOMEM;
    for (const sc_file *f = cfg ? cfg->files : NULL; f; f = f->next) {
        cv->cfg_base[f->file] = cv->nitems;
        for (const sc_stmt *s = f->first; s; s = s->next)
            init_item(cv, &cv->items[cv->nitems++], f->file, s->loc.begin, cv_stmt_end(s));
    }
    for (uint32_t i = 0; dir && i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        cv->dir_base[i] = cv->nitems;
        for (uint32_t j = 0; j < e->nstmts; j++)
            init_item(cv, &cv->items[cv->nitems++], e->file, e->stmts[j].begin,
                      e->stmts[j].begin + e->stmts[j].len);
    }
    return cv->ctx->oom || cv->oom ? ZVMC_ENOMEM : 0;
}

/* ---- the run ------------------------------------------------------------------------ */

/* Inputs zvmc did not understand cannot be converted faithfully. */
static int input_errors(zvmc_convert *cv, const zvmc_ctx *ctx)
{
    for (size_t i = 0; ctx && i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        if (d->severity == ZVMC_SEV_ERROR &&
            (!strcmp(d->check, "syntax") || !strcmp(d->check, "input") ||
             !strcmp(d->check, "dir-operands") || !strcmp(d->check, "begin-end") ||
             !strcmp(d->check, "internal"))) {
            snprintf(cv->msg, sizeof cv->msg, "%s has errors (%s, line %u); fix them first "
                     "(zvmc check)", d->file ? d->file : "the input", d->check, d->line);
            return 1;
        }
    }
    return 0;
}

static int already_ssi(zvmc_convert *cv)
{
    if (cv->ctx->config)
        sc_for_each_stmt(cv->ctx->config, f, s)
            if (s->kind == SC_SSI) {
                snprintf(cv->msg, sizeof cv->msg, "%s already has an SSI statement: it is an "
                         "SSI configuration, not a CSE one", cv_source(cv, f->file)->name);
                return 1;
            }
    return 0;
}

static int copy_opts(zvmc_convert *cv, const zvmc_convert_opts *o)
{
    cv->opts = *o;
    cv->opts.cluster = o->cluster ? arena_strdup(&cv->arena, o->cluster) : NULL;
    cv->opts.pdr_volume = o->pdr_volume ? arena_strdup(&cv->arena, o->pdr_volume) : NULL;
    cv->opts.out_dir = arena_strdup(&cv->arena, o->out_dir ? o->out_dir : ".");
    if ((o->cluster && !cv->opts.cluster) || (o->pdr_volume && !cv->opts.pdr_volume) ||
        !cv->opts.out_dir)
        return ZVMC_ENOMEM;
    /* the SSI statement spells names in uppercase, as CP does */
    for (char *p = (char *)cv->opts.cluster; p && *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    return 0;
}

static int run(zvmc_convert *cv, const zvmc_convert_opts *o)
{
    int rc = copy_opts(cv, o);
    if (rc)
        return rc;
    if (!cv->ctx->ran) {
        snprintf(cv->msg, sizeof cv->msg, "the context's files were not read yet "
                 "(zvmc_run_checks)");
        return ZVMC_EINVAL;
    }
    if (!cv->ctx->config && !cv->ctx->directory) {
        snprintf(cv->msg, sizeof cv->msg, "no SYSTEM CONFIG and no directory to convert");
        return ZVMC_EINVAL;
    }
    if (cv->opts.eqid_ctx && !cv->opts.eqid_ctx->ran) {
        snprintf(cv->msg, sizeof cv->msg, "the EQID context's files were not read yet "
                 "(zvmc_run_checks)");
        return ZVMC_EINVAL;
    }
    if (input_errors(cv, cv->ctx) || input_errors(cv, cv->opts.eqid_ctx))
        return ZVMC_EINPUT;
    if (already_ssi(cv))
        return ZVMC_EINVAL;
    if ((rc = cv_find_systems(cv)) || (rc = cv_pick_members(cv)))
        return rc;
    /* the caller's arrays need not outlive the run: members are in cv->members */
    cv->opts.members = NULL;
    cv->opts.res_volumes = NULL;
    cv->outs = arena_zalloc(&cv->arena, (cv->ctx->nsources + 1) * sizeof *cv->outs);
    if (!cv->outs || (rc = make_items(cv)))
        return ZVMC_ENOMEM;
    if ((rc = cv_convert_config(cv)) || (rc = cv_convert_directory(cv)))
        return rc;
    for (uint32_t i = 0; i < cv->nouts; i++)
        if ((rc = cv_splice(cv, &cv->outs[i])))
            return rc;
    for (uint32_t i = 0; i < cv->nitems; i++) {
        cv_item *it = &cv->items[i];
        if (it->same_as != UINT32_MAX) {
            it->out = cv->items[it->same_as].out;
            it->pub.to_file = cv->items[it->same_as].pub.to_file;
            it->pub.to_line = cv->items[it->same_as].pub.to_line;
        }
    }
    cv_xlist_details(cv);
    if ((rc = cv_check_outputs(cv)))
        return rc;
    return cv->ctx->oom || cv->oom ? ZVMC_ENOMEM : 0;
}

int zvmc_convert_run(zvmc_convert *cv, const zvmc_convert_opts *opts)
{
    if (!cv || !opts)
        return ZVMC_EINVAL;
    if (cv->ran) {
        snprintf(cv->msg, sizeof cv->msg, "zvmc_convert_run may be called once");
        return ZVMC_EINVAL;
    }
    cv->ran = 1;
    int rc = run(cv, opts);
    if (rc == ZVMC_ENOMEM && !cv->msg[0])
        snprintf(cv->msg, sizeof cv->msg, "out of memory");
    cv->ok = rc == 0;
    return rc;
}

/* ---- getters ------------------------------------------------------------------------ */

size_t zvmc_convert_output_count(const zvmc_convert *cv)
{
    return cv && cv->ok ? cv->nouts : 0;
}

const zvmc_convert_output *zvmc_convert_output_get(const zvmc_convert *cv, size_t i)
{
    return i < zvmc_convert_output_count(cv) ? &cv->outs[i].pub : NULL;
}

size_t zvmc_convert_item_count(const zvmc_convert *cv)
{
    return cv && cv->ok ? cv->nitems : 0;
}

const zvmc_convert_item *zvmc_convert_item_get(const zvmc_convert *cv, size_t i)
{
    return i < zvmc_convert_item_count(cv) ? &cv->items[i].pub : NULL;
}

size_t zvmc_convert_added_count(const zvmc_convert *cv)
{
    return cv && cv->ok ? cv->nadded : 0;
}

const zvmc_convert_added *zvmc_convert_added_get(const zvmc_convert *cv, size_t i)
{
    return i < zvmc_convert_added_count(cv) ? &cv->added[i].pub : NULL;
}

size_t zvmc_convert_system_count(const zvmc_convert *cv)
{
    return cv && cv->ok ? cv->nsystems : 0;
}

const zvmc_convert_system *zvmc_convert_system_get(const zvmc_convert *cv, size_t i)
{
    return i < zvmc_convert_system_count(cv) ? &cv->systems[i].pub : NULL;
}

void zvmc_convert_get_totals(const zvmc_convert *cv, zvmc_convert_totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < zvmc_convert_item_count(cv); i++) {
        t->input++;
        switch (cv->items[i].pub.disposition) {
        case ZVMC_DISP_CARRIED: t->carried++; break;
        case ZVMC_DISP_CONVERTED: t->converted++; break;
        case ZVMC_DISP_REMOVED: t->removed++; break;
        case ZVMC_DISP_DECISION: t->decision++; break;
        }
    }
    for (size_t i = 0; i < zvmc_convert_added_count(cv); i++) {
        t->added++;
        t->added_decisions += cv->added[i].pub.decision != 0;
    }
}

zvmc_ctx *zvmc_convert_check_context(const zvmc_convert *cv)
{
    return cv && cv->ok ? cv->check : NULL;
}

unsigned zvmc_convert_check_errors(const zvmc_convert *cv, unsigned *skeleton)
{
    if (skeleton)
        *skeleton = cv && cv->ok ? cv->check_skeleton : 0;
    return cv && cv->ok ? cv->check_other : 0;
}
