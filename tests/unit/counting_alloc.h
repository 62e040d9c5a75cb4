/* SPDX-License-Identifier: MIT */
/* For the unit tests of src/util/: an EXPECT that counts failures, and an
 * allocator that fails when told to and counts the blocks it has out (every
 * block must go back: live is 0 at the end). */
#ifndef ZVMC_TESTS_COUNTING_ALLOC_H
#define ZVMC_TESTS_COUNTING_ALLOC_H

#include <stdio.h>
#include <stdlib.h>
#include "util/alloc.h"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

typedef struct counting {
    int fail;
    long live;
} counting;

static void *c_malloc(void *ud, size_t size)
{
    counting *c = ud;
    void *p = c->fail ? NULL : malloc(size);
    c->live += p != NULL;
    return p;
}

static void *c_realloc(void *ud, void *ptr, size_t size)
{
    counting *c = ud;
    void *p = c->fail ? NULL : realloc(ptr, size);
    c->live += p && !ptr;
    return p;
}

static void c_free(void *ud, void *ptr)
{
    counting *c = ud;
    c->live -= ptr != NULL;
    free(ptr);
}

#endif
