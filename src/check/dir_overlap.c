/* SPDX-License-Identifier: MIT */
/*
 * dir-mdisk-overlap: two minidisks that share cylinders (or blocks) of one
 * volume in one member's view, found by sorting extents per volume and
 * sweeping them, never by comparing all pairs.
 *
 *   - Full-pack minidisks (from cylinder 0 over the whole volume: a
 *     maintenance user's view of a pack) overlay everything on their volume
 *     by design: one note each, saying how many minidisks they overlay.
 *   - Allocation-map entries (a NOLOG $-user such as $ALLOC$ or $TEMP$ marks an
 *     area as taken by CP) may overlap each other; a minidisk in such an area
 *     is an error, said in those terms.
 *   - Any other overlap is an error, reported at the minidisk that starts later.
 *
 * Common extents (the same on every member) are swept once; each member's own
 * extents are swept against them and each other.  While sweeping, the extent
 * reaching furthest so far is kept per kind (ordinary, allocation map) and per
 * list (common, the member's), so an allocation-map entry cannot hide an
 * overlap between two ordinary minidisks.
 *
 * dir-volume-extent: a minidisk that runs past the end of its volume, when the
 * size of the volume is known (diskmap --volume, or a device type that has only
 * one size).
 */
#include <stdio.h>
#include <string.h>
#include "check/dir_checks.h"
#include "parse/directory_devices.h"
#include "parse/directory_parse.h"

typedef struct ostate {
    check_run *r;
    ud_seen seen;
    const ud_extents *x;
} ostate;

static const char *owner_name(const ud_resolved *res, const ud_extent *x)
{
    const char *n = res->users[x->user]->name;
    return n ? n : "?";
}

static void report(ostate *st, const ud_extent *later, const ud_extent *first, uint32_t member)
{
    zvmc_ctx *ctx = st->r->ctx;
    const ud_resolved *res = ctx->directory->res;
    if (!ud_seen_first(&st->seen, ctx, later->s, first->s))
        return;
    int map = later->cls == UD_XT_ALLOCMAP || first->cls == UD_XT_ALLOCMAP;
    const ud_entry *lu = res->users[later->user], *fu = res->users[first->user];
    const ud_seg *lseg = ud_extent_seg(res, later, member);
    const ud_seg *fseg = ud_extent_seg(res, first, member);
    uint32_t lstart = later->start, fstart = first->start;
    uint32_t lo = lstart, hi = later->end < first->end ? later->end : first->end;
    char where[64] = "", mbuf[48];
    if (member != UINT32_MAX && res->members[member])
        snprintf(where, sizeof where, " in the view of %s",
                 ud_member_label(res, member, mbuf, sizeof mbuf));
    const char *unit = ud_extent_unit(later);
    const char *vol = ud_extents_volser(st->x, later->vol);
    zvmc_loc at = ud_stmt_loc(lseg->owner, later->s);
    zvmc_diag_int *d;
    if (later->s == first->s) {
        /* one MDISK of a PROFILE, in the definition of every user that includes it */
        d = diag_report(ctx, "dir-mdisk-overlap", ZVMC_SEV_ERROR, at,
                        "MDISK %04X of PROFILE %s gives every user that includes it the same "
                        "%s (%u-%u on %s), so %s and %s overlap%s: put minidisks in the users' "
                        "own entries and keep LINKs in the profile", later->s->u.mdisk.vaddr,
                        lseg->owner->name ? lseg->owner->name : "?", unit, lstart, later->end,
                        vol, owner_name(res, first), owner_name(res, later), where);
        ud_note_origin(ctx, d, fu, fseg);
        ud_note_origin(ctx, d, lu, lseg);
        return;
    }
    if (map) {
        const ud_extent *m = later->cls == UD_XT_ALLOCMAP ? later : first;
        const ud_extent *disk = m == later ? first : later;
        d = diag_report(ctx, "dir-mdisk-overlap", ZVMC_SEV_ERROR, at,
                        "MDISK %04X of %s lies in an area of %s that %s marks as taken (%s "
                        "%u-%u)%s: the allocation-map entry protects CP space there; move the "
                        "minidisk", disk->s->u.mdisk.vaddr, owner_name(res, disk), vol,
                        owner_name(res, m), unit, lo, hi, where);
    } else {
        char shared[64];
        if (lo == hi)   /* "cylinder 3000 belongs", "cylinders 900-1000 belong" */
            snprintf(shared, sizeof shared, "%.*s %u belongs", (int)strlen(unit) - 1, unit, lo);
        else
            snprintf(shared, sizeof shared, "%s %u-%u belong", unit, lo, hi);
        d = diag_report(ctx, "dir-mdisk-overlap", ZVMC_SEV_ERROR, at,
                        "MDISK %04X of %s %s (%s %u-%u on %s) overlaps MDISK %04X of %s %s: "
                        "%s to both%s; move one of them", later->s->u.mdisk.vaddr,
                        ud_ekind_name(lu->kind), owner_name(res, later), unit, lstart,
                        later->end, vol, first->s->u.mdisk.vaddr, ud_ekind_name(fu->kind),
                        owner_name(res, first), shared, where);
    }
    ud_note_origin(ctx, d, lu, lseg);
    diag_note(ctx, d, ud_stmt_loc(fseg->owner, first->s), "MDISK %04X of %s (%s %u-%u) "
              "is defined here", first->s->u.mdisk.vaddr, owner_name(res, first), unit,
              fstart, first->end);
    ud_note_origin(ctx, d, fu, fseg);
}

