/* SPDX-License-Identifier: MIT */
/*
 * hashseed.h - a secret for the hash tables whose keys come from the input.
 *
 * The tables of names (symtab, interner, the object directory builder's
 * strings) probe linearly from the low bits of a hash.  With a fixed hash, a
 * directory can be built whose names all start on one probe chain ("hash
 * flooding"): 30,000 user names chosen so took 0.50 s to check where 30,000
 * ordinary ones take 0.02 s, and the work grows with the square of the count.
 * Seeded with a value the input's author cannot know, the chains are those
 * of names at random.  The seed mixes the 16 random bytes Linux gives every
 * process (AT_RANDOM, read through getauxval(): no system call, nothing of
 * ours global) with where the table and the caller's stack are (which ASLR
 * randomises, and which is all there is elsewhere).  Nothing that zvmc
 * writes depends on the order of a table's slots, so the output does not
 * change from run to run; only which slot a name lands in does.
 */
#ifndef ZVMC_UTIL_HASHSEED_H
#define ZVMC_UTIL_HASHSEED_H

#include <stdint.h>
#include <string.h>
#if defined(__linux__)
#include <sys/auxv.h>
#endif

static inline uint32_t hash_seed(const void *table)
{
    uint64_t x = (uint64_t)(uintptr_t)table;
    x ^= (uint64_t)(uintptr_t)&x << 23;     /* the stack */
#if defined(__linux__) && defined(AT_RANDOM)
    const unsigned char *r = (const unsigned char *)(uintptr_t)getauxval(AT_RANDOM);
    if (r) {
        uint64_t v;
        memcpy(&v, r, sizeof v);
        x ^= v;
    }
#endif
    /* splitmix64's finaliser: every bit of x in every bit of the seed */
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    x ^= x >> 31;
    return (uint32_t)(x >> 32);
}

#endif /* ZVMC_UTIL_HASHSEED_H */
