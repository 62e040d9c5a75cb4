/* SPDX-License-Identifier: MIT */
/*
 * An object directory decompiled to directory source (USER DIRECT).
 *
 * The whole cluster: an SSI directory in which every user's statements common
 * to all members are in its entry and the rest in a SUBCONFIG per member
 * (IDENTITY) or a SYSAFFIN section (USER); with the SYSTEM CONFIG of
 * dump_config.c it compiles back to the same object directory.  To do that it
 * writes what the records derive from, not the records: a DEDICATE's EQID
 * comes from the SYSTEM CONFIG, a minidisk on each member's own RES volume is
 * on &SYSRES, an IDENTITY's default domain is its member's.
 *
 * A few statements show only in the relocation verdicts, which the object
 * directory keeps with their messages, and are rebuilt from them
 * (dump_recover.c): MACHINE XC, the addresses of dedicated CPUs, and the names
 * of the SUBCONFIGs that local minidisks are defined in.
 *
 * One member: each user flattened to its view on that member.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "emit/dump.h"
#include "emit/dump_recover.h"

/* ---- statements ---------------------------------------------------------- */

static void size_text(strbuf *sb, uint64_t b)
{
    static const char units[] = "KMGTPE";
    int u = -1;
    while (b && b % 1024 == 0 && u < 5) {
        b /= 1024;
        u++;
    }
    if (u < 0)
        sb_printf(sb, "%" PRIu64, b);
    else
        sb_printf(sb, "%" PRIu64 "%c", b, units[u]);
}

static void w_mdisk(strbuf *sb, const struct zvmc_mdisk *d, const char *volser)
{
    sb_printf(sb, "  MDISK %04X %s ", (unsigned)d->vaddr, *d->devtype ? d->devtype : "3390");
    switch (d->kind) {
    case ZVMC_MDISK_DEVNO:
        sb_printf(sb, "DEVNO %04X", (unsigned)d->start);
        break;
    case ZVMC_MDISK_VDISK:
    case ZVMC_MDISK_TDISK:
        sb_printf(sb, "%s %u", dump_mdisk_kind(d->kind), (unsigned)d->size);
        break;
    default:
        if (d->size)
            sb_printf(sb, "%u %u %s", (unsigned)d->start, (unsigned)d->size, volser);
        else
            sb_printf(sb, "%u END %s", (unsigned)d->start, volser);
        break;
    }
    if (*d->mode)
        sb_printf(sb, " %s", d->mode);
    sb_putc(sb, '\n');
}

static void w_link(strbuf *sb, const struct zvmc_link *l, const char *self)
{
    /* LINK * is the user's own minidisk (relocation.c does not follow it) */
    sb_printf(sb, "  LINK %s %04X %04X", strcmp(l->owner, self) ? l->owner : "*",
              (unsigned)l->owner_vaddr, (unsigned)l->vaddr);
    if (*l->mode)
        sb_printf(sb, " %s", l->mode);
    sb_putc(sb, '\n');
}

static void w_nicdef(strbuf *sb, const struct zvmc_nicdef *n)
{
    sb_printf(sb, "  NICDEF %04X TYPE %s", (unsigned)n->vaddr, dump_nic_type(n->type));
    if (n->conn == ZVMC_NIC_LAN)
        sb_printf(sb, " LAN %s %s", n->lan_owner, n->name);
    else if (n->conn == ZVMC_NIC_VSWITCH)
        sb_printf(sb, " LAN SYSTEM %s", n->name);
    sb_putc(sb, '\n');
}

/* CRYPTO: one statement per "; "-separated part (compile_view.c joins them). */
static void w_crypto(strbuf *sb, const char *ops)
{
    while (*ops) {
        const char *end = strstr(ops, "; ");
        size_t n = end ? (size_t)(end - ops) : strlen(ops);
        sb_printf(sb, "  CRYPTO %.*s\n", (int)n, ops);
        ops += n + (end ? 2 : 0);
    }
}

