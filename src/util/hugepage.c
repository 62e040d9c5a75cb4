/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE     /* MADV_HUGEPAGE */
#include <stdint.h>
#include <string.h>
#include "util/hugepage.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* Room before every block, keeping 16-byte alignment: at p - 16 the length of
 * the mapping a mapped block is in (0 for an allocator's block), at p - 8 the
 * allocator's pointer or the mapping's start. */
#define HEADER ((size_t)16)
#define SMALL_PAGE ((size_t)4096)

static void set_header(uintptr_t p, size_t mapped, void *base)
{
    memcpy((void *)(p - HEADER), &mapped, sizeof mapped);
    memcpy((void *)(p - sizeof base), &base, sizeof base);
}

/* Large blocks of the default allocator are mapped straight from the kernel:
 * memory malloc reuses has often been touched in 4 KiB pages already, and a
 * range that has is never made a huge page again, advice or not.  The pages
 * come zeroed, so a zeroed block needs no memset either.  Blocks of a
 * caller's allocator (zvmc_ctx_new) always go through it. */
#if defined(__linux__) && defined(MAP_ANONYMOUS)
#define HAVE_MAP 1
static void *map_block(size_t whole)
{
    /* one small page for the header before the block, and room to align */
    if (whole > SIZE_MAX - SMALL_PAGE - HUGE_PAGE)
        return NULL;
    size_t len = SMALL_PAGE + whole + HUGE_PAGE;
    void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    uintptr_t b = (uintptr_t)m;
    uintptr_t p = (b + SMALL_PAGE + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t keep = p - SMALL_PAGE, end = p + whole;
    if (keep > b)
        (void)munmap(m, keep - b);
    if (b + len > end)
        (void)munmap((void *)end, b + len - end);
    set_header(p, end - keep, (void *)keep);
    return (void *)p;
}
#else
#define HAVE_MAP 0
#endif

static void advise_range(uintptr_t lo, uintptr_t hi)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);   /* advice: failure is harmless */
#else
    (void)lo;
    (void)hi;
#endif
}

void advise_hugepages(void *p, size_t n)
{
    if (!p || n < ((size_t)4 << 20))
        return;
    uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t hi = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
    advise_range(lo, hi);
}

/* Fault in the small pages of [lo, hi) with one call, where the kernel can
 * (Linux 5.14): each fault taken one at a time costs 10-20 microseconds on the
 * virtual machines zvmc is measured on (util/hugepage.h). */
static void populate_range(uintptr_t lo, uintptr_t hi)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    lo &= ~(uintptr_t)(SMALL_PAGE - 1);
    hi = (hi + SMALL_PAGE - 1) & ~(uintptr_t)(SMALL_PAGE - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);   /* failure is harmless */
#else
    (void)lo;
    (void)hi;
#endif
}

/* The huge page advice for a block at @p of @n bytes (n >= its minimum).  Its
 * whole huge pages are advised; its last, partial one only when most of it is
 * used, as a huge page is resident whole once touched: from half on for a
 * block filled as it goes (an arena chunk: the rest may never be touched),
 * from three quarters on for a @dense block, which is written all over at
 * once, and whose smaller tail is faulted in at once in small pages instead.
 * So no block holds more than 1 MiB resident but unused, a dense one 512 KiB
 * (a 512 KiB hash table used to take a whole 2 MiB page). */
static void advise_block(uintptr_t p, size_t n, int dense)
{
    size_t whole = n & ~(size_t)(HUGE_PAGE - 1);
    if (n - whole >= (dense ? HUGE_PAGE / 4 * 3 : HUGE_PAGE / 2))
        whole += HUGE_PAGE;
    else if (dense)
        populate_range(p + whole, p + n);
    advise_range(p, p + whole);
}

/* The allocator's block for n bytes: how much to ask for.  From @min on, the
 * block is placed on a huge page boundary with whole huge pages after it. */
