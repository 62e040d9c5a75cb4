/* SPDX-License-Identifier: MIT */
/* The interner (src/util/intern.c): one copy per distinct byte string, found
 * again by content whatever the case of growth; lengths count (a prefix is
 * another name, a NUL inside a name is a byte like any other); a failed
 * allocation returns NULL and leaves the table as it was; everything goes
 * back to the allocator. */
#include <string.h>
#include "util/intern.h"
#include "counting_alloc.h"

#define N 5000

int main(void)
{
    counting c = { 0, 0 };
    zvmc_alloc a = { c_malloc, c_realloc, c_free, &c };
    arena ar;
    arena_init(&ar, &a);
    interner t;
    interner_init(&t, &a);

    /* Names like the volumes of a big cluster, across many doublings of the table. */
    static const char *first[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "LX%04d", i);
        first[i] = interner_get(&t, &ar, buf, (size_t)n);
        EXPECT(first[i] && strcmp(first[i], buf) == 0, "LX%04d: interned as %s", i,
               first[i] ? first[i] : "(null)");
        EXPECT(first[i] != buf, "LX%04d: the caller's buffer kept", i);
    }
    EXPECT(t.count == N, "%zu names counted, %d interned", t.count, N);
    EXPECT(t.count * 4 <= t.cap * 3, "table over three quarters full: %zu of %zu", t.count, t.cap);
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "LX%04d", i);
        EXPECT(interner_get(&t, &ar, buf, (size_t)n) == first[i], "LX%04d: a second copy", i);
    }
    EXPECT(t.count == N, "found names were added again: %zu", t.count);

    /* Length and bytes make the name: a prefix, a case change, an inner NUL. */
    const char *ab = interner_get(&t, &ar, "ABC", 3);
    EXPECT(ab && ab != interner_get(&t, &ar, "AB", 2), "a prefix is the same name");
    EXPECT(ab != interner_get(&t, &ar, "abc", 3), "case is not kept apart");
    const char *nul = interner_get(&t, &ar, "AB\0C", 4);
    EXPECT(nul && nul != ab && memcmp(nul, "AB\0C", 5) == 0, "an inner NUL is lost");
    EXPECT(nul == interner_get(&t, &ar, "AB\0C", 4), "a name with a NUL is not found again");
    const char *empty = interner_get(&t, &ar, "", 0);
    EXPECT(empty && *empty == '\0' && empty == interner_get(&t, &ar, "", 0), "the empty name");

    /* Out of memory: NULL, and the table is as it was; known names are still found. */
    size_t before = t.count;
    c.fail = 1;
    int nulls = 0;
    for (int i = 0; i < 4 * N; i++) {
        int n = snprintf(buf, sizeof buf, "NEW%05d", i);
        nulls += interner_get(&t, &ar, buf, (size_t)n) == NULL;
    }
    EXPECT(nulls > 0, "no allocation failed: the test does not reach the failure path");
    EXPECT(interner_get(&t, &ar, "LX0042", 6) == first[42], "a known name is lost after ENOMEM");
    c.fail = 0;
    size_t added = t.count - before;
    for (int i = 0; i < 4 * N; i++) {
        int n = snprintf(buf, sizeof buf, "NEW%05d", i);
        const char *s = interner_get(&t, &ar, buf, (size_t)n);
        EXPECT(s && strcmp(s, buf) == 0, "NEW%05d after ENOMEM: %s", i, s ? s : "(null)");
    }
    EXPECT(t.count == before + 4 * N, "%zu names after ENOMEM, %zu expected (%zu added while failing)",
           t.count, before + 4 * N, added);

    interner_free(&t);
    arena_free_all(&ar);
    EXPECT(c.live == 0, "%ld blocks not given back", c.live);
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures != 0;
}
