/* SPDX-License-Identifier: MIT */
/*
 * objdir_fixture.h - the LTICS1 cluster of the seed paper ("Early Experiences
 * with z/VM 6.2 and Live Guest Relocation"), built through the object
 * directory builder, and a verifier that checks every query against it.
 *
 * Members in slot order LTICVM2, LTICVM9, LTICVM5, LTICVM4, with the paper's
 * System_Identifier, CP_Owned and RDEV EQID statements (abridged).  Users:
 *   LITSWAS1  USER, 4 dedicated FCPs with EQIDs only on LTICVM2/LTICVM9,
 *             relocation domain CPC29 = {LTICVM2, LTICVM9}
 *   EREP, MAINT  IDENTITY on every member
 *   DTCVSW1   IDENTITY on LTICVM2 and LTICVM9 only
 *   LNXPIN    USER pinned: VMRELOCATE OFF, dedicated CPU, APDED, guest LAN
 *   LNXTEST   USER coupled to VSWITCH TRUNK2 (only on LTICVM2/LTICVM9)
 * Users and volumes are added out of name order on purpose; `order` picks
 * one of several orders, all of which must give the same bytes.
 */
#ifndef ZVMC_TESTS_OBJDIR_FIXTURE_H
#define ZVMC_TESTS_OBJDIR_FIXTURE_H

#include <stdint.h>

#include "emit/objdir_builder.h"
#include "objdir_test.h"

enum { VM2, VM9, VM5, VM4, NMEMBERS };
enum { U_DTCVSW1, U_EREP, U_LITSWAS1, U_LNXPIN, U_LNXTEST, U_MAINT, NUSERS };   /* file order */

#define MB(m) (1u << (m))
#define MASK_ALL 0xFu
#define MIB(n) ((uint64_t)(n) << 20)

static const char *const fx_member[NMEMBERS] = { "LTICVM2", "LTICVM9", "LTICVM5", "LTICVM4" };
static const char *const fx_res[NMEMBERS] = { "VM2RES", "VM9RES", "VM5RES", "VM4RES" };
static const char *const fx_work[NMEMBERS] = { "VM2W01", "VM9W01", "VM5W01", "VM4W01" };
static const char *const fx_page[NMEMBERS] = { "VM2P01", "VM9P01", "VM5P01", "VM4P01" };
static const char *const fx_user[NUSERS] = { "DTCVSW1", "EREP", "LITSWAS1", "LNXPIN", "LNXTEST",
                         "MAINT" };

/* System_Identifier: a CPU id entry (none for LTICVM2) and an LPAR entry. */
static const struct zvmc_sysid fx_cpuid[NMEMBERS] = {
    { ZVMC_SYSID_LPAR, "VMLX01", "" },
    { ZVMC_SYSID_CPUID, "2097", "%4zzzz" },
    { ZVMC_SYSID_CPUID, "2098", "%1zzzz" },
    { ZVMC_SYSID_CPUID, "2818", "%8zzzz" },
};
static const char *const fx_lpar[NMEMBERS] = { "2LVLVM2", "2LVLVM9", "2LVLVM5", "2LVLVM4" };

/* RDEV ... EQID: the FCP devices LITSWAS1 dedicates, and the OSAs. */
static const struct zvmc_eqid fx_eqids_vm2[] = {
    { 0x09E0, 0x09E2, "9DOTLAN", "OSA" }, { 0xC100, 0xC102, "TRUNK1", "OSA" },
    { 0x0102, 0x0102, "F0X02", "FCP" },   { 0x0C02, 0x0C02, "F0Y02", "FCP" },
    { 0x0302, 0x0302, "F1X02", "FCP" },   { 0x0402, 0x0402, "F1Y02", "FCP" },
};
static const struct zvmc_eqid fx_eqids_vm9[] = {
    { 0x06D4, 0x06D6, "9DOTLAN", "OSA" }, { 0x09C0, 0x09C2, "TRUNK1", "OSA" },
    { 0x0102, 0x0102, "F0X02", "FCP" },   { 0x0202, 0x0202, "F0Y02", "FCP" },
    { 0x0402, 0x0402, "F1X02", "FCP" },   { 0x0A02, 0x0A02, "F1Y02", "FCP" },
};
static const struct zvmc_eqid fx_eqids_vm5[] = { { 0x09C0, 0x09C2, "TRUNK1", "OSA" } };
static const struct zvmc_eqid fx_eqids_vm4[] = { { 0xC100, 0xC102, "TRUNK1", "OSA" } };

