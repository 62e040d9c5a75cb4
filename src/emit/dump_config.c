/* SPDX-License-Identifier: MIT */
/*
 * The SYSTEM CONFIG statements an object directory holds: System_Identifier,
 * SSI with its slots, each member's System_Residence volume, CP_Owned, RDEV
 * EQIDs, DEFINE VSWITCH, the relocation domains that are not implicit and the
 * volumes each member sees (User_Volume_List).  With the directory of
 * dump_text.c it compiles back to the same object directory.
 *
 * What the object directory does not keep is not invented: the ISFC links
 * and the PDR volume are not known, so the checks that need them are
 * suppressed inline, and the System_Residence areas are IBM's default
 * cylinders, marked as such.
 */
#include <string.h>
#include "emit/dump.h"

#define WRAP 70     /* SYSTEM CONFIG records are 80 columns; leave room */

static void qual(strbuf *sb, const struct zvmc_member *mb)
{
    sb_printf(sb, "%s: ", mb->name);
}

/* The PDR: a volume every member owns (the usual choice), else the first RES. */
static const char *pdr_guess(const struct zvmc_objdir *od, int nm)
{
    struct zvmc_member m0;
    if (nm < 1 || zvmc_member_get(od, 0, &m0) < 0)
        return "PDRVOL";
    for (int k = 0; k < m0.cpowned_count; k++) {
        struct zvmc_cpowned c;
        zvmc_member_cpowned(od, 0, k, &c);
        int all = 1;
        for (int i = 1; i < nm && all; i++) {
            struct zvmc_member mb;
            zvmc_member_get(od, i, &mb);
            int has = 0;
            for (int j = 0; j < mb.cpowned_count && !has; j++) {
                struct zvmc_cpowned d;
                zvmc_member_cpowned(od, i, j, &d);
                has = !strcmp(d.volid, c.volid);
            }
            all = has;
        }
        if (all && nm > 1)
            return c.volid;
    }
    return *m0.res_volume ? m0.res_volume : "PDRVOL";
}

static void ssi(const struct zvmc_objdir *od, const struct zvmc_cluster_info *ci, strbuf *sb)
{
    sb_puts(sb, "/* The object directory keeps neither the ISFC links nor the PDR volume: */\n"
                "/* zvmc: disable=ssi-islink-mesh,ssi-pdr-cpowned */\n");
    sb_printf(sb, "SSI %s PDR_VOLUME %s", ci->name, pdr_guess(od, ci->member_count));
    for (int i = 0; i < ci->member_count; i++) {
        struct zvmc_member mb;
        zvmc_member_get(od, i, &mb);
        sb_printf(sb, ",\n    SLOT %u %s", (unsigned)mb.slot, mb.name);
    }
    sb_puts(sb, "\n\n");
}

/* RDEV TYPE for the dedicated devices whose type a member knows without an
 * EQID (RDEV 0480 TYPE TAPE): the relocation rules judge by that type. */
static void typed_rdevs(const struct zvmc_objdir *od, int m, const struct zvmc_member *mb,
                        strbuf *sb)
{
    int nu = zvmc_user_count(od);
    uint32_t seen[64];
    int nseen = 0;
    for (int u = 0; u < nu; u++) {
        struct zvmc_view v;
        if (zvmc_view_get(od, u, m, &v) < 0)
            continue;
        for (int i = 0; i < v.dedicate_count; i++) {
            struct zvmc_dedicate d;
            struct zvmc_eqid e;
            zvmc_view_dedicate(od, u, m, i, &d);
            if (!*d.devtype || *d.eqid || zvmc_member_rdev_eqid(od, m, d.rdev, &e) >= 0)
                continue;
            int dup = 0;
            for (int k = 0; k < nseen && !dup; k++)
                dup = seen[k] == d.rdev;
            if (dup)
                continue;
            if (nseen < 64)
                seen[nseen++] = d.rdev;
            qual(sb, mb);
            sb_printf(sb, "RDEV %04X TYPE %s\n", (unsigned)d.rdev, d.devtype);
        }
    }
}