static size_t base_size(size_t n, size_t min)
{
    if (n < min)
        return n > SIZE_MAX - HEADER ? 0 : HEADER + n;
    size_t whole = (n + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    if (whole < n || whole > SIZE_MAX - HUGE_PAGE - HEADER)
        return 0;
    return whole + HUGE_PAGE + HEADER;
}

/* Where the caller's part starts in the allocator's block @base, advised from
 * @min on (advise_block(): a @dense block is one that will be touched all
 * over at once, such as a hash table). */
static void *place(void *base, size_t n, size_t min, int dense)
{
    if (!base)
        return NULL;
    uintptr_t b = (uintptr_t)base;
    uintptr_t p;
    if (n < min) {
        p = b + HEADER;
    } else {
        p = (b + HEADER + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        advise_block(p, n, dense);
    }
    set_header(p, 0, base);
    return (void *)p;
}

/* A mapped block of n bytes (n >= min), advised; NULL when this is not the
 * default allocator or the platform cannot map (the caller then allocates). */
static void *mapped(const zvmc_alloc *a, size_t n, int dense, int *tried)
{
    *tried = 0;
#if HAVE_MAP
    if (a->malloc != zalloc_default()->malloc)
        return NULL;
    *tried = 1;
    size_t whole = (n + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    if (whole < n)
        return NULL;
    void *p = map_block(whole);
    if (p)
        advise_block((uintptr_t)p, n, dense);
    return p;
#else
    (void)a;
    (void)n;
    (void)dense;
    return NULL;
#endif
}

static void *uninitialised(const zvmc_alloc *a, size_t n, int dense)
{
    size_t bn = base_size(n ? n : 1, ZVMC_HUGEPAGE_MIN);
    if (!bn)
        return NULL;
    int tried;
    if (n >= ZVMC_HUGEPAGE_MIN) {
        void *p = mapped(a, n, dense, &tried);
        if (tried)
            return p;
    }
    return place(zalloc_malloc(a, bn), n, ZVMC_HUGEPAGE_MIN, dense);
}

void *huge_alloc(const zvmc_alloc *a, size_t n)
{
    return uninitialised(a, n, 0);
}

void *huge_alloc_dense(const zvmc_alloc *a, size_t n)
{
    return uninitialised(a, n, 1);
}

static void *zeroed(const zvmc_alloc *a, size_t n, size_t min, int dense)
{
    size_t bn = base_size(n ? n : 1, min);
    if (!bn)
        return NULL;
    if (n < min)
        return place(zalloc_calloc(a, 1, bn), n, min, dense);
    int tried;
    void *m = mapped(a, n, dense, &tried);  /* the kernel's pages are zero */
    if (tried)
        return m;
    /* Advise first, then zero: calloc may clear reused memory itself, which
     * would fault it in 4 KiB at a time before the advice. */
    void *p = place(zalloc_malloc(a, bn), n, min, dense);
    if (p)
        memset(p, 0, n);
    return p;
}

void *huge_calloc(const zvmc_alloc *a, size_t n)
{
    return zeroed(a, n, ZVMC_HUGEPAGE_MIN, 0);
}

void *huge_table(const zvmc_alloc *a, size_t n)
{
    return zeroed(a, n, ZVMC_HUGEPAGE_TABLE_MIN, 1);
}

void *huge_realloc(const zvmc_alloc *a, void *p, size_t old_n, size_t n)
{
    void *q = huge_alloc(a, n);
    if (q && p)
        memcpy(q, p, old_n < n ? old_n : n);
    if (q)
        huge_free(a, p);
    return q;
}

void huge_free(const zvmc_alloc *a, void *p)
{
    if (!p)
        return;
    size_t mapped_len;
    void *base;
    memcpy(&mapped_len, (char *)p - HEADER, sizeof mapped_len);
    memcpy(&base, (char *)p - sizeof base, sizeof base);
#if HAVE_MAP
    if (mapped_len) {
        (void)munmap(base, mapped_len);
        return;
    }
#endif
    zalloc_free(a, base);
}
