/* SPDX-License-Identifier: MIT */
/* The pointer map (src/util/ptrmap.c) and arena_grow() (src/util/arena.c):
 * every key put is found with its value across growth, no key not put is
 * found, a failed growth leaves the map as it was, and everything goes back
 * to the allocator; an array grown one element at a time keeps its elements
 * and takes linear room. */
#include <string.h>
#include "util/arena.h"
#include "util/ptrmap.h"
#include "counting_alloc.h"

#define N 20000

int main(void)
{
    counting c = { 0, 0 };
    zvmc_alloc a = { c_malloc, c_realloc, c_free, &c };
    /* Keys: addresses in one array, next to each other, as interned names are. */
    static char keys[N];
    ptrmap m;
    memset(&m, 0, sizeof m);
    EXPECT(ptrmap_get(&m, &keys[0]) == 0 && !ptrmap_has(&m, &keys[0]), "an empty map holds nothing");
    EXPECT(!ptrmap_has(&m, NULL) && ptrmap_put(&m, &a, NULL) == NULL, "no NULL key");
    for (size_t i = 0; i < N; i += 2) {
        ptrmap_slot *s = ptrmap_put(&m, &a, &keys[i]);
        EXPECT(s && s->key == &keys[i] && s->value == 0, "put %zu", i);
        if (s)
            s->value = i * 7 + 1;
    }
    EXPECT(m.count == N / 2, "count %zu", m.count);
    EXPECT(m.count * 4 <= m.cap * 3, "at most three quarters full: %zu of %zu", m.count, m.cap);
    for (size_t i = 0; i < N; i++) {
        if (i % 2 == 0)
            EXPECT(ptrmap_has(&m, &keys[i]) && ptrmap_get(&m, &keys[i]) == i * 7 + 1, "get %zu", i);
        else
            EXPECT(!ptrmap_has(&m, &keys[i]) && ptrmap_get(&m, &keys[i]) == 0, "absent %zu", i);
    }
    /* Putting a key again finds its slot and value. */
    ptrmap_slot *again = ptrmap_put(&m, &a, &keys[10]);
    EXPECT(again && again->value == 71 && m.count == N / 2, "put again");
    /* A growth that fails leaves every key where it was. */
    size_t count = m.count, cap = m.cap;
    size_t i = 1;
    c.fail = 1;
    for (; (m.count + 1) * 4 <= m.cap * 3; i += 2)    /* fill up to the growth point */
        EXPECT(ptrmap_put(&m, &a, &keys[i]) != NULL, "put without growth %zu", i);
    EXPECT(ptrmap_put(&m, &a, &keys[i]) == NULL, "a put that needs growth fails");
    c.fail = 0;
    EXPECT(m.cap == cap && m.count > count && !ptrmap_has(&m, &keys[i]), "unchanged by the failure");
    for (size_t k = 0; k < N; k += 2)
        EXPECT(ptrmap_get(&m, &keys[k]) == k * 7 + 1, "kept %zu", k);
    ptrmap_free(&m, &a);
    EXPECT(m.cap == 0 && m.count == 0 && m.slots == NULL, "freed map is empty");

    /* arena_grow: one element at a time, as SLOTs and systems are added */
    arena ar;
    arena_init(&ar, &a);
    unsigned *v = NULL;
    for (unsigned n = 0; n < N; n++) {
        unsigned *nv = arena_grow(&ar, v, n, sizeof *v);
        EXPECT(nv != NULL, "grow at %u", n);
        if (!nv)
            break;
        EXPECT(n == 0 || nv == v || (n >= 4 && (n & (n - 1)) == 0), "a new block only at 4, 8, 16...: %u", n);
        v = nv;
        v[n] = n * 3;
    }
    for (unsigned n = 0; v && n < N; n++)
        EXPECT(v[n] == n * 3, "element %u kept", n);
    EXPECT(ar.total < 4 * N * sizeof *v + (1 << 20), "linear room: %zu bytes", ar.total);
    c.fail = 1;
    EXPECT(arena_grow(&ar, v, 5, sizeof *v) == v, "room for element 5: no allocation");
    EXPECT(arena_grow(&ar, v, 1 << 20, sizeof *v) == NULL, "a new block the allocator refuses: NULL");
    c.fail = 0;
    arena_free_all(&ar);
    EXPECT(c.live == 0, "%ld blocks not freed", c.live);
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures != 0;
}
