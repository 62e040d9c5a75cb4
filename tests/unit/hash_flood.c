/* SPDX-License-Identifier: MIT */
/*
 * hash_flood.c - names built to share a probe chain do not (util/hashseed.h).
 *
 * 2,000 names are chosen, by trying names in turn, whose hash with the seed
 * 0 (the hash as it was before the tables had seeds) has the same low 12
 * bits: in a table of 4,096 slots they all start at one slot, and the longest
 * run of taken slots is 2,000 long; the work of filling the table grows with
 * the square of the count.  A table as symtab_init() and interner_init()
 * make it has its own seed, which the names were not chosen against: its
 * longest run must stay short.  The table with the seed forced to 0 shows
 * that the names do what they were built for.
 */
#include <stdio.h>
#include <string.h>
#include "util/intern.h"
#include "util/symtab.h"
#include "counting_alloc.h"

#define N 2000
#define BITS 12

/* The longest run of taken slots (wrapping round the end). */
static size_t longest_run(size_t cap, int (*taken)(const void *, size_t), const void *slots)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < 2 * cap; i++) {
        run = taken(slots, i % cap) ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best < cap ? best : cap;
}

static int symtab_taken(const void *slots, size_t i)
{
    return ((const symtab_slot *)slots)[i].key != NULL;
}

static int intern_taken(const void *slots, size_t i)
{
    return ((const intern_slot *)slots)[i].key != NULL;
}

int main(void)
{
    static char names[N][9];
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    int got = 0;
    for (unsigned long k = 0; got < N; k++) {
        char *s = names[got];
        unsigned long v = k;
        s[0] = 'U';
        for (int i = 1; i < 8; i++, v /= 36)
            s[i] = digits[v % 36];
        s[8] = '\0';
        if ((symtab_hash(0, s, 8) & ((1u << BITS) - 1)) == 0)
            got++;
    }

    counting c = { 0, 0 };
    zvmc_alloc a = { c_malloc, c_realloc, c_free, &c };
    for (int seeded = 0; seeded < 2; seeded++) {
        symtab t;
        symtab_init(&t, &a);
        if (!seeded)
            t.seed = 0;
        for (int i = 0; i < N; i++)
            EXPECT(symtab_put(&t, names[i], 8, NULL) != NULL, "symtab_put %s", names[i]);
        size_t run = longest_run(t.cap, symtab_taken, t.slots);
        printf("hash_flood: symtab, %s: %zu names in %zu slots, longest run %zu\n",
               seeded ? "its own seed" : "seed 0", t.count, t.cap, run);
        if (seeded)
            EXPECT(run < 200, "seeded symtab: a run of %zu slots", run);
        else
            EXPECT(run >= N, "seed 0: the names do not share a chain (run %zu)", run);
        symtab_free(&t);

        arena ar;
        arena_init(&ar, &a);
        interner in;
        interner_init(&in, &a);
        if (!seeded)
            in.seed = 0;
        for (int i = 0; i < N; i++)
            EXPECT(interner_get(&in, &ar, names[i], 8) != NULL, "interner_get %s", names[i]);
        run = longest_run(in.cap, intern_taken, in.slots);
        printf("hash_flood: interner, %s: longest run %zu\n", seeded ? "its own seed" : "seed 0",
               run);
        if (seeded)
            EXPECT(run < 200, "seeded interner: a run of %zu slots", run);
        else
            EXPECT(run >= N, "seed 0: the names do not share a chain (run %zu)", run);
        interner_free(&in);
        arena_free_all(&ar);
    }
    EXPECT(c.live == 0, "%ld allocations not freed", (long)c.live);
    return failures != 0;
}
