/* SPDX-License-Identifier: MIT */
/*
 * dir-link-target: a LINK to a user the directory does not define, or to a
 * minidisk the owner does not have on that member.  A LINK reaches a minidisk
 * in the owner's definition as CP builds it on the member the linking user is
 * logged on to, so an IDENTITY's SUBCONFIG minidisks exist only on the members
 * whose BUILD names that SUBCONFIG.
 *
 * A LINK statement is judged once whatever the number of users that include
 * it, with the list of members where it fails.
 */
#include <stdio.h>
#include <string.h>
#include "check/dir_checks.h"
#include "parse/directory_parse.h"

/* What the owner has at an address on a member: the MDISK, another device, or nothing. */
static const ud_stmt *find_device(const ud_view *v, uint16_t vaddr, const ud_seg **seg_out)
{
    const ud_stmt *other = NULL;
    ud_view_for_each(v, sg, s) {
        if (s->flags & UD_F_BAD)
            continue;
        if (s->kind == UD_S_MDISK && s->u.mdisk.vaddr == vaddr) {
            *seg_out = sg;
            return s;
        }
        if (!other && ud_is_device(s->kind) && s->kind != UD_S_MDISK) {
            uint32_t lo = s->kind == UD_S_LINK ? s->u.link.vaddr : s->u.dev.vaddr;
            uint32_t n = s->kind == UD_S_LINK ? 1 : s->u.dev.count;
            if (vaddr >= lo && vaddr < lo + n) {
                other = s;
                *seg_out = sg;
            }
        }
    }
    return other;
}

/* The members on which a user has a minidisk at an address, by (user, vaddr):
 * a PROFILE's LINK is judged for every user that includes it, and most LINKs
 * of a directory go to a few owners (MAINT 0190, a shared tools disk). */
typedef struct lcache_slot {
    uint64_t key;               /* (user << 16 | vaddr) + 1; 0: empty */
    uint64_t mdisk;             /* member mask */
} lcache_slot;

typedef struct lstate {
    check_run *r;
    ud_seen seen;
    uint32_t u;                 /* the user whose views are judged */
    lcache_slot *cache;
    uint32_t cache_cap, cache_n;    /* cap: a power of two, or 0 (no cache) */
    uint8_t *owner;             /* by user: OWNER_*, for mdisk_members() */
} lstate;

/* How a LINK owner's minidisks are cached: a small owner's per address asked
 * (a walk of its few statements each), a large one's all at once. */
enum { OWNER_UNSEEN = 0, OWNER_SMALL, OWNER_LARGE, OWNER_INDEXED };

static uint64_t mdisk_members_scan(const ud_resolved *res, uint32_t t, uint16_t vaddr)
{
    uint64_t have = 0;
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
        const ud_seg *tsg = NULL;
        const ud_stmt *dev = find_device(ud_view_of(res, t, m), vaddr, &tsg);
        if (dev && dev->kind == UD_S_MDISK)
            have |= (uint64_t)1 << m;
    }
    return have;
}

static int lcache_grow(lstate *st)
{
    uint32_t cap = st->cache_cap ? st->cache_cap * 2 : 256;
    lcache_slot *v = zalloc_calloc(ctx_alloc(st->r->ctx), cap, sizeof *v);
    if (!v)
        return 0;
    for (uint32_t i = 0; i < st->cache_cap; i++) {
        if (!st->cache[i].key)
            continue;
        uint32_t j = (uint32_t)(st->cache[i].key * 0x9E3779B97F4A7C15u >> 40) & (cap - 1);
        while (v[j].key)
            j = (j + 1) & (cap - 1);
        v[j] = st->cache[i];
    }
    zalloc_free(ctx_alloc(st->r->ctx), st->cache);
    st->cache = v;
    st->cache_cap = cap;
    return 1;
}

/* The cache slot of @key, added empty when new (*is_new); NULL when the cache
 * cannot grow. */
static lcache_slot *lcache_slot_for(lstate *st, uint64_t key, int *is_new)
{
    if (st->cache_n * 2 >= st->cache_cap && !lcache_grow(st))
        return NULL;
    uint32_t j = (uint32_t)(key * 0x9E3779B97F4A7C15u >> 40) & (st->cache_cap - 1);
    while (st->cache[j].key && st->cache[j].key != key)
        j = (j + 1) & (st->cache_cap - 1);
    *is_new = !st->cache[j].key;
    if (*is_new) {
        st->cache[j].key = key;
        st->cache[j].mdisk = 0;
        st->cache_n++;
    }
    return &st->cache[j];
}

