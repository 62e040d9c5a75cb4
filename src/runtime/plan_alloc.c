/* SPDX-License-Identifier: MIT */
/*
 * plan_alloc.c - memory for the placement and the plan: the caller's
 * allocator or malloc/realloc/free, growing arrays, a string pool, and the
 * storage sizes as z/VM writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/plan_internal.h"

static void *std_malloc_(void *ud, size_t size)
{
    (void)ud;
    return malloc(size);
}

static void *std_realloc_(void *ud, void *p, size_t size)
{
    (void)ud;
    return realloc(p, size);
}

static void std_free_(void *ud, void *p)
{
    (void)ud;
    free(p);
}

void zvmc_pl_alloc_init_(struct zvmc_plan_allocator *dst, const struct zvmc_plan_allocator *src)
{
    if (src && src->malloc && src->realloc && src->free) {
        *dst = *src;
        return;
    }
    dst->malloc = std_malloc_;
    dst->realloc = std_realloc_;
    dst->free = std_free_;
    dst->ud = NULL;
}

void *zvmc_pl_malloc_(const struct zvmc_plan_allocator *a, size_t size)
{
    return a->malloc(a->ud, size ? size : 1);
}

void zvmc_pl_free_(const struct zvmc_plan_allocator *a, void *p)
{
    if (p)
        a->free(a->ud, p);
}

int zvmc_pl_reserve_(const struct zvmc_plan_allocator *a, void **arr, size_t *cap, size_t need,
             size_t elem)
{
    size_t ncap = *cap ? *cap : 16;
    void *p;

    if (need <= *cap)
        return 0;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -ZVMC_ERR_NOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return -ZVMC_ERR_NOMEM;
    p = *arr ? a->realloc(a->ud, *arr, ncap * elem) : a->malloc(a->ud, ncap * elem);
    if (!p)
        return -ZVMC_ERR_NOMEM;
    *arr = p;
    *cap = ncap;
    return 0;
}

long zvmc_pl_pool_add_(const struct zvmc_plan_allocator *a, struct zvmc_pl_pool_ *pool,
               const char *s, size_t len)
{
    size_t off = pool->len;
    void *p = pool->p;
    int rc;

    if (len >= UINT32_MAX || off > UINT32_MAX - len - 1)
        return -ZVMC_ERR_TOOBIG;
    rc = zvmc_pl_reserve_(a, &p, &pool->cap, off + len + 1, 1);
    pool->p = p;
    if (rc)
        return rc;
    memcpy(pool->p + off, s, len);
    pool->p[off + len] = '\0';
    pool->len = off + len + 1;
    return (long)off;
}

long zvmc_pl_pool_fmt_(const struct zvmc_plan_allocator *a, struct zvmc_pl_pool_ *pool,
               const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof(buf))
        n = (int)sizeof(buf) - 1;
    return zvmc_pl_pool_add_(a, pool, buf, (size_t)n);
}

void zvmc_pl_size_str_(uint64_t bytes, char *buf, size_t n)
{
    static const char units[] = "KMGTP";
    int u = -1;

    while (u < 4 && bytes && !(bytes & 1023)) {
        bytes >>= 10;
        u++;
    }
    if (u < 0)
        snprintf(buf, n, "%llu", (unsigned long long)bytes);
    else
        snprintf(buf, n, "%llu%c", (unsigned long long)bytes, units[u]);
}
