/* SPDX-License-Identifier: MIT */
/* Per-member resolution of the source directory (see resolve.h). */
#include <stdio.h>
#include <string.h>
#include "util/hugepage.h"
#include "check/check.h"
#include "check/resolve.h"
#include "parse/directory_parse.h"

const ud_entry *ud_lookup(const ud_directory *dir, const char *name)
{
    if (!name || !dir->byname)
        return NULL;
    for (uint32_t i = ud_ptr_hash(name) & dir->byname_mask;; i = (i + 1) & dir->byname_mask) {
        uint32_t k = dir->byname[i];
        if (!k)
            return NULL;
        const ud_entry *e = dir->entries[k - 1];
        if (e->name == name)
            return e;
    }
}

uint32_t ud_user_index(const ud_directory *dir, const ud_resolved *r, const char *name)
{
    const ud_entry *e = ud_lookup(dir, name);
    return e ? r->user_of[e->index] : UINT32_MAX;
}

int ud_member_index(const ud_resolved *r, const char *name)
{
    for (uint32_t i = 0; i < r->nmembers; i++)
        if (r->members[i] == name)
            return (int)i;
    return -1;
}

const char *ud_member_label(const ud_resolved *r, uint32_t m, char *buf, size_t n)
{
    if (!r->members[m])
        return "this system";
    snprintf(buf, n, "member %s", r->members[m]);
    return buf;
}

/* Does view @v hold statement @s?  A view's segments come in at most three
 * blocks, one per entry (PROFILE, the user's own, SUBCONFIG: make_view()),
 * each in statement order, so a block is found, and the segment in it, by
 * binary search: a user cut into thousands of segments by SYSAFFIN made a
 * scan of them per statement quadratic (100,000 MDISKs: 14.7 s). */
static int view_holds(const ud_view *v, const ud_stmt *s)
{
    if (v->nsegs <= 8) {
        for (uint32_t j = 0; j < v->nsegs; j++)
            if (ud_seg_holds(&v->segs[j], s))
                return 1;
        return 0;
    }
    for (uint32_t b = 0; b < v->nsegs;) {
        const ud_entry *o = v->segs[b].owner;
        /* the block's end: the first segment of another entry */
        uint32_t lo = b + 1, hi = v->nsegs;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (v->segs[mid].owner == o)
                lo = mid + 1;
            else
                hi = mid;
        }
        uint32_t end = lo;
        if (s >= o->stmts && s < o->stmts + o->nstmts) {
            /* the last segment of the block that starts at or before s */
            uint32_t at = (uint32_t)(s - o->stmts);
            lo = b, hi = end;
            while (hi - lo > 1) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (v->segs[mid].first <= at)
                    lo = mid;
                else
                    hi = mid;
            }
            return ud_seg_holds(&v->segs[lo], s);
        }
        b = end;
    }
    return 0;
}

uint64_t ud_view_mask(const ud_resolved *r, uint32_t u, const ud_stmt *s)
{
    uint64_t mask = 0;
    for (uint32_t k = 0; k < r->nmembers && k < 64; k++)
        if (view_holds(ud_view_of(r, u, k), s))
            mask |= (uint64_t)1 << k;
    return mask;
}

const char *ud_mdisk_volume(const ud_resolved *r, uint32_t m, const ud_stmt *s)
{
    if ((s->flags & UD_F_SYSRES) && r->sysres[m])
        return r->sysres[m];
    return ud_volser(r->dir, s);
}

void ud_note_origin(zvmc_ctx *ctx, zvmc_diag_int *d, const ud_entry *user, const ud_seg *seg)
{
    if (!d || !seg->via)
        return;
    zvmc_loc at = ud_stmt_loc(user, seg->via);
    if (seg->via->kind == UD_S_INCLUDE)
        diag_note(ctx, d, at, "%s %s includes PROFILE %s here", ud_ekind_name(user->kind),
                  user->name ? user->name : "?", seg->owner->name ? seg->owner->name : "?");
    else
        diag_note(ctx, d, at, "IDENTITY %s takes SUBCONFIG %s from this BUILD",
                  user->name ? user->name : "?", seg->owner->name ? seg->owner->name : "?");
}

/* ---- building ------------------------------------------------------------- */

typedef struct rstate {
    zvmc_ctx *ctx;
    ud_directory *dir;
    ud_resolved *r;
    ud_seg *segs;               /* scratch for the view being built */
    uint32_t nsegs, segs_cap;
    int oom;
    int capped;                 /* members past the limit were left out */
} rstate;

