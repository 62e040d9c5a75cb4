/* SPDX-License-Identifier: MIT */
/*
 * objdir_collide.h - user names built to collide in the unseeded user index
 * of an object directory (FNV-1a-32 of the upper-case name), by meeting in
 * the middle: the hash runs backwards as easily as forwards, so the states
 * after every 4-character prefix meet the states before every 4-character
 * suffix.  Used by tests/unit/objdir_hash_collide.c and, for a seed of a
 * seeded (version-2) file, fuzz/objdir_seed.c.
 */
#ifndef ZVMC_TESTS_OBJDIR_COLLIDE_H
#define ZVMC_TESTS_OBJDIR_COLLIDE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define COLLIDE_FNV_PRIME 16777619u

static const char collide_alpha_[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

typedef struct collide_state {
    uint32_t h, i;
} collide_state;

static int collide_cmp_(const void *a, const void *b)
{
    uint32_t x = ((const collide_state *)a)->h, y = ((const collide_state *)b)->h;
    return x < y ? -1 : x > y;
}

/* 4 characters from index i: a letter first (as a user id starts), then any. */
static void collide_chars4_(uint32_t i, int first_letter, char *out)
{
    out[0] = collide_alpha_[i % (first_letter ? 26 : 36)];
    i /= first_letter ? 26 : 36;
    for (int k = 1; k < 4; k++, i /= 36)
        out[k] = collide_alpha_[i % 36];
}

#define COLLIDE_NPREFIX (26u * 36 * 36 * 36)

/* The state after every 4-character prefix, sorted by state (free() it);
 * NULL when out of memory. */
static collide_state *collide_prefixes(void)
{
    collide_state *f = malloc((size_t)COLLIDE_NPREFIX * sizeof(*f));

    if (!f)
        return NULL;
    for (uint32_t i = 0; i < COLLIDE_NPREFIX; i++) {
        char c[4];
        uint32_t h = 2166136261u;

        collide_chars4_(i, 1, c);
        for (int k = 0; k < 4; k++)
            h = (h ^ (unsigned char)c[k]) * COLLIDE_FNV_PRIME;
        f[i].h = h;
        f[i].i = i;
    }
    qsort(f, COLLIDE_NPREFIX, sizeof(*f), collide_cmp_);
    return f;
}

/* @want 8-character names whose unseeded index hash is @target, into
 * names[][9]; the count found. */
static int collide_names(const collide_state *f, uint32_t target, char (*names)[9], int want)
{
    uint32_t inv = COLLIDE_FNV_PRIME;   /* its inverse mod 2^32, by Newton's iteration */
    int got = 0;

    for (int k = 0; k < 5; k++)
        inv *= 2 - COLLIDE_FNV_PRIME * inv;
    for (uint32_t j = 0; j < 36u * 36 * 36 * 36 && got < want; j++) {
        char sfx[4];
        collide_state key = { target, 0 };
        const collide_state *r;

        collide_chars4_(j, 0, sfx);
        for (int k = 3; k >= 0; k--)     /* the state before the suffix */
            key.h = (key.h * inv) ^ (unsigned char)sfx[k];
        r = bsearch(&key, f, COLLIDE_NPREFIX, sizeof(*f), collide_cmp_);
        if (!r)
            continue;
        while (r > f && r[-1].h == key.h)
            r--;
        for (; r < f + COLLIDE_NPREFIX && r->h == key.h && got < want; r++, got++) {
            collide_chars4_(r->i, 1, names[got]);
            memcpy(names[got] + 4, sfx, 4);
            names[got][8] = '\0';
        }
    }
    return got;
}

#endif
