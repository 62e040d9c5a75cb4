/* SPDX-License-Identifier: MIT */
/*
 * plan_fixture_write.c - the planner's cluster (plan_fixture.h) as a file,
 * for the CLI tests (tests/scripts/plan_golden.sh), which need an object
 * directory before `zvmc compile` can make this one.
 *
 *   plan_fixture_write           as a unit test: the image opens and holds
 *                                every user of the fixture
 *   plan_fixture_write FILE      write the image to FILE
 */
#include "plan_fixture.h"

int main(int argc, char **argv)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;
    int rc = 0;

    if (argc == 2) {
        rc = zvmc_odb_write_file(argv[1], img, len);
        if (rc)
            fprintf(stderr, "plan_fixture_write: %s: %s\n", argv[1], zvmc_strerror(rc));
        free(img);
        return rc ? 1 : 0;
    }
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(zvmc_user_count(od), NUSERS + (int)(sizeof(pf_linux) / sizeof(pf_linux[0])));
    CHECK_INT(zvmc_user_find(od, "LNXB") >= 0, 1);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
