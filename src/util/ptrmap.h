/* SPDX-License-Identifier: MIT */
/* A map from interned pointers (names of the context's interner: equal
 * strings are one pointer) to 64-bit values: open addressing on the pointer
 * itself, so a lookup hashes no bytes, and a slot is 16 bytes.  At most three
 * quarters full; grows by doubling.  Iterate: for (i < cap) if (slots[i].key).
 * The order is the pointers', so it is arbitrary: sort what is shown. */
#ifndef ZVMC_UTIL_PTRMAP_H
#define ZVMC_UTIL_PTRMAP_H

#include <stddef.h>
#include <stdint.h>
#include "util/alloc.h"

/* A hash of an interned pointer (the splitmix64 step: names interned one after
 * another differ only in their low bits); also the directory's name and
 * volume indexes' (ud_ptr_hash). */
static inline uint32_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9u;
    return (uint32_t)(x >> 32);
}

typedef struct ptrmap_slot {
    const void *key;    /* NULL: an empty slot */
    uint64_t value;
} ptrmap_slot;

typedef struct ptrmap {
    ptrmap_slot *slots;
    size_t cap, count;  /* cap is 0 or a power of two */
} ptrmap;

/* The value stored under @key, or 0 (also for a NULL key). */
uint64_t ptrmap_get(const ptrmap *m, const void *key);
/* Does the map hold @key? */
int ptrmap_has(const ptrmap *m, const void *key);
/* The slot of @key (non-NULL), added with value 0 when new; NULL when the
 * table cannot grow (the map is then as it was). */
ptrmap_slot *ptrmap_put(ptrmap *m, const zvmc_alloc *a, const void *key);
void ptrmap_free(ptrmap *m, const zvmc_alloc *a);

#endif