static const struct {
    const struct zvmc_eqid *e;
    int n;
} fx_eqids[NMEMBERS] = {
    { fx_eqids_vm2, 6 }, { fx_eqids_vm9, 6 }, { fx_eqids_vm5, 1 }, { fx_eqids_vm4, 1 },
};

/* LITSWAS1's dedicated FCPs as each member resolves them (the paper's SYSAFFIN). */
static const uint32_t fx_ded_vaddr[4] = { 0xA000, 0xA100, 0xA200, 0xA300 };
static const uint32_t fx_ded_rdev_vm2[4] = { 0x0102, 0x0C02, 0x0302, 0x0402 };
static const uint32_t fx_ded_rdev_vm9[4] = { 0x0102, 0x0202, 0x0402, 0x0A02 };
static const char *const fx_ded_eqid[4] = { "F0X02", "F0Y02", "F1X02", "F1Y02" };

#define CPC29 (MB(VM2) | MB(VM9))

/* Longer than any name may be (ZVMC_OD_MAX_NAME, 64): objdir_corrupt.c uses it as one. */
#define FX_LONG_MESSAGE "NIC 0700 is coupled to guest LAN SYSTEM HSILAN, which exists on this member only"

/* Every builder call must succeed while building the fixture. */
#define B(e)                                                                    \
    do {                                                                    \
        int rc_ = (e);                                                  \
        if (rc_ < 0)                                                    \
            FAIL("%s failed: %s", #e, zvmc_strerror(rc_));          \
    } while (0)

static TEST_UNUSED void fx_members(struct zvmc_odb *b)
{
    static const uint32_t spool_slot[4] = { 10, 11, 12, 13 };
    static const char *const spool[4] = { "VM2S01", "VM9S01", "VM5S01", "VM4S01" };

    B(zvmc_odb_set_cluster(b, "LTICS1", "6.2"));
    for (int m = 0; m < NMEMBERS; m++) {
        struct zvmc_sysid lpar = { ZVMC_SYSID_LPAR, fx_lpar[m], "" };
        struct zvmc_cpowned cp;

        CHECK_INT(zvmc_odb_add_member(b, fx_member[m], (uint32_t)m + 1, fx_res[m]), m);
        B(zvmc_odb_member_sysid(b, m, &fx_cpuid[m]));
        B(zvmc_odb_member_sysid(b, m, &lpar));
        cp = (struct zvmc_cpowned){ 1, fx_res[m] };
        B(zvmc_odb_member_cpowned(b, m, &cp));
        cp = (struct zvmc_cpowned){ 5, "S1COM1" };
        B(zvmc_odb_member_cpowned(b, m, &cp));
        for (int k = 0; k < 4; k++) {
            cp = (struct zvmc_cpowned){ spool_slot[k], spool[k] };
            B(zvmc_odb_member_cpowned(b, m, &cp));
        }
        cp = (struct zvmc_cpowned){ 255, fx_page[m] };
        B(zvmc_odb_member_cpowned(b, m, &cp));
        for (int k = 0; k < fx_eqids[m].n; k++)
            B(zvmc_odb_member_eqid(b, m, &fx_eqids[m].e[k]));
        B(zvmc_odb_member_vswitch(b, m, "TRUNK1"));
        if (m == VM2 || m == VM9)
            B(zvmc_odb_member_vswitch(b, m, "TRUNK2"));
    }
}

static TEST_UNUSED void fx_domains(struct zvmc_odb *b)
{
    struct zvmc_domain d[3] = { { "SSI", MASK_ALL }, { "CPC29", CPC29 }, { "LTICVM5", MB(VM5) } };

    for (int i = 0; i < 3; i++)
        CHECK_INT(zvmc_odb_add_domain(b, &d[i]), i);
}

/*
 * Every ordered pair of user u: refused for the reasons `why` adds (it
 * returns how many), else eligible.
 */
typedef int fx_why_fn(struct zvmc_odb *b, int u, int from, int to);

static TEST_UNUSED void fx_verdicts(struct zvmc_odb *b, int u, fx_why_fn *why)
{
    for (int from = 0; from < NMEMBERS; from++)
        for (int to = 0; to < NMEMBERS; to++)
            if (from != to && !why(b, u, from, to))
                B(zvmc_odb_reloc_eligible(b, u, from, to));
}

static TEST_UNUSED int fx_why_identity(struct zvmc_odb *b, int u, int from, int to)
{
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_IDENTITY, ZVMC_NO_VADDR,
                "IDENTITY users are not relocatable"));
    return 1;
}