static void w_settings(strbuf *sb, int off, const char *domain)
{
    if (!off && !*domain)
        return;
    sb_printf(sb, "  VMRELOCATE %s", off ? "OFF" : "ON");
    if (*domain)
        sb_printf(sb, " DOMAIN %s", domain);
    sb_putc(sb, '\n');
}

/* ---- one user's views -------------------------------------------------------- */

/* What the statements of a user's view on a member come to. */
typedef struct mview {
    int present;
    struct zvmc_view v;
    const char *res;            /* the member's RES volume */
    const char *name;           /* the member */
    const char *domain;         /* "" when the default for the kind */
    rec_info ri;                /* rebuilt from the verdicts */
} mview;

typedef struct ustate {
    const struct zvmc_objdir *od;
    strbuf *sb;
    int u, nm;
    struct zvmc_user us;
    mview mv[ZVMC_OBJDIR_MAX_MEMBERS];
    const recover *rc;
} ustate;

/* in the order they are written: general statements before devices */
enum { L_OPTION, L_MDISK, L_LINK, L_DEDICATE, L_NICDEF, L_COUNT };

static int list_count(const mview *v, int kind)
{
    switch (kind) {
    case L_MDISK: return v->v.mdisk_count;
    case L_LINK: return v->v.link_count;
    case L_DEDICATE: return v->v.dedicate_count;
    case L_NICDEF: return v->v.nicdef_count;
    default: return v->v.option_count;
    }
}

/* Item @i of list @kind is written the same for members @a and @b; a local
 * minidisk (a SUBCONFIG's) only with @local, as both local. */
static int item_same(const ustate *s, int kind, int i, int a, int b, int local)
{
    const struct zvmc_objdir *od = s->od;
    int u = s->u;
    switch (kind) {
    case L_MDISK: {
        struct zvmc_mdisk x, y;
        zvmc_view_mdisk(od, u, a, i, &x);
        zvmc_view_mdisk(od, u, b, i, &y);
        int vol = !strcmp(x.volser, y.volser) ||
                  (!strcmp(x.volser, s->mv[a].res) && !strcmp(y.volser, s->mv[b].res));
        return vol && (local ? x.flags == y.flags
                             : !(x.flags & ZVMC_MDISK_LOCAL) && !(y.flags & ZVMC_MDISK_LOCAL)) &&
               x.vaddr == y.vaddr && !strcmp(x.devtype, y.devtype) && x.start == y.start &&
               x.size == y.size && x.unit == y.unit && x.kind == y.kind && !strcmp(x.mode, y.mode);
    }
    case L_LINK: {
        struct zvmc_link x, y;
        zvmc_view_link(od, u, a, i, &x);
        zvmc_view_link(od, u, b, i, &y);
        return !strcmp(x.owner, y.owner) && x.owner_vaddr == y.owner_vaddr &&
               x.vaddr == y.vaddr && !strcmp(x.mode, y.mode);
    }
    case L_DEDICATE: {
        /* the EQID and type come from each member's SYSTEM CONFIG */
        struct zvmc_dedicate x, y;
        zvmc_view_dedicate(od, u, a, i, &x);
        zvmc_view_dedicate(od, u, b, i, &y);
        return x.vaddr == y.vaddr && x.rdev == y.rdev;
    }
    case L_NICDEF: {
        struct zvmc_nicdef x, y;
        zvmc_view_nicdef(od, u, a, i, &x);
        zvmc_view_nicdef(od, u, b, i, &y);
        return x.vaddr == y.vaddr && x.type == y.type && x.conn == y.conn &&
               !strcmp(x.lan_owner, y.lan_owner) && !strcmp(x.name, y.name);
    }
    default: {
        const char *x, *y;
        zvmc_view_option(od, u, a, i, &x);
        zvmc_view_option(od, u, b, i, &y);
        return !strcmp(x, y);
    }
    }
}

