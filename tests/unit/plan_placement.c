/* SPDX-License-Identifier: MIT */
/*
 * plan_placement.c - the planner's inputs: storage sizes, --capacity
 * entries, and placements in every form (USERID MEMBER [STORAGE] lines,
 * pasted QUERY NAMES and VMRELOCATE STATUS output), good lines and bad
 * ones, each bad one reported with its line number and what is wrong.
 */
#include "plan_fixture.h"

static void storage_sizes(void)
{
    uint64_t v = 0;

    CHECK_OK(zvmc_storage_parse("512M", &v));
    CHECK_INT(v, MIB(512));
    CHECK_OK(zvmc_storage_parse("2g", &v));
    CHECK_INT(v, GIB(2));
    CHECK_OK(zvmc_storage_parse("1024K", &v));
    CHECK_INT(v, MIB(1));
    CHECK_OK(zvmc_storage_parse("3T", &v));
    CHECK_INT(v, (uint64_t)3 << 40);
    CHECK_OK(zvmc_storage_parse("16383P", &v));
    CHECK_INT(v, (uint64_t)16383 << 50);
    CHECK_OK(zvmc_storage_parse("17179869183G", &v));
    CHECK_RC(zvmc_storage_parse("17179869184G", &v), ZVMC_ERR_TOOBIG);
    CHECK_RC(zvmc_storage_parse("99999999999999999999K", &v), ZVMC_ERR_TOOBIG);
    CHECK_RC(zvmc_storage_parse("1.5G", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse("G", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse("12", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse("12E", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse("12MB", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse(" 12M", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse("", &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_storage_parse(NULL, &v), ZVMC_ERR_INVAL);
}

static void capacity(const struct zvmc_objdir *od)
{
    struct zvmc_plan_capacity cap = { .given = 0 };

    CHECK_INT(zvmc_plan_capacity_set(od, &cap, "LTICVM9=8G"), VM9);
    CHECK_INT(zvmc_plan_capacity_set(od, &cap, "lticvm4=512M"), VM4);
    CHECK_INT(cap.given, MB(VM9) | MB(VM4));
    CHECK_INT(cap.free[VM9], GIB(8));
    CHECK_INT(cap.free[VM4], MIB(512));
    CHECK_RC(zvmc_plan_capacity_set(od, &cap, "LTICVM9"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_capacity_set(od, &cap, "=8G"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_capacity_set(od, &cap, "LTICVM9=8"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_capacity_set(od, &cap, "LTICVM7=8G"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_plan_capacity_set(od, &cap, "LTICVM9=99999999999999T"), ZVMC_ERR_TOOBIG);
    CHECK_INT(cap.given, MB(VM9) | MB(VM4));
}

/* Entry i must be (name, user known?, member, storage, given, line, source). */
static void entry(const struct zvmc_placement *pl, int i, const char *name, int known, int member,
          uint64_t storage, int given, unsigned line, enum zvmc_placement_source src)
{
    struct zvmc_placement_entry e;

    CHECK_OK(zvmc_placement_get(pl, i, &e));
    CHECK_STR(e.name, name);
    CHECK_INT(e.user >= 0, known);
    CHECK_INT(e.member, member);
    CHECK_INT(e.storage, storage);
    CHECK_INT(e.storage_given, given);
    CHECK_INT(e.line, line);
    CHECK_INT(e.source, src);
}

static const char good[] =
    "# which guests run where, 2012-01-16\n"                                /* 1 */
    "LINUX01 LTICVM2 4G      # trailing comment\n"                           /* 2 */
    "linux02 lticvm9\r\n"                                                    /* 3 */
    "  LINUX03\tLTICVM5   1024M\n"                                          /* 4 */
    "\n"                                                                     /* 5 */
    "EREP LTICVM2\n"                                                         /* 6 */
    "EREP LTICVM9\n"                                                         /* 7 */
    "q names at all\n"                                                       /* 8 */
    "LINUX04  - LTICVM9 , OPERATOR - LTICVM9 , LX#01    - LTICVM4\n"         /* 9 */
    "LTICVM5 : LINUX05  - DSC     , MAINT    - 0009    ,\n"                  /* 10 */
    "Ready; T=0.01/0.01 14:58:36\n"                                          /* 11 */
    "vmrelo status\n"                                                        /* 12 */
    "User     From     To       By       Status         Elapsed\n"           /* 13 */
    "LINUX07  LTICVM2  LTICVM9  OPERATOR Moving Memory  00:00:12\n"          /* 14 */
    "LINUX07  LTICVM2\n"                                                     /* 15 */
    "LINUX01  LTICVM2\n"                                                     /* 16 */
    "LINUX06 - DSC , VSM - TCPIP\n";                                        /* 17 */

static void good_lines(const struct zvmc_objdir *od)
{
    struct pf_errors e = { .len = 0 };
    struct zvmc_placement_opts o = { .query_member = "LTICVM4", .on_error = pf_on_error,
                     .error_arg = &e };
    struct zvmc_placement *pl;

    CHECK_OK(zvmc_placement_parse(od, good, sizeof(good) - 1, &o, &pl));
    CHECK_INT(e.count, 0);
    CHECK_INT(zvmc_placement_count(pl), 12);
    entry(pl, 0, "LINUX01", 1, VM2, GIB(4), 1, 2, ZVMC_PLACEMENT_LINE);
    entry(pl, 1, "LINUX02", 1, VM9, GIB(2), 0, 3, ZVMC_PLACEMENT_LINE);
    entry(pl, 2, "LINUX03", 1, VM5, GIB(1), 1, 4, ZVMC_PLACEMENT_LINE);
    entry(pl, 3, "EREP", 1, VM2, MIB(32), 0, 6, ZVMC_PLACEMENT_LINE);
    entry(pl, 4, "EREP", 1, VM9, MIB(32), 0, 7, ZVMC_PLACEMENT_LINE);
    entry(pl, 5, "LINUX04", 1, VM9, GIB(6), 0, 9, ZVMC_PLACEMENT_QUERY_NAMES);
    entry(pl, 6, "OPERATOR", 0, VM9, 0, 0, 9, ZVMC_PLACEMENT_QUERY_NAMES);
    entry(pl, 7, "LX#01", 0, VM4, 0, 0, 9, ZVMC_PLACEMENT_QUERY_NAMES);
    entry(pl, 8, "LINUX05", 1, VM5, MIB(512), 0, 10, ZVMC_PLACEMENT_QUERY_NAMES);
    entry(pl, 9, "MAINT", 1, VM5, MIB(256), 0, 10, ZVMC_PLACEMENT_QUERY_NAMES);
    /* in flight to LTICVM9; the later "LTICVM2" line does not undo that */
    entry(pl, 10, "LINUX07", 1, VM9, GIB(3), 0, 14, ZVMC_PLACEMENT_VMRELOCATE);
    entry(pl, 11, "LINUX06", 1, VM4, GIB(8), 0, 17, ZVMC_PLACEMENT_QUERY_NAMES);
    CHECK_RC(zvmc_placement_get(pl, 12, &(struct zvmc_placement_entry){ 0 }), ZVMC_ERR_INVAL);
    zvmc_placement_free(pl);
}

/* The plain QUERY NAMES entry (line 17) lands on --query-member. */
static void query_member(const struct zvmc_objdir *od)
{
    struct zvmc_placement_opts o = { .query_member = "LTICVM4" };
    struct zvmc_placement *pl;
    const char *text = "LINUX06 - DSC , VSM - TCPIP\n"
               "LINUX08 LTICVM4 LTICVM5 MAINT 00:00:05 Moving\n";   /* SMAPI order */

    CHECK_OK(zvmc_placement_parse(od, text, strlen(text), &o, &pl));
    CHECK_INT(zvmc_placement_count(pl), 2);
    entry(pl, 0, "LINUX06", 1, VM4, GIB(8), 0, 1, ZVMC_PLACEMENT_QUERY_NAMES);
    entry(pl, 1, "LINUX08", 1, VM5, GIB(1), 0, 2, ZVMC_PLACEMENT_VMRELOCATE);
    zvmc_placement_free(pl);
    o.query_member = "LTICVM7";
    CHECK_RC(zvmc_placement_parse(od, text, strlen(text), &o, &pl), ZVMC_ERR_NOTFOUND);
    CHECK(pl == NULL);
}

static const char bad[] =
    "LINUX01\n"                                       /* 1 */
    "LINUX01 LTICVM7\n"                               /* 2 */
    "LINUX01 LTICVM2 12X\n"                           /* 3 */
    "LINUX01 LTICVM2 0M\n"                            /* 4 */
    "TOOLONGID LTICVM2\n"                             /* 5 */
    "DTCVSW1 LTICVM5\n"                               /* 6 */
    "LITSWAS1 LTICVM2\n"                              /* 7: good */
    "LITSWAS1 LTICVM9\n"                              /* 8 */
    "A B C D\n"                                       /* 9 */
    "LINUX02 - DSC\n"                                 /* 10 */
    "LTICVM7 : LINUX02 - DSC\n"                       /* 11 */
    "LINUX03 LTICVM7 LTICVM9 OPERATOR 00:00:01\n"     /* 12 */
    "LINUX04 - LTICVM2 , LINUX05 DSC\n"               /* 13 */
    "LINUX04 LTICVM2 3G\n"                            /* 14: completes line 13 */
    "LINUX04 LTICVM2 4G\n"                            /* 15 */
    "BAD*ID LTICVM2";                                 /* 16, no newline */

static const char bad_expected[] =
    "1: expected USERID MEMBER [STORAGE], a line of QUERY NAMES output or of VMRELOCATE "
    "STATUS output\n"
    "2: 'LTICVM7' is not a member of the cluster\n"
    "3: '12X' is not a storage size (digits and a unit: 512M, 2G)\n"
    "4: '0M' is not a storage size (digits and a unit: 512M, 2G)\n"
    "5: 'TOOLONGID' is not a user id (1 to 8 letters, digits, @ # $ _ -)\n"
    "6: DTCVSW1 is not defined for member LTICVM5 in the object directory\n"
    "8: LITSWAS1 is already placed on LTICVM2 (line 7); a USER runs on one member at a time\n"
    "9: expected USERID MEMBER [STORAGE], a line of QUERY NAMES output or of VMRELOCATE "
    "STATUS output\n"
    "10: 'LINUX02 - DSC': on which member? Paste QUERY NAMES AT ALL output, or name the "
    "member the command ran on (--query-member)\n"
    "11: 'LTICVM7' before ':' is not a member of the cluster\n"
    "12: not a VMRELOCATE STATUS line: 'LTICVM7' is not a member of the cluster (expected "
    "USER FROM TO BY ELAPSED STATUS)\n"
    "13: 'LINUX05 DSC' is not a QUERY NAMES entry (USERID - STATUS)\n"
    "15: LINUX04 on LTICVM2 already has 3G (placed at line 13), not 4G\n"
    "16: 'BAD*ID' is not a user id (1 to 8 letters, digits, @ # $ _ -)\n";

static void bad_lines(const struct zvmc_objdir *od)
{
    struct pf_errors e = { .len = 0 };
    struct zvmc_placement_opts o = { .on_error = pf_on_error, .error_arg = &e };
    struct zvmc_placement *pl = (struct zvmc_placement *)1;

    CHECK_RC(zvmc_placement_parse(od, bad, sizeof(bad) - 1, &o, &pl), ZVMC_ERR_INVAL);
    CHECK(pl == NULL);
    if (strcmp(e.text, bad_expected))
        FAIL("errors differ; got:\n%s\nexpected:\n%s", e.text, bad_expected);
    CHECK_INT(e.count, 14);
    /* without a callback the bad lines are still refused */
    CHECK_RC(zvmc_placement_parse(od, bad, sizeof(bad) - 1, NULL, &pl), ZVMC_ERR_INVAL);
}

static void arguments(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl;

    CHECK_RC(zvmc_placement_parse(NULL, "", 0, NULL, &pl), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_placement_parse(od, "", 0, NULL, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_placement_parse(od, NULL, 1, NULL, &pl), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_placement_parse(od, NULL, 0, NULL, &pl));
    CHECK_INT(zvmc_placement_count(pl), 0);
    zvmc_placement_free(pl);
    CHECK_OK(zvmc_placement_parse(od, "# nothing\n\n   \n", 15, NULL, &pl));
    CHECK_INT(zvmc_placement_count(pl), 0);
    zvmc_placement_free(pl);
    CHECK_RC(zvmc_placement_count(NULL), ZVMC_ERR_INVAL);
    zvmc_placement_free(NULL);
}

int main(void)
{
    size_t len;
    uint8_t *img = pf_image(&len);
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    storage_sizes();
    capacity(od);
    good_lines(od);
    query_member(od);
    bad_lines(od);
    arguments(od);
    zvmc_objdir_close(od);
    free(img);
    return 0;
}
