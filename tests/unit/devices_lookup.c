/* SPDX-License-Identifier: MIT */
/*
 * devices_lookup.c - the RDEV range a real device falls in, on one member.
 *
 * Ranges may overlap; the one taken is the last (in the sorted order) that
 * starts at or before the device and covers it.  The lookup used to scan back
 * at most 64 ranges from the binary search's position, so a wide range with
 * 65 narrower ones starting inside it before the device was missed, and a
 * dedicated device it covers was taken to have no EQID (a wrong relocation
 * verdict).  Here every answer is compared with a scan of all the ranges, on
 * that case and on random ones: wide and narrow, nested, equal starts, the
 * ends of the device numbers; and, for a quarter of them, without the tree
 * (the scan back devices_lookup() falls back to).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/cluster_devices.h"
#include "util/arena.h"

static int failures;

#define EXPECT(c, ...)                                                  \
    do {                                                            \
        if (!(c)) {                                             \
            fprintf(stderr, "devices_lookup: " __VA_ARGS__);    \
            fputc('\n', stderr);                                \
            if (++failures > 20)                                \
                exit(1);                                        \
        }                                                       \
    } while (0)

/* The answer by definition: the last covering range among those that start
 * at or before rdev, in the (sorted) array's order. */
static const rdev_range *oracle(const member_devices *m, uint32_t rdev)
{
    const rdev_range *best = NULL;
    for (uint32_t i = 0; i < m->nrdevs && m->rdevs[i].first <= rdev; i++)
        if (m->rdevs[i].last >= rdev)
            best = &m->rdevs[i];
    return best;
}

static int by_first(const void *a, const void *b)
{
    const rdev_range *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->last < y->last ? -1 : x->last > y->last;   /* a fixed order for ties */
}

static void expect_all(const member_devices *m, const char *what, uint32_t lo, uint32_t hi)
{
    for (uint32_t d = lo;; d++) {
        const rdev_range *got = devices_lookup(m, d), *want = oracle(m, d);
        EXPECT(got == want, "%s: device %04X: range %ld, expected %ld", what, d,
               got ? (long)(got - m->rdevs) : -1L, want ? (long)(want - m->rdevs) : -1L);
        if (d == hi)
            break;
    }
}

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*s >> 33);
}

int main(void)
{
    arena a;
    arena_init(&a, zalloc_default());
    rdev_range r[600];
    member_devices m;

    /* none */
    memset(&m, 0, sizeof m);
    m.rdevs = r;
    EXPECT(devices_index(&a, &m) == 0, "no ranges: index failed");
    EXPECT(devices_lookup(&m, 0x1800) == NULL, "no ranges: found one");

    /* 1000-1FFF, then 65 ranges 1001..1041 inside it: device 1800 is the wide one's */
    memset(r, 0, sizeof r);
    r[0] = (rdev_range){ 0x1000, 0x1FFF, "BIG", "OSA", NULL };
    for (uint32_t i = 1; i <= 65; i++)
        r[i] = (rdev_range){ 0x1000 + i, 0x1000 + i, NULL, "OSA", NULL };
    m = (member_devices){ r, 66, NULL, 0 };
    EXPECT(devices_index(&a, &m) == 0, "index failed");
    EXPECT(devices_lookup(&m, 0x1800) == &r[0], "1800: not the wide range");
    EXPECT(devices_lookup(&m, 0x1041) == &r[65], "1041: not its own range");
    EXPECT(devices_lookup(&m, 0x0FFF) == NULL, "0FFF: found a range");
    EXPECT(devices_lookup(&m, 0x2000) == NULL, "2000: found a range");
    expect_all(&m, "wide and 65 narrow", 0x0F00, 0x2100);

    /* random sets: sizes across powers of two, ranges of every width */
    uint64_t seed = 1;
    for (int round = 0; round < 400; round++) {
        uint32_t n = 1 + rnd(&seed) % 600, span = 64u << (rnd(&seed) % 11);
        if (span > 0x10000)
            span = 0x10000;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t first = rnd(&seed) % span, width;
            switch (rnd(&seed) % 4) {
            case 0: width = 0; break;
            case 1: width = rnd(&seed) % 8; break;
            case 2: width = rnd(&seed) % 256; break;
            default: width = rnd(&seed) % span; break;
            }
            uint32_t last = first + width > 0xFFFF ? 0xFFFF : first + width;
            r[i] = (rdev_range){ first, last, NULL, NULL, NULL };
        }
        qsort(r, n, sizeof *r, by_first);
        m = (member_devices){ r, n, NULL, 0 };
        /* one round in four without the tree: the scan it falls back to */
        EXPECT(round % 4 == 3 || devices_index(&a, &m) == 0, "round %d: index failed", round);
        char what[32];
        snprintf(what, sizeof what, "round %d (%u ranges)", round, n);
        expect_all(&m, what, 0, span < 0xFFFF ? span : 0xFFFF);
    }
    arena_free_all(&a);
    if (failures)
        return 1;
    printf("devices_lookup: a wide range behind 65 narrow ones, and 400 random sets (100 "
           "without the tree), as a scan of every range finds\n");
    return 0;
}