/* The extents reaching furthest so far on the current volume, per kind. */
typedef struct reach {
    const ud_extent *real, *map;
} reach;

static void against(ostate *st, const ud_extent *x, const reach *a, uint32_t member)
{
    uint32_t start = x->start;
    if (a->real && a->real->end >= start)
        report(st, x, a->real, member);
    /* two allocation-map entries: nothing to say */
    if (a->map && a->map->end >= start && x->cls != UD_XT_ALLOCMAP)
        report(st, x, a->map, member);
}

static void extend(reach *a, const ud_extent *x)
{
    const ud_extent **slot = x->cls == UD_XT_ALLOCMAP ? &a->map : &a->real;
    if (!*slot || x->end > (*slot)->end)
        *slot = x;
}

static int before(const ud_extent *a, const ud_extent *b)
{
    if (a->vol != b->vol)
        return a->vol < b->vol;
    return a->start <= b->start;
}

/* Sweep the common list (member UINT32_MAX: common against common), or the
 * common list merged with member @m's list (only pairs that involve the
 * member's extents, the common ones having been reported already). */
static void sweep(ostate *st, uint32_t member)
{
    const ud_extents *x = st->x;
    const ud_extent *a = x->common, *b = member == UINT32_MAX ? NULL : x->spec[member];
    uint32_t na = x->ncommon, nb = member == UINT32_MAX ? 0 : x->nspec[member];
    uint32_t i = 0, j = 0;
    reach common = { NULL, NULL }, own = { NULL, NULL };
    uint32_t vol = 0;       /* no extent has volume 0 */
    while (i < na || j < nb) {
        int from_b = j < nb && (i >= na || before(&b[j], &a[i]));
        const ud_extent *e = from_b ? &b[j++] : &a[i++];
        if (e->vol != vol) {
            vol = e->vol;
            common.real = common.map = own.real = own.map = NULL;
        }
        if (e->cls == UD_XT_FULLPACK)
            continue;
        if (member == UINT32_MAX || from_b)
            against(st, e, &common, member);
        against(st, e, &own, member);
        extend(from_b ? &own : &common, e);
    }
}

/* How many other extents of a sorted list (by volume, start, end, statement)
 * lie on @self's volume and start by its end.  Three binary searches, not a
 * walk of the volume's extents: a note per full-pack minidisk made that
 * quadratic (80,000 users with a full-pack MDISK on one volume: 8.6 s). */
static uint32_t count_on(const ud_extent *v, uint32_t n, const ud_extent *self)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {       /* first extent on the volume */
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid].vol < self->vol)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t first = lo;
    hi = n;
    while (lo < hi) {       /* first extent past the volume or starting after the end */
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid].vol == self->vol && v[mid].start <= self->end)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t last = lo, at = first;
    hi = last;
    while (at < hi) {       /* the first extent of @self's statement, if any: they are
                             * sorted together, after those of smaller start or end */
        uint32_t mid = at + (hi - at) / 2;
        const ud_extent *e = &v[mid];
        if (e->start < self->start || (e->start == self->start && e->end < self->end) ||
            (e->start == self->start && e->end == self->end &&
             (uintptr_t)e->s < (uintptr_t)self->s))
            at = mid + 1;
        else
            hi = mid;
    }
    uint32_t c = last - first;
    for (; at < last && v[at].s == self->s; at++)
        c--;
    return c;
}

