/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "util/hugepage.h"
#include "util/ptrmap.h"

/* @key's slot in @slots (never full): its own, or the empty one it would take. */
static ptrmap_slot *find(ptrmap_slot *slots, size_t cap, const void *key)
{
    size_t mask = cap - 1;
    for (size_t i = ptr_hash(key) & mask;; i = (i + 1) & mask)
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
