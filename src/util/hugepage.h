/* SPDX-License-Identifier: MIT */
/*
 * Advice for large buffers: ask the kernel to back them with transparent huge
 * pages.  On a 100,000-guest directory a run touches ~130 MB; with 4 KiB pages
 * that is ~35,000 page faults, a third of the run's time on a virtual machine.
 * Only advice: a no-op where madvise(MADV_HUGEPAGE) does not exist or fails.
 */
#ifndef ZVMC_UTIL_HUGEPAGE_H
#define ZVMC_UTIL_HUGEPAGE_H

#include <stddef.h>

/* Below this a buffer cannot hold one aligned huge page worth advising. */
#define ZVMC_HUGEPAGE_MIN ((size_t)4 << 20)

/* Advise the 2 MiB-aligned part of [p, p+n) (nothing when n < ZVMC_HUGEPAGE_MIN). */
void advise_hugepages(void *p, size_t n);

#endif
