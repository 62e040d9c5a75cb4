/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util/arena.h"
#include "util/hugepage.h"

struct arena_chunk {
    arena_chunk *next;
    size_t size;
    /* data follows, 16-byte aligned */
};

#define CHUNK_HDR ((sizeof(arena_chunk) + 15) & ~(size_t)15)
#define CHUNK_MIN (16 * 1024)
#define CHUNK_ROUND ((size_t)2 << 20)
#define CHUNK_JUMP ((size_t)256 << 10)

void arena_init(arena *a, const zvmc_alloc *alloc)
{
    memset(a, 0, sizeof *a);
    a->alloc = alloc;
}

void arena_free_all(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        huge_free(a->alloc, c);
        c = next;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    if ((size_t)(a->end - a->cur) < n || !a->cur) {
        /* Grow geometrically so a huge input needs few chunks. */
        size_t want = a->total;
        if (want < CHUNK_MIN)
            want = CHUNK_MIN;
        /* Past CHUNK_JUMP, go straight to a whole huge page: the chunks between
         * it and 1 MiB would be faulted in 4 KiB at a time (util/hugepage.h). */
        if (a->total >= CHUNK_JUMP && want < CHUNK_ROUND - CHUNK_HDR)
            want = CHUNK_ROUND - CHUNK_HDR;
        if (want < n)
            want = n;
        if (want > SIZE_MAX - CHUNK_HDR - CHUNK_ROUND)
            return NULL;
        /* A large chunk fills whole huge pages (util/hugepage.h). */
        if (CHUNK_HDR + want >= ZVMC_HUGEPAGE_MIN)
            want = ((CHUNK_HDR + want + CHUNK_ROUND - 1) & ~(CHUNK_ROUND - 1)) - CHUNK_HDR;
        arena_chunk *c = huge_alloc(a->alloc, CHUNK_HDR + want);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = want;
        a->head = c;
        a->total += want;
        a->cur = (char *)c + CHUNK_HDR;
        a->end = a->cur + want;
    }
    void *p = a->cur;
    a->cur += n;
    return p;
}

void *arena_zalloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *arena_grow(arena *a, void *v, size_t n, size_t size)
{
    if (n && (n < 4 || (n & (n - 1))))
        return v;           /* below its implied capacity */
    size_t cap = n ? 2 * n : 4;
    if (cap < n || (size && cap > SIZE_MAX / size))
        return NULL;
    void *nv = arena_alloc(a, cap * size);
    if (nv && n)
        memcpy(nv, v, n * size);
    return nv;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
