/* SPDX-License-Identifier: MIT */
/* The public relocation API (include/zvmc/relocate.h) over the engine. */
#include <string.h>
#include "check/relocation.h"
#include "zvmc/relocate.h"

#define MAX_REASONS 256

static reloc_engine *engine(zvmc_ctx *ctx)
{
    check_run *r = ctx->run;
    if (!r)
        return NULL;
    if (!r->reloc)
        r->reloc = reloc_engine_new(r);
    return r->reloc;
}

static const ud_resolved *resolved(zvmc_ctx *ctx)
{
    return ctx->directory ? ctx->directory->res : NULL;
}

size_t zvmc_reloc_member_count(zvmc_ctx *ctx)
{
    const ud_resolved *res = resolved(ctx);
    return res && res->members[0] ? res->nmembers : 0;
}

const char *zvmc_reloc_member(zvmc_ctx *ctx, size_t i)
{
    return i < zvmc_reloc_member_count(ctx) ? resolved(ctx)->members[i] : NULL;
}

int zvmc_reloc_has_config(zvmc_ctx *ctx)
{
    reloc_engine *e = engine(ctx);
    return e ? reloc_engine_has_config(e) : 0;
}

/* Reasons as public items, in the context's arena. */
static int to_items(zvmc_ctx *ctx, const reloc_reason *rr, uint32_t n, const zvmc_reloc_item **out)
{
    if (n == 0) {
        *out = NULL;
        return 0;
    }
    zvmc_reloc_item *items = arena_zalloc(&ctx->arena, n * sizeof *items);
    if (!items)
        return ZVMC_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        items[i].check = zvmc_reloc_reason_name(rr[i].code);
        items[i].code = rr[i].code;
        items[i].vaddr = rr[i].vaddr;
        items[i].confirmed = rr[i].confirmed;
        /* The engine's messages are reused; keep a copy as long as the context. */
        items[i].message = arena_strdup(&ctx->arena, rr[i].message ? rr[i].message : "");
        if (!items[i].message)
            return ZVMC_ENOMEM;
        zvmc_source *src = ctx_source(ctx, rr[i].loc.file);
        if (src) {
            source_ensure_lines(src, &ctx->alloc);
            items[i].file = src->name;
            source_linecol(src, rr[i].loc.begin, &items[i].line, &items[i].column);
        }
    }
    *out = items;
    return 0;
}

int zvmc_relocate_test(zvmc_ctx *ctx, const char *user, const char *from, const char *to,
                       const zvmc_reloc_item **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    const ud_resolved *res = resolved(ctx);
    reloc_engine *e = engine(ctx);
    if (!res || !e)
        return res ? ZVMC_ENOMEM : ZVMC_ENODIR;
    const char *uname = ctx_intern_upper(ctx, user, strlen(user));
    const char *fname = ctx_intern_upper(ctx, from, strlen(from));
    const char *tname = ctx_intern_upper(ctx, to, strlen(to));
    if (!uname || !fname || !tname)
        return ZVMC_ENOMEM;
    uint32_t u = ud_user_index(ctx->directory, res, uname);
    int a = ud_member_index(res, fname), b = ud_member_index(res, tname);
    if (u == UINT32_MAX)
        return ZVMC_ENOUSER;
    if (a < 0 || b < 0 || a == b)
        return ZVMC_ENOMEMBER;
    reloc_reason rr[MAX_REASONS];
    uint32_t k = reloc_evaluate(e, u, (uint32_t)a, (uint32_t)b, rr, MAX_REASONS);
    if (k > MAX_REASONS)
        k = MAX_REASONS;
    int rc = to_items(ctx, rr, k, items);
    reloc_engine_reset_messages(e);
    if (rc)
        return rc;
    *n = k;
    return k == 0;
}

/* Make room for @n item templates. */
static int templates(zvmc_ctx *ctx, zvmc_reloc_item **t, uint32_t *cap, uint32_t n)
{
    if (n <= *cap)
        return 0;
    uint32_t c = *cap ? *cap : 32;
    while (c < n)
        c *= 2;
    zvmc_reloc_item *v = zalloc_realloc(&ctx->alloc, *t, c * sizeof *v);
    if (!v)
        return ZVMC_ENOMEM;
    *t = v;
    *cap = c;
    return 0;
}

