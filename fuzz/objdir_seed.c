/* SPDX-License-Identifier: MIT */
/*
 * objdir_seed.c - write sample object directories through the builder.
 *
 *   objdir_seed DIR            the fuzzing seeds: LTICS1 (tests/unit/objdir_fixture.h),
 *                              an empty cluster, and small synthetic clusters
 *   objdir_seed -n USERS [-m MEMBERS] FILE
 *                              one synthetic cluster (tests/unit/objdir_synth.h),
 *                              e.g. for bench/lookup before `zvmc compile` exists
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
