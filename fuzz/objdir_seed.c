/* SPDX-License-Identifier: MIT */
/*
 * objdir_seed.c - write sample object directories through the builder.
 *
 *   objdir_seed DIR            the fuzzing seeds: LTICS1 (tests/unit/objdir_fixture.h),
 *                              an empty cluster, small synthetic clusters, and
 *                              one of user names that need a seeded index
 *                              (tests/unit/objdir_collide.h: a version-2 file)
 *   objdir_seed -n USERS [-m MEMBERS] FILE
 *                              one synthetic cluster (tests/unit/objdir_synth.h),
 *                              e.g. for bench/lookup before `zvmc compile` exists
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_collide.h"
#include "objdir_fixture.h"
#include "objdir_synth.h"

static int write_(const char *path, struct zvmc_odb *b)
{
    uint8_t *img;
    size_t len;
    int rc = b ? zvmc_odb_serialize(b, &img, &len) : -ZVMC_ERR_NOMEM;

    zvmc_odb_free(b);
    if (!rc) {
        rc = zvmc_odb_write_file(path, img, len);
        free(img);
    }
    if (rc)
        fprintf(stderr, "objdir_seed: %s: %s\n", path, zvmc_strerror(rc));
    return rc ? 1 : 0;
}

/* 258 users of one unseeded hash, one more than an unseeded index holds:
 * the writer seeds it (a version-2 file). */
static struct zvmc_odb *seeded_build_(void)
{
    static char names[258][9];
    collide_state *f = collide_prefixes();
    struct zvmc_odb *b = zvmc_odb_new();
    int ok = f && b && collide_names(f, 0x5EED5EEDu, names, 258) == 258 &&
             zvmc_odb_set_cluster(b, "SEEDED", "7.4") == 0 &&
             zvmc_odb_add_member(b, "SYSA", 1, "RES001") == 0;

    for (int i = 0; ok && i < 258; i++)
        ok = zvmc_odb_add_user(b, names[i], ZVMC_USER_USER) == i;
    free(f);
    if (!ok) {
        zvmc_odb_free(b);
        return NULL;
    }
    return b;
}

static int seeds_(const char *dir)
{
    static const int sizes[][2] = { { 1, 1 }, { 2, 5 }, { 3, 20 }, { 8, 3 } };  /* members, users */
    char path[4096];
    int bad = 0;

    snprintf(path, sizeof(path), "%s/ltics1.zvmo", dir);
    bad |= write_(path, fx_build(0));
    snprintf(path, sizeof(path), "%s/empty.zvmo", dir);
    bad |= write_(path, zvmc_odb_new());
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        snprintf(path, sizeof(path), "%s/synth-%dm-%du.zvmo", dir, sizes[i][0], sizes[i][1]);
        bad |= write_(path, synth_build(sizes[i][0], sizes[i][1]));
    }
    snprintf(path, sizeof(path), "%s/seeded-index.zvmo", dir);
    bad |= write_(path, seeded_build_());
    return bad;
}

static int usage_(void)
{
    fprintf(stderr, "usage: objdir_seed DIR\n"
            "       objdir_seed -n USERS [-m MEMBERS] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    int users = -1, members = 4;

    if (argc == 2 && argv[1][0] != '-')
        return seeds_(argv[1]);
    if (argc % 2)   /* options come in pairs, then FILE */
        return usage_();
    for (int i = 1; i < argc - 1; i += 2) {
        if (!strcmp(argv[i], "-n"))
            users = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-m"))
            members = atoi(argv[i + 1]);
        else
            return usage_();
    }
    if (users < 0 || members < 1 || members > 31)
        return usage_();
    return write_(argv[argc - 1], synth_build(members, users));
}
