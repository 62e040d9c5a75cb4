/* SPDX-License-Identifier: MIT */
/*
 * objdir_hash_collide.c - user names built to collide in the object
 * directory's user index (FNV-1a-32 of the upper-case name, unseeded in a
 * version-1 file).
 *
 * Such names take a fraction of a second to find: the hash runs backwards
 * as easily as forwards, so the states after every 4-character prefix meet
 * the states before every 4-character suffix (meet in the middle).  No size
 * of unseeded index holds more than 257 names of one hash within the
 * format's probe bound (each starts at the same home slot whatever the
 * size), and names that share only the low 24 bits need 2^25 slots.  The
 * writer used to refuse the first (-ZVMC_ERR_TOOBIG; before that it doubled
 * its index to 2^28 slots, a gigabyte, and took 3.2 s) and to allocate
 * 128 MiB of index for the second; here every allocation above 64 MiB
 * fails, which turns that into -ZVMC_ERR_NOMEM.  Now it takes the next
 * seed (a version-2 file): both are held in an index of 2n slots, and every
 * name is found.  Names that need no seed still make a version-1 file.
 *
 *   objdir_hash_collide            the test
 *   objdir_hash_collide --names N  print N names of one hash (for
 *                                  tests/scripts/seeded_index.sh)
 */
#include <stdint.h>
#include <stdlib.h>

#include "emit/objdir_builder.h"
#include "zvmc/compile.h"
#include "zvmc/zvmc.h"
#include "objdir_collide.h"
#include "objdir_test.h"
#include "objdir_walk.h"
#include "runtime/objdir_format.h"

#define TARGET 0x12345678u

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

/* A one-member cluster of the first @n names (the writer sorts them). */
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

/* The header and index of an image: version, last_comp_version, flags,
 * and the hash block's first word and size in words. */
static void expect_header(const uint8_t *img, uint32_t version, uint32_t flags)
{
    CHECK_INT(zvmc_be32_ld(img + ZVMC_OD_H_VERSION), version);
    CHECK_INT(zvmc_be32_ld(img + ZVMC_OD_H_LAST_COMP), version);
    CHECK_INT(zvmc_be32_ld(img + ZVMC_OD_H_FLAGS), flags);
}

static uint32_t hash_words(const uint8_t *img)
{
    return zvmc_be32_ld(img + ZVMC_OD_H_BLOCKS + ZVMC_OD_B_HASH * ZVMC_OD_H_BLOCK_ENTRY + 4) / 4;
}

static uint32_t hash_word0(const uint8_t *img)
{
    return zvmc_be32_ld(img + zvmc_be32_ld(img + ZVMC_OD_H_BLOCKS +
                                           ZVMC_OD_B_HASH * ZVMC_OD_H_BLOCK_ENTRY));
}

/* Open @img, find each of the first @n names and not name @absent. */
static void expect_found(uint8_t *img, size_t len, char (*names)[9], int n, const char *absent)
{
    struct zvmc_objdir *od;
    struct zvmc_cluster_info ci;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(zvmc_user_count(od), n);
    CHECK_OK(zvmc_cluster_get(od, &ci));
    CHECK_INT(ci.version, zvmc_be32_ld(img + ZVMC_OD_H_VERSION));
    for (int i = 0; i < n; i++)
        CHECK(zvmc_user_find(od, names[i]) >= 0);
    if (absent)
        CHECK_RC(zvmc_user_find(od, absent), ZVMC_ERR_NOTFOUND);
    CHECK_INT(objdir_walk(od), 0);      /* every query, every invariant */
    zvmc_objdir_close(od);
}

/* What a directory manager does: a source directory of the 400 names of one
 * hash for the example cluster (the test runs from the top of the source
 * tree), checked and compiled through the public API, opened, each user
 * found, and dumped back to source with every USER in it. */
