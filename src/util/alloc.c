/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/alloc.h"

static void *libc_malloc(void *ud, size_t n) { (void)ud; return malloc(n ? n : 1); }
static void *libc_realloc(void *ud, void *p, size_t n) { (void)ud; return realloc(p, n ? n : 1); }
static void libc_free(void *ud, void *p) { (void)ud; free(p); }

static const zvmc_alloc default_alloc = { libc_malloc, libc_realloc, libc_free, NULL };

const zvmc_alloc *zalloc_default(void) { return &default_alloc; }

void *zalloc_malloc(const zvmc_alloc *a, size_t n) { return a->malloc(a->ud, n); }

void *zalloc_calloc(const zvmc_alloc *a, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        return NULL;
    /* libc's calloc gets large blocks zeroed from the kernel: no memset that
     * touches every page of a big table before it is used. */
    if (a->malloc == libc_malloc)
        return calloc(nmemb ? nmemb : 1, size ? size : 1);
    void *p = a->malloc(a->ud, nmemb * size);
    if (p)
        memset(p, 0, nmemb * size);
    return p;
}

void *zalloc_realloc(const zvmc_alloc *a, void *p, size_t n) { return a->realloc(a->ud, p, n); }

void zalloc_free(const zvmc_alloc *a, void *p)
{
    if (p)
        a->free(a->ud, p);
}
