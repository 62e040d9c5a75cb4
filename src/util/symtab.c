/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "util/hashseed.h"
#include "util/hugepage.h"
#include "util/symtab.h"

void symtab_init(symtab *t, const zvmc_alloc *alloc)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc;
    t->seed = hash_seed(t);
}

void symtab_free(symtab *t)
{
    huge_free(t->alloc, t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

/* FNV-1a: short keys (userids, volsers) dominate, and it is cheap on them.
 * Its low bits, which pick the slot, differ too little between names such as
 * LX0966 and LX0967 and cluster under linear probing: a finishing mix (the
 * murmur3 finaliser) spreads them.  The seed, a secret of the table's, is
 * the start value (util/hashseed.h says why). */
uint32_t symtab_hash(uint32_t seed, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static symtab_slot *find_slot(symtab_slot *slots, size_t cap, const char *key, size_t len,
                              uint32_t h)
{
    size_t mask = cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        symtab_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

void *symtab_get(const symtab *t, const char *key, size_t len)
{
    if (!t->cap)
        return NULL;
    symtab_slot *s = find_slot(t->slots, t->cap, key, len, symtab_hash(t->seed, key, len));
    return s->key ? s->value : NULL;
}

static int grow(symtab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    symtab_slot *slots = huge_table(t->alloc, cap * sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < t->cap; i++) {
        symtab_slot *o = &t->slots[i];
        if (o->key)
            *find_slot(slots, cap, o->key, o->len, o->hash) = *o;
    }
    huge_free(t->alloc, t->slots);
    t->slots = slots;
    t->cap = cap;
    return 1;
}

symtab_slot *symtab_put(symtab *t, const char *key, size_t len, int *is_new)
{
    if ((t->count + 1) * 4 > t->cap * 3 && !grow(t))
        return NULL;
    uint32_t h = symtab_hash(t->seed, key, len);
    symtab_slot *s = find_slot(t->slots, t->cap, key, len, h);
    if (s->key) {
        if (is_new)
            *is_new = 0;
        return s;
    }
    s->key = key;
    s->len = (uint32_t)len;
    s->hash = h;
    s->value = NULL;
    t->count++;
    if (is_new)
        *is_new = 1;
    return s;
}
