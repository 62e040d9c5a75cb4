/* SPDX-License-Identifier: MIT */
/*
 * The minidisk extents of every member's view (see dir_checks.h).
 *
 * Most users are defined the same way on every member, so most extents are
 * collected once, in the common list; only what differs per member (SUBCONFIG
 * and SYSAFFIN statements, and minidisks on &SYSRES, which is each member's
 * own residence volume) goes into per-member lists.  Overlap detection and
 * the disk map then sort and sweep these lists instead of comparing pairs.
 */
#include <stdlib.h>
#include <string.h>
#include "util/hugepage.h"
#include "check/dir_checks.h"
#include "parse/directory_devices.h"
#include "parse/directory_parse.h"
#include "util/names.h"

uint32_t ud_volume_size(const ud_directory *dir, const char *vol, unsigned devclass)
{
    void *v = vol ? symtab_get(&dir->volsizes, vol, strlen(vol)) : NULL;
    if (v)
        return (uint32_t)(uintptr_t)v;
    return ud_devclass_fixed_size((ud_devclass)devclass);
}

const char *ud_extent_unit(const ud_extent *x)
{
    return ud_devclass_is_fba((ud_devclass)x->s->devclass) ? "blocks" : "cylinders";
}

const ud_seg *ud_extent_seg(const ud_resolved *res, const ud_extent *x, uint32_t m)
{
    const ud_view *v = ud_view_of(res, x->user, m == UINT32_MAX ? 0 : m);
    for (uint32_t i = 0; i < v->nsegs; i++)
        if (ud_seg_holds(&v->segs[i], x->s))
            return &v->segs[i];
    return &v->segs[0];     /* not reached: the extent came from this view */
}

_Static_assert(sizeof(ud_extent) <= 24, "an extent is at most 24 bytes (dir_checks.h)");

static int xcmp(const void *a, const void *b)
{
    const ud_extent *x = a, *y = b;
    if (x->vol != y->vol)
        return x->vol < y->vol ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (uintptr_t)x->s < (uintptr_t)y->s ? -1 : (uintptr_t)x->s > (uintptr_t)y->s;
}

/* Sorted in place (qsort's merge sort would take a second copy of the list,
 * 5 MB at 100,000 guests, at the run's peak), in O(n log n) whatever order
 * the directory gives them in (util/introsort.h); xcmp is a total order, so
 * the result is the same as qsort's. */
#define INTROSORT_NAME sort_extents
#define INTROSORT_TYPE ud_extent
#define INTROSORT_CMP xcmp
#include "util/introsort.h"

/* An allocation-map owner: a NOLOG user whose ID starts with $ ($ALLOC$, $TEMP$,
 * $TDSK$...), which only marks areas of a volume as taken. */
static int is_allocmap(const zvmc_ctx *ctx, const ud_entry *u)
{
    if (!u->name || u->name[0] != '$' || !u->nstmts)
        return 0;
    ud_tok ops[2];
    if (ud_operands(ctx, u, &u->stmts[0], ops, 2) < 2)
        return 0;
    return ascii_casecmp_n(ud_tok_text(ctx, u->file, ops[1]), ops[1].len, "NOLOG") == 0;
}

static int placed(const ud_stmt *s)
{
    return s->kind == UD_S_MDISK && !(s->flags & UD_F_BAD) && s->u.mdisk.vol &&
           (s->u.mdisk.ext == UD_EXT_CYL || s->u.mdisk.ext == UD_EXT_END);
}

static void fill(const ud_directory *dir, const ud_extents *xs, ud_extent *x, uint32_t vol,
                 const ud_stmt *s, uint32_t u, int allocmap)
{
    uint32_t size = ud_volume_size(dir, ud_extents_volser(xs, vol), s->devclass);
    x->vol = vol;
    x->s = s;
    x->start = s->u.mdisk.start;
    x->user = u;
    if (s->u.mdisk.ext == UD_EXT_END)
        x->end = size > s->u.mdisk.start ? size - 1 : UINT32_MAX - 1;
    else
        x->end = s->u.mdisk.start + s->u.mdisk.size - 1;
    int full = s->u.mdisk.start == 0 &&
               (s->u.mdisk.ext == UD_EXT_END ||
                ud_is_fullpack_size((ud_devclass)s->devclass, 0, s->u.mdisk.size) ||
                (size && s->u.mdisk.size >= size));
    x->cls = full ? UD_XT_FULLPACK : allocmap ? UD_XT_ALLOCMAP : UD_XT_REAL;
}

/* Number the volumes: dir->vols, then each member's residence volume (what
 * &SYSRES stands for on it) that no MDISK names. */
