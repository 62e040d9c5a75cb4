/* SPDX-License-Identifier: MIT */
/*
 * introsort.c - util/introsort.h sorts, and stays O(n log n) against
 * McIlroy's adversary ("A Killer Adversary for Quicksort", 1999), which
 * decides the order of the elements lazily, as the sort compares them, so as
 * to make every pivot a bad one.  The quicksort the minidisk sort used before
 * made 625 million comparisons for 50,000 elements under it (n log2 n is
 * 780,482); this one must stay within a few n log2 n.  The same template is
 * what src/check/dir_extents.c sorts the extents with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* ---- plain integers ---- */
static int int_cmp(const int *a, const int *b)
{
    return *a < *b ? -1 : *a > *b;
}
#define INTROSORT_NAME sort_ints
#define INTROSORT_TYPE int
#define INTROSORT_CMP int_cmp
#include "util/introsort.h"

static int qsort_cmp(const void *a, const void *b)
{
    return int_cmp(a, b);
}

/* ---- the adversary: element i is "gas" (any value) until a comparison
 * needs it to be something; then it becomes the next "solid" value ---- */
typedef struct adversary {
    int *val;
    int gas, nsolid, candidate;
    long ncmp;
} adversary;
static adversary adv;   /* the comparator has no argument for it: a test program's own */

static int adv_cmp(const int *pa, const int *pb)
{
    int x = *pa, y = *pb;
    adv.ncmp++;
    if (adv.val[x] == adv.gas && adv.val[y] == adv.gas)
        adv.val[x == adv.candidate ? x : y] = adv.nsolid++;
    if (adv.val[x] == adv.gas)
        adv.candidate = x;
    else if (adv.val[y] == adv.gas)
        adv.candidate = y;
    return adv.val[x] < adv.val[y] ? -1 : adv.val[x] > adv.val[y];
}
#define INTROSORT_NAME sort_against_adversary
#define INTROSORT_TYPE int
#define INTROSORT_CMP adv_cmp
#include "util/introsort.h"

/* n log2 n, with log2 n rounded up */
static double n_log_n(int n)
{
    int lg = 0;
    while ((1L << lg) < n)
        lg++;
    return (double)n * lg;
}

static void check_sorts(int *v, size_t n, const char *what)
{
    int *want = malloc(n * sizeof *want + 1);
    memcpy(want, v, n * sizeof *v);
    qsort(want, n, sizeof *want, qsort_cmp);
    sort_ints(v, n);
    EXPECT(n == 0 || memcmp(v, want, n * sizeof *v) == 0, "%s, n=%zu: not sorted", what, n);
    free(want);
}

int main(void)
{
    static const size_t sizes[] = { 0, 1, 2, 3, 16, 17, 100, 1000, 65537 };
    srand(1);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        int *v = malloc(n * sizeof *v + 1);
        for (size_t i = 0; i < n; i++)
            v[i] = rand();
        check_sorts(v, n, "random");
        for (size_t i = 0; i < n; i++)
            v[i] = rand() % 4;
        check_sorts(v, n, "four values");
        for (size_t i = 0; i < n; i++)
            v[i] = (int)i;
        check_sorts(v, n, "sorted");
        for (size_t i = 0; i < n; i++)
            v[i] = (int)(n - i);
        check_sorts(v, n, "reversed");
        for (size_t i = 0; i < n; i++)
            v[i] = (int)(i % 2 ? i : n - i);
        check_sorts(v, n, "organ pipe");
        free(v);
    }

    /* the adversary: comparisons within 5 n log2 n, and the result sorted */
    static const int adv_sizes[] = { 1000, 50000 };
    for (size_t k = 0; k < 2; k++) {
        int n = adv_sizes[k];
        int *ptr = malloc((size_t)n * sizeof *ptr);
        adv.val = malloc((size_t)n * sizeof *adv.val);
        adv.gas = n - 1;
        adv.nsolid = 0;
        adv.candidate = 0;
        adv.ncmp = 0;
        for (int i = 0; i < n; i++) {
            ptr[i] = i;
            adv.val[i] = adv.gas;
        }
        sort_against_adversary(ptr, (size_t)n);
        double bound = 5.0 * n_log_n(n);
        EXPECT(adv.ncmp <= bound, "n=%d: %ld comparisons under the adversary, more than "
               "5 n log2 n = %.0f", n, adv.ncmp, bound);
        for (int i = 1; i < n; i++)
            if (adv.val[ptr[i - 1]] > adv.val[ptr[i]]) {
                EXPECT(0, "n=%d: the adversary's order is not sorted at %d", n, i);
                break;
            }
        printf("introsort: n=%d, %ld comparisons under the adversary (n log2 n = %.0f)\n", n,
               adv.ncmp, n_log_n(n));
        free(ptr);
        free(adv.val);
    }
    return failures != 0;
}