/* Each user leaving each member is judged once for every target; a reason's
 * item (its location, and its message when it does not name the target) is
 * made once for all the targets it blocks. */
int zvmc_relocate_matrix_ex(zvmc_ctx *ctx, const char *from_member, unsigned flags,
                            zvmc_matrix_fn fn, void *arg)
{
    const ud_resolved *res = resolved(ctx);
    reloc_engine *e = engine(ctx);
    if (!res || !e)
        return res ? ZVMC_ENOMEM : ZVMC_ENODIR;
    int only = -1;
    if (from_member) {
        const char *f = ctx_intern_upper(ctx, from_member, strlen(from_member));
        only = f ? ud_member_index(res, f) : -1;
        if (only < 0)
            return ZVMC_ENOMEMBER;
    }
    const int brief = (flags & ZVMC_MATRIX_BRIEF) != 0, oom_before = ctx->oom;
    const uint32_t nm = res->nmembers;
    zvmc_reloc_item items[MAX_REASONS], *tmpl = NULL;
    uint32_t tcap = 0;
    int rc = 0;
    for (uint32_t u = 0; u < res->nusers && rc == 0; u++) {
        const ud_entry *ue = res->users[u];
        const int identity = ue->kind == UD_E_IDENTITY;
        for (uint32_t a = 0; a < nm && rc == 0; a++) {
            if ((only >= 0 && a != (uint32_t)only) || !ud_view_of(res, u, a))
                continue;
            for (uint32_t base = 0; base < nm && rc == 0; base += RELOC_WINDOW) {
                const reloc_judgment *jd = reloc_judge(e, u, a, base);
                if (ctx->oom && !oom_before) {
                    rc = ZVMC_ENOMEM;
                    break;
                }
                if ((rc = templates(ctx, &tmpl, &tcap, jd->n)) != 0)
                    break;
                for (uint32_t i = 0; i < jd->n; i++) {
                    const reloc_judged *j = &jd->j[i];
                    zvmc_reloc_item *t = &tmpl[i];
                    memset(t, 0, sizeof *t);
                    t->check = zvmc_reloc_reason_name(j->r.code);
                    t->code = j->r.code;
                    t->vaddr = j->r.vaddr;
                    t->confirmed = j->r.confirmed;
                    if (brief)
                        continue;
                    zvmc_source *src = ctx_source(ctx, j->r.loc.file);
                    if (src) {
                        source_ensure_lines(src, &ctx->alloc);
                        t->file = src->name;
                        source_linecol(src, j->r.loc.begin, &t->line, &t->column);
                    }
                }
                const uint32_t nb = jd->nb;
                for (uint32_t bi = 0; bi < nb && rc == 0; bi++) {
                    uint32_t b = base + bi, k = 0;
                    if (a == b)
                        continue;
                    /* The same judgment, again if the callback asked the engine
                     * something else (its reasons come back in the same order). */
                    jd = reloc_judge(e, u, a, base);
                    for (uint32_t i = 0; i < jd->n && ((jd->blocked >> bi) & 1); i++) {
                        if (!((jd->j[i].targets >> bi) & 1))
                            continue;
                        if (k < MAX_REASONS) {
                            items[k] = tmpl[i];
                            if (!brief)
                                items[k].message = reloc_judged_message(e, i, b);
                        }
                        k++;
                    }
                    if (k > MAX_REASONS)
                        k = MAX_REASONS;
                    if (ctx->oom && !oom_before) {
                        rc = ZVMC_ENOMEM;   /* a message is missing */
                        break;
                    }
                    rc = fn(arg, ue->name, identity, res->members[a], res->members[b],
                            k ? items : NULL, k);
                }
            }
        }
        /* Messages are needed only by the callback: a 100,000-user matrix must
         * not keep them all. */
        reloc_engine_reset_messages(e);
    }
    zalloc_free(&ctx->alloc, tmpl);
    return rc;
}

int zvmc_relocate_matrix(zvmc_ctx *ctx, const char *from_member, zvmc_matrix_fn fn, void *arg)
{
    return zvmc_relocate_matrix_ex(ctx, from_member, 0, fn, arg);
}
