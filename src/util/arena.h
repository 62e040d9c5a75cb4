/* SPDX-License-Identifier: MIT */
/* A bump allocator: every tree node and string of one parse lives in an arena and
 * is freed at once.  Chunks come from the context's allocator, so allocation
 * failure is reported (NULL), never fatal. */
#ifndef ZVMC_UTIL_ARENA_H
#define ZVMC_UTIL_ARENA_H

#include <stddef.h>
#include "util/alloc.h"

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    const zvmc_alloc *alloc;
    arena_chunk *head;
    char *cur, *end;
    size_t total;       /* bytes obtained from the allocator */
} arena;

void arena_init(arena *a, const zvmc_alloc *alloc);
void arena_free_all(arena *a);
/* 8-byte aligned, uninitialised; NULL when the allocator fails. */
void *arena_alloc(arena *a, size_t n);
void *arena_zalloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
/* Room for element @n of an array in the arena whose capacity is implied by
 * its length @n: it doubles at 4, 8, 16..., so n appends cost linear time and
 * at most twice the room (a copy per append made thousands of SLOTs or
 * systems quadratic).  Returns @v when element @n fits, else a block twice as
 * large holding @v's @n elements of @size bytes; NULL when out of memory. */
void *arena_grow(arena *a, void *v, size_t n, size_t size);
char *arena_strdup(arena *a, const char *s);
/* printf into the arena */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