/* Write items [from, to) of list @kind as member set @set holds them (the
 * items are the same on every member of the set). */
static void w_items(const ustate *s, int kind, int from, int to, uint32_t set)
{
    int first = -1;
    for (int m = 0; m < s->nm && first < 0; m++)
        if ((set >> m) & 1)
            first = m;
    if (first < 0)
        return;
    const struct zvmc_objdir *od = s->od;
    strbuf *sb = s->sb;
    size_t col = 0;
    for (int i = from; i < to; i++) {
        switch (kind) {
        case L_MDISK: {
            struct zvmc_mdisk d;
            zvmc_view_mdisk(od, s->u, first, i, &d);
            /* the same volume everywhere, or each member's own RES: &SYSRES */
            const char *vol = d.volser;
            for (int m = 0; m < s->nm; m++) {
                struct zvmc_mdisk e;
                if (!((set >> m) & 1) || m == first)
                    continue;
                zvmc_view_mdisk(od, s->u, m, i, &e);
                if (strcmp(e.volser, d.volser))
                    vol = "&SYSRES";
            }
            w_mdisk(sb, &d, vol);
            break;
        }
        case L_LINK: {
            struct zvmc_link l;
            zvmc_view_link(od, s->u, first, i, &l);
            w_link(sb, &l, s->us.name);
            break;
        }
        case L_DEDICATE: {
            struct zvmc_dedicate d;
            zvmc_view_dedicate(od, s->u, first, i, &d);
            sb_printf(sb, "  DEDICATE %04X %04X\n", (unsigned)d.vaddr, (unsigned)d.rdev);
            break;
        }
        case L_NICDEF: {
            struct zvmc_nicdef n;
            zvmc_view_nicdef(od, s->u, first, i, &n);
            w_nicdef(sb, &n);
            break;
        }
        default: {
            const char *opt;
            zvmc_view_option(od, s->u, first, i, &opt);
            if (col && col + strlen(opt) + 1 > 70) {
                sb_putc(sb, '\n');
                col = 0;
            }
            if (!col) {
                sb_puts(sb, "  OPTION");
                col = 8;
            }
            sb_printf(sb, " %s", opt);
            col += strlen(opt) + 1;
            break;
        }
        }
    }
    if (col)
        sb_putc(sb, '\n');
}

/* The scalar statements of one member's view that differ from @base. */
typedef struct scalars {
    uint64_t logon, max;
    const char *priv;
} scalars;

static int settings_same(const mview *a, const mview *b)
{
    return !!(a->v.flags & ZVMC_VIEW_RELOC_OFF) == !!(b->v.flags & ZVMC_VIEW_RELOC_OFF) &&
           !strcmp(a->domain, b->domain);
}

static int cpus_same(const mview *a, const mview *b)
{
    return !!(a->v.flags & ZVMC_VIEW_CPU_DEDICATED) == !!(b->v.flags & ZVMC_VIEW_CPU_DEDICATED) &&
           !strcmp(a->ri.cpus, b->ri.cpus);
}

static void w_cpus(strbuf *sb, const mview *v)
{
    if (!(v->v.flags & ZVMC_VIEW_CPU_DEDICATED))
        return;
    if (!v->ri.cpus[0]) {
        sb_puts(sb, "  CPU 00 DEDICATE\n");
        return;
    }
    for (const char *p = v->ri.cpus; *p;) {
        size_t n = strcspn(p, " ");
        sb_printf(sb, "  CPU %.*s DEDICATE\n", (int)n, p);
        p += n + (p[n] == ' ');
    }
}

/* Member-specific statements of the members in @set (the same on each; @m is
 * one of them): scalars that differ from the header, the settings, CPUs,
 * crypto and XC that are not common, then the list items after the common
 * prefix. */