static TEST_UNUSED int fx_why_litswas1(struct zvmc_odb *b, int u, int from, int to)
{
    char msg[80];
    int n = 0;

    if (!(CPC29 & MB(to))) {
        snprintf(msg, sizeof(msg), "%s is outside relocation domain CPC29", fx_member[to]);
        B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_DOMAIN, ZVMC_NO_VADDR, msg));
        n++;
    }
    if (!(CPC29 & MB(to)) || !(CPC29 & MB(from))) {
        for (int k = 0; k < 4; k++) {
            snprintf(msg, sizeof(msg), "dedicated device %04X has no EQID on %s",
                 (unsigned)fx_ded_vaddr[k], fx_member[(CPC29 & MB(to)) ? from : to]);
            B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_DEDICATED_EQID,
                        fx_ded_vaddr[k], msg));
            n++;
        }
    }
    return n;
}

static TEST_UNUSED int fx_why_lnxpin(struct zvmc_odb *b, int u, int from, int to)
{
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_DISABLED, ZVMC_NO_VADDR, "VMRELOCATE OFF"));
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_CPU_DEDICATED, ZVMC_NO_VADDR,
                "CPU 00 is dedicated"));
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_CRYPTO_DEDICATED, ZVMC_NO_VADDR,
                "CRYPTO APDED"));
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_GUEST_LAN, 0x0700,
                FX_LONG_MESSAGE));
    return 4;
}

static TEST_UNUSED int fx_why_lnxtest(struct zvmc_odb *b, int u, int from, int to)
{
    char msg[80];

    if (to != VM5 && to != VM4)
        return 0;
    snprintf(msg, sizeof(msg), "VSWITCH TRUNK2 is not defined on %s", fx_member[to]);
    B(zvmc_odb_reloc_reason(b, u, from, to, ZVMC_RELOC_VSWITCH, 0x0600, msg));
    return 1;
}

