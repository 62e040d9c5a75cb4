/* SPDX-License-Identifier: MIT */
/*
 * objdir_scale.c - a 20,000-user, 4-member cluster: every user is found by
 * name through the hash index (in either case), near-miss names are not,
 * and every per-user view and verdict lands on the right user.
 */
#include <stdint.h>
#include <stdlib.h>

#include "objdir_synth.h"
#include "objdir_test.h"

#define USERS 20000
#define MEMBERS 4

int main(void)
{
    struct zvmc_odb *b = synth_build(MEMBERS, USERS);
    struct zvmc_objdir *od;
    struct zvmc_view v;
    struct zvmc_mdisk md;
    uint8_t *img;
    size_t len;
    char name[16];

    CHECK(b != NULL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    zvmc_odb_free(b);
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(zvmc_user_count(od), USERS);
    CHECK_INT(zvmc_volume_count(od), USERS / 100);
    for (int i = 0; i < USERS; i++) {
        synth_name(name, sizeof(name), i);
        CHECK_INT(zvmc_user_find(od, name), i); /* zero-padded: name order = i */
        name[0] = 'l';
        CHECK_INT(zvmc_user_lookup(od, name, i % MEMBERS, &v), i);
        CHECK_INT(v.logon_storage, (uint64_t)(1 + i % 16) << 30);
        CHECK_OK(zvmc_view_mdisk(od, i, i % MEMBERS, 0, &md));
        CHECK_INT(md.start, 1 + (i % 100) * 50);
        CHECK_INT(zvmc_reloc_verdict(od, i, 0, MEMBERS - 1, NULL), i % 7 != 0);
    }
    CHECK_RC(zvmc_user_find(od, "LNX20000"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_find(od, "LNX0000"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_find(od, "LNX000000"), ZVMC_ERR_NOTFOUND);
    CHECK_INT(zvmc_volume_find(od, "LX0199"), 199);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