static void member_stmts(const struct zvmc_objdir *od, int i, strbuf *sb)
{
    struct zvmc_member mb;
    zvmc_member_get(od, i, &mb);
    sb_printf(sb, "/* %s */\n", mb.name);
    if (*mb.res_volume) {
        /* the areas are not kept: IBM's default cylinders */
        qual(sb, &mb);
        sb_printf(sb, "System_Residence Checkpoint Volid %s From CYL 21 For 9 ,\n", mb.res_volume);
        sb_printf(sb, "%*s Warmstart Volid %s From CYL 30 For 9\n",
                  (int)strlen(mb.name) + 17, "", mb.res_volume);
    }
    for (int k = 0; k < mb.cpowned_count; k++) {
        struct zvmc_cpowned c;
        zvmc_member_cpowned(od, i, k, &c);
        qual(sb, &mb);
        sb_printf(sb, "CP_Owned Slot %u %s\n", (unsigned)c.slot, c.volid);
    }
    for (int k = 0; k < mb.eqid_count; k++) {
        struct zvmc_eqid e;
        zvmc_member_eqid(od, i, k, &e);
        qual(sb, &mb);
        if (e.rdev_first == e.rdev_last)
            sb_printf(sb, "RDEV %04X EQID %s", (unsigned)e.rdev_first, e.eqid);
        else
            sb_printf(sb, "RDEV %04X-%04X EQID %s", (unsigned)e.rdev_first,
                      (unsigned)e.rdev_last, e.eqid);
        if (*e.type)
            sb_printf(sb, " TYPE %s", e.type);
        sb_putc(sb, '\n');
    }
    typed_rdevs(od, i, &mb, sb);
    for (int k = 0; k < mb.vswitch_count; k++) {
        const char *n;
        zvmc_member_vswitch(od, i, k, &n);
        qual(sb, &mb);
        sb_printf(sb, "DEFINE VSWITCH %s\n", n);
    }
    sb_putc(sb, '\n');
}

static void domains(const struct zvmc_objdir *od, const struct zvmc_cluster_info *ci, strbuf *sb)
{
    uint32_t all = ci->member_count >= 32 ? ~0u : (1u << ci->member_count) - 1;
    for (int i = 0; i < ci->domain_count; i++) {
        struct zvmc_domain d;
        zvmc_domain_get(od, i, &d);
        int m = zvmc_member_find(od, d.name);
        if ((!strcmp(d.name, "SSI") && d.member_mask == all) ||
            (m >= 0 && d.member_mask == 1u << m))
            continue;   /* implicit: SSI (every member), and each member's own */
        sb_printf(sb, "Relocation_Domain %s MEMBERS", d.name);
        for (int k = 0; k < ci->member_count; k++) {
            struct zvmc_member mb;
            if (!((d.member_mask >> k) & 1))
                continue;
            zvmc_member_get(od, k, &mb);
            sb_printf(sb, " %s", mb.name);
        }
        sb_putc(sb, '\n');
    }
}

/* The volumes a member sees beyond those it owns (CP_Owned): User_Volume_List. */
static void user_volumes(const struct zvmc_objdir *od, int i, strbuf *sb)
{
    struct zvmc_member mb;
    zvmc_member_get(od, i, &mb);
    int nv = zvmc_volume_count(od);
    size_t col = 0;
    for (int k = 0; k < nv; k++) {
        struct zvmc_volume v;
        zvmc_volume_get(od, k, &v);
        if (!((v.member_mask >> i) & 1))
            continue;
        int owned = 0;
        for (int j = 0; j < mb.cpowned_count && !owned; j++) {
            struct zvmc_cpowned c;
            zvmc_member_cpowned(od, i, j, &c);
            owned = !strcmp(c.volid, v.volser);
        }
        if (owned)
            continue;
        if (col && col + strlen(v.volser) + 1 > WRAP) {
            sb_putc(sb, '\n');
            col = 0;
        }
        if (!col) {
            size_t before = sb->len;
            qual(sb, &mb);
            sb_puts(sb, "User_Volume_List");
            col = sb->len - before;
        }
        sb_printf(sb, " %s", v.volser);
        col += strlen(v.volser) + 1;
    }
    if (col)
        sb_putc(sb, '\n');
}

int dump_config(const struct zvmc_objdir *od, dout *o)
{
    strbuf *sb = &o->sb;
    struct zvmc_cluster_info ci;
    zvmc_cluster_get(od, &ci);
    sb_printf(sb, "/* The SYSTEM CONFIG of %s%s, from its object directory (zvmc dump). */\n",
              *ci.name ? "SSI cluster " : "the system", ci.name);
    sb_printf(sb, "/* Compiled for z/VM %s.  It holds only what an object directory keeps */\n"
                  "/* (docs/compile.md); with the directory 'zvmc dump' writes, it compiles */\n"
                  "/* back to the same object directory. */\n\n",
              *ci.zvm_level ? ci.zvm_level : "?");
    for (int i = 0; i < ci.member_count; i++) {
        struct zvmc_member mb;
        zvmc_member_get(od, i, &mb);
        for (int k = 0; k < mb.sysid_count; k++) {
            struct zvmc_sysid s;
            zvmc_member_sysid(od, i, k, &s);
            if (s.kind == ZVMC_SYSID_LPAR)
                sb_printf(sb, "System_Identifier LPAR %s %s\n", s.id, mb.name);
            else
                sb_printf(sb, "System_Identifier %s %s %s\n", s.id, s.cpuid, mb.name);
        }
    }
    sb_putc(sb, '\n');
    if (*ci.name)
        ssi(od, &ci, sb);
    for (int i = 0; i < ci.member_count; i++) {
        member_stmts(od, i, sb);
        dout_maybe_flush(o);
    }
    domains(od, &ci, sb);
    for (int i = 0; i < ci.member_count; i++) {
        user_volumes(od, i, sb);
        dout_maybe_flush(o);
    }
    return 0;
}
