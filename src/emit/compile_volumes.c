/* SPDX-License-Identifier: MIT */
/*
 * The volumes of an object directory: every volume the SYSTEM CONFIG names
 * (CP_Owned, User_Volume_List) and every volume a minidisk is on, each with
 * the members that see it, and the extents of the minidisks on it.
 *
 * A volume's member mask is what the relocation rules take from the SYSTEM
 * CONFIG (CP_Owned, User_Volume_List, User_Volume_Include); 0 when no
 * statement names it, which the rules take as shared.  Extents are sorted by
 * start, size, owner and address, so their order does not depend on the order
 * of the directory's entries; one defined the same on several members is kept
 * once.
 */
#include <stdlib.h>
#include <string.h>
#include "emit/compile.h"
#include "util/hugepage.h"

int compile_add_extent(compile_state *st, const cextent *x)
{
    if (st->next == st->extcap) {
        const zvmc_alloc *a = &st->ctx->alloc;
        size_t cap = st->extcap ? 2 * st->extcap : 1024;
        if (cap > SIZE_MAX / sizeof(cextent))
            return ZVMC_ENOMEM;
        /* huge pages: fewer faults; compile_build() frees it with huge_free() */
        cextent *v = huge_realloc(a, st->ext, st->extcap * sizeof *v, cap * sizeof *v);
        if (!v)
            return ZVMC_ENOMEM;
        st->ext = v;
        st->extcap = cap;
    }
    cextent *e = &st->ext[st->next++];
    *e = *x;
    e->vkey = 0;
    for (size_t i = 0, end = 0; i < 8; i++) {
        end = end || !x->volser[i];
        e->vkey = e->vkey << 8 | (end ? 0 : (unsigned char)x->volser[i]);
    }
    return 0;
}

static int same_extent(const cextent *a, const cextent *b)
{
    return a->volser == b->volser && a->start == b->start && a->size == b->size &&
           a->vaddr == b->vaddr;
}

static uint32_t extent_hash(const cextent *x)
{
    uint64_t h = (uint64_t)(uintptr_t)x->volser ^ ((uint64_t)x->start << 32 | x->size) ^
                 ((uint64_t)x->vaddr << 48);
    h *= 0x9E3779B97F4A7C15u;
    return (uint32_t)(h >> 32);
}

/* Keep one of each extent that user's views on several members share: the
 * extents from @first on are one user's.  A user has few minidisks, and a
 * scan of those kept will do; past 32, a hash table of them (a user of
 * 64,000 minidisks took 2.5 s of scans). */
void compile_user_extents_done(compile_state *st, size_t first)
{
    size_t n = st->next - first, kept = 0;
    if (n == 0)
        return;     /* st->ext may still be NULL: no arithmetic on it */
    cextent *x = st->ext + first;
    const zvmc_alloc *al = &st->ctx->alloc;
    uint32_t *slot = NULL;      /* index in x + 1; 0: empty */
    size_t cap = 64;
    if (n > 32 && n < UINT32_MAX / 2) {
        while (cap < 2 * n)
            cap *= 2;
        slot = zalloc_calloc(al, cap, sizeof *slot);    /* none: the scan still works */
    }
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        if (slot) {
            size_t k = extent_hash(&x[i]) & (cap - 1);
            for (; slot[k] && !dup; k = (k + 1) & (cap - 1))
                dup = same_extent(&x[slot[k] - 1], &x[i]);
            if (!dup)
                slot[k] = (uint32_t)kept + 1;
        } else {
            for (size_t k = 0; k < kept && !dup; k++)
                dup = same_extent(&x[k], &x[i]);
        }
        if (!dup)
            x[kept++] = x[i];
    }
    zalloc_free(al, slot);
    st->next = first + kept;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int ext_cmp(const void *pa, const void *pb)
{
    const cextent *a = pa, *b = pb;
    if (a->vkey != b->vkey)
        return a->vkey < b->vkey ? -1 : 1;
    int c = a->volser == b->volser ? 0 : strcmp(a->volser, b->volser);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->size != b->size)
        return a->size < b->size ? -1 : 1;
    if (a->owner != b->owner && (c = strcmp(a->owner_name, b->owner_name)) != 0)
        return c;
    return a->vaddr < b->vaddr ? -1 : a->vaddr > b->vaddr;
}

/*
 * Sort the extents: a merge sort through a huge_* buffer (qsort() would take
 * its own from malloc, and fault it in 4 KiB at a time).  Extents that
 * compare equal are the same extent (ext_same()), so the order is the one
 * any sort gives.  -1 when out of memory.
 */
