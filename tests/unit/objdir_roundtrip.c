/* SPDX-License-Identifier: MIT */
/*
 * objdir_roundtrip.c - build LTICS1, serialize it, open it from the buffer
 * and from a file written by the atomic writer, and check every query's
 * answer against the fixture.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "objdir_fixture.h"
#include "objdir_walk.h"

static void verify_cluster(const struct zvmc_objdir *od)
{
    struct zvmc_cluster_info ci;
    struct zvmc_domain d;

    CHECK_OK(zvmc_cluster_get(od, &ci));
    CHECK_STR(ci.name, "LTICS1");
    CHECK_STR(ci.zvm_level, "6.2");
    CHECK_INT(ci.version, 1);     /* the oldest version that holds it: no seed needed */
    CHECK_INT(ci.member_count, NMEMBERS);
    CHECK_INT(ci.user_count, NUSERS);
    CHECK_INT(ci.volume_count, 6);
    CHECK_INT(ci.domain_count, 3);

    CHECK_INT(zvmc_domain_count(od), 3);
    CHECK_INT(zvmc_domain_find(od, "cpc29"), 1);
    CHECK_OK(zvmc_domain_get(od, 1, &d));
    CHECK_STR(d.name, "CPC29");
    CHECK_INT(d.member_mask, CPC29);
    CHECK_OK(zvmc_domain_get(od, 0, &d));
    CHECK_STR(d.name, "SSI");
    CHECK_INT(d.member_mask, MASK_ALL);
    CHECK_OK(zvmc_domain_get(od, 2, &d));
    CHECK_INT(d.member_mask, MB(VM5));
    CHECK_RC(zvmc_domain_find(od, "CPC30"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_domain_get(od, 3, &d), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_domain_get(od, -1, &d), ZVMC_ERR_INVAL);
}

static void verify_member(const struct zvmc_objdir *od, int m)
{
    static const uint32_t cp_slot[7] = { 1, 5, 10, 11, 12, 13, 255 };
    static const char *const cp_vol[7] = { NULL, "S1COM1", "VM2S01", "VM9S01", "VM5S01", "VM4S01", NULL };
    struct zvmc_member mb;
    struct zvmc_sysid si;
    struct zvmc_cpowned cp;
    struct zvmc_eqid eq;
    const char *vs;

    CHECK_OK(zvmc_member_get(od, m, &mb));
    CHECK_STR(mb.name, fx_member[m]);
    CHECK_INT(mb.slot, m + 1);
    CHECK_STR(mb.res_volume, fx_res[m]);
    CHECK_INT(mb.sysid_count, 2);
    CHECK_INT(mb.cpowned_count, 7);
    CHECK_INT(mb.eqid_count, fx_eqids[m].n);
    CHECK_INT(mb.vswitch_count, (m == VM2 || m == VM9) ? 2 : 1);

    CHECK_OK(zvmc_member_sysid(od, m, 0, &si));
    CHECK_INT(si.kind, fx_cpuid[m].kind);
    CHECK_STR(si.id, fx_cpuid[m].id);
    CHECK_STR(si.cpuid, fx_cpuid[m].cpuid);
    CHECK_OK(zvmc_member_sysid(od, m, 1, &si));
    CHECK_INT(si.kind, ZVMC_SYSID_LPAR);
    CHECK_STR(si.id, fx_lpar[m]);
    CHECK_STR(si.cpuid, "");
    CHECK_RC(zvmc_member_sysid(od, m, 2, &si), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_member_sysid(od, m, -1, &si), ZVMC_ERR_INVAL);

    for (int i = 0; i < 7; i++) {
        CHECK_OK(zvmc_member_cpowned(od, m, i, &cp));
        CHECK_INT(cp.slot, cp_slot[i]);
        CHECK_STR(cp.volid, i == 0 ? fx_res[m] : i == 6 ? fx_page[m] : cp_vol[i]);
    }
    CHECK_RC(zvmc_member_cpowned(od, m, 7, &cp), ZVMC_ERR_INVAL);

    for (int i = 0; i < fx_eqids[m].n; i++) {
        CHECK_OK(zvmc_member_eqid(od, m, i, &eq));
        CHECK_INT(eq.rdev_first, fx_eqids[m].e[i].rdev_first);
        CHECK_INT(eq.rdev_last, fx_eqids[m].e[i].rdev_last);
        CHECK_STR(eq.eqid, fx_eqids[m].e[i].eqid);
        CHECK_STR(eq.type, fx_eqids[m].e[i].type);
    }
    CHECK_RC(zvmc_member_eqid(od, m, fx_eqids[m].n, &eq), ZVMC_ERR_INVAL);

    CHECK_OK(zvmc_member_vswitch(od, m, 0, &vs));
    CHECK_STR(vs, "TRUNK1");
    if (mb.vswitch_count == 2) {
        CHECK_OK(zvmc_member_vswitch(od, m, 1, &vs));
        CHECK_STR(vs, "TRUNK2");
    }
    CHECK_RC(zvmc_member_vswitch(od, m, mb.vswitch_count, &vs), ZVMC_ERR_INVAL);
}

