/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "util/hashseed.h"
#include "util/hugepage.h"
#include "util/intern.h"
#include "util/symtab.h"

void interner_init(interner *t, const zvmc_alloc *alloc)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc;
    t->seed = hash_seed(t);
}

void interner_free(interner *t)
{
    huge_free(t->alloc, t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

/* Linear probing, as in symtab.c: the slot holding the key, or the empty one
 * where it would go. */
static intern_slot *find_slot(intern_slot *slots, size_t cap, const char *key, size_t len,
                              uint32_t h)
{
    size_t mask = cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        intern_slot *s = &slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

static int grow(interner *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    intern_slot *slots = huge_table(t->alloc, cap * sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < t->cap; i++) {
        const intern_slot *o = &t->slots[i];
        if (o->key)
            *find_slot(slots, cap, o->key, o->len, o->hash) = *o;
    }
    huge_free(t->alloc, t->slots);
    t->slots = slots;
    t->cap = cap;
    return 1;
}

const char *interner_find(const interner *t, const char *s, size_t n)
{
    if (!t->cap)
        return NULL;
    return find_slot(t->slots, t->cap, s, n, symtab_hash(t->seed, s, n))->key;
}

const char *interner_get(interner *t, arena *a, const char *s, size_t n)
{
    uint32_t h = symtab_hash(t->seed, s, n);
    intern_slot *slot = t->cap ? find_slot(t->slots, t->cap, s, n, h) : NULL;
    if (slot && slot->key)
        return slot->key;
    /* A new name: at most three quarters full, like a symtab. */
    if ((t->count + 1) * 4 > t->cap * 3) {
        if (!grow(t))
            return NULL;
        slot = find_slot(t->slots, t->cap, s, n, h);
    }
    char *copy = arena_strndup(a, s, n);
    if (!copy)
        return NULL;
    slot->key = copy;
    slot->len = (uint32_t)n;
    slot->hash = h;
    t->count++;
    return copy;
}
