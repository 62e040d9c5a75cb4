/* SPDX-License-Identifier: MIT */
/*
 * dir-vaddr-duplicate: one virtual device address defined twice in a user's
 * resolved definition (its PROFILE, its own statements and, for an IDENTITY,
 * the member's SUBCONFIG).  A NICDEF repeated for the same address continues
 * the first; a NIC or simulated QDIO device takes several addresses.
 */
#include <stdio.h>
#include <stdlib.h>
#include "check/dir_checks.h"
#include "parse/directory_parse.h"

typedef struct dev {
    uint32_t lo, hi;            /* addresses taken */
    uint32_t order;             /* position in the view */
    const ud_stmt *s;
    const ud_seg *seg;
} dev;

static int dev_cmp(const void *a, const void *b)
{
    const dev *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int device_range(const ud_stmt *s, uint32_t *lo, uint32_t *hi)
{
    if (!ud_is_device(s->kind) || (s->flags & UD_F_BAD))
        return 0;
    switch (s->kind) {
    case UD_S_MDISK: *lo = *hi = s->u.mdisk.vaddr; return 1;
    case UD_S_LINK: *lo = *hi = s->u.link.vaddr; return 1;
    default:
        *lo = s->u.dev.vaddr;
        *hi = s->u.dev.vaddr + (s->u.dev.count ? s->u.dev.count - 1u : 0);
        return 1;
    }
}

typedef struct vstate {
    check_run *r;
    ud_seen seen;
    const ud_entry *user;       /* the user whose view is checked */
    dev *v;
    uint32_t n, cap;
} vstate;

static void report(vstate *st, const ud_view *view, uint32_t m, const dev *later,
                   const dev *first)
{
    zvmc_ctx *ctx = st->r->ctx;
    const ud_resolved *res = ctx->directory->res;
    if (!ud_seen_first(&st->seen, ctx, later->s, first->s))
        return;
    const ud_entry *u = st->user;
    char where[64] = "";
    char mbuf[48];
    if (!view->shared && res->members[m])
        snprintf(where, sizeof where, " on %s", ud_member_label(res, m, mbuf, sizeof mbuf));
    uint32_t addr = later->lo > first->lo ? later->lo : first->lo;
    zvmc_diag_int *d = diag_report(
        ctx, "dir-vaddr-duplicate", ZVMC_SEV_ERROR,
        ud_operand_loc(ctx, later->seg->owner, later->s, later->s->kind == UD_S_LINK ? 2 : 0),
        "virtual address %04X of %s %s is defined twice%s: this %s and the %s before it; give "
        "one of them another address", addr, ud_ekind_name(u->kind), u->name, where,
        ud_skind_name(later->s->kind), ud_skind_name(first->s->kind));
    ud_note_origin(ctx, d, u, later->seg);
    if (first->hi > first->lo)
        diag_note(ctx, d, ud_stmt_loc(first->seg->owner, first->s),
                  "the %s that takes %04X first: its %u devices are %04X-%04X",
                  ud_skind_name(first->s->kind), addr, first->hi - first->lo + 1, first->lo,
                  first->hi);
    else
        diag_note(ctx, d, ud_stmt_loc(first->seg->owner, first->s), "the %s that takes %04X first",
                  ud_skind_name(first->s->kind), addr);
    ud_note_origin(ctx, d, u, first->seg);
}

static void check_view(vstate *st, const ud_view *view, uint32_t m)
{
    st->n = 0;
    uint32_t order = 0;
    ud_view_for_each(view, sg, s) {
        uint32_t lo, hi;
        if (!device_range(s, &lo, &hi))
            continue;
        if (st->n == st->cap) {
            uint32_t cap = st->cap ? st->cap * 2 : 64;
            dev *v = zalloc_realloc(ctx_alloc(st->r->ctx), st->v, cap * sizeof *v);
            if (!v) {
                st->r->ctx->oom = 1;
                return;
            }
            st->v = v;
            st->cap = cap;
        }
        dev *d = &st->v[st->n++];
        d->lo = lo;
        d->hi = hi;
        d->order = order++;
        d->s = s;
        d->seg = sg;
    }
    if (st->n < 2)
        return;
    /* A user has a handful of devices: insertion sort beats qsort's set-up on
     * them (dev_cmp is a total order, so both give the same result). */
    if (st->n > 16) {
        qsort(st->v, st->n, sizeof *st->v, dev_cmp);
    } else {
        for (uint32_t i = 1; i < st->n; i++) {
            dev key = st->v[i];
            uint32_t j = i;
            for (; j > 0 && dev_cmp(&st->v[j - 1], &key) > 0; j--)
                st->v[j] = st->v[j - 1];
            st->v[j] = key;
        }
    }
    const dev *holder = &st->v[0];
    for (uint32_t i = 1; i < st->n; i++) {
        const dev *d = &st->v[i];
        if (d->lo <= holder->hi) {
            /* NICDEF vaddr ... repeated: the second adds operands to the first. */
            int continued = d->s->kind == UD_S_NICDEF && holder->s->kind == UD_S_NICDEF &&
                            d->lo == holder->lo;
            if (!continued)
                report(st, view, m, d->order > holder->order ? d : holder,
                       d->order > holder->order ? holder : d);
        }
        if (d->hi > holder->hi)
            holder = d;
    }
}

void check_dir_vaddr_duplicate(check_run *r)
{
    if (!ud_run_res(r))
        return;
    const ud_resolved *res = r->ctx->directory->res;
    vstate st;
    st.r = r;
    st.v = NULL;
    st.n = st.cap = 0;
    ud_seen_init(&st.seen, r);
    for (uint32_t u = 0; u < res->nusers; u++) {
        st.user = res->users[u];
        for (uint32_t m = 0; m < res->nmembers; m++) {
            const ud_view *v = ud_view_of(res, u, m);
            if (v->shared) {
                check_view(&st, v, m);
                break;
            }
            if (run_wants_member(r, res->members[m]))
                check_view(&st, v, m);
        }
    }
    zalloc_free(ctx_alloc(r->ctx), st.v);
    ud_seen_free(&st.seen);
}
