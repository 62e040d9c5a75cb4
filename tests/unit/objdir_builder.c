/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder.c - the builder refuses what the format cannot hold, a
 * refused call changes nothing, and edge-sized models (no members, one
 * member, 32 members) serialize to files the runtime opens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_fixture.h"
#include "objdir_walk.h"

static struct zvmc_objdir *open_image(uint8_t *img, size_t len)
{
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_INT(objdir_walk(od), 0);
    return od;
}

static void members_and_users(void)
{
    struct zvmc_odb *b = zvmc_odb_new();
    struct zvmc_domain d = { "D", 0x4 };
    char name[16];

    CHECK_RC(zvmc_odb_add_member(NULL, "A", 1, "R"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_add_member(b, "", 1, "R"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_add_member(b, NULL, 1, "R"), ZVMC_ERR_INVAL);
    CHECK_INT(zvmc_odb_add_member(b, "SYS1", 1, "RES1"), 0);
    CHECK_RC(zvmc_odb_add_member(b, "sys1", 2, "RES2"), ZVMC_ERR_INVAL);    /* duplicate */
    CHECK_INT(zvmc_odb_add_member(b, "SYS2", 2, NULL), 1);
    CHECK_RC(zvmc_odb_add_domain(b, &d), ZVMC_ERR_INVAL);   /* member 2 does not exist */
    CHECK_RC(zvmc_odb_add_volume(b, "V1", 0x4), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_member_eqid(b, 0, &(struct zvmc_eqid){ 2, 1, "E", "OSA" }), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_member_sysid(b, 0, &(struct zvmc_sysid){ 0, "X", "" }), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_member_sysid(b, 2, &(struct zvmc_sysid){ ZVMC_SYSID_LPAR, "X", "" }),
         ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_member_vswitch(b, 0, ""), ZVMC_ERR_INVAL);

    CHECK_INT(zvmc_odb_add_user(b, "MAINT", ZVMC_USER_IDENTITY), 0);
    CHECK_RC(zvmc_odb_add_user(b, "maint", ZVMC_USER_USER), ZVMC_ERR_INVAL);    /* duplicate */
    CHECK_RC(zvmc_odb_add_user(b, "X", (enum zvmc_user_kind)0), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_add_user(b, "", ZVMC_USER_USER), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_add_user(b, FX_LONG_MESSAGE, ZVMC_USER_USER), ZVMC_ERR_INVAL);    /* > 64 */
    CHECK_INT(zvmc_odb_add_user(b, "A234567890123456789012345678901234567890123456789012345678901234",
                    ZVMC_USER_USER), 1);    /* exactly 64 */
    /* members are frozen once users refer to them */
    CHECK_RC(zvmc_odb_add_member(b, "SYS3", 3, "RES3"), ZVMC_ERR_INVAL);
    zvmc_odb_free(b);

    b = zvmc_odb_new();
    for (int i = 0; i < ZVMC_OBJDIR_MAX_MEMBERS; i++) {
        snprintf(name, sizeof(name), "M%d", i);
        CHECK_INT(zvmc_odb_add_member(b, name, (uint32_t)i + 1, ""), i);
    }
    CHECK_RC(zvmc_odb_add_member(b, "ONEMORE", 33, ""), ZVMC_ERR_INVAL);
    zvmc_odb_free(b);
    zvmc_odb_free(NULL);
}

static void views_and_verdicts(void)
{
    struct zvmc_odb *b = zvmc_odb_new();
    struct zvmc_view v = { .privclasses = "G" };
    struct zvmc_mdisk md = { 0x191, "3390", "V1", 1, 10, ZVMC_UNIT_CYL, ZVMC_MDISK_EXTENT, "MR", 0 };
    struct zvmc_nicdef nic = { 0x600, ZVMC_NIC_QDIO, ZVMC_NIC_VSWITCH, "", "SW1" };
    uint8_t *img;
    size_t len;
    int u;

    CHECK_INT(zvmc_odb_add_member(b, "SYS1", 1, "RES1"), 0);
    CHECK_INT(zvmc_odb_add_member(b, "SYS2", 2, "RES2"), 1);
    u = zvmc_odb_add_user(b, "LINUX1", ZVMC_USER_USER);
    CHECK_INT(u, 0);

    /* lists need a view first */
    CHECK_RC(zvmc_odb_view_mdisk(b, u, 0, &md), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_view_option(b, u, 0, "X"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_set_view(b, u, 2, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_set_view(b, 1, 0, &v), ZVMC_ERR_INVAL);
    v.flags = 0x80000000u;  /* the file's internal presence bit is not a public flag */
    CHECK_RC(zvmc_odb_set_view(b, u, 0, &v), ZVMC_ERR_INVAL);
    v.flags = 0;
    v.crypto = (enum zvmc_crypto_kind)3;
    CHECK_RC(zvmc_odb_set_view(b, u, 0, &v), ZVMC_ERR_INVAL);
    v.crypto = ZVMC_CRYPTO_NONE;
    CHECK_OK(zvmc_odb_set_view(b, u, 0, &v));
    md.unit = (enum zvmc_mdisk_unit)0;
    CHECK_RC(zvmc_odb_view_mdisk(b, u, 0, &md), ZVMC_ERR_INVAL);
    md.unit = ZVMC_UNIT_CYL;
    md.flags = 2;
    CHECK_RC(zvmc_odb_view_mdisk(b, u, 0, &md), ZVMC_ERR_INVAL);
    md.flags = 0;
    CHECK_OK(zvmc_odb_view_mdisk(b, u, 0, &md));
    nic.conn = (enum zvmc_nic_conn)3;
    CHECK_RC(zvmc_odb_view_nicdef(b, u, 0, &nic), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_view_link(b, u, 0, &(struct zvmc_link){ "", 1, 1, "RR" }), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_view_option(b, u, 0, ""), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_volume_extent(b, 0, &(struct zvmc_extent){ 0, 1, -1, 0 }), ZVMC_ERR_INVAL);
    CHECK_INT(zvmc_odb_add_volume(b, "V1", 0x3), 0);
    CHECK_RC(zvmc_odb_add_volume(b, "V1", 0x1), ZVMC_ERR_INVAL);    /* duplicate */
    CHECK_INT(zvmc_odb_add_volume(b, "v1", 0x1), 1);    /* volsers are exact */
    CHECK_RC(zvmc_odb_volume_extent(b, 0, &(struct zvmc_extent){ 1, 10, 1, 0x191 }), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_volume_extent(b, 0, &(struct zvmc_extent){ 1, 10, -2, 0x191 }), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_volume_extent(b, 0, &(struct zvmc_extent){ 1, 10, u, 0x191 }));

    /* verdicts: every ordered pair decided, one way only */
    CHECK_RC(zvmc_odb_reloc_eligible(b, u, 0, 0), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_reloc_eligible(b, u, 0, 2), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_reloc_reason(b, u, 0, 1, ZVMC_RELOC_REASON_COUNT, ZVMC_NO_VADDR, "x"),
         ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_reloc_eligible(b, u, 0, 1));
    CHECK_OK(zvmc_odb_reloc_eligible(b, u, 0, 1));  /* idempotent */
    CHECK_RC(zvmc_odb_reloc_reason(b, u, 0, 1, ZVMC_RELOC_OPTION, ZVMC_NO_VADDR, "x"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_serialize(b, &img, &len), ZVMC_ERR_INVAL);    /* 1 -> 0 undecided */
    CHECK(img == NULL && len == 0);
    CHECK_OK(zvmc_odb_reloc_reason(b, u, 1, 0, ZVMC_RELOC_LOCAL_MINIDISK, 0x191, "local"));
    CHECK_RC(zvmc_odb_reloc_eligible(b, u, 1, 0), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    CHECK_RC(zvmc_odb_serialize(b, NULL, &len), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_serialize(NULL, &img, &len), ZVMC_ERR_INVAL);
    {
        struct zvmc_objdir *od = open_image(img, len);
        struct zvmc_reason r;

        CHECK_INT(zvmc_reloc_verdict(od, 0, 0, 1, NULL), 1);
        CHECK_INT(zvmc_reloc_verdict(od, 0, 1, 0, NULL), 0);
        CHECK_OK(zvmc_reloc_reason_at(od, 0, 1, 0, 0, &r));
        CHECK_INT(r.code, ZVMC_RELOC_LOCAL_MINIDISK);
        CHECK_STR(zvmc_reloc_reason_name((int)r.code), "reloc-local-minidisk");
        CHECK_RC(zvmc_view_get(od, 0, 1, &(struct zvmc_view){ 0 }), ZVMC_ERR_ABSENT);
        CHECK_INT(zvmc_volume_find(od, "V1"), 0);   /* "V1" < "v1" */
        CHECK_INT(zvmc_volume_find(od, "v1"), 1);
        zvmc_objdir_close(od);
    }
    free(img);
    zvmc_odb_free(b);
}

/* Failed calls leave no trace: the image equals one built without them. */
static void failed_calls_change_nothing(void)
{
    size_t len_a, len_b;
    uint8_t *a = fx_image(0, &len_a), *img;
    struct zvmc_odb *b = fx_build(0);

    CHECK_RC(zvmc_odb_add_user(b, "erep", ZVMC_USER_USER), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_add_volume(b, "LXW001", 1), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_view_option(b, 0, 0, ""), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len_b));
    CHECK_INT(len_b, len_a);
    CHECK(memcmp(a, img, len_a) == 0);
    free(img);
    free(a);
    zvmc_odb_free(b);
}

static void edge_sizes(void)
{
    struct zvmc_odb *b = zvmc_odb_new();
    struct zvmc_objdir *od;
    struct zvmc_cluster_info ci;
    struct zvmc_domain d;
    uint8_t *img;
    size_t len;
    char name[16];

    /* nothing at all */
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    od = open_image(img, len);
    CHECK_OK(zvmc_cluster_get(od, &ci));
    CHECK_STR(ci.name, "");
    CHECK_INT(ci.member_count, 0);
    CHECK_INT(ci.user_count, 0);
    CHECK_RC(zvmc_user_find(od, "MAINT"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_volume_find(od, "X"), ZVMC_ERR_NOTFOUND);
    zvmc_objdir_close(od);
    free(img);
    zvmc_odb_free(b);

    /* one member: no pairs, so no verdicts to decide */
    b = zvmc_odb_new();
    CHECK_INT(zvmc_odb_add_member(b, "ONLY", 1, "RES"), 0);
    CHECK_INT(zvmc_odb_add_user(b, "U1", ZVMC_USER_USER), 0);
    CHECK_OK(zvmc_odb_set_view(b, 0, 0, &(struct zvmc_view){ .logon_storage = 1 }));
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    od = open_image(img, len);
    CHECK_INT(zvmc_user_lookup(od, "u1", 0, NULL), 0);
    CHECK_RC(zvmc_reloc_verdict(od, 0, 0, 0, NULL), ZVMC_ERR_INVAL);
    zvmc_objdir_close(od);
    free(img);
    zvmc_odb_free(b);

    /* 32 members: the top mask bit and 32*31 verdicts per user */
    b = zvmc_odb_new();
    for (int i = 0; i < 32; i++) {
        snprintf(name, sizeof(name), "M%02d", i);
        CHECK_INT(zvmc_odb_add_member(b, name, (uint32_t)i + 1, ""), i);
    }
    CHECK_INT(zvmc_odb_add_domain(b, &(struct zvmc_domain){ "SSI", 0xFFFFFFFFu }), 0);
    CHECK_INT(zvmc_odb_add_domain(b, &(struct zvmc_domain){ "TOP", 0x80000000u }), 1);
    CHECK_INT(zvmc_odb_add_user(b, "U1", ZVMC_USER_USER), 0);
    CHECK_OK(zvmc_odb_set_view(b, 0, 31, &(struct zvmc_view){ .logon_storage = 1 }));
    for (int f = 0; f < 32; f++)
        for (int t = 0; t < 32; t++)
            if (f != t)
                CHECK_OK(zvmc_odb_reloc_eligible(b, 0, f, t));
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    od = open_image(img, len);
    CHECK_OK(zvmc_domain_get(od, 1, &d));
    CHECK_INT(d.member_mask, 0x80000000u);
    CHECK_INT(zvmc_member_find(od, "M31"), 31);
    CHECK_INT(zvmc_user_lookup(od, "U1", 31, NULL), 0);
    CHECK_RC(zvmc_user_lookup(od, "U1", 30, NULL), ZVMC_ERR_ABSENT);
    CHECK_INT(zvmc_reloc_verdict(od, 0, 31, 30, NULL), 1);
    zvmc_objdir_close(od);
    free(img);
    zvmc_odb_free(b);
}

/* Three members, users U0..U3: U0 and U2 eligible for every move (U0 pair by
 * pair, U2 from each member at once when @from_calls), U1 refused 2 -> 0 and
 * U3 refused 0 -> 1, both eligible otherwise. */
static uint8_t *three_members(int from_calls, size_t *len)
{
    struct zvmc_odb *b = zvmc_odb_new();
    uint8_t *img;
    char name[16];

    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof(name), "S%d", i);
        CHECK_INT(zvmc_odb_add_member(b, name, (uint32_t)i + 1, ""), i);
    }
    for (int u = 0; u < 4; u++) {
        snprintf(name, sizeof(name), "U%d", u);
        CHECK_INT(zvmc_odb_add_user(b, name, ZVMC_USER_USER), u);
        CHECK_OK(zvmc_odb_set_view(b, u, 0, &(struct zvmc_view){ .logon_storage = 1 }));
        if (u == 1)
            CHECK_OK(zvmc_odb_reloc_reason(b, u, 2, 0, ZVMC_RELOC_OPTION, ZVMC_NO_VADDR, "x"));
        if (u == 3)
            CHECK_OK(zvmc_odb_reloc_reason(b, u, 0, 1, ZVMC_RELOC_OPTION, ZVMC_NO_VADDR, "y"));
        for (int f = 0; f < 3; f++) {
            if (from_calls && u == 2) {
                CHECK_OK(zvmc_odb_reloc_eligible_from(b, u, f));
                continue;
            }
            for (int t = 0; t < 3; t++)
                if (f != t && !(u == 1 && f == 2 && t == 0) && !(u == 3 && f == 0 && t == 1))
                    CHECK_OK(zvmc_odb_reloc_eligible(b, u, f, t));
        }
    }
    CHECK_OK(zvmc_odb_serialize(b, &img, len));
    zvmc_odb_free(b);
    return img;
}

/* zvmc_odb_reloc_eligible_from() is zvmc_odb_reloc_eligible() to every other
 * member, byte for byte; the row kept for users eligible everywhere is given
 * to no user with a reason. */
static void eligible_from(void)
{
    size_t len_a, len_b;
    uint8_t *a = three_members(0, &len_a), *img = three_members(1, &len_b);
    struct zvmc_objdir *od;
    struct zvmc_odb *b;

    CHECK_INT(len_b, len_a);
    CHECK(memcmp(a, img, len_a) == 0);
    od = open_image(img, len_b);
    for (int u = 0; u < 4; u++)
        for (int f = 0; f < 3; f++)
            for (int t = 0; t < 3; t++)
                if (f != t)
                    CHECK_INT(zvmc_reloc_verdict(od, u, f, t, NULL),
                              !((u == 1 && f == 2 && t == 0) || (u == 3 && f == 0 && t == 1)));
    zvmc_objdir_close(od);
    free(img);
    free(a);

    /* refused: no such user or member, or a move from there already refused */
    b = zvmc_odb_new();
    CHECK_INT(zvmc_odb_add_member(b, "S0", 1, ""), 0);
    CHECK_INT(zvmc_odb_add_member(b, "S1", 2, ""), 1);
    CHECK_INT(zvmc_odb_add_user(b, "U0", ZVMC_USER_USER), 0);
    CHECK_RC(zvmc_odb_reloc_eligible_from(NULL, 0, 0), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_reloc_eligible_from(b, 1, 0), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_reloc_eligible_from(b, 0, -1), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_reloc_eligible_from(b, 0, 2), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_reloc_reason(b, 0, 1, 0, ZVMC_RELOC_OPTION, ZVMC_NO_VADDR, "x"));
    CHECK_RC(zvmc_odb_reloc_eligible_from(b, 0, 1), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_odb_reloc_eligible_from(b, 0, 0));
    CHECK_OK(zvmc_odb_reloc_eligible_from(b, 0, 0));    /* idempotent */
    CHECK_OK(zvmc_odb_serialize(b, &img, &len_a));
    free(img);
    zvmc_odb_free(b);
}

int main(void)
{
    members_and_users();
    views_and_verdicts();
    failed_calls_change_nothing();
    edge_sizes();
    eligible_from();
    return 0;
}
