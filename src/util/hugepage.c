/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE     /* MADV_HUGEPAGE */
#include <stdint.h>
#include "util/hugepage.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

void advise_hugepages(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (!p || n < ZVMC_HUGEPAGE_MIN)
        return;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t hi = ((uintptr_t)p + n) & ~(huge - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);   /* advice: failure is harmless */
#else
    (void)p;
    (void)n;
#endif
}
