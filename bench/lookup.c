/* SPDX-License-Identifier: MIT */
/*
 * lookup.c - the runtime lookup micro-benchmark (row 7 of `make bench`).
 *
 *   lookup FILE [COUNT]
 *
 * Opens and fully validates the object directory FILE (timed, best of 5),
 * then looks COUNT (default 1,000,000) users up by name through the hash
 * index, chosen at random (a fixed-seed generator, so runs compare), and
 * prints nanoseconds per lookup.  Links the runtime only (libc and nothing
 * else).  `make bench` builds it (bench/bench.mk); by hand:
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Iinclude -o build/bench/lookup \
 *      bench/lookup.c build/libzvmc-runtime.a
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zvmc/runtime.h"

static double now_(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    struct zvmc_objdir *od = NULL;
    struct zvmc_user u;
    const char **names;
    long count = argc > 2 ? atol(argv[2]) : 1000000;
    double best = 1e9, t0, t;
    uint64_t x = 88172645463325252u;    /* xorshift64 state */
    long found = 0;
    int n, rc;

    if (argc < 2 || argc > 3 || count <= 0) {
        fprintf(stderr, "usage: lookup FILE [COUNT]\n");
        return 2;
    }
    for (int i = 0; i < 5; i++) {
        zvmc_objdir_close(od);
        t0 = now_();
        rc = zvmc_objdir_open(argv[1], &od);
        t = now_() - t0;
        if (rc) {
            fprintf(stderr, "lookup: %s: %s\n", argv[1], zvmc_strerror(rc));
            return 1;
        }
        best = t < best ? t : best;
    }
    n = zvmc_user_count(od);
    if (n <= 0) {
        fprintf(stderr, "lookup: %s has no users\n", argv[1]);
        zvmc_objdir_close(od);
        return 1;
    }
    names = malloc((size_t)n * sizeof(*names));
    if (!names) {
        zvmc_objdir_close(od);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        if (zvmc_user_get(od, i, &u) != 0) {
            fprintf(stderr, "lookup: user %d cannot be read\n", i);
            return 1;
        }
        names[i] = u.name;
    }
    t0 = now_();
    for (long i = 0; i < count; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint64_t k = x % (uint64_t)n;

        found += zvmc_user_find(od, names[k]) == (int)k;    /* the right user, too */
    }
    t = now_() - t0;
    printf("users %d  open+validate %.3f ms  lookups %ld  %.1f ns/lookup  (found %ld)\n", n,
           best * 1e3, count, t * 1e9 / (double)count, found);
    free(names);
    zvmc_objdir_close(od);
    return found == count ? 0 : 1;
}