static void verify_members(const struct zvmc_objdir *od)
{
    struct zvmc_member mb;
    struct zvmc_eqid eq;

    CHECK_INT(zvmc_member_count(od), NMEMBERS);
    for (int m = 0; m < NMEMBERS; m++)
        verify_member(od, m);
    CHECK_INT(zvmc_member_find(od, "LTICVM9"), VM9);
    CHECK_INT(zvmc_member_find(od, "lticvm4"), VM4);
    CHECK_RC(zvmc_member_find(od, "LTICVM7"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_member_get(od, NMEMBERS, &mb), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_member_get(od, -1, &mb), ZVMC_ERR_INVAL);

    /* the EQID a member gives a real device */
    CHECK_INT(zvmc_member_rdev_eqid(od, VM9, 0x09C1, &eq), 1);
    CHECK_STR(eq.eqid, "TRUNK1");
    CHECK_STR(eq.type, "OSA");
    CHECK_INT(eq.rdev_first, 0x09C0);
    CHECK_INT(zvmc_member_rdev_eqid(od, VM2, 0x0C02, &eq), 3);
    CHECK_STR(eq.eqid, "F0Y02");
    CHECK_RC(zvmc_member_rdev_eqid(od, VM5, 0x0102, &eq), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_member_rdev_eqid(od, NMEMBERS, 0x0102, &eq), ZVMC_ERR_INVAL);
}

static void verify_litswas1(const struct zvmc_objdir *od)
{
    int u = zvmc_user_find(od, "LITSWAS1");

    CHECK_INT(u, U_LITSWAS1);
    for (int m = 0; m < NMEMBERS; m++) {
        struct zvmc_view v;
        struct zvmc_mdisk md;
        struct zvmc_link ln;
        struct zvmc_dedicate dd;
        struct zvmc_nicdef nd;
        const char *opt;

        CHECK_OK(zvmc_view_get(od, u, m, &v));
        CHECK_INT(v.flags, 0);
        CHECK_INT(v.logon_storage, 1610612736);
        CHECK_INT(v.max_storage, 1610612736);
        CHECK_STR(v.privclasses, "GZ");
        CHECK_STR(v.reloc_domain, "CPC29");
        CHECK_INT(v.crypto, ZVMC_CRYPTO_APVIRT);
        CHECK_STR(v.crypto_domains, "");
        CHECK_INT(v.mdisk_count, 3);
        CHECK_INT(v.link_count, 2);
        CHECK_INT(v.dedicate_count, 4);
        CHECK_INT(v.nicdef_count, 1);
        CHECK_INT(v.option_count, 2);

        CHECK_OK(zvmc_view_mdisk(od, u, m, 1, &md));
        CHECK_INT(md.vaddr, 0x0201);
        CHECK_STR(md.devtype, "3390");
        CHECK_STR(md.volser, "LXW001");
        CHECK_INT(md.start, 101);
        CHECK_INT(md.size, 3338);
        CHECK_INT(md.unit, ZVMC_UNIT_CYL);
        CHECK_INT(md.kind, ZVMC_MDISK_EXTENT);
        CHECK_STR(md.mode, "MR");
        CHECK_INT(md.flags, 0);
        CHECK_OK(zvmc_view_mdisk(od, u, m, 2, &md));
        CHECK_INT(md.kind, ZVMC_MDISK_VDISK);
        CHECK_INT(md.unit, ZVMC_UNIT_BLK);
        CHECK_INT(md.size, 524288);
        CHECK_STR(md.volser, "");
        CHECK_RC(zvmc_view_mdisk(od, u, m, 3, &md), ZVMC_ERR_INVAL);

        CHECK_OK(zvmc_view_link(od, u, m, 1, &ln));
        CHECK_STR(ln.owner, "MAINT");
        CHECK_INT(ln.owner_vaddr, 0x019E);
        CHECK_INT(ln.vaddr, 0x019E);
        CHECK_STR(ln.mode, "RR");

        for (int k = 0; k < 4; k++) {
            CHECK_OK(zvmc_view_dedicate(od, u, m, k, &dd));
            CHECK_INT(dd.vaddr, fx_ded_vaddr[k]);
            CHECK_INT(dd.rdev, m == VM9 ? fx_ded_rdev_vm9[k] : fx_ded_rdev_vm2[k]);
            CHECK_STR(dd.eqid, (CPC29 & MB(m)) ? fx_ded_eqid[k] : "");
            CHECK_STR(dd.devtype, (CPC29 & MB(m)) ? "FCP" : "");
        }

        CHECK_OK(zvmc_view_nicdef(od, u, m, 0, &nd));
        CHECK_INT(nd.vaddr, 0x0600);
        CHECK_INT(nd.type, ZVMC_NIC_QDIO);
        CHECK_INT(nd.conn, ZVMC_NIC_VSWITCH);
        CHECK_STR(nd.lan_owner, "");
        CHECK_STR(nd.name, "TRUNK1");

        CHECK_OK(zvmc_view_option(od, u, m, 0, &opt));
        CHECK_STR(opt, "LNKNOPAS");
        CHECK_OK(zvmc_view_option(od, u, m, 1, &opt));
        CHECK_STR(opt, "APPLMON");
        CHECK_RC(zvmc_view_option(od, u, m, 2, &opt), ZVMC_ERR_INVAL);
    }
}

static void verify_users(const struct zvmc_objdir *od)
{
    static const enum zvmc_user_kind kind[NUSERS] = {
        ZVMC_USER_IDENTITY, ZVMC_USER_IDENTITY, ZVMC_USER_USER,
        ZVMC_USER_USER, ZVMC_USER_USER, ZVMC_USER_IDENTITY,
    };
    struct zvmc_user us;
    struct zvmc_view v;
    struct zvmc_mdisk md;
    struct zvmc_nicdef nd;
    const char *opt;

    CHECK_INT(zvmc_user_count(od), NUSERS);
    for (int i = 0; i < NUSERS; i++) {
        CHECK_INT(zvmc_user_find(od, fx_user[i]), i);
        CHECK_OK(zvmc_user_get(od, i, &us));
        CHECK_STR(us.name, fx_user[i]);
        CHECK_INT(us.kind, kind[i]);
        CHECK_INT(us.member_mask, i == U_DTCVSW1 ? CPC29 : MASK_ALL);
    }
    CHECK_INT(zvmc_user_find(od, "litswas1"), U_LITSWAS1);
    CHECK_INT(zvmc_user_find(od, "Erep"), U_EREP);
    CHECK_RC(zvmc_user_find(od, "LITSWAS"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_find(od, "LITSWAS12"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_find(od, ""), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_get(od, NUSERS, &us), ZVMC_ERR_INVAL);

    verify_litswas1(od);

    /* an IDENTITY: one local minidisk per member */
    CHECK_OK(zvmc_view_get(od, U_EREP, VM5, &v));
    CHECK_INT(v.flags, ZVMC_VIEW_MEMBER_SPECIFIC);
    CHECK_INT(v.logon_storage, MIB(32));
    CHECK_STR(v.privclasses, "ABCDEFG");
    CHECK_STR(v.reloc_domain, "LTICVM5");
    CHECK_INT(v.crypto, ZVMC_CRYPTO_NONE);
    CHECK_OK(zvmc_view_mdisk(od, U_EREP, VM5, 0, &md));
    CHECK_STR(md.volser, "VM5W01");
    CHECK_INT(md.flags, ZVMC_MDISK_LOCAL);
    CHECK_OK(zvmc_view_get(od, U_MAINT, VM4, &v));
    CHECK_INT(v.max_storage, MIB(1024));
    CHECK_OK(zvmc_view_mdisk(od, U_MAINT, VM4, 0, &md));
    CHECK_STR(md.volser, "VM4RES");
    CHECK_INT(md.vaddr, 0x0190);

    /* defined on two members only */
    CHECK_RC(zvmc_view_get(od, U_DTCVSW1, VM5, &v), ZVMC_ERR_ABSENT);
    CHECK_RC(zvmc_view_mdisk(od, U_DTCVSW1, VM4, 0, &md), ZVMC_ERR_ABSENT);
    CHECK_RC(zvmc_user_lookup(od, "DTCVSW1", VM5, &v), ZVMC_ERR_ABSENT);
    CHECK_INT(zvmc_user_lookup(od, "dtcvsw1", VM9, &v), U_DTCVSW1);
    CHECK_INT(v.max_storage, MIB(128));

    /* pinned */
    CHECK_INT(zvmc_user_lookup(od, "LNXPIN", VM2, &v), U_LNXPIN);
    CHECK_INT(v.flags, ZVMC_VIEW_RELOC_OFF | ZVMC_VIEW_CPU_DEDICATED);
    CHECK_INT(v.logon_storage, MIB(4096));
    CHECK_INT(v.max_storage, MIB(8192));
    CHECK_INT(v.crypto, ZVMC_CRYPTO_APDED);
    CHECK_STR(v.crypto_domains, "APDED 03 DOMAIN 05");
    CHECK_OK(zvmc_view_nicdef(od, U_LNXPIN, VM2, 0, &nd));
    CHECK_INT(nd.type, ZVMC_NIC_HIPERS);
    CHECK_INT(nd.conn, ZVMC_NIC_LAN);
    CHECK_STR(nd.lan_owner, "SYSTEM");
    CHECK_STR(nd.name, "HSILAN");

    CHECK_INT(zvmc_user_lookup(od, "lnxtest", VM4, &v), U_LNXTEST);
    CHECK_INT(v.logon_storage, MIB(2048));
    CHECK_OK(zvmc_view_mdisk(od, U_LNXTEST, VM4, 0, &md));
    CHECK_INT(md.kind, ZVMC_MDISK_TDISK);
    CHECK_STR(md.mode, "W");
    CHECK_OK(zvmc_view_option(od, U_LNXTEST, VM4, 0, &opt));
    CHECK_STR(opt, "CHPIDV ONE");
    CHECK_INT(zvmc_user_lookup(od, "LNXTEST", VM4, NULL), U_LNXTEST);

    CHECK_RC(zvmc_user_lookup(od, "NOSUCH", VM2, &v), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_user_lookup(od, "MAINT", NMEMBERS, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_user_lookup(od, "MAINT", -1, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_view_get(od, NUSERS, VM2, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_view_get(od, U_MAINT, NMEMBERS, &v), ZVMC_ERR_INVAL);
}

static void verify_volumes(const struct zvmc_objdir *od)
{
    static const char *const sorted[6] = { "LXW001", "S1COM1", "VM2W01", "VM4W01", "VM5W01", "VM9W01" };
    struct zvmc_volume vol;
    struct zvmc_extent x;

    CHECK_INT(zvmc_volume_count(od), 6);
    for (int i = 0; i < 6; i++) {
        CHECK_INT(zvmc_volume_find(od, sorted[i]), i);
        CHECK_OK(zvmc_volume_get(od, i, &vol));
        CHECK_STR(vol.volser, sorted[i]);
    }
    CHECK_RC(zvmc_volume_find(od, "VM3W01"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_volume_find(od, "lxw001"), ZVMC_ERR_NOTFOUND);    /* volsers are exact */
    CHECK_RC(zvmc_volume_find(od, "AAAAAA"), ZVMC_ERR_NOTFOUND);
    CHECK_RC(zvmc_volume_find(od, "ZZZZZZ"), ZVMC_ERR_NOTFOUND);

    CHECK_OK(zvmc_volume_get(od, 0, &vol));
    CHECK_INT(vol.member_mask, MASK_ALL);
    CHECK_INT(vol.extent_count, 2);
    CHECK_OK(zvmc_volume_extent(od, 0, 1, &x));
    CHECK_INT(x.start, 101);
    CHECK_INT(x.size, 3338);
    CHECK_INT(x.owner, U_LITSWAS1); /* a builder handle became a file index */
    CHECK_INT(x.vaddr, 0x0201);
    CHECK_RC(zvmc_volume_extent(od, 0, 2, &x), ZVMC_ERR_INVAL);

    CHECK_OK(zvmc_volume_extent(od, 1, 0, &x));
    CHECK_INT(x.owner, -1);
    CHECK_INT(x.size, 1);

    CHECK_OK(zvmc_volume_get(od, 4, &vol));
    CHECK_INT(vol.member_mask, MB(VM5));
    CHECK_OK(zvmc_volume_extent(od, 4, 0, &x));
    CHECK_INT(x.owner, U_EREP);
    CHECK_RC(zvmc_volume_get(od, 6, &vol), ZVMC_ERR_INVAL);
}

/* One expected reason. */
struct want {
    enum zvmc_reloc_reason code;
    uint32_t vaddr;
    const char *message;
};

static void check_verdict(const struct zvmc_objdir *od, int u, int from, int to,
              const struct want *w, int n)
{
    struct zvmc_reason r, *all;
    size_t count;
    int nr;

    CHECK_INT(zvmc_reloc_verdict(od, u, from, to, &nr), n == 0);
    CHECK_INT(nr, n);
    CHECK_INT(zvmc_reloc_check(od, u, from, to, &all, &count), n == 0);
    CHECK_INT(count, n);
    CHECK(n ? all != NULL : all == NULL);
    for (int i = 0; i < n; i++) {
        CHECK_OK(zvmc_reloc_reason_at(od, u, from, to, i, &r));
        CHECK_INT(r.code, w[i].code);
        CHECK_INT(r.vaddr, w[i].vaddr);
        CHECK_STR(r.message, w[i].message);
        CHECK_INT(all[i].code, w[i].code);
        CHECK_INT(all[i].vaddr, w[i].vaddr);
        CHECK_STR(all[i].message, w[i].message);
    }
    CHECK_RC(zvmc_reloc_reason_at(od, u, from, to, n, &r), ZVMC_ERR_INVAL);
    zvmc_reloc_reasons_free(all);
}

static void verify_verdicts(const struct zvmc_objdir *od)
{
    static const struct want identity[1] = {
        { ZVMC_RELOC_IDENTITY, ZVMC_NO_VADDR, "IDENTITY users are not relocatable" },
    };
    static const struct want pinned[4] = {
        { ZVMC_RELOC_DISABLED, ZVMC_NO_VADDR, "VMRELOCATE OFF" },
        { ZVMC_RELOC_CPU_DEDICATED, ZVMC_NO_VADDR, "CPU 00 is dedicated" },
        { ZVMC_RELOC_CRYPTO_DEDICATED, ZVMC_NO_VADDR, "CRYPTO APDED" },
        { ZVMC_RELOC_GUEST_LAN, 0x0700, FX_LONG_MESSAGE },
    };
    static const struct want vm2_to_vm5[5] = {
        { ZVMC_RELOC_DOMAIN, ZVMC_NO_VADDR, "LTICVM5 is outside relocation domain CPC29" },
        { ZVMC_RELOC_DEDICATED_EQID, 0xA000, "dedicated device A000 has no EQID on LTICVM5" },
        { ZVMC_RELOC_DEDICATED_EQID, 0xA100, "dedicated device A100 has no EQID on LTICVM5" },
        { ZVMC_RELOC_DEDICATED_EQID, 0xA200, "dedicated device A200 has no EQID on LTICVM5" },
        { ZVMC_RELOC_DEDICATED_EQID, 0xA300, "dedicated device A300 has no EQID on LTICVM5" },
    };
    static const struct want vswitch[1] = {
        { ZVMC_RELOC_VSWITCH, 0x0600, "VSWITCH TRUNK2 is not defined on LTICVM4" },
    };
    struct zvmc_reason *all = (struct zvmc_reason *)1;
    size_t n = 99;

    for (int from = 0; from < NMEMBERS; from++) {
        for (int to = 0; to < NMEMBERS; to++) {
            if (from == to)
                continue;
            check_verdict(od, U_EREP, from, to, identity, 1);
            check_verdict(od, U_MAINT, from, to, identity, 1);
            check_verdict(od, U_DTCVSW1, from, to, identity, 1);
            check_verdict(od, U_LNXPIN, from, to, pinned, 4);
        }
    }
    /* LITSWAS1 moves only inside CPC29 */
    check_verdict(od, U_LITSWAS1, VM2, VM9, NULL, 0);
    check_verdict(od, U_LITSWAS1, VM9, VM2, NULL, 0);
    check_verdict(od, U_LITSWAS1, VM2, VM5, vm2_to_vm5, 5);
    check_verdict(od, U_LITSWAS1, VM9, VM5, vm2_to_vm5, 5);
    check_verdict(od, U_LITSWAS1, VM5, VM2, vm2_to_vm5 + 1, 4); /* in the domain: no domain reason */
    CHECK_INT(zvmc_reloc_verdict(od, U_LITSWAS1, VM5, VM4, NULL), 0);
    /* LNXTEST needs TRUNK2 at the target */
    check_verdict(od, U_LNXTEST, VM2, VM9, NULL, 0);
    check_verdict(od, U_LNXTEST, VM4, VM2, NULL, 0);
    check_verdict(od, U_LNXTEST, VM9, VM4, vswitch, 1);
    check_verdict(od, U_LNXTEST, VM5, VM4, vswitch, 1);

    CHECK_RC(zvmc_reloc_verdict(od, U_LNXTEST, VM2, VM2, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_reloc_verdict(od, U_LNXTEST, VM2, NMEMBERS, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_reloc_verdict(od, U_LNXTEST, -1, VM2, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_reloc_verdict(od, NUSERS, VM9, VM2, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_reloc_check(od, U_LNXTEST, VM2, VM2, &all, &n), ZVMC_ERR_INVAL);
    CHECK(all == NULL && n == 0);
    CHECK_RC(zvmc_reloc_check(od, U_LNXTEST, VM2, VM4, NULL, &n), ZVMC_ERR_INVAL);
}

static void verify_null_arguments(const struct zvmc_objdir *od)
{
    struct zvmc_cluster_info ci;
    struct zvmc_view v;

    CHECK_RC(zvmc_cluster_get(NULL, &ci), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_cluster_get(od, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_member_count(NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_user_count(NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_volume_count(NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_domain_count(NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_user_find(od, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_user_find(NULL, "MAINT"), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_member_find(od, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_volume_find(od, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_user_lookup(NULL, "MAINT", 0, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_view_get(od, 0, 0, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_view_get(NULL, 0, 0, &v), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_member_sysid(od, 0, 0, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_view_option(od, U_LITSWAS1, 0, 0, NULL), ZVMC_ERR_INVAL);
}

static void verify(const struct zvmc_objdir *od)
{
    verify_cluster(od);
    verify_members(od);
    verify_users(od);
    verify_volumes(od);
    verify_verdicts(od);
    verify_null_arguments(od);
    CHECK_INT(objdir_walk(od), 0);
}

int main(void)
{
    char dir[] = "/tmp/zvmc-roundtrip-XXXXXX", path[64], empty[64];
    struct zvmc_objdir *od = (struct zvmc_objdir *)1;
    size_t len;
    uint8_t *img = fx_image(0, &len);
    FILE *f;

    /* from a buffer */
    CHECK_OK(zvmc_objdir_check_header(img, len));
    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    verify(od);
    zvmc_objdir_close(od);

    /* a larger buffer than the image is fine: totalsize says where it ends */
    img = realloc(img, len + 16);
    CHECK(img != NULL);
    memset(img + len, 0xEE, 16);
    CHECK_OK(zvmc_objdir_open_buffer(img, len + 16, &od));
    zvmc_objdir_close(od);

    /* from a file written by the atomic writer */
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/ltics1.zvmo", dir);
    CHECK_OK(zvmc_odb_write_file(path, img, len));
    CHECK_OK(zvmc_objdir_open(path, &od));
    verify(od);
    zvmc_objdir_close(od);

    /* file-level failures */
    od = (struct zvmc_objdir *)1;
    CHECK_RC(zvmc_objdir_open("/nonexistent/zvmc/x.zvmo", &od), ZVMC_ERR_IO);
    CHECK_INT(errno, ENOENT);
    CHECK(od == NULL);
    CHECK_RC(zvmc_objdir_open(dir, &od), ZVMC_ERR_IO);  /* a directory */
    snprintf(empty, sizeof(empty), "%s/empty.zvmo", dir);
    f = fopen(empty, "w");
    CHECK(f != NULL);
    fclose(f);
    CHECK_RC(zvmc_objdir_open(empty, &od), ZVMC_ERR_TRUNCATED);
    CHECK_RC(zvmc_objdir_open(NULL, &od), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_objdir_open(path, NULL), ZVMC_ERR_INVAL);
    zvmc_objdir_close(NULL);

    CHECK(unlink(path) == 0 && unlink(empty) == 0 && rmdir(dir) == 0);
    free(img);
    return 0;
}