static void *dalloc(rstate *st, size_t n)
{
    void *p = arena_alloc(&st->dir->arena, n);
    if (!p)
        st->oom = 1;
    return p;
}

static void seg_push(rstate *st, const ud_entry *owner, const ud_stmt *from, uint32_t n,
                     const ud_stmt *via)
{
    if (!n)
        return;
    uint32_t first = (uint32_t)(from - owner->stmts);
    /* Extend the previous segment when this run continues it. */
    if (st->nsegs) {
        ud_seg *last = &st->segs[st->nsegs - 1];
        if (last->owner == owner && last->via == via && last->first + last->n == first) {
            last->n += n;
            return;
        }
    }
    if (st->nsegs == st->segs_cap) {
        uint32_t cap = st->segs_cap ? st->segs_cap * 2 : 16;
        ud_seg *v = zalloc_realloc(ctx_alloc(st->ctx), st->segs, cap * sizeof *v);
        if (!v) {
            st->oom = 1;
            return;
        }
        st->segs = v;
        st->segs_cap = cap;
    }
    ud_seg *s = &st->segs[st->nsegs++];
    s->owner = owner;
    s->via = via;
    s->first = first;
    s->n = n;
}

/* Does a SYSAFFIN statement name @member (NULL: the unnamed system)? */
static int sysaffin_applies(const ud_stmt *s, const char *member)
{
    if (s->flags & UD_F_STAR)
        return 1;
    for (uint32_t i = 0; i < s->u.sysaffin.n; i++)
        if (member && s->u.sysaffin.systems[i] == member)
            return 1;
    return 0;
}

/* Append an entry's statements (after its first, @skip_head) that apply on
 * @member, splitting at SYSAFFIN statements. */
static void push_filtered(rstate *st, const ud_entry *e, int skip_head, const char *member,
                          const ud_stmt *via)
{
    if (!e->nstmts)
        return;
    const ud_stmt *s = e->stmts + (skip_head ? 1 : 0), *end = e->stmts + e->nstmts;
    if (s > end)
        return;
    if (!(e->flags & UD_EF_SYSAFFIN)) {
        seg_push(st, e, s, (uint32_t)(end - s), via);
        return;
    }
    int on = 1;
    const ud_stmt *run = s;
    for (; s < end; s++) {
        if (s->kind != UD_S_SYSAFFIN)
            continue;
        if (on)
            seg_push(st, e, run, (uint32_t)(s - run), via);
        on = !(s->flags & UD_F_BAD) && sysaffin_applies(s, member);
        run = s + 1;
    }
    if (on)
        seg_push(st, e, run, (uint32_t)(end - run), via);
}

static const ud_stmt *first_of(const ud_entry *e, unsigned kind)
{
    for (uint32_t i = 0; i < e->nstmts; i++)
        if (e->stmts[i].kind == kind && !(e->stmts[i].flags & UD_F_BAD))
            return &e->stmts[i];
    return NULL;
}

static const ud_entry *lookup_kind(const ud_directory *dir, const char *name, unsigned kind)
{
    const ud_entry *e = ud_lookup(dir, name);
    return e && e->kind == kind ? e : NULL;
}

/* The BUILD of an IDENTITY for @member (BUILD ON * for any), or NULL. */
static const ud_stmt *build_for(const ud_entry *e, const char *member)
{
    if (!(e->flags & UD_EF_BUILD))
        return NULL;
    for (uint32_t i = 0; i < e->nstmts; i++) {
        const ud_stmt *s = &e->stmts[i];
        if (s->kind == UD_S_BUILD && !(s->flags & UD_F_BAD) &&
            ((s->flags & UD_F_STAR) || (member && s->u.build.member == member)))
            return s;
    }
    return NULL;
}

/* Does the user need a view per member? */
static int varies(const ud_entry *u, const ud_entry *profile)
{
    if ((u->flags & UD_EF_SYSAFFIN) || (profile && (profile->flags & UD_EF_SYSAFFIN)))
        return 1;
    if (u->kind == UD_E_IDENTITY && (u->flags & UD_EF_BUILD)) {
        for (uint32_t i = 0; i < u->nstmts; i++)
            if (u->stmts[i].kind == UD_S_BUILD && !(u->stmts[i].flags & UD_F_STAR))
                return 1;
    }
    return 0;
}

/* Fill @v with @u's definition on @member; the segments go in the arena, right
 * after the view when @v is NULL (a shared view is one allocation). */
