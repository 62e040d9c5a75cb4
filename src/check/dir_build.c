/* SPDX-License-Identifier: MIT */
/*
 * The IDENTITY / BUILD / SUBCONFIG checks: dir-build-member, dir-build-subconfig,
 * dir-subconfig-orphan, dir-subconfig-shared, dir-identity-build-missing and
 * dir-build-mixed.
 */
#include <stdio.h>
#include <string.h>
#include "check/dir_checks.h"
#include "parse/directory_parse.h"
#include "util/names.h"

#define for_each_build(dir, e, s) \
    for (uint32_t e##_i = 0; e##_i < (dir)->nentries; e##_i++) \
        for (const ud_entry *e = (dir)->entries[e##_i]; e; e = NULL) \
            if ((e->flags & UD_EF_BUILD) && e->kind == UD_E_IDENTITY) \
                for (const ud_stmt *s = e->stmts; s < e->stmts + e->nstmts; s++) \
                    if (s->kind == UD_S_BUILD && !(s->flags & UD_F_BAD))

/* Where the member list came from, for notes. */
static void note_members(check_run *r, zvmc_diag_int *d)
{
    const ud_resolved *res = r->ctx->directory->res;
    char buf[256];
    uint64_t all = ud_all_members(res);
    const char *list = ud_member_list(res, all, buf, sizeof buf);
    if (res->source == UD_MEMBERS_CONFIG && r->model.ssi)
        diag_note(r->ctx, d, r->model.ssi->loc, "the SSI statement makes the members %s", list);
    else if (res->source == UD_MEMBERS_CONFIG)
        diag_note(r->ctx, d, loc_none(), "the SYSTEM CONFIG defines the systems %s", list);
    else if (res->source == UD_MEMBERS_CSE)
        diag_note(r->ctx, d, r->ctx->directory->dirs->loc,
                  "the CSE DIRECTORY statements name the systems %s", list);
}

static void report_second(zvmc_ctx *ctx, const ud_entry *e, const ud_stmt *s, const ud_stmt *o)
{
    const char *m = (s->flags & UD_F_STAR) ? "*" : s->u.build.member;
    zvmc_diag_int *d = diag_report(ctx, "dir-build-member", ZVMC_SEV_ERROR,
                                   ud_operand_loc(ctx, e, s, 1),
                                   "IDENTITY %s has a second BUILD ON %s: each member "
                                   "takes one SUBCONFIG; delete one of them",
                                   e->name ? e->name : "", m);
    diag_note(ctx, d, ud_stmt_loc(e, o), "the first BUILD ON %s is here", m);
}

/* BUILD ON a member the cluster does not have; two BUILDs for one member.
 * (A BUILD outside an IDENTITY is dir-placement's; for_each_build skips it.)
 * An entry's first BUILD per member is kept in a map, so an IDENTITY of
 * thousands of BUILDs (hostile, or generated) is checked in linear time. */
void check_dir_build_member(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    int known = res->source == UD_MEMBERS_CONFIG || res->source == UD_MEMBERS_CSE;
    ptrmap first;           /* member -> index + 1 of the entry's first BUILD ON it */
    memset(&first, 0, sizeof first);
    const ud_entry *in = NULL;
    const ud_stmt *star = NULL;
    for_each_build(dir, e, s) {
        if (e != in) {
            ptrmap_free(&first, ctx_alloc(ctx));
            in = e;
            star = NULL;
        }
        if (!(s->flags & UD_F_STAR) && known && ud_member_index(res, s->u.build.member) < 0) {
            zvmc_diag_int *d = diag_report(ctx, "dir-build-member", ZVMC_SEV_ERROR,
                                           ud_operand_loc(ctx, e, s, 1),
                                           "BUILD ON %s: %s is not a member of the cluster, so "
                                           "IDENTITY %s would never be built there",
                                           s->u.build.member, s->u.build.member,
                                           e->name ? e->name : "");
            note_members(r, d);
        }
        /* an earlier BUILD for the same member (or two BUILD ON *) */
        if (s->flags & UD_F_STAR) {
            if (star)
                report_second(ctx, e, s, star);
            else
                star = s;
            continue;
        }
        if (!s->u.build.member)
            continue;
        ptrmap_slot *slot = ptrmap_put(&first, ctx_alloc(ctx), s->u.build.member);
        if (!slot) {
            ctx->oom = 1;
            break;
        }
        if (slot->value)
            report_second(ctx, e, s, &e->stmts[slot->value - 1]);
        else
            slot->value = (uint64_t)(s - e->stmts) + 1;
    }
    ptrmap_free(&first, ctx_alloc(ctx));
}

/* How many BUILDs name a SUBCONFIG, and the first one. */
typedef struct subref {
    const ud_entry *sub;
    uint32_t count;
    const ud_entry *by;
    const ud_stmt *first;
} subref;

/* "Did you mean" looks only at SUBCONFIGs whose name's length is within
 * reach (suggest_try()): the unused ones are kept by length as well. */
#define NAME_LENS 81            /* a bucket per length; the last for 80 and more */
#define NEAR_GAP 4              /* the lengths within reach of unused_near()'s limit */

/* One subref per SUBCONFIG entry, in entry order (a directory of 100,000 users
 * has a few thousand SUBCONFIGs: an array over every entry cost 2.4 MB).
 * unused[start[k] .. start[k + 1]) are the indexes in v of the SUBCONFIGs no
 * BUILD names whose name has k characters, in entry order. */
struct subrefs {
    subref *v;
    uint32_t n;
    uint32_t *unused;
    uint32_t start[NAME_LENS + 1];
};
typedef struct subrefs subrefs;

/* The subref of SUBCONFIG @sub: the entries are in index order. */
static subref *find_ref(const subrefs *refs, const ud_entry *sub)
{
    uint32_t lo = 0, hi = refs->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (refs->v[mid].sub->index < sub->index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < refs->n && refs->v[lo].sub == sub ? &refs->v[lo] : NULL;
}

static uint32_t name_bucket(const char *name)
{
    size_t len = strlen(name);
    return len < NAME_LENS - 1 ? (uint32_t)len : NAME_LENS - 1;
}

/* Sort the unused SUBCONFIGs with a name into refs->unused by length (a
 * counting sort: entry order within a length).  0 when out of memory. */
static int bucket_unused(check_run *r, subrefs *refs)
{
    uint32_t n = 0;
    memset(refs->start, 0, sizeof refs->start);
    for (uint32_t i = 0; i < refs->n; i++)
        if (refs->v[i].sub->name && !refs->v[i].count) {
            refs->start[name_bucket(refs->v[i].sub->name) + 1]++;
            n++;
        }
    for (uint32_t k = 0; k < NAME_LENS; k++)
        refs->start[k + 1] += refs->start[k];
    if (!(refs->unused = arena_alloc(&r->arena, (n + 1) * sizeof *refs->unused)))
        return 0;
    uint32_t at[NAME_LENS];
    memcpy(at, refs->start, sizeof at);
    for (uint32_t i = 0; i < refs->n; i++)
        if (refs->v[i].sub->name && !refs->v[i].count)
            refs->unused[at[name_bucket(refs->v[i].sub->name)]++] = i;
    return 1;
}

/* Three checks read the counts: made once per run. */
static const subrefs *count_refs(check_run *r)
{
    if (r->subrefs)
        return r->subrefs;
    const ud_directory *dir = r->ctx->directory;
    subrefs *refs = arena_zalloc(&r->arena, sizeof *refs);
    uint32_t n = 0;
    for (uint32_t i = 0; i < dir->nentries; i++)
        n += dir->entries[i]->kind == UD_E_SUBCONFIG;
    if (!refs || !(refs->v = arena_zalloc(&r->arena, (n + 1) * sizeof *refs->v))) {
        r->ctx->oom = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < dir->nentries; i++)
        if (dir->entries[i]->kind == UD_E_SUBCONFIG)
            refs->v[refs->n++].sub = dir->entries[i];
    for_each_build(dir, e, s) {
        const ud_entry *sub = ud_lookup(dir, s->u.build.subconfig);
        subref *x = sub && sub->kind == UD_E_SUBCONFIG ? find_ref(refs, sub) : NULL;
        if (x && !x->count++) {
            x->by = e;
            x->first = s;
        }
    }
    if (!bucket_unused(r, refs)) {
        r->ctx->oom = 1;
        return NULL;
    }
    r->subrefs = refs;
    return refs;
}

/* The SUBCONFIG no BUILD uses whose name is nearest to @name: the likely
 * target of a mistyped BUILD.  The candidates are those of the lengths within
 * reach, merged back into entry order (so that the first of equal distance
 * wins, as in a scan of them all); a scan of every unused SUBCONFIG per
 * finding made 80,000 BUILDs of 3-character names beside 80,000 unused
 * SUBCONFIGs of 8 take 24 s, as a candidate out of reach by its length alone
 * costs no "did you mean" budget. */
static const char *unused_near(check_run *r, const subrefs *refs, const char *name)
{
    suggest sg;
    suggest_init(&sg, name, NEAR_GAP + 1);     /* at most two ordinary edits */
    uint32_t k = name_bucket(name), lo = k > NEAR_GAP ? k - NEAR_GAP : 0;
    uint32_t hi = k + NEAR_GAP < NAME_LENS ? k + NEAR_GAP : NAME_LENS - 1;
    uint32_t at[2 * NEAR_GAP + 1];
    for (uint32_t b = lo; b <= hi; b++)
        at[b - lo] = refs->start[b];
    for (;;) {
        uint32_t pick = UINT32_MAX, from = 0;
        for (uint32_t b = lo; b <= hi; b++)
            if (at[b - lo] < refs->start[b + 1] && refs->unused[at[b - lo]] < pick) {
                pick = refs->unused[at[b - lo]];
                from = b - lo;
            }
        if (pick == UINT32_MAX)
            break;
        at[from]++;
        if (!suggest_try(r, &sg, refs->v[pick].sub->name))
            break;
    }
    return sg.best;
}

/* BUILD names a SUBCONFIG that does not exist (S16: tolerated by the tools,
 * but the member then gets none of what the SUBCONFIG was meant to hold). */
void check_dir_build_subconfig(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const subrefs *refs = count_refs(r);
    for_each_build(dir, e, s) {
        if (!s->u.build.subconfig)
            continue;
        const ud_entry *sub = ud_lookup(dir, s->u.build.subconfig);
        if (sub && sub->kind == UD_E_SUBCONFIG)
            continue;
        zvmc_loc at = ud_operand_loc(ctx, e, s, 4);
        const char *m = (s->flags & UD_F_STAR) ? "any member" : s->u.build.member;
        zvmc_diag_int *d;
        if (sub) {
            d = diag_report(ctx, "dir-build-subconfig", ZVMC_SEV_WARNING, at,
                            "BUILD names %s, which is a %s, not a SUBCONFIG", sub->name,
                            ud_ekind_name(sub->kind));
            diag_note(ctx, d, ud_operand_loc(ctx, sub, &sub->stmts[0], 0),
                      "%s %s is defined here", ud_ekind_name(sub->kind), sub->name);
            continue;
        }
        d = diag_report(ctx, "dir-build-subconfig", ZVMC_SEV_WARNING, at,
                        "no SUBCONFIG %s is defined: on %s, IDENTITY %s gets none of the "
                        "member-specific statements it was meant to hold; add SUBCONFIG %s",
                        s->u.build.subconfig, m, e->name ? e->name : "", s->u.build.subconfig);
        const char *near = d && refs ? unused_near(r, refs, s->u.build.subconfig) : NULL;
        if (near) {
            diag_note(ctx, d, at, "did you mean %s?", near);
            diag_fixit(ctx, d, near);
        }
    }
}

void check_dir_subconfig_orphan(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const subrefs *refs = count_refs(r);
    if (!refs)
        return;
    for (uint32_t i = 0; i < refs->n; i++) {
        const ud_entry *e = refs->v[i].sub;
        if (!e->name || refs->v[i].count || ud_lookup(dir, e->name) != e)
            continue;
        diag_report(ctx, "dir-subconfig-orphan", ZVMC_SEV_WARNING,
                    ud_operand_loc(ctx, e, &e->stmts[0], 0),
                    "no BUILD statement names SUBCONFIG %s, so no member ever uses it: add "
                    "'BUILD ON member USING SUBCONFIG %s' to its IDENTITY, or delete it",
                    e->name, e->name);
    }
}

/* Two BUILDs share one SUBCONFIG (UNCONFIRMED that CP refuses it; each member's
 * SUBCONFIG is meant to be its own). */
void check_dir_subconfig_shared(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const subrefs *refs = count_refs(r);
    if (!refs)
        return;
    for_each_build(dir, e, s) {
        const ud_entry *sub = ud_lookup(dir, s->u.build.subconfig);
        const subref *x = sub && sub->kind == UD_E_SUBCONFIG ? find_ref(refs, sub) : NULL;
        if (!x || x->count < 2 || x->first == s)
            continue;
        zvmc_diag_int *d = diag_report(ctx, "dir-subconfig-shared", ZVMC_SEV_WARNING,
                                       ud_operand_loc(ctx, e, s, 4),
                                       "SUBCONFIG %s is already used by another BUILD: give "
                                       "each member its own SUBCONFIG (e.g. %s-1, %s-2...)",
                                       sub->name, x->by->name ? x->by->name : "NAME",
                                       x->by->name ? x->by->name : "NAME");
        diag_note(ctx, d, ud_stmt_loc(x->by, x->first), "the first BUILD that uses it is here");
    }
}

/* An IDENTITY without a BUILD for some member: on that member it is built
 * from its own statements only. */
void check_dir_identity_build_missing(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    if (res->source == UD_MEMBERS_NONE)
        return;
    uint64_t all = ud_all_members(res);
    for (uint32_t u = 0; u < res->nusers; u++) {
        const ud_entry *e = res->users[u];
        if (e->kind != UD_E_IDENTITY)
            continue;
        uint64_t have = 0;
        for (const ud_stmt *s = e->stmts; s < e->stmts + e->nstmts; s++) {
            if (s->kind != UD_S_BUILD || (s->flags & UD_F_BAD))
                continue;
            if (s->flags & UD_F_STAR) {
                have = all;
                break;
            }
            int m = ud_member_index(res, s->u.build.member);
            if (m >= 0 && m < 64)
                have |= (uint64_t)1 << m;
        }
        uint64_t missing = all & ~have;
        if (!missing)
            continue;
        if (ctx->member) {
            int m = ud_member_index(res, ctx->member);
            if (m < 0 || m >= 64 || !(missing & ((uint64_t)1 << m)))
                continue;
            missing = (uint64_t)1 << m;
        }
        char buf[256], first[64];
        zvmc_loc at = ud_operand_loc(ctx, e, &e->stmts[0], 0);
        if (!have)
            diag_report(ctx, "dir-identity-build-missing", ZVMC_SEV_WARNING, at,
                        "IDENTITY %s has no BUILD statement: on every member it has no "
                        "member-specific part; add 'BUILD ON member USING SUBCONFIG name' for "
                        "%s, or make it a USER", e->name, ud_member_list(res, missing, buf,
                                                                         sizeof buf));
        else
            diag_report(ctx, "dir-identity-build-missing", ZVMC_SEV_WARNING, at,
                        "IDENTITY %s has no BUILD for %s: there it is built without a "
                        "SUBCONFIG (no member-local minidisks or links); add 'BUILD ON %s USING "
                        "SUBCONFIG name'", e->name, ud_member_list(res, missing, buf, sizeof buf),
                        ud_member_list(res, missing & (~missing + 1), first, sizeof first));
    }
}

/* BUILD ON * (an SSI-ready directory) mixed with BUILD ON member (SSI-enabled). */
void check_dir_build_mixed(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_entry *star_e = NULL, *mem_e = NULL;
    const ud_stmt *star = NULL, *mem = NULL;
    uint32_t nstar = 0, nmem = 0;
    for_each_build(dir, e, s) {
        if (s->flags & UD_F_STAR) {
            if (!nstar++) {
                star = s;
                star_e = e;
            }
        } else if (!nmem++) {
            mem = s;
            mem_e = e;
        }
    }
    if (!nstar || !nmem)
        return;
    /* Report the minority form, at its first use. */
    int star_minor = nstar <= nmem;
    const ud_entry *ae = star_minor ? star_e : mem_e, *be = star_minor ? mem_e : star_e;
    const ud_stmt *as = star_minor ? star : mem, *bs = star_minor ? mem : star;
    zvmc_diag_int *d = diag_report(ctx, "dir-build-mixed", ZVMC_SEV_WARNING,
                                   ud_operand_loc(ctx, ae, as, 1),
                                   "this directory mixes BUILD ON * (%u, the SSI-ready form) with "
                                   "BUILD ON member (%u, the SSI-enabled form): use one form "
                                   "throughout, member names once the cluster is SSI-enabled",
                                   nstar, nmem);
    diag_note(ctx, d, ud_operand_loc(ctx, be, bs, 1), "the other form is used here");
}