static void fullpack_notes(ostate *st, const ud_extent *v, uint32_t n, uint32_t member)
{
    zvmc_ctx *ctx = st->r->ctx;
    const ud_resolved *res = ctx->directory->res;
    for (uint32_t i = 0; i < n; i++) {
        const ud_extent *f = &v[i];
        if (f->cls != UD_XT_FULLPACK)
            continue;
        uint32_t c = count_on(st->x->common, st->x->ncommon, f);
        if (member != UINT32_MAX)
            c += count_on(st->x->spec[member], st->x->nspec[member], f);
        if (!c || !ud_seen_first(&st->seen, ctx, f->s, NULL))
            continue;
        const ud_entry *u = res->users[f->user];
        const ud_seg *fseg = ud_extent_seg(res, f, member);
        zvmc_diag_int *d = diag_report(ctx, "dir-mdisk-overlap", ZVMC_SEV_NOTE,
                                       ud_stmt_loc(fseg->owner, f->s),
                                       "MDISK %04X of %s is a full-pack minidisk of %s: it "
                                       "overlays the %u other minidisk%s on the volume, by "
                                       "design", f->s->u.mdisk.vaddr, owner_name(res, f),
                                       ud_extents_volser(st->x, f->vol),
                                       c, c == 1 ? "" : "s");
        ud_note_origin(ctx, d, u, fseg);
    }
}

void check_dir_mdisk_overlap(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_resolved *res = ctx->directory->res;
    ud_extents x;
    if (ud_extents_collect(ctx, res, &x) != 0) {
        ud_extents_free(ctx, &x);
        return;
    }
    ostate st;
    st.r = r;
    st.x = &x;
    ud_seen_init(&st.seen, r);
    sweep(&st, UINT32_MAX);
    fullpack_notes(&st, x.common, x.ncommon, UINT32_MAX);
    for (uint32_t m = 0; m < x.nmembers; m++) {
        if (!x.nspec[m] || !run_wants_member(r, res->members[m]))
            continue;
        sweep(&st, m);
        fullpack_notes(&st, x.spec[m], x.nspec[m], m);
    }
    ud_seen_free(&st.seen);
    ud_extents_free(ctx, &x);
}

void check_dir_volume_extent(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    ud_seen seen;
    ud_seen_init(&seen, r);
    for (uint32_t u = 0; u < res->nusers; u++) {
        const ud_entry *user = res->users[u];
        for (uint32_t m = 0; m < res->nmembers; m++) {
            const ud_view *v = ud_view_of(res, u, m);
            if (v->shared && m > 0)
                break;
            ud_view_for_each(v, sg, s) {
                if (s->kind != UD_S_MDISK || (s->flags & UD_F_BAD) ||
                    s->u.mdisk.ext != UD_EXT_CYL || !s->u.mdisk.vol)
                    continue;
                const char *vol = ud_mdisk_volume(res, m, s);
                uint32_t size = ud_volume_size(dir, vol, s->devclass);
                uint64_t end = (uint64_t)s->u.mdisk.start + s->u.mdisk.size - 1;
                if (!size || end < size || !ud_seen_first(&seen, ctx, s, vol))
                    continue;
                const char *unit = ud_devclass_is_fba((ud_devclass)s->devclass)
                                   ? "blocks" : "cylinders";
                zvmc_diag_int *d = diag_report(
                    ctx, "dir-volume-extent", ZVMC_SEV_ERROR, ud_operand_loc(ctx, sg->owner, s, 3),
                    "MDISK %04X of %s runs past the end of %s: it takes %s %u-%llu, and %s has "
                    "%s 0-%u", s->u.mdisk.vaddr, user->name ? user->name : "?", vol, unit,
                    s->u.mdisk.start, (unsigned long long)end, vol, unit, size - 1);
                ud_note_origin(ctx, d, user, sg);
                if (symtab_get(&dir->volsizes, vol, strlen(vol)))
                    diag_note(ctx, d, loc_none(), "%s has the size given for it (diskmap --volume or "
                              "--volumes)", vol);
                else
                    diag_note(ctx, d, loc_none(), "every %s volume has %u %s",
                              ud_devclass_name((ud_devclass)s->devclass), size, unit);
            }
        }
    }
    ud_seen_free(&seen);
}
