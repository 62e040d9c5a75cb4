/* SPDX-License-Identifier: MIT */
/*
 * Equivalence IDs (RDEVICE ... EQID).  Live Guest Relocation matches a guest's
 * dedicated OSA, FCP or HiperSockets device to a device of the same EQID on the
 * destination; only DASD get cluster-wide EQIDs by default (seed paper).
 *   eqid-type-conflict  one EQID given two TYPEs
 *   eqid-one-sided      an EQID that only one member defines
 *   rdev-eqid-conflict  one device given two EQIDs in one member's view
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/check.h"
#include "check/cluster_devices.h"
#include "check/relocation.h"
#include "util/names.h"

static int has_eqid(const sc_stmt *s)
{
    return s->kind == SC_RDEVICE && s->u.rdev.eqid.s && s->u.rdev.range_ok;
}

void check_eqid_type_conflict(check_run *r)
{
    symtab first;       /* EQID -> first RDEV statement that gave it a TYPE */
    symtab_init(&first, &r->ctx->alloc);
    sc_for_each_stmt(r->cfg, f, s) {
        if (!has_eqid(s) || !s->u.rdev.type.s)
            continue;
        const char *eq = s->u.rdev.eqid.s;
        int is_new;
        symtab_slot *slot = symtab_put(&first, eq, strlen(eq), &is_new);
        if (!slot) {
            r->ctx->oom = 1;
            break;
        }
        if (is_new) {
            slot->value = (void *)s;
            continue;
        }
        const sc_stmt *p = slot->value;
        if (p->u.rdev.type.s != s->u.rdev.type.s) {
            zvmc_diag_int *d = diag_report(r->ctx, "eqid-type-conflict", ZVMC_SEV_ERROR,
                s->u.rdev.type.loc,
                "EQID %s is TYPE %s here but TYPE %s earlier: equivalent devices must be of "
                "one type, or relocation matches a guest's device to the wrong kind",
                eq, s->u.rdev.type.s, p->u.rdev.type.s);
            diag_note(r->ctx, d, p->u.rdev.type.loc, "%s is first given TYPE %s here", eq,
                      p->u.rdev.type.s);
        }
    }
    symtab_free(&first);
}

/* Which members define each EQID: a bitmask over r->model.members. */
typedef struct eqid_info {
    const char *eqid;
    uint64_t members;
    const sc_stmt *first;       /* first defining statement */
} eqid_info;

static uint64_t stmt_members(const check_run *r, const sc_stmt *s)
{
    uint64_t m = 0;
    for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
        if (sc_applies(s, r->model.members[i].name))
            m |= (uint64_t)1 << i;
    return m;
}


/* An EQID's shape: letters and digits by position ("FCPX0001": AAAADDDD), in
 * @buf (at least len + 1 bytes). */
static void shape_of(const char *eq, size_t len, char *buf)
{
    for (size_t k = 0; k < len; k++)
        buf[k] = eq[k] >= '0' && eq[k] <= '9' ? 'D' : 'A';
    buf[len] = '\0';
}

/* How many EQIDs have each shape (shape -> count), for shape_votes().  The
 * shape strings live in the run's arena.  0, or -1 when out of memory. */
static int count_shapes(check_run *r, const eqid_info *v, size_t n, symtab *shapes)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(v[i].eqid);
        char *buf = arena_alloc(&r->arena, len + 1);
        if (!buf)
            return -1;
        shape_of(v[i].eqid, len, buf);
        int is_new;
        symtab_slot *slot = symtab_put(shapes, buf, len, &is_new);
        if (!slot)
            return -1;
        slot->value = (void *)((uintptr_t)slot->value + 1);
    }
    return 0;
}

/* How many other EQIDs share this one's shape?  Of two look-alike names, the
 * one shaped like its neighbours is the intended one: F0X00 beside F0Y00 and
 * F1X00, not FOX00.  (Counted once for all EQIDs: comparing with every EQID for
 * each finding was quadratic, 10 s for 8,000 one-sided EQIDs.) */
