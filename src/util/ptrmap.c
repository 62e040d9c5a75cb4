/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "util/hugepage.h"
#include "util/ptrmap.h"

/* The pointer's bits mixed (the splitmix64 step): names interned one after
 * another differ only in their low bits. */
static size_t slot_of(const void *key, size_t mask)
{
    uint64_t x = (uint64_t)(uintptr_t)key;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9u;
    return (size_t)(x >> 32) & mask;
}

/* @key's slot in @slots (never full): its own, or the empty one it would take. */
static ptrmap_slot *find(ptrmap_slot *slots, size_t cap, const void *key)
{
    size_t mask = cap - 1;
    for (size_t i = slot_of(key, mask);; i = (i + 1) & mask)
        if (!slots[i].key || slots[i].key == key)
            return &slots[i];
}

uint64_t ptrmap_get(const ptrmap *m, const void *key)
{
    return key && m->cap ? find(m->slots, m->cap, key)->value : 0;
}

int ptrmap_has(const ptrmap *m, const void *key)
{
    return key && m->cap && find(m->slots, m->cap, key)->key == key;
}

ptrmap_slot *ptrmap_put(ptrmap *m, const zvmc_alloc *a, const void *key)
{
    if (!key)
        return NULL;
    if ((m->count + 1) * 4 > m->cap * 3) {
        if (m->cap > SIZE_MAX / 2 / sizeof(ptrmap_slot))
            return NULL;
        size_t cap = m->cap ? m->cap * 2 : 64;
        ptrmap_slot *slots = huge_table(a, cap * sizeof *slots);
        if (!slots)
            return NULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *find(slots, cap, m->slots[i].key) = m->slots[i];
        huge_free(a, m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    ptrmap_slot *s = find(m->slots, m->cap, key);
    if (!s->key) {
        s->key = key;
        s->value = 0;
        m->count++;
    }
    return s;
}

void ptrmap_free(ptrmap *m, const zvmc_alloc *a)
{
    huge_free(a, m->slots);
    memset(m, 0, sizeof *m);
}