/* Does user @t have more than 64 statements in some member's view? */
static int large_owner(const ud_resolved *res, uint32_t t)
{
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
        const ud_view *v = ud_view_of(res, t, m);
        if (ud_view_larger_than(v, 64))
            return 1;
        if (v->shared)
            break;      /* the same view on every member */
    }
    return 0;
}

/* The members on which user @t has a minidisk at @vaddr, cached by address.
 * For an owner of many statements, every minidisk of its views goes into the
 * cache the first time it is asked about: a walk of the views per address
 * made an owner of N minidisks, each linked, cost N walks (64,000: 1.7 s).  A
 * small owner (most: a tools disk, a guest's shared disk) is walked once per
 * address asked, which costs less than caching all its minidisks. */
/* Put every minidisk of large owner @t into the cache; 0 when it cannot grow. */
static int index_owner(lstate *st, const ud_resolved *res, uint32_t t)
{
    int is_new;
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
        ud_view_for_each(ud_view_of(res, t, m), sg, s) {
            if (s->kind != UD_S_MDISK || (s->flags & UD_F_BAD))
                continue;
            lcache_slot *sl = lcache_slot_for(st, (((uint64_t)t << 16) | s->u.mdisk.vaddr) + 1,
                                              &is_new);
            if (!sl)
                return 0;
            sl->mdisk |= (uint64_t)1 << m;
        }
    }
    return 1;
}

static uint64_t mdisk_members(lstate *st, const ud_resolved *res, uint32_t t, uint16_t vaddr)
{
    uint64_t key = (((uint64_t)t << 16) | vaddr) + 1;
    if (st->cache_cap) {    /* most calls: a hit */
        uint32_t j = (uint32_t)(key * 0x9E3779B97F4A7C15u >> 40) & (st->cache_cap - 1);
        while (st->cache[j].key && st->cache[j].key != key)
            j = (j + 1) & (st->cache_cap - 1);
        if (st->cache[j].key)
            return st->cache[j].mdisk;
    }
    if (!st->owner && !(st->owner = zalloc_calloc(ctx_alloc(st->r->ctx), res->nusers, 1)))
        return mdisk_members_scan(res, t, vaddr);   /* no memory for the cache: scan */
    if (st->owner[t] == OWNER_UNSEEN)
        st->owner[t] = large_owner(res, t) ? OWNER_LARGE : OWNER_SMALL;
    if (st->owner[t] == OWNER_LARGE) {
        if (!index_owner(st, res, t))
            return mdisk_members_scan(res, t, vaddr);
        st->owner[t] = OWNER_INDEXED;
    }
    int is_new;
    lcache_slot *sl = lcache_slot_for(st, key, &is_new);
    if (!sl)
        return mdisk_members_scan(res, t, vaddr);
    if (is_new && st->owner[t] == OWNER_SMALL)
        sl->mdisk = mdisk_members_scan(res, t, vaddr);
    return sl->mdisk;
}

static void no_user(lstate *st, const ud_seg *sg, const ud_stmt *s)
{
    zvmc_ctx *ctx = st->r->ctx;
    const ud_directory *dir = ctx->directory;
    if (!ud_seen_first(&st->seen, ctx, s, NULL))
        return;
    const ud_entry *t = ud_lookup(dir, s->u.link.user);
    zvmc_loc at = ud_operand_loc(ctx, sg->owner, s, 0);
    zvmc_diag_int *d;
    if (t) {
        d = diag_report(ctx, "dir-link-target", ZVMC_SEV_ERROR, at,
                        "LINK to %s, which is a %s, not a user: a LINK names the user that owns "
                        "the minidisk", t->name, ud_ekind_name(t->kind));
        diag_note(ctx, d, ud_operand_loc(ctx, t, &t->stmts[0], 0), "%s %s is defined here",
                  ud_ekind_name(t->kind), t->name);
    } else {
        d = diag_report(ctx, "dir-link-target", ZVMC_SEV_ERROR, at,
                        "LINK to user %s, which this directory does not define: the link fails "
                        "at logon", s->u.link.user);
        const char *near = d ? ud_nearest_name(st->r, s->u.link.user, UD_E_USER) : NULL;
        if (!near && d)
            near = ud_nearest_name(st->r, s->u.link.user, UD_E_IDENTITY);
        if (near) {
            diag_note(ctx, d, at, "did you mean %s?", near);
            diag_fixit(ctx, d, near);
        }
    }
    ud_note_origin(ctx, d, dir->res->users[st->u], sg);
}