static void w_section(const ustate *s, int m, uint32_t set, const scalars *base, const int *common,
                      const int *flags_common)
{
    const mview *v = &s->mv[m];
    strbuf *sb = s->sb;
    if (v->v.logon_storage != base->logon) {
        sb_puts(sb, "  STORAGE ");
        size_text(sb, v->v.logon_storage);
        sb_putc(sb, '\n');
    }
    if (v->v.max_storage != base->max) {
        sb_puts(sb, "  MAXSTORAGE ");
        size_text(sb, v->v.max_storage);
        sb_putc(sb, '\n');
    }
    if (strcmp(v->v.privclasses, base->priv))
        sb_printf(sb, "  CLASS %s\n", v->v.privclasses);
    if (!flags_common[0])
        w_settings(sb, v->v.flags & ZVMC_VIEW_RELOC_OFF, v->domain);
    if (!flags_common[1])
        w_cpus(sb, v);
    if (!flags_common[2])
        w_crypto(sb, v->v.crypto_domains);
    if (!flags_common[3] && v->ri.xc)
        sb_puts(sb, "  MACHINE XC\n");
    for (int k = 0; k < L_COUNT; k++)
        w_items(s, k, common[k], list_count(v, k), set);
}

static int section_empty(const ustate *s, int m, const scalars *base, const int *common,
                         const int *fc)
{
    const mview *v = &s->mv[m];
    if (v->v.logon_storage != base->logon || v->v.max_storage != base->max ||
        strcmp(v->v.privclasses, base->priv))
        return 0;
    if ((!fc[0] && ((v->v.flags & ZVMC_VIEW_RELOC_OFF) || *v->domain)) ||
        (!fc[1] && (v->v.flags & ZVMC_VIEW_CPU_DEDICATED)) || (!fc[2] && *v->v.crypto_domains) ||
        (!fc[3] && v->ri.xc))
        return 0;
    for (int k = 0; k < L_COUNT; k++)
        if (list_count(v, k) > common[k])
            return 0;
    return 1;
}

/* Are the member-specific parts of @a and @b written the same (one SUBCONFIG
 * can serve both)? */
static int sections_same(const ustate *s, int a, int b, const int *common)
{
    const mview *x = &s->mv[a], *y = &s->mv[b];
    if (x->v.logon_storage != y->v.logon_storage || x->v.max_storage != y->v.max_storage ||
        strcmp(x->v.privclasses, y->v.privclasses) || !settings_same(x, y) || !cpus_same(x, y) ||
        strcmp(x->v.crypto_domains, y->v.crypto_domains) || x->ri.xc != y->ri.xc)
        return 0;
    for (int k = 0; k < L_COUNT; k++) {
        int n = list_count(x, k);
        if (n != list_count(y, k))
            return 0;
        for (int i = common[k]; i < n; i++)
            if (!item_same(s, k, i, a, b, 1))
                return 0;
    }
    return 1;
}

static void load(ustate *s, int u)
{
    s->u = u;
    zvmc_user_get(s->od, u, &s->us);
    for (int m = 0; m < s->nm; m++) {
        mview *v = &s->mv[m];
        struct zvmc_member mb;
        zvmc_member_get(s->od, m, &mb);
        v->res = mb.res_volume;
        v->name = mb.name;
        v->present = zvmc_view_get(s->od, u, m, &v->v) == 0;
        if (!v->present)
            continue;
        /* the default domain is not written: SSI for a USER, the member's own
         * for an IDENTITY (compile_view.c) */
        const char *def = s->us.kind == ZVMC_USER_IDENTITY ? mb.name : "SSI";
        v->domain = strcmp(v->v.reloc_domain, def) ? v->v.reloc_domain : "";
        recover_view(s->rc, s->od, u, m, &v->ri);
    }
}

static void w_head(strbuf *sb, const struct zvmc_user *us, const scalars *h)
{
    sb_printf(sb, "%s %s NOLOG ", dump_user_kind(us->kind), us->name);
    size_text(sb, h->logon);
    sb_putc(sb, ' ');
    size_text(sb, h->max);
    sb_printf(sb, " %s\n", h->priv);
}