static size_t shape_votes(const symtab *shapes, const char *eq)
{
    size_t len = strlen(eq);
    char fixed[72], *buf = len < sizeof fixed ? fixed : NULL;
    if (!buf)
        return 0;       /* longer than any EQID the parser accepts */
    shape_of(eq, len, buf);
    uintptr_t c = (uintptr_t)symtab_get(shapes, buf, len);
    return c ? (size_t)c - 1 : 0;
}

/* lookalike_eqid()'s search: the first EQID found so far. */
typedef struct near_eqid {
    const symtab *idx;
    const eqid_info *v;
    size_t i, best;
    uint64_t m;
} near_eqid;

static void near_eqid_try(void *arg, const char *var, size_t len)
{
    near_eqid *q = arg;
    uintptr_t j = (uintptr_t)symtab_get(q->idx, var, len);
    if (j && j - 1 != q->i && !(q->v[j - 1].members & q->m) && j - 1 < q->best)
        q->best = j - 1;
}

/* The first EQID (in file order) that differs from v[i] by one look-alike
 * character (lookalike_distance 1) and that no member of @m defines.  Found by
 * looking up each one-character variant in @idx (EQID -> index + 1), not by
 * comparing with every EQID, which made the check quadratic. */
static const eqid_info *lookalike_eqid(const symtab *idx, const eqid_info *v, size_t i, uint64_t m)
{
    near_eqid q = { idx, v, i, SIZE_MAX, m };
    lookalike_variants(v[i].eqid, near_eqid_try, &q);
    return q.best == SIZE_MAX ? NULL : &v[q.best];
}

void check_eqid_one_sided(check_run *r)
{
    if (!r->model.ssi || r->model.nmembers < 2)
        return;
    symtab idx, shapes;     /* EQID -> index + 1; shape -> count (shape_votes) */
    symtab_init(&idx, &r->ctx->alloc);
    symtab_init(&shapes, &r->ctx->alloc);
    int shapes_done = 0;
    eqid_info *v = NULL;
    size_t n = 0, cap = 0;
    sc_for_each_stmt(r->cfg, f, s) {
        if (!has_eqid(s))
            continue;
        const char *eq = s->u.rdev.eqid.s;
        int is_new;
        symtab_slot *slot = symtab_put(&idx, eq, strlen(eq), &is_new);
        if (!slot)
            goto oom;
        if (is_new) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                eqid_info *nv = zalloc_realloc(&r->ctx->alloc, v, cap * sizeof *nv);
                if (!nv)
                    goto oom;
                v = nv;
            }
            v[n].eqid = eq;
            v[n].members = 0;
            v[n].first = s;
            slot->value = (void *)(uintptr_t)(n + 1);
            n++;
        }
        v[(uintptr_t)slot->value - 1].members |= stmt_members(r, s);
    }
    uint64_t all = r->model.nmembers >= 64 ? ~(uint64_t)0
                                           : (((uint64_t)1 << r->model.nmembers) - 1);
    for (size_t i = 0; i < n; i++) {
        uint64_t m = v[i].members;
        if (m == 0 || (m & (m - 1)) != 0)
            continue;       /* nobody, or two or more members */
        uint32_t owner = 0;
        while (!(m & ((uint64_t)1 << owner)))
            owner++;
        if (!run_wants_member(r, r->model.members[owner].name))
            continue;
        char lacking[256];
        devices_member_list(r, all & ~m, lacking, sizeof lacking);
        const sc_stmt *s = v[i].first;
        zvmc_diag_int *d = diag_report(r->ctx, "eqid-one-sided", ZVMC_SEV_WARNING, s->u.rdev.eqid.loc,
            "EQID %s is defined for %s only: %s %s no device with it, so a guest that uses "
            "this device cannot relocate away from %s", v[i].eqid, r->model.members[owner].name,
            lacking, (all & ~m & ((all & ~m) - 1)) ? "have" : "has", r->model.members[owner].name);
        reloc_note_eqid_users(r, d, owner, v[i].eqid);
        /* A near-identical EQID on another member is most likely what was meant
         * (the seed paper's FOX00, letter O, against F0X00, digit zero). */
        const eqid_info *best = lookalike_eqid(&idx, v, i, m);
        if (best && !shapes_done) {
            shapes_done = 1;
            if (count_shapes(r, v, n, &shapes) < 0)
                goto oom;
        }
        if (best) {
            char where[256];
            devices_member_list(r, best->members, where, sizeof where);
            int plural = (best->members & (best->members - 1)) != 0;
            if (shape_votes(&shapes, best->eqid) > shape_votes(&shapes, v[i].eqid)) {
                diag_note(r->ctx, d, best->first->u.rdev.eqid.loc,
                          "did you mean %s? %s %s it here", best->eqid, where,
                          plural ? "define" : "defines");
                diag_fixit(r->ctx, d, best->eqid);
            } else {
                diag_note(r->ctx, d, best->first->u.rdev.eqid.loc,
                          "%s %s %s, which differs only in look-alike characters; if both "
                          "name one device class, correct the misspelled one",
                          where, plural ? "define" : "defines", best->eqid);
            }
        }
    }
    zalloc_free(&r->ctx->alloc, v);
    symtab_free(&idx);
    symtab_free(&shapes);
    return;