/* Judge one LINK of user @st->u, held in its views for members @mask. */
static void judge(lstate *st, const ud_seg *sg, const ud_stmt *s, uint64_t mask)
{
    zvmc_ctx *ctx = st->r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    /* LINK * links the user's own minidisk (in a PROFILE: the including user's). */
    uint32_t t = (s->flags & UD_F_STAR) ? st->u
                                        : ud_user_index(dir, res, s->u.link.user);
    if (t == UINT32_MAX) {
        if (!res->fragment || ud_lookup(dir, s->u.link.user))
            no_user(st, sg, s);
        return;
    }
    uint64_t missing = mask & ~mdisk_members(st, res, t, s->u.link.target);
    if (!missing || !ud_seen_first(&st->seen, ctx, s, res->users[t]))
        return;
    /* A finding: find the statements to name. */
    missing = 0;
    const ud_stmt *wrong = NULL, *found = NULL;
    const ud_seg *wrong_seg = NULL, *found_seg = NULL;
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
        const ud_seg *tsg = NULL;
        const ud_stmt *dev = find_device(ud_view_of(res, t, m), s->u.link.target, &tsg);
        if (dev && dev->kind == UD_S_MDISK) {
            found = dev;
            found_seg = tsg;
            continue;
        }
        if (!(mask & ((uint64_t)1 << m)))
            continue;
        missing |= (uint64_t)1 << m;
        if (dev && !wrong) {
            wrong = dev;
            wrong_seg = tsg;
        }
    }
    const ud_entry *owner = res->users[t];
    char where[300] = "", list[256];
    if (res->members[0] && res->nmembers > 1 && missing == ud_all_members(res))
        snprintf(where, sizeof where, " on any member");
    else if (res->members[0])
        snprintf(where, sizeof where, " on %s %s",
                 (missing & (missing - 1)) ? "members" : "member",
                 ud_member_list(res, missing, list, sizeof list));
    zvmc_loc at = ud_operand_loc(ctx, sg->owner, s, 1);
    zvmc_diag_int *d = diag_report(ctx, "dir-link-target", ZVMC_SEV_ERROR, at,
                                   "LINK %s %04X: %s %s has no minidisk %04X%s, so the link "
                                   "fails at logon", owner->name, s->u.link.target,
                                   ud_ekind_name(owner->kind), owner->name, s->u.link.target,
                                   where);
    ud_note_origin(ctx, d, res->users[st->u], sg);
    if (wrong)
        diag_note(ctx, d, ud_stmt_loc(wrong_seg->owner, wrong),
                  "%04X of %s is a %s, not a minidisk: a LINK reaches only a minidisk its owner "
                  "defines", s->u.link.target, owner->name, ud_skind_name(wrong->kind));
    else if (found)
        diag_note(ctx, d, ud_stmt_loc(found_seg->owner, found),
                  "%s has %04X only on other members: it is defined in %s %s",
                  owner->name, s->u.link.target, ud_ekind_name(found_seg->owner->kind),
                  found_seg->owner->name ? found_seg->owner->name : "");
}

void check_dir_link_target(check_run *r)
{
    if (!ud_run_res(r))
        return;
    const ud_resolved *res = r->ctx->directory->res;
    lstate st;
    memset(&st, 0, sizeof st);
    st.r = r;
    ud_seen_init(&st.seen, r);
    uint64_t wanted = 0;
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++)
        if (run_wants_member(r, res->members[m]))
            wanted |= (uint64_t)1 << m;
    for (uint32_t u = 0; u < res->nusers; u++) {
        const ud_view *v0 = ud_view_of(res, u, 0);
        st.u = u;
        if (v0->shared) {
            ud_view_for_each(v0, sg, s)
                if (s->kind == UD_S_LINK && !(s->flags & UD_F_BAD))
                    judge(&st, sg, s, wanted);
            continue;
        }
        /* Per-member views: a LINK seen in several is judged once, for all of them. */
        for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
            const ud_view *v = ud_view_of(res, u, m);
            ud_view_for_each(v, sg, s) {
                if (s->kind != UD_S_LINK || (s->flags & UD_F_BAD))
                    continue;
                uint64_t mask = ud_view_mask(res, u, s);
                if (mask & ((uint64_t)1 << m) && !(mask & (((uint64_t)1 << m) - 1)))
                    judge(&st, sg, s, mask & wanted);
            }
        }
    }
    ud_seen_free(&st.seen);
    zalloc_free(ctx_alloc(r->ctx), st.cache);
    zalloc_free(ctx_alloc(r->ctx), st.owner);
}
