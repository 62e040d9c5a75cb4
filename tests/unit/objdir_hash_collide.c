/* SPDX-License-Identifier: MIT */
/*
 * objdir_hash_collide.c - user names built to share one hash of the object
 * directory's index (FNV-1a-32 of the upper-case name, fixed by the format).
 *
 * Such names take a fraction of a second to find: the hash runs backwards
 * as easily as forwards, so the states after every 4-character prefix meet
 * the states before every 4-character suffix (meet in the middle).  No size
 * of index holds more than 257 of them within the format's probe bound
 * (each starts at the same home slot whatever the size).  The writer must
 * say so at once (-ZVMC_ERR_TOOBIG) rather than double its index to 2^28
 * slots, a gigabyte, first (it took 3.2 s and 1 GB to refuse 400 such
 * users); here every allocation above 64 MiB fails, which turns that old
 * behaviour into -ZVMC_ERR_NOMEM.  257 such names are held, and found.
 */
#include <stdint.h>
#include <stdlib.h>

#include "emit/objdir_builder.h"
#include "objdir_test.h"
#include "runtime/objdir_format.h"

#define FNV_PRIME 16777619u
#define TARGET 0x12345678u

static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

typedef struct state {
    uint32_t h, i;
} state;

static int state_cmp(const void *a, const void *b)
{
    uint32_t x = ((const state *)a)->h, y = ((const state *)b)->h;
    return x < y ? -1 : x > y;
}

/* 4 characters from index i: a letter first (as a user id starts), then any. */
static void chars4(uint32_t i, int first_letter, char *out)
{
    out[0] = alpha[i % (first_letter ? 26 : 36)];
    i /= first_letter ? 26 : 36;
    for (int k = 1; k < 4; k++, i /= 36)
        out[k] = alpha[i % 36];
}

/* @want 8-character names whose index hash is TARGET, into names[][9]; the count found. */
static int colliding_names(char (*names)[9], int want)
{
    const uint32_t n = 26u * 36 * 36 * 36;
    state *f = malloc((size_t)n * sizeof(*f));
    uint32_t inv = FNV_PRIME;    /* FNV_PRIME's inverse mod 2^32, by Newton's iteration */
    int got = 0;

    CHECK(f != NULL);
    for (int k = 0; k < 5; k++)
        inv *= 2 - FNV_PRIME * inv;
    for (uint32_t i = 0; i < n; i++) {
        char c[4];
        uint32_t h = 2166136261u;

        chars4(i, 1, c);
        for (int k = 0; k < 4; k++)
            h = (h ^ (unsigned char)c[k]) * FNV_PRIME;
        f[i].h = h;
        f[i].i = i;
    }
    qsort(f, n, sizeof(*f), state_cmp);
    for (uint32_t j = 0; j < 36u * 36 * 36 * 36 && got < want; j++) {
        char sfx[4];
        state key = { TARGET, 0 };
        const state *r;

        chars4(j, 0, sfx);
        for (int k = 3; k >= 0; k--)     /* the state before the suffix */
            key.h = (key.h * inv) ^ (unsigned char)sfx[k];
        r = bsearch(&key, f, n, sizeof(*f), state_cmp);
        if (!r)
            continue;
        while (r > f && r[-1].h == key.h)
            r--;
        for (; r < f + n && r->h == key.h && got < want; r++, got++) {
            chars4(r->i, 1, names[got]);
            memcpy(names[got] + 4, sfx, 4);
            names[got][8] = '\0';
        }
    }
    free(f);
    return got;
}

/* Every allocation above 64 MiB fails. */
static void *capped_malloc(void *ud, size_t n)
{
    (void)ud;
    return n > ((size_t)64 << 20) ? NULL : malloc(n);
}

static void *capped_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    return n > ((size_t)64 << 20) ? NULL : realloc(p, n);
}

static void capped_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static const zvmc_allocator capped = { capped_malloc, capped_realloc, capped_free, NULL };

/* A one-member cluster of the first @n names (sorted, as the writer's user table is). */
static int serialize(char (*names)[9], int n, uint8_t **img, size_t *len)
{
    struct zvmc_odb *b = zvmc_odb_new_alloc(&capped);
    int rc;

    CHECK(b != NULL);
    CHECK_OK(zvmc_odb_set_cluster(b, "FLOOD", "7.4"));
    CHECK_INT(zvmc_odb_add_member(b, "SYSA", 1, "RES001"), 0);
    for (int i = 0; i < n; i++)
        CHECK_INT(zvmc_odb_add_user(b, names[i], ZVMC_USER_USER), i);
    rc = zvmc_odb_serialize(b, img, len);
    zvmc_odb_free(b);
    return rc;
}

int main(void)
{
    static char names[400][9];
    struct zvmc_objdir *od;
    uint8_t *img = NULL;
    size_t len;

    CHECK_INT(colliding_names(names, 400), 400);
    for (int i = 0; i < 400; i++)
        CHECK_INT(zvmc_od_hash_(names[i]), TARGET);

    /* 400 on one home slot: refused at once, not after a gigabyte of index */
    CHECK_RC(serialize(names, 400, &img, &len), ZVMC_ERR_TOOBIG);
    CHECK_RC(serialize(names, 258, &img, &len), ZVMC_ERR_TOOBIG);

    /* 257 fit within the bound: written, opened, each found by name */
    CHECK_OK(serialize(names, 257, &img, &len));
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(zvmc_user_count(od), 257);
    for (int i = 0; i < 257; i++)
        CHECK(zvmc_user_find(od, names[i]) >= 0);
    CHECK_RC(zvmc_user_find(od, names[257]), ZVMC_ERR_NOTFOUND);
    zvmc_objdir_close(od);
    free(img);
    printf("objdir_hash_collide: 400 names of hash %08X; 258 refused, 257 held\n", TARGET);
    return 0;
}