static int sort_extents(compile_state *st)
{
    enum { RUN = 16 };
    size_t n = st->next;
    cextent *a = st->ext, *t;
    if (n < 2)
        return 0;
    for (size_t lo = 0; lo < n; lo += RUN) {    /* insertion sort of short runs */
        size_t hi = n - lo < RUN ? n : lo + RUN;
        for (size_t i = lo + 1; i < hi; i++) {
            cextent x = a[i];
            size_t j = i;
            for (; j > lo && ext_cmp(&a[j - 1], &x) > 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
    }
    if (n <= RUN)
        return 0;
    if (!(t = huge_alloc(&st->ctx->alloc, n * sizeof *t)))
        return -1;
    cextent *from = a, *to = t;
    for (size_t w = RUN; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = n - lo < w ? n : lo + w, hi = n - mid < w ? n : mid + w;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                to[k++] = ext_cmp(&from[j], &from[i]) < 0 ? from[j++] : from[i++];
            while (i < mid)
                to[k++] = from[i++];
            while (j < hi)
                to[k++] = from[j++];
        }
        cextent *x = from;
        from = to;
        to = x;
    }
    if (from != a)
        memcpy(a, from, n * sizeof *a);
    huge_free(&st->ctx->alloc, t);
    return 0;
}

static int ext_same(const cextent *a, const cextent *b)
{
    return a->owner == b->owner && a->start == b->start && a->size == b->size &&
           a->vaddr == b->vaddr && !strcmp(a->volser, b->volser);
}

static uint32_t to_mask(const compile_state *st, member_mask cfgmask)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < st->m; i++)
        if (st->cfg[i] >= 0 && ((cfgmask >> st->cfg[i]) & 1))
            m |= 1u << i;
    return m;
}

int compile_volumes(compile_state *st)
{
    const cluster_devices *d = st->dev;
    size_t nconf = 0;
    if (d)
        for (size_t i = 0; i < d->volumes.cap; i++)
            nconf += d->volumes.slots[i].key != NULL;
    /* every volser once: the configuration's, then the extents' (sorted) */
    size_t room = nconf + st->next + 1;
    const char **vols = huge_alloc(&st->ctx->alloc, 2 * room * sizeof *vols);
    if (!vols)
        return ZVMC_ENOMEM;
    const char **cfg = vols + room;     /* the configuration's, then the extents' */
    size_t ncfg = 0, nv = 0;
    for (size_t i = 0; d && i < d->volumes.cap; i++) {
        const char *k = d->volumes.slots[i].key;
        if (k && *k && strlen(k) <= ZVMC_OBJDIR_MAX_NAME)
            cfg[ncfg++] = k;
    }
    if (sort_extents(st) < 0) {
        huge_free(&st->ctx->alloc, vols);
        return ZVMC_ENOMEM;
    }
    qsort(cfg, ncfg, sizeof *cfg, str_cmp);
    /* The extents are in strcmp() order of their volsers already (ext_cmp()):
     * they are merged with the configuration's, not sorted again (for a
     * 100,000-guest cluster the sort of all the volsers took 73 million
     * instructions, that of the configuration's takes 41 million). */
    size_t nx = ncfg;
    for (size_t i = 0; i < st->next; i++)
        if (i == 0 || strcmp(st->ext[i].volser, st->ext[i - 1].volser) != 0)
            cfg[nx++] = st->ext[i].volser;
    for (size_t i = 0, j = ncfg; i < ncfg || j < nx;)
        vols[nv++] = j == nx || (i < ncfg && strcmp(cfg[i], cfg[j]) <= 0) ? cfg[i++] : cfg[j++];
    int rc = compile_rc(zvmc_odb_reserve(st->b, 0, nv, st->next));
    size_t kept = 0;
    for (size_t i = 0; i < nv && rc == 0; i++) {
        if (kept && !strcmp(vols[kept - 1], vols[i]))
            continue;
        vols[kept++] = vols[i];
        int known;
        member_mask mm = d ? devices_volume_members(d, vols[i], &known) : 0;
        rc = compile_rc(zvmc_odb_add_volume(st->b, vols[i], to_mask(st, mm)));
        if (rc < 0)
            break;
    }
    /* the volume handles are the indexes of vols[0..kept) */
    size_t h = 0;
    for (size_t i = 0; i < st->next && rc == 0; i++) {
        const cextent *x = &st->ext[i];
        if (i && ext_same(x, &st->ext[i - 1]))
            continue;
        while (h < kept && strcmp(vols[h], x->volser) < 0)
            h++;
        struct zvmc_extent e = { x->start, x->size, x->owner, x->vaddr };
        rc = compile_rc(zvmc_odb_volume_extent(st->b, (int)h, &e));
    }
    huge_free(&st->ctx->alloc, vols);
    return rc;
}