static const ud_view *make_view(rstate *st, ud_view *v, const ud_entry *u, const ud_entry *profile,
                                const ud_stmt *include, const char *member, int shared)
{
    st->nsegs = 0;
    if (profile)
        push_filtered(st, profile, 1, member, include);
    push_filtered(st, u, 1, member, NULL);
    if (u->kind == UD_E_IDENTITY) {
        const ud_stmt *b = build_for(u, member);
        const ud_entry *sub = b ? lookup_kind(st->dir, b->u.build.subconfig, UD_E_SUBCONFIG) : NULL;
        if (sub)
            push_filtered(st, sub, 1, member, b);
    }
    if (st->oom)
        return NULL;
    size_t segbytes = st->nsegs * sizeof(ud_seg);
    ud_seg *segs;
    if (!v) {
        v = dalloc(st, sizeof *v + segbytes);
        if (!v)
            return NULL;
        segs = (ud_seg *)(v + 1);
    } else {
        segs = segbytes ? dalloc(st, segbytes) : NULL;
        if (segbytes && !segs)
            return NULL;
    }
    if (segbytes)
        memcpy(segs, st->segs, segbytes);
    v->segs = segs;
    v->nsegs = st->nsegs;
    v->shared = shared;
    return v;
}

/* Members past SC_MODEL_MAX_MEMBERS are left out, the first of them reported
 * (an identity of 100,000 BUILDs took 29 s: every view of every member is
 * made and checked). */
static int add_member(rstate *st, const char ***v, uint32_t *n, uint32_t *cap, const char *name,
                      zvmc_loc loc)
{
    for (uint32_t i = 0; i < *n; i++)
        if ((*v)[i] == name)
            return 1;
    if (*n == SC_MODEL_MAX_MEMBERS) {
        if (!st->capped)
            report_member_limit(st->ctx, name, loc);
        st->capped = 1;
        return 1;
    }
    if (*n == *cap) {
        uint32_t c = *cap ? *cap * 2 : 8;
        const char **nv = dalloc(st, c * sizeof *nv);
        if (!nv)
            return 0;
        if (*n)
            memcpy(nv, *v, *n * sizeof *nv);
        *v = nv;
        *cap = c;
    }
    (*v)[(*n)++] = name;
    return 1;
}

/* Each config member's residence volume, @sysres[i] for @members[i]: the
 * checkpoint volume of the last System_Residence in its view.  One walk of the
 * file, not one per member. */
static void config_sysres(const sc_config *cfg, const char **members, uint32_t n,
                          const char **sysres)
{
    if (!cfg)
        return;
    sc_for_each_stmt(cfg, f, s)
        if (s->kind == SC_SYSTEM_RESIDENCE && s->u.sysres->checkpoint.present)
            for (uint32_t i = 0; i < n; i++)
                if (sc_applies(s, members[i]))
                    sysres[i] = s->u.sysres->checkpoint.volid.s;
}

static void find_members(rstate *st, const sc_model *model)
{
    ud_resolved *r = st->r;
    ud_directory *dir = st->dir;
    const char **v = NULL;
    uint32_t n = 0, cap = 0;
    /* A CSE cluster is the systems its DIRECTORY statements name; a SYSTEM
     * CONFIG without SSI only names the systems it is shared by. */
    if (model && model->nmembers && (model->ssi || !r->cse)) {
        r->source = UD_MEMBERS_CONFIG;
        for (uint32_t i = 0; i < model->nmembers; i++)
            add_member(st, &v, &n, &cap, model->members[i].name, model->members[i].loc);
    } else if (r->cse) {
        r->source = UD_MEMBERS_CSE;
        for (const ud_dirstmt *d = dir->dirs; d; d = d->next)
            if (d->form == UD_DIR_CSE && d->sysname)
                add_member(st, &v, &n, &cap, d->sysname, d->loc);
    } else {
        for (uint32_t i = 0; i < dir->nentries; i++) {
            const ud_entry *e = dir->entries[i];
            if (e->kind != UD_E_IDENTITY || !(e->flags & UD_EF_BUILD))
                continue;
            for (uint32_t j = 0; j < e->nstmts; j++) {
                const ud_stmt *s = &e->stmts[j];
                if (s->kind == UD_S_BUILD && !(s->flags & (UD_F_BAD | UD_F_STAR)) &&
                    s->u.build.member)
                    add_member(st, &v, &n, &cap, s->u.build.member, ud_stmt_loc(e, s));
            }
        }
        if (n)
            r->source = UD_MEMBERS_BUILD;
    }
    if (!n) {
        v = dalloc(st, sizeof *v);
        if (!v)
            return;
        v[0] = NULL;
        n = 1;
    }
    r->members = v;
    r->nmembers = n;
    r->sysres = dalloc(st, n * sizeof *r->sysres);
    if (!r->sysres)
        return;
    for (uint32_t i = 0; i < n; i++)
        r->sysres[i] = NULL;
    if (r->source == UD_MEMBERS_CONFIG)
        config_sysres(st->ctx->config, v, n, r->sysres);
    for (uint32_t i = 0; i < n; i++) {
        if (r->source == UD_MEMBERS_CSE)
            for (const ud_dirstmt *d = dir->dirs; d; d = d->next)
                if (d->form == UD_DIR_CSE && d->sysname == v[i] && !r->sysres[i])
                    r->sysres[i] = d->vols[0];
    }
}