static TEST_UNUSED int fx_litswas1(struct zvmc_odb *b)
{
    int u = zvmc_odb_add_user(b, "LITSWAS1", ZVMC_USER_USER);
    struct zvmc_view v = { .logon_storage = MIB(1536), .max_storage = MIB(1536),
                   .privclasses = "GZ", .reloc_domain = "CPC29",
                   .crypto = ZVMC_CRYPTO_APVIRT };
    struct zvmc_mdisk md[3] = {
        { 0x0191, "3390", "LXW001", 1, 100, ZVMC_UNIT_CYL, ZVMC_MDISK_EXTENT, "MR", 0 },
        { 0x0201, "3390", "LXW001", 101, 3338, ZVMC_UNIT_CYL, ZVMC_MDISK_EXTENT, "MR", 0 },
        { 0x0300, "FB-512", "", 0, 524288, ZVMC_UNIT_BLK, ZVMC_MDISK_VDISK, "MR", 0 },
    };
    struct zvmc_link ln[2] = { { "MAINT", 0x0190, 0x0190, "RR" }, { "MAINT", 0x019E, 0x019E, "RR" } };
    struct zvmc_nicdef nic = { 0x0600, ZVMC_NIC_QDIO, ZVMC_NIC_VSWITCH, "", "TRUNK1" };

    B(u);
    for (int m = 0; m < NMEMBERS; m++) {
        B(zvmc_odb_set_view(b, u, m, &v));
        for (int k = 0; k < 3; k++)
            B(zvmc_odb_view_mdisk(b, u, m, &md[k]));
        for (int k = 0; k < 2; k++)
            B(zvmc_odb_view_link(b, u, m, &ln[k]));
        for (int k = 0; k < 4; k++) {
            struct zvmc_dedicate d = { fx_ded_vaddr[k], fx_ded_rdev_vm2[k], "", "" };

            if (m == VM2)
                d = (struct zvmc_dedicate){ fx_ded_vaddr[k], fx_ded_rdev_vm2[k],
                                fx_ded_eqid[k], "FCP" };
            else if (m == VM9)
                d = (struct zvmc_dedicate){ fx_ded_vaddr[k], fx_ded_rdev_vm9[k],
                                fx_ded_eqid[k], "FCP" };
            B(zvmc_odb_view_dedicate(b, u, m, &d));
        }
        B(zvmc_odb_view_nicdef(b, u, m, &nic));
        B(zvmc_odb_view_option(b, u, m, "LNKNOPAS"));
        B(zvmc_odb_view_option(b, u, m, "APPLMON"));
    }
    fx_verdicts(b, u, fx_why_litswas1);
    return u;
}

/* An IDENTITY on the members in mask, with one member-local minidisk each. */
static TEST_UNUSED int fx_identity(struct zvmc_odb *b, const char *name, uint32_t mask,
                   uint64_t logon, uint64_t max, const char *priv,
                   uint32_t vaddr, const char *const vol[NMEMBERS])
{
    int u = zvmc_odb_add_user(b, name, ZVMC_USER_IDENTITY);

    B(u);
    for (int m = 0; m < NMEMBERS; m++) {
        struct zvmc_view v = { .flags = ZVMC_VIEW_MEMBER_SPECIFIC, .logon_storage = logon,
                       .max_storage = max, .privclasses = priv,
                       .reloc_domain = fx_member[m] };
        struct zvmc_mdisk md = { vaddr, "3390", vol[m], 1, 10, ZVMC_UNIT_CYL,
                     ZVMC_MDISK_EXTENT, "MR", ZVMC_MDISK_LOCAL };

        if (!(mask & MB(m)))
            continue;
        B(zvmc_odb_set_view(b, u, m, &v));
        B(zvmc_odb_view_mdisk(b, u, m, &md));
    }
    fx_verdicts(b, u, fx_why_identity);
    return u;
}

static TEST_UNUSED int fx_erep(struct zvmc_odb *b)
{
    return fx_identity(b, "EREP", MASK_ALL, MIB(32), MIB(32), "ABCDEFG", 0x0191, fx_work);
}

static TEST_UNUSED int fx_maint(struct zvmc_odb *b)
{
    return fx_identity(b, "MAINT", MASK_ALL, MIB(256), MIB(1024), "ABCDEFG", 0x0190, fx_res);
}

static TEST_UNUSED int fx_dtcvsw1(struct zvmc_odb *b)
{
    return fx_identity(b, "DTCVSW1", CPC29, MIB(32), MIB(128), "G", 0x0191, fx_work);
}

static TEST_UNUSED int fx_lnxpin(struct zvmc_odb *b)
{
    int u = zvmc_odb_add_user(b, "LNXPIN", ZVMC_USER_USER);
    struct zvmc_view v = { .flags = ZVMC_VIEW_RELOC_OFF | ZVMC_VIEW_CPU_DEDICATED,
                   .logon_storage = MIB(4096), .max_storage = MIB(8192),
                   .privclasses = "G", .reloc_domain = "SSI",
                   .crypto = ZVMC_CRYPTO_APDED, .crypto_domains = "APDED 03 DOMAIN 05" };
    struct zvmc_nicdef nic = { 0x0700, ZVMC_NIC_HIPERS, ZVMC_NIC_LAN, "SYSTEM", "HSILAN" };

    B(u);
    for (int m = 0; m < NMEMBERS; m++) {
        B(zvmc_odb_set_view(b, u, m, &v));
        B(zvmc_odb_view_nicdef(b, u, m, &nic));
    }
    fx_verdicts(b, u, fx_why_lnxpin);
    return u;
}

