/* SPDX-License-Identifier: MIT */
/* Huge-page blocks (src/util/hugepage.c): a large block starts on a 2 MiB
 * boundary and every byte asked for is usable; huge_calloc zeroes memory the
 * allocator hands out dirty; huge_realloc keeps the contents both ways and
 * leaves the old block alone when it fails; a table is zero and aligned from
 * 256 KiB on; sizes that would overflow fail without reaching the allocator;
 * and every block goes back to it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/hugepage.h"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

#define MIB ((size_t)1 << 20)

/* An allocator that returns memory full of 0xAA, fails when told to, and
 * counts the blocks it has out. */
typedef struct counting {
    int fail;
    long live, calls;
    size_t largest;
} counting;

static void *c_malloc(void *ud, size_t size)
{
    counting *c = ud;
    c->calls++;
    if (c->fail)
        return NULL;
    void *p = malloc(size);
    if (p) {
        memset(p, 0xAA, size);
        c->live++;
        if (size > c->largest)
            c->largest = size;
    }
    return p;
}

static void *c_realloc(void *ud, void *ptr, size_t size)
{
    counting *c = ud;
    c->calls++;
    if (c->fail)
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        c->live++;
    return p;
}

static void c_free(void *ud, void *ptr)
{
    counting *c = ud;
    if (ptr)
        c->live--;
    free(ptr);
}

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

static void fill_pattern(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7 + 3);
}

static int has_pattern(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 7 + 3))
            return 0;
    return 1;
}