static void cluster_user(ustate *s, int u)
{
    strbuf *sb = s->sb;
    load(s, u);
    uint32_t present = 0;
    int first = -1;
    for (int m = 0; m < s->nm; m++)
        if (s->mv[m].present) {
            present |= 1u << m;
            if (first < 0)
                first = m;
        }
    if (first < 0) {
        sb_printf(sb, "* %s %s is defined on no member\n", dump_user_kind(s->us.kind), s->us.name);
        return;
    }
    const mview *f = &s->mv[first];
    scalars base = { f->v.logon_storage, f->v.max_storage, f->v.privclasses };
    /* the common prefix of every list, and which scalar statements are common */
    int common[L_COUNT];
    for (int k = 0; k < L_COUNT; k++) {
        int n = list_count(f, k);
        for (int m = 0; m < s->nm; m++)
            if (((present >> m) & 1) && list_count(&s->mv[m], k) < n)
                n = list_count(&s->mv[m], k);
        int i = 0;
        for (; i < n; i++) {
            int same = 1;
            for (int m = 0; m < s->nm && same; m++)
                if (((present >> m) & 1) && m != first)
                    same = item_same(s, k, i, first, m, 0);
            if (same && k == L_MDISK) {
                struct zvmc_mdisk d;
                zvmc_view_mdisk(s->od, u, first, i, &d);
                same = !(d.flags & ZVMC_MDISK_LOCAL);
            }
            if (!same)
                break;
        }
        common[k] = i;
    }
    int fc[4] = { 1, 1, 1, 1 };
    for (int m = 0; m < s->nm; m++) {
        const mview *v = &s->mv[m];
        if (!((present >> m) & 1))
            continue;
        fc[0] &= settings_same(f, v);
        fc[1] &= cpus_same(f, v);
        fc[2] &= !strcmp(f->v.crypto_domains, v->v.crypto_domains);
        fc[3] &= f->ri.xc == v->ri.xc;
    }
    /* where the member-specific parts go */
    uint32_t built = 0, sections = 0;
    for (int m = 0; m < s->nm; m++) {
        if (!((present >> m) & 1))
            continue;
        if (s->us.kind == ZVMC_USER_IDENTITY && (s->mv[m].v.flags & ZVMC_VIEW_MEMBER_SPECIFIC))
            built |= 1u << m;
        else if (!section_empty(s, m, &base, common, fc))
            sections |= 1u << m;
    }
    /* BUILD ON *: every member built from one SUBCONFIG of the same content */
    int star = built == present && s->nm > 0;
    for (int m = 0; m < s->nm && star; m++)
        if (((built >> m) & 1) && m != first)
            star = sections_same(s, first, m, common) &&
                   !strcmp(subconfig_name(s->rc, u, first), subconfig_name(s->rc, u, m));

    w_head(sb, &s->us, &base);
    if (star) {
        sb_printf(sb, "  BUILD ON * USING SUBCONFIG %s\n", subconfig_name(s->rc, u, first));
    } else {
        for (int m = 0; m < s->nm; m++)
            if ((built >> m) & 1)
                sb_printf(sb, "  BUILD ON %s USING SUBCONFIG %s\n", s->mv[m].name,
                          subconfig_name(s->rc, u, m));
    }
    if (fc[0])
        w_settings(sb, f->v.flags & ZVMC_VIEW_RELOC_OFF, f->domain);
    if (fc[1])
        w_cpus(sb, f);
    if (fc[2])
        w_crypto(sb, f->v.crypto_domains);
    if (fc[3] && f->ri.xc)
        sb_puts(sb, "  MACHINE XC\n");
    for (int k = 0; k < L_COUNT; k++)
        w_items(s, k, 0, common[k], present);
    /* members with their own part but no SUBCONFIG: SYSAFFIN sections */
    for (int m = 0; m < s->nm; m++) {
        if (!((sections >> m) & 1))
            continue;
        sb_printf(sb, "  SYSAFFIN %s\n", s->mv[m].name);
        w_section(s, m, 1u << m, &base, common, fc);
    }
    if (star && built) {
        /* one SUBCONFIG for all: its minidisks on &SYSRES where on each RES */
        sb_printf(sb, "SUBCONFIG %s\n", subconfig_name(s->rc, u, first));
        w_section(s, first, built, &base, common, fc);
        return;
    }
    for (int m = 0; m < s->nm; m++) {
        if (!((built >> m) & 1))
            continue;
        sb_printf(sb, "SUBCONFIG %s\n", subconfig_name(s->rc, u, m));
        w_section(s, m, 1u << m, &base, common, fc);
    }
}