static void index_names(rstate *st)
{
    ud_directory *dir = st->dir;
    uint32_t cap = 16;
    while (cap < 2 * (uint64_t)dir->nentries + 1)
        cap *= 2;
    huge_free(ctx_alloc(st->ctx), dir->byname);
    dir->byname = huge_table(ctx_alloc(st->ctx), cap * sizeof *dir->byname);
    if (!dir->byname) {
        st->oom = 1;
        return;
    }
    dir->byname_mask = cap - 1;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!e->name || e->kind == UD_E_NONE || e->kind == UD_E_GLOBALDEFS || e->kind == UD_E_POOL)
            continue;
        uint32_t k = ud_ptr_hash(e->name) & dir->byname_mask;
        while (dir->byname[k] && dir->entries[dir->byname[k] - 1]->name != e->name)
            k = (k + 1) & dir->byname_mask;
        if (!dir->byname[k])
            dir->byname[k] = i + 1;     /* the first definition wins */
    }
}

static void scan_forms(rstate *st, const sc_model *model)
{
    ud_resolved *r = st->r;
    ud_directory *dir = st->dir;
    for (const ud_dirstmt *d = dir->dirs; d; d = d->next) {
        if (d->form == UD_DIR_SSI)
            r->ssi = 1;
        if (d->form == UD_DIR_CSE)
            r->cse = 1;
    }
    r->fragment = dir->ndirs == 0;
    if (model && model->ssi)
        r->ssi = 1;
    for (uint32_t i = 0; i < dir->nentries && !r->ssi; i++)
        if (dir->entries[i]->flags & UD_EF_BUILD)
            r->ssi = 1;
}

int ud_resolve(zvmc_ctx *ctx, const sc_model *model)
{
    ud_directory *dir = ctx->directory;
    if (!dir)
        return 0;
    rstate st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.dir = dir;
    ud_resolved *r = st.r = dalloc(&st, sizeof *r);
    if (!r)
        return ZVMC_ENOMEM;
    memset(r, 0, sizeof *r);
    r->dir = dir;
    index_names(&st);
    scan_forms(&st, model);
    find_members(&st, model);
    if (st.oom)
        return ZVMC_ENOMEM;

    uint32_t nusers = 0;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if ((e->kind == UD_E_USER || e->kind == UD_E_IDENTITY) && ud_lookup(dir, e->name) == e)
            nusers++;
    }
    r->users = dalloc(&st, (nusers ? nusers : 1) * sizeof *r->users);
    r->views = dalloc(&st, (nusers ? nusers : 1) * sizeof *r->views);
    r->user_of = dalloc(&st, (dir->nentries + 1) * sizeof *r->user_of);
    if (st.oom)
        return ZVMC_ENOMEM;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        r->user_of[i] = UINT32_MAX;
        if (!((e->kind == UD_E_USER || e->kind == UD_E_IDENTITY) && ud_lookup(dir, e->name) == e))
            continue;
        uint32_t u = r->nusers++;
        r->users[u] = e;
        r->user_of[i] = u;
        const ud_stmt *inc = (e->flags & UD_EF_INCLUDE) ? first_of(e, UD_S_INCLUDE) : NULL;
        const ud_entry *prof = inc ? lookup_kind(dir, inc->u.ref.name, UD_E_PROFILE) : NULL;
        if (!varies(e, prof)) {
            r->views[u] = make_view(&st, NULL, e, prof, inc, r->members[0], 1);
        } else {
            ud_view *vm = dalloc(&st, r->nmembers * sizeof *vm);
            for (uint32_t m = 0; vm && m < r->nmembers; m++)
                make_view(&st, &vm[m], e, prof, inc, r->members[m], 0);
            r->views[u] = vm;
        }
        if (st.oom)
            break;
    }
    zalloc_free(ctx_alloc(ctx), st.segs);
    if (st.oom)
        return ZVMC_ENOMEM;
    dir->res = r;
    return 0;
}
