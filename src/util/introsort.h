/* SPDX-License-Identifier: MIT */
/*
 * introsort.h - an in-place sort that is O(n log n) on every input.
 *
 * Quicksort with a median of three, recursing into the smaller part (so the
 * stack is at most log2 n deep) and looping on the larger, insertion sort for
 * short ranges; and, as in Musser's introsort, a budget of 2 log2 n partitions
 * along any path, past which the range is heapsorted.  Plain quicksort is
 * quadratic on inputs built against its pivot choice (McIlroy's "A Killer
 * Adversary for Quicksort"): a directory of 200,000 minidisks in such an order
 * took 8.3 s to check where the same minidisks in order take 0.04 s.  In place,
 * unlike qsort()'s merge sort, which takes a copy of the array.
 *
 * A template: define INTROSORT_NAME (the function), INTROSORT_TYPE (the
 * element type) and INTROSORT_CMP(a, b) (pointers to two elements: <0, 0,
 * >0), then include this file, which defines
 *     static void INTROSORT_NAME(INTROSORT_TYPE *v, size_t n);
 * and undefines the three.  With a total order the result is the one any
 * sort gives.  tests/unit/introsort.c runs it against McIlroy's adversary.
 */
#include <stddef.h>

#if !defined(INTROSORT_NAME) || !defined(INTROSORT_TYPE) || !defined(INTROSORT_CMP)
#error "define INTROSORT_NAME, INTROSORT_TYPE and INTROSORT_CMP before including introsort.h"
#endif

#define INTROSORT_CAT2_(a, b) a##b
#define INTROSORT_CAT_(a, b) INTROSORT_CAT2_(a, b)
#define INTROSORT_FN_(part) INTROSORT_CAT_(INTROSORT_NAME, part)

static void INTROSORT_FN_(_swap)(INTROSORT_TYPE *a, INTROSORT_TYPE *b)
{
    INTROSORT_TYPE t = *a;
    *a = *b;
    *b = t;
}

/* Heapsort of v[0..n): the fallback, O(n log n) whatever the order. */
static void INTROSORT_FN_(_sift)(INTROSORT_TYPE *v, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && INTROSORT_CMP(&v[child], &v[child + 1]) < 0)
            child++;
        if (INTROSORT_CMP(&v[root], &v[child]) >= 0)
            return;
        INTROSORT_FN_(_swap)(&v[root], &v[child]);
    }
}

static void INTROSORT_FN_(_heap)(INTROSORT_TYPE *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        INTROSORT_FN_(_sift)(v, i, n);
    for (size_t end = n; end-- > 1;) {
        INTROSORT_FN_(_swap)(&v[0], &v[end]);
        INTROSORT_FN_(_sift)(v, 0, end);
    }
}

static void INTROSORT_FN_(_run)(INTROSORT_TYPE *v, size_t n, unsigned budget)
{
    while (n > 16) {
        if (budget-- == 0) {
            INTROSORT_FN_(_heap)(v, n);
            return;
        }
        size_t mid = n / 2;
        if (INTROSORT_CMP(&v[mid], &v[0]) < 0)
            INTROSORT_FN_(_swap)(&v[mid], &v[0]);
        if (INTROSORT_CMP(&v[n - 1], &v[0]) < 0)
            INTROSORT_FN_(_swap)(&v[n - 1], &v[0]);
        if (INTROSORT_CMP(&v[n - 1], &v[mid]) < 0)
            INTROSORT_FN_(_swap)(&v[n - 1], &v[mid]);
        INTROSORT_TYPE pivot = v[mid];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (INTROSORT_CMP(&v[i], &pivot) < 0)
                i++;
            while (INTROSORT_CMP(&pivot, &v[j]) < 0)
                j--;
            if (i >= j)
                break;
            INTROSORT_FN_(_swap)(&v[i], &v[j]);
            i++;
            j--;
        }
        /* v[0..j] <= pivot <= v[j+1..n-1] */
        size_t left = j + 1, right = n - left;
        if (left < right) {
            INTROSORT_FN_(_run)(v, left, budget);
            v += left;
            n = right;
        } else {
            INTROSORT_FN_(_run)(v + left, right, budget);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        INTROSORT_TYPE key = v[i];
        size_t j = i;
        for (; j > 0 && INTROSORT_CMP(&v[j - 1], &key) > 0; j--)
            v[j] = v[j - 1];
        v[j] = key;
    }
}

static void INTROSORT_NAME(INTROSORT_TYPE *v, size_t n)
{
    unsigned budget = 0;
    for (size_t k = n; k > 1; k >>= 1)
        budget += 2;        /* 2 floor(log2 n) */
    INTROSORT_FN_(_run)(v, n, budget);
}

#undef INTROSORT_FN_
#undef INTROSORT_CAT_
#undef INTROSORT_CAT2_
#undef INTROSORT_NAME
#undef INTROSORT_TYPE
#undef INTROSORT_CMP