static int number_volumes(zvmc_ctx *ctx, const ud_resolved *res, ud_extents *x)
{
    const zvmc_alloc *a = ctx_alloc(ctx);
    const ud_directory *dir = res->dir;
    uint32_t nm = res->nmembers, nres = 0;
    x->dirvols = dir->vols;
    x->ndirvols = dir->nvols ? dir->nvols : 1;      /* id 0: no volume */
    x->resvols = zalloc_calloc(a, nm ? nm : 1, sizeof *x->resvols);
    x->resid = zalloc_calloc(a, nm ? nm : 1, sizeof *x->resid);
    if (!x->resvols || !x->resid)
        return 0;
    for (uint32_t m = 0; m < nm; m++) {
        const char *vol = res->sysres[m];
        if (!vol)
            continue;
        uint32_t id = ud_volume_find(dir, vol);
        for (uint32_t k = 0; !id && k < nres; k++)
            if (x->resvols[k] == vol)
                id = x->ndirvols + k;
        if (!id) {
            x->resvols[nres] = vol;
            id = x->ndirvols + nres++;
        }
        x->resid[m] = id;
    }
    return 1;
}

/* Walk every placed MDISK of every view once: to count (@x NULL), then to fill.
 * A statement in every member's view (and not on &SYSRES) is common; any other
 * goes to each member whose view holds it, taken at the first such member. */
static void walk(zvmc_ctx *ctx, const ud_resolved *res, ud_extents *x, uint32_t *ncommon,
                 uint32_t *nspec)
{
    const ud_directory *dir = ctx->directory;
    uint32_t nm = res->nmembers;
    uint64_t all = ud_all_members(res);
    for (uint32_t u = 0; u < res->nusers; u++) {
        const ud_view *v0 = ud_view_of(res, u, 0);
        int allocmap = -1;      /* computed at the first minidisk */
        for (uint32_t m = 0; m < nm; m++) {
            const ud_view *v = ud_view_of(res, u, m);
            ud_view_for_each(v, sg, s) {
                if (!placed(s))
                    continue;
                if (allocmap < 0)
                    allocmap = is_allocmap(ctx, res->users[u]);
                uint64_t mask = v0->shared ? all : ud_view_mask(res, u, s);
                /* taken at an earlier member already (masks hold members 0-63) */
                uint64_t earlier = m < 64 ? (((uint64_t)1 << m) - 1) : ~(uint64_t)0;
                if (!v0->shared && (mask & earlier))
                    continue;
                if (mask == all && !(s->flags & UD_F_SYSRES)) {
                    if (x)
                        fill(dir, x, &x->common[*ncommon], s->u.mdisk.vol, s, u, allocmap);
                    (*ncommon)++;
                    continue;
                }
                for (uint32_t k = 0; k < nm && k < 64; k++) {
                    if (!(mask & ((uint64_t)1 << k)))
                        continue;
                    /* ud_mdisk_volume(), as an id */
                    uint32_t vol = (s->flags & UD_F_SYSRES) && x && x->resid[k]
                                       ? x->resid[k] : s->u.mdisk.vol;
                    if (x)
                        fill(dir, x, &x->spec[k][nspec[k]], vol, s, u, allocmap);
                    nspec[k]++;
                }
            }
            if (v0->shared)
                break;
        }
    }
}

int ud_extents_collect(zvmc_ctx *ctx, const ud_resolved *res, ud_extents *out)
{
    const zvmc_alloc *a = ctx_alloc(ctx);
    uint32_t nm = res->nmembers;
    memset(out, 0, sizeof *out);
    out->nmembers = nm;
    out->spec = zalloc_calloc(a, nm, sizeof *out->spec);
    out->nspec = zalloc_calloc(a, nm, sizeof *out->nspec);
    if (!out->spec || !out->nspec || !number_volumes(ctx, res, out))
        goto oom;
    /* Count, then allocate each list at its size: no growth, no slack. */
    walk(ctx, res, NULL, &out->ncommon, out->nspec);
    out->common = huge_alloc_dense(a, ((size_t)out->ncommon + 1) * sizeof *out->common);
    if (!out->common)
        goto oom;
    for (uint32_t m = 0; m < nm; m++) {
        out->spec[m] = huge_alloc_dense(a, ((size_t)out->nspec[m] + 1) * sizeof *out->spec[m]);
        if (!out->spec[m])
            goto oom;
    }
    uint32_t ncommon = 0;
    uint32_t *nspec = zalloc_calloc(a, nm, sizeof *nspec);
    if (!nspec)
        goto oom;
    walk(ctx, res, out, &ncommon, nspec);
    zalloc_free(a, nspec);
    sort_extents(out->common, out->ncommon);
    for (uint32_t m = 0; m < nm; m++)
        sort_extents(out->spec[m], out->nspec[m]);
    return 0;
oom:
    ctx->oom = 1;
    ud_extents_free(ctx, out);
    return ZVMC_ENOMEM;
}

void ud_extents_free(zvmc_ctx *ctx, ud_extents *x)
{
    huge_free(ctx_alloc(ctx), x->common);
    for (uint32_t m = 0; x->spec && m < x->nmembers; m++)
        huge_free(ctx_alloc(ctx), x->spec[m]);
    zalloc_free(ctx_alloc(ctx), x->spec);
    zalloc_free(ctx_alloc(ctx), x->nspec);
    zalloc_free(ctx_alloc(ctx), x->resvols);
    zalloc_free(ctx_alloc(ctx), x->resid);
    memset(x, 0, sizeof *x);
}