int main(void)
{
    counting c = { 0, 0, 0, 0 };
    zvmc_alloc a = { c_malloc, c_realloc, c_free, &c };

    /* small: 16-byte aligned, usable, no huge-page rounding */
    unsigned char *s = huge_alloc(&a, 100);
    EXPECT(s && ((uintptr_t)s & 15) == 0, "small block %p not 16-byte aligned", (void *)s);
    EXPECT(c.largest < MIB, "a 100-byte block asked the allocator for %zu bytes", c.largest);
    if (s)
        fill_pattern(s, 100);

    /* large: on a 2 MiB boundary, all of it writable */
    size_t big = 3 * MIB + 12345;
    unsigned char *b = huge_alloc(&a, big);
    EXPECT(b && ((uintptr_t)b & (2 * MIB - 1)) == 0, "large block %p not 2 MiB-aligned",
           (void *)b);
    if (b) {
        fill_pattern(b, big);
        EXPECT(has_pattern(b, big), "large block does not keep what was written");
    }

    /* calloc: zero although the allocator's memory is not, small and large */
    unsigned char *z = huge_calloc(&a, 5 * MIB + 1);
    EXPECT(z && all_bytes(z, 5 * MIB + 1, 0), "huge_calloc of 5 MiB is not zero");
    unsigned char *zs = huge_calloc(&a, 4000);
    EXPECT(zs && all_bytes(zs, 4000, 0), "huge_calloc of 4000 bytes is not zero");
    /* a table: zero, and huge-page aligned from 256 KiB on */
    unsigned char *tb = huge_table(&a, 300 * 1024);
    EXPECT(tb && all_bytes(tb, 300 * 1024, 0), "huge_table of 300 KiB is not zero");
    EXPECT(tb && ((uintptr_t)tb & (2 * MIB - 1)) == 0, "a 300 KiB table is not 2 MiB-aligned");
    unsigned char *ts = huge_table(&a, 1000);
    EXPECT(ts && all_bytes(ts, 1000, 0), "huge_table of 1000 bytes is not zero");

    /* realloc: small -> large keeps the small contents */
    if (s) {
        unsigned char *g = huge_realloc(&a, s, 100, 2 * MIB);
        EXPECT(g && has_pattern(g, 100), "growing lost the contents");
        EXPECT(g && ((uintptr_t)g & (2 * MIB - 1)) == 0, "grown block not 2 MiB-aligned");
        s = g;
    }
    /* large -> small keeps the first bytes */
    if (b) {
        unsigned char *t = huge_realloc(&a, b, big, 1000);
        EXPECT(t && has_pattern(t, 1000), "shrinking lost the contents");
        b = t;
    }
    /* NULL -> block */
    unsigned char *n = huge_realloc(&a, NULL, 0, 64);
    EXPECT(n != NULL, "huge_realloc(NULL) failed");

    /* failure: NULL, and the old block intact and still owned by the caller */
    long live = c.live;
    c.fail = 1;
    EXPECT(huge_alloc(&a, 10) == NULL, "huge_alloc succeeded with a failing allocator");
    EXPECT(huge_calloc(&a, 3 * MIB) == NULL, "huge_calloc succeeded with a failing allocator");
    EXPECT(b && huge_realloc(&a, b, 1000, 4 * MIB) == NULL, "huge_realloc succeeded while failing");
    EXPECT(b && has_pattern(b, 1000), "a failed huge_realloc changed the old block");
    EXPECT(c.live == live, "a failed call changed the blocks out (%ld, was %ld)", c.live, live);
    c.fail = 0;

    /* sizes that would overflow never reach the allocator */
    long calls = c.calls;
    EXPECT(huge_alloc(&a, SIZE_MAX) == NULL, "huge_alloc(SIZE_MAX) succeeded");
    EXPECT(huge_alloc(&a, SIZE_MAX - MIB) == NULL, "huge_alloc(SIZE_MAX - 1 MiB) succeeded");
    EXPECT(huge_calloc(&a, SIZE_MAX - 8) == NULL, "huge_calloc(SIZE_MAX - 8) succeeded");
    EXPECT(huge_table(&a, SIZE_MAX - 100) == NULL, "huge_table(SIZE_MAX - 100) succeeded");
    EXPECT(c.calls == calls, "an overflowing size reached the allocator");

    huge_free(&a, s);
    huge_free(&a, b);
    huge_free(&a, z);
    huge_free(&a, zs);
    huge_free(&a, tb);
    huge_free(&a, ts);
    huge_free(&a, n);
    huge_free(&a, NULL);
    EXPECT(c.live == 0, "%ld blocks not given back", c.live);

    /* the default allocator: large blocks are mapped from the kernel (on
     * Linux), small ones come from malloc; both behave the same */
    const zvmc_alloc *d = zalloc_default();
    unsigned char *m = huge_alloc(d, 3 * MIB + 5);
    EXPECT(m && ((uintptr_t)m & (2 * MIB - 1)) == 0, "default: large block not 2 MiB-aligned");
    if (m) {
        fill_pattern(m, 3 * MIB + 5);
        EXPECT(has_pattern(m, 3 * MIB + 5), "default: large block does not keep its bytes");
    }
    unsigned char *mz = huge_calloc(d, 2 * MIB + 1);
    EXPECT(mz && all_bytes(mz, 2 * MIB + 1, 0), "default: huge_calloc not zero");
    unsigned char *md = huge_alloc_dense(d, 2 * MIB + 3);
    EXPECT(md && ((uintptr_t)md & (2 * MIB - 1)) == 0, "default: dense block not 2 MiB-aligned");
    if (md) {
        fill_pattern(md, 2 * MIB + 3);
        EXPECT(has_pattern(md, 2 * MIB + 3), "default: dense block does not keep its bytes");
    }
    huge_free(d, md);
    unsigned char *mt = huge_table(d, 512 * 1024);
    EXPECT(mt && all_bytes(mt, 512 * 1024, 0), "default: huge_table not zero");
    if (m) {
        unsigned char *g = huge_realloc(d, m, 3 * MIB + 5, 9 * MIB);
        EXPECT(g && has_pattern(g, 3 * MIB + 5), "default: growing lost the contents");
        if (g) {
            unsigned char *sm = huge_realloc(d, g, 9 * MIB, 100);
            EXPECT(sm && has_pattern(sm, 100), "default: shrinking to a small block lost them");
            m = sm ? sm : g;
        }
    }
    EXPECT(huge_alloc(d, SIZE_MAX - 100) == NULL, "default: huge_alloc(SIZE_MAX - 100) succeeded");
    huge_free(d, m);
    huge_free(d, mz);
    huge_free(d, mt);

    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures != 0;
}