oom:
    r->ctx->oom = 1;
    zalloc_free(&r->ctx->alloc, v);
    symtab_free(&idx);
    symtab_free(&shapes);
}

typedef struct rdev_def {
    uint32_t first, last;
    const sc_stmt *s;
} rdev_def;

static int rdev_cmp(const void *a, const void *b)
{
    const rdev_def *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->s->loc.begin < y->s->loc.begin ? -1 : x->s->loc.begin > y->s->loc.begin;
}

static void rdev_view(check_run *r, const char *member, int first_view)
{
    rdev_def *v = NULL;
    size_t n = 0, cap = 0;
    sc_kind_list rdevs = sc_stmts_of(r, SC_RDEVICE);
    for (uint32_t k = 0; k < rdevs.n; k++) {
        const sc_stmt *s = rdevs.v[k];
        if (!has_eqid(s) || !sc_applies(s, member))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            rdev_def *nv = zalloc_realloc(&r->ctx->alloc, v, cap * sizeof *nv);
            if (!nv) {
                r->ctx->oom = 1;
                zalloc_free(&r->ctx->alloc, v);
                return;
            }
            v = nv;
        }
        v[n].first = s->u.rdev.first;
        v[n].last = s->u.rdev.last;
        v[n].s = s;
        n++;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, rdev_cmp);
    /* Sweep: keep the definition reaching furthest so far. */
    size_t reach = 0;
    for (size_t i = 1; i < n; i++) {
        const rdev_def *a = &v[reach], *b = &v[i];
        if (b->first <= a->last && a->s->u.rdev.eqid.s != b->s->u.rdev.eqid.s &&
            (first_view || a->s->applies_to || b->s->applies_to)) {
            uint32_t dev = b->first;
            zvmc_diag_int *d = diag_report(r->ctx, "rdev-eqid-conflict", ZVMC_SEV_ERROR,
                b->s->u.rdev.eqid.loc,
                "device %04X is given EQID %s here and EQID %s earlier%s%s: a device has one "
                "EQID", dev, b->s->u.rdev.eqid.s, a->s->u.rdev.eqid.s,
                member ? " in the view of " : "", member ? member : "");
            diag_note(r->ctx, d, a->s->u.rdev.eqid.loc, "device %04X first gets EQID %s here", dev,
                      a->s->u.rdev.eqid.s);
        }
        if (b->last > a->last)
            reach = i;
    }
    zalloc_free(&r->ctx->alloc, v);
}

void check_rdev_eqid_conflict(check_run *r)
{
    if (r->model.nmembers == 0) {
        rdev_view(r, NULL, 1);
        return;
    }
    int first = 1;
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        if (!run_wants_member(r, r->model.members[i].name))
            continue;
        rdev_view(r, r->model.members[i].name, first);
        first = 0;
    }
}
