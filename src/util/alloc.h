/* SPDX-License-Identifier: MIT */
/* The allocator every part of the library goes through.  The caller of
 * zvmc_ctx_new() may replace it (see zvmc_allocator in <zvmc/zvmc.h>); tests use
 * that to fail the Nth allocation and prove that every path unwinds. */
#ifndef ZVMC_UTIL_ALLOC_H
#define ZVMC_UTIL_ALLOC_H

#include <stddef.h>
#include "zvmc/zvmc.h"

typedef zvmc_allocator zvmc_alloc;

void *zalloc_malloc(const zvmc_alloc *a, size_t n);
void *zalloc_calloc(const zvmc_alloc *a, size_t nmemb, size_t size);
void *zalloc_realloc(const zvmc_alloc *a, void *p, size_t n);
void zalloc_free(const zvmc_alloc *a, void *p);
/* The default allocator: malloc, realloc and free from libc. */
const zvmc_alloc *zalloc_default(void);

#endif