static void through_the_api(char (*names)[9], int n)
{
    char *dump = NULL, line[64];
    zvmc_ctx *ctx = checked_users(names, n);
    unsigned char *img;
    size_t len;
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_compile(ctx, 0, &img, &len));
    expect_header(img, ZVMC_OD_HASH_SEED_VERSION, ZVMC_OD_HDR_HASH_SEED);
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(zvmc_user_count(od), n);
    for (int i = 0; i < n; i++)
        CHECK(zvmc_user_find(od, names[i]) >= 0);
    CHECK_OK(zvmc_dump(od, ZVMC_DUMP_TEXT, NULL, str_append, &dump));
    for (int i = 0; i < n; i++) {
        snprintf(line, sizeof line, "USER %.8s ", names[i]);
        CHECK(strstr(dump, line) != NULL);
    }
    zvmc_objdir_close(od);
    zvmc_image_free(img);
    zvmc_ctx_free(ctx);
    free(dump);
}

/* objdir_hash_collide --names N: print N (at most 400) names of one
 * unseeded hash, one per line, for tests/scripts/seeded_index.sh. */
static int print_names(const char *count)
{
    static char names[400][9];
    collide_state *f = collide_prefixes();
    int n = atoi(count);

    CHECK(f != NULL);
    if (n < 1 || n > 400 || collide_names(f, TARGET, names, n) != n) {
        fprintf(stderr, "objdir_hash_collide: --names takes 1 to 400\n");
        free(f);
        return 2;
    }
    free(f);
    for (int i = 0; i < n; i++)
        printf("%s\n", names[i]);
    return 0;
}

int main(int argc, char **argv)
{
    static char names[400][9], low24[400][9];
    collide_state *f;
    uint8_t *img = NULL, *again = NULL;
    size_t len, len2;

    if (argc == 3 && !strcmp(argv[1], "--names"))
        return print_names(argv[2]);
    f = collide_prefixes();
    CHECK(f != NULL);

    /* 400 names of one whole hash */
    CHECK_INT(collide_names(f, TARGET, names, 400), 400);
    for (int i = 0; i < 400; i++)
        CHECK_INT(zvmc_od_hash_(0, names[i]), TARGET);
    /* 400 of eight hashes that share their low 24 bits, 50 of each */
    for (uint32_t k = 0; k < 8; k++)
        CHECK_INT(collide_names(f, TARGET ^ (k + 1) << 24, low24 + 50 * k, 50), 50);
    free(f);
    for (int i = 0; i < 400; i++)
        CHECK_INT(zvmc_od_hash_(0, low24[i]) & 0xFFFFFF, TARGET & 0xFFFFFF);

    /* 257 of one hash fit the unseeded index: a version-1 file, as before */
    CHECK_OK(serialize(names, 257, &img, &len));
    expect_header(img, 1, 0);
    CHECK_INT(hash_words(img), 1024);       /* 2n, rounded up: no seed word */
    expect_found(img, len, names, 257, names[257]);
    free(img);

    /* 258 and 400 do not: the next seed, a version-2 file, the same 2n slots */
    for (int n = 258; n <= 400; n += 142) {
        CHECK_OK(serialize(names, n, &img, &len));
        expect_header(img, ZVMC_OD_HASH_SEED_VERSION, ZVMC_OD_HDR_HASH_SEED);
        CHECK_INT(hash_word0(img), 1);      /* seed 1 spreads them */
        CHECK_INT(hash_words(img), 1 + 1024);
        expect_found(img, len, names, n, n < 400 ? names[n] : NULL);
        /* the same names, the same bytes */
        CHECK_OK(serialize(names, n, &again, &len2));
        CHECK_INT(len2, len);
        CHECK(memcmp(img, again, len) == 0);
        free(again);
        free(img);
    }

    through_the_api(names, 400);

    /* sharing the low 24 bits only: the unseeded index needed 2^25 slots */
    CHECK_OK(serialize(low24, 400, &img, &len));
    expect_header(img, ZVMC_OD_HASH_SEED_VERSION, ZVMC_OD_HDR_HASH_SEED);
    CHECK_INT(hash_word0(img), 1);
    CHECK_INT(hash_words(img), 1 + 1024);
    expect_found(img, len, low24, 400, "NOTAUSER");
    free(img);

    printf("objdir_hash_collide: 400 names of hash %08X and 400 of low bits %06X: "
           "held with seed 1; 257 of one hash: version 1\n", TARGET, TARGET & 0xFFFFFF);
    return 0;
}