static TEST_UNUSED int fx_lnxtest(struct zvmc_odb *b)
{
    int u = zvmc_odb_add_user(b, "LNXTEST", ZVMC_USER_USER);
    struct zvmc_view v = { .logon_storage = MIB(2048), .max_storage = MIB(4096),
                   .privclasses = "G", .reloc_domain = "SSI" };
    struct zvmc_mdisk td = { 0x0291, "3390", "", 0, 50, ZVMC_UNIT_CYL, ZVMC_MDISK_TDISK, "W", 0 };
    struct zvmc_nicdef nic = { 0x0600, ZVMC_NIC_QDIO, ZVMC_NIC_VSWITCH, "", "TRUNK2" };

    B(u);
    for (int m = 0; m < NMEMBERS; m++) {
        B(zvmc_odb_set_view(b, u, m, &v));
        B(zvmc_odb_view_mdisk(b, u, m, &td));
        B(zvmc_odb_view_nicdef(b, u, m, &nic));
        B(zvmc_odb_view_option(b, u, m, "CHPIDV ONE"));
    }
    fx_verdicts(b, u, fx_why_lnxtest);
    return u;
}

typedef int fx_user_fn(struct zvmc_odb *b);

/* Build LTICS1; order 0..3 permutes the user and volume calls. */
static TEST_UNUSED struct zvmc_odb *fx_build(int order)
{
    static fx_user_fn *const users[NUSERS] = { fx_litswas1, fx_erep, fx_maint, fx_dtcvsw1,
                           fx_lnxpin, fx_lnxtest };
    static const char *const vols[6] = { "VM4W01", "LXW001", "S1COM1", "VM2W01", "VM9W01", "VM5W01" };
    static const uint32_t vol_mask[6] = { MB(VM4), MASK_ALL, MASK_ALL, MB(VM2), MB(VM9), MB(VM5) };
    struct zvmc_odb *b = zvmc_odb_new();
    int vh[6], litswas1 = -1, erep = -1;

    CHECK(b != NULL);
    fx_members(b);
    fx_domains(b);
    for (int i = 0; i < 6; i++) {
        int k = (order & 1) ? 5 - i : i;

        vh[k] = zvmc_odb_add_volume(b, vols[k], vol_mask[k]);
        B(vh[k]);
    }
    for (int i = 0; i < NUSERS; i++) {
        int k = (order & 2) ? NUSERS - 1 - i : (i + order) % NUSERS;

        int u = users[k](b);

        if (users[k] == fx_litswas1)
            litswas1 = u;
        if (users[k] == fx_erep)
            erep = u;
    }
    /* LXW001: LITSWAS1's two disks; S1COM1: the label, no owner; VMxW01: EREP */
    B(zvmc_odb_volume_extent(b, vh[1], &(struct zvmc_extent){ 1, 100, litswas1, 0x0191 }));
    B(zvmc_odb_volume_extent(b, vh[1], &(struct zvmc_extent){ 101, 3338, litswas1, 0x0201 }));
    B(zvmc_odb_volume_extent(b, vh[2], &(struct zvmc_extent){ 0, 1, -1, 0 }));
    for (int i = 0; i < 6; i++)
        if (i != 1 && i != 2)
            B(zvmc_odb_volume_extent(b, vh[i], &(struct zvmc_extent){ 1, 10, erep, 0x0191 }));
    return b;
}

/* Serialize fx_build(order); the caller frees the image. */
static TEST_UNUSED uint8_t *fx_image(int order, size_t *len)
{
    struct zvmc_odb *b = fx_build(order);
    uint8_t *img;

    CHECK_OK(zvmc_odb_serialize(b, &img, len));
    zvmc_odb_free(b);
    return img;
}

#endif /* ZVMC_TESTS_OBJDIR_FIXTURE_H */