static void member_user(ustate *s, int u, int m)
{
    strbuf *sb = s->sb;
    load(s, u);
    const mview *v = &s->mv[m];
    if (!v->present)
        return;
    scalars h = { v->v.logon_storage, v->v.max_storage, v->v.privclasses };
    w_head(sb, &s->us, &h);
    w_settings(sb, v->v.flags & ZVMC_VIEW_RELOC_OFF, v->domain);
    w_cpus(sb, v);
    w_crypto(sb, v->v.crypto_domains);
    if (v->ri.xc)
        sb_puts(sb, "  MACHINE XC\n");
    for (int k = 0; k < L_COUNT; k++)
        w_items(s, k, 0, list_count(v, k), 1u << m);
}

int dump_text(const struct zvmc_objdir *od, int member, dout *o)
{
    strbuf *sb = &o->sb;
    struct zvmc_cluster_info ci;
    zvmc_cluster_get(od, &ci);
    recover *rc = recover_new(od);
    if (!rc)
        return ZVMC_ENOMEM;
    ustate *s = calloc(1, sizeof *s);
    if (!s) {
        recover_free(rc);
        return ZVMC_ENOMEM;
    }
    s->od = od;
    s->sb = sb;
    s->nm = ci.member_count;
    s->rc = rc;
    if (member >= 0) {
        struct zvmc_member mb;
        zvmc_member_get(od, member, &mb);
        sb_printf(sb, "* The directory of %s as member %s sees it, from its object directory\n"
                      "* (zvmc dump).  Compiled for z/VM %s.\n", *ci.name ? ci.name : "the system",
                  mb.name, ci.zvm_level);
        sb_printf(sb, "DIRECTORY 0123 3390 %s\n", *mb.res_volume ? mb.res_volume : "RESVOL");
    } else {
        sb_printf(sb, "* The source directory of %s, from its object directory (zvmc dump).\n"
                      "* Compiled for z/VM %s: compile it with --zvm-level %s and the SYSTEM\n"
                      "* CONFIG of 'zvmc dump --format config'.\n",
                  *ci.name ? ci.name : "the system", ci.zvm_level, ci.zvm_level);
        sb_puts(sb, *ci.name ? "DIRECTORY SSI 0123 3390" : "DIRECTORY 0123 3390");
        int any = 0;
        for (int i = 0; i < ci.member_count; i++) {
            struct zvmc_member mb;
            zvmc_member_get(od, i, &mb);
            if (*mb.res_volume) {
                sb_printf(sb, " %s", mb.res_volume);
                any = 1;
            }
            if (!*ci.name)
                break;
        }
        if (!any)
            sb_puts(sb, " RESVOL");
        sb_putc(sb, '\n');
    }
    for (int u = 0; u < ci.user_count; u++) {
        sb_puts(sb, "*\n");
        if (member >= 0)
            member_user(s, u, member);
        else
            cluster_user(s, u);
        dout_maybe_flush(o);
    }
    free(s);
    recover_free(rc);
    return 0;
}
