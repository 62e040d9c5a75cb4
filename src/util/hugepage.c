/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE     /* MADV_HUGEPAGE */
#include <stdint.h>
#include <string.h>
#include "util/hugepage.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* Room before the block for the allocator's pointer, keeping 16-byte alignment. */
#define HEADER ((size_t)16)

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
 * @min on.  A @dense block (one that will be touched all over, such as a hash
 * table) has its last huge page advised too; otherwise that page only when at
 * least half of it is used, as a huge page is resident whole once touched:
 * this bounds the bytes a block holds resident but unused to 1 MiB. */
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
        size_t whole = n & ~(size_t)(HUGE_PAGE - 1);
        if (n - whole >= (dense ? 1 : HUGE_PAGE / 2))
            whole += HUGE_PAGE;
        advise_range(p, p + whole);
    }
    memcpy((void *)(p - sizeof base), &base, sizeof base);
    return (void *)p;
}

void *huge_alloc(const zvmc_alloc *a, size_t n)
{
    size_t bn = base_size(n ? n : 1, ZVMC_HUGEPAGE_MIN);
    return bn ? place(zalloc_malloc(a, bn), n, ZVMC_HUGEPAGE_MIN, 0) : NULL;
}

static void *zeroed(const zvmc_alloc *a, size_t n, size_t min, int dense)
{
    size_t bn = base_size(n ? n : 1, min);
    if (!bn)
        return NULL;
    if (n < min)
        return place(zalloc_calloc(a, 1, bn), n, min, dense);
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
    void *base;
    memcpy(&base, (char *)p - sizeof base, sizeof base);
    zalloc_free(a, base);
}
