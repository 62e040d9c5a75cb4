/* SPDX-License-Identifier: MIT */
/* The context's interned names: each distinct byte string stored once, in an
 * arena, so that names compare by pointer.  The table's slots are 16 bytes (a
 * symtab's are 24: it also holds a value, which interning does not need); a
 * 100,000-guest directory interns ~190,000 names, and the table is read for
 * every name the parsers meet. */
#ifndef ZVMC_UTIL_INTERN_H
#define ZVMC_UTIL_INTERN_H

#include <stddef.h>
#include <stdint.h>
#include "util/alloc.h"
#include "util/arena.h"

typedef struct intern_slot {
    const char *key;    /* NUL-terminated, in the arena; NULL: empty slot */
    uint32_t len;
    uint32_t hash;      /* symtab_hash(seed, key, len) */
} intern_slot;

typedef struct interner {
    const zvmc_alloc *alloc;
    intern_slot *slots;
    size_t cap, count;  /* cap is a power of two */
    uint32_t seed;      /* of its hash (util/hashseed.h) */
} interner;

void interner_init(interner *t, const zvmc_alloc *alloc);
void interner_free(interner *t);
/* The stored copy of s[0..n), NUL-terminated: the one already there, or a copy
 * made in @a and added.  NULL when out of memory (the table is unchanged). */
const char *interner_get(interner *t, arena *a, const char *s, size_t n);
/* The stored copy of s[0..n), or NULL when that string was never interned:
 * a lookup that adds nothing. */
const char *interner_find(const interner *t, const char *s, size_t n);

#endif
