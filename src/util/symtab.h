/* SPDX-License-Identifier: MIT */
/* An open-addressing hash table from byte strings to pointers.  Used to intern
 * names (each distinct uppercase name stored once in the arena) and to find
 * users, members and volumes by name without quadratic scans. */
#ifndef ZVMC_UTIL_SYMTAB_H
#define ZVMC_UTIL_SYMTAB_H

#include <stddef.h>
#include <stdint.h>
#include "util/alloc.h"

typedef struct symtab_slot {
    const char *key;    /* NUL-terminated, owned by the caller (usually an arena) */
    uint32_t len;
    uint32_t hash;
    void *value;
} symtab_slot;

typedef struct symtab {
    const zvmc_alloc *alloc;
    symtab_slot *slots;
    size_t cap, count;  /* cap is a power of two */
    uint32_t seed;      /* of its hash (util/hashseed.h) */
} symtab;

void symtab_init(symtab *t, const zvmc_alloc *alloc);
void symtab_free(symtab *t);
/* The hash of @s (@n bytes) in a table of seed @seed. */
uint32_t symtab_hash(uint32_t seed, const char *s, size_t n);
/* The value stored under the key, or NULL. */
void *symtab_get(const symtab *t, const char *key, size_t len);
/* The slot for a key, inserting an empty one (key set, value NULL) when absent.
 * The caller must point slot->key at storage that outlives the table when it
 * fills a new slot (the table stores the given pointer).  NULL on ENOMEM. */
symtab_slot *symtab_put(symtab *t, const char *key, size_t len, int *is_new);

/* Iterate: for (size_t i = 0; i < t->cap; i++) if (t->slots[i].key) ... */

#endif
