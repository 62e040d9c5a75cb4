/* SPDX-License-Identifier: MIT */
/*
 * Large buffers backed by transparent huge pages.
 *
 * Why: on the virtual machines zvmc is measured on, a 4 KiB page fault costs
 * 10-20 microseconds, so touching memory for the first time (~4 ns a byte) can
 * cost more than parsing what goes in it; a 2 MiB huge page is faulted and
 * zeroed for ~0.1 ns a byte.  A 100,000-guest check touches ~120 MB: with
 * 4 KiB pages that was ~13,000 faults and a third of the run.
 *
 * The kernel backs only 2 MiB-aligned, 2 MiB-long ranges with huge pages, and
 * malloc returns neither, so huge_alloc() asks the allocator for 2 MiB more
 * than a large request, returns a 2 MiB-aligned pointer, and advises its whole
 * huge pages (and the last, partial one when at least half of it is used;
 * three quarters for a dense block, whose smaller tail is faulted in at once
 * in small pages).  The over-allocation is address space only: pages never
 * touched are never backed.  Only advice: where madvise() or
 * MADV_HUGEPAGE does not exist, or the kernel says no, nothing changes but the
 * speed.  Every huge_* block is freed with huge_free() (it keeps the
 * allocator's own pointer just before the one it returns).
 */
#ifndef ZVMC_UTIL_HUGEPAGE_H
#define ZVMC_UTIL_HUGEPAGE_H
#include <stddef.h>
#include "util/alloc.h"

/* From this size on a block is aligned and advised.  A huge page is resident
 * whole once touched: below 1 MiB more than half of it would be waste. */
#define ZVMC_HUGEPAGE_MIN ((size_t)1 << 20)
/* The same for a block that is touched all over: a 4 KiB fault costs about as
 * much as clearing 64 KiB of a huge page, so a table of 256 KiB gains. */
#define ZVMC_HUGEPAGE_TABLE_MIN ((size_t)256 << 10)

/* A block of n bytes (n > 0), 16-byte aligned; 2 MiB-aligned and advised from
 * ZVMC_HUGEPAGE_MIN on.  NULL when the allocator fails or n is too large. */
void *huge_alloc(const zvmc_alloc *a, size_t n);
/* The same, zeroed. */
void *huge_calloc(const zvmc_alloc *a, size_t n);
/* huge_alloc() for a block its owner will write all over at once (an image, a
 * list sized by a count): its last, partly used huge page is advised when at
 * least three quarters of it is used, else its small pages are faulted in at
 * once. */
void *huge_alloc_dense(const zvmc_alloc *a, size_t n);
/* A zeroed block that will be touched all over soon (a hash table): advised
 * from ZVMC_HUGEPAGE_TABLE_MIN on, its last huge page as huge_alloc_dense()'s. */
void *huge_table(const zvmc_alloc *a, size_t n);
/* A block of n bytes holding the first min(old_n, n) bytes of p (a huge_*
 * block of old_n bytes, or NULL), which is freed.  On failure NULL, and p is
 * left as it was. */
void *huge_realloc(const zvmc_alloc *a, void *p, size_t old_n, size_t n);
/* Free a huge_* block (NULL is fine). */
void huge_free(const zvmc_alloc *a, void *p);

/* Advise the 2 MiB-aligned part of [p, p+n) (nothing when n < 4 MiB): for
 * blocks that come from elsewhere. */
void advise_hugepages(void *p, size_t n);
#endif
