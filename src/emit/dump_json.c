/* SPDX-License-Identifier: MIT */
/*
 * An object directory as one JSON object (docs/compile.md has the schema):
 * the same content and the same sharing as the XML (xml_writer.c): a user's
 * identical views are written once with the members they hold for, only
 * refused relocations are listed, and users with the same verdicts share a
 * row of "verdict_rows" (a user's "verdict_row" is its index, or null when
 * every relocation is eligible).
 */
#include <inttypes.h>
#include "emit/dump.h"

static void key(strbuf *sb, const char *k, int *first)
{
    if (!*first)
        sb_putc(sb, ',');
    *first = 0;
    sb_json_str(sb, k);
    sb_putc(sb, ':');
}

static void kstr(strbuf *sb, const char *k, const char *v, int *first)
{
    key(sb, k, first);
    sb_json_str(sb, v);
}

static void knum(strbuf *sb, const char *k, uint64_t v, int *first)
{
    key(sb, k, first);
    sb_printf(sb, "%" PRIu64, v);
}

static void khex(strbuf *sb, const char *k, uint32_t v, int *first)
{
    key(sb, k, first);
    sb_printf(sb, "\"%04" PRIX32 "\"", v);
}

static void kbool(strbuf *sb, const char *k, int v, int *first)
{
    key(sb, k, first);
    sb_puts(sb, v ? "true" : "false");
}

static void kmembers(const struct zvmc_objdir *od, strbuf *sb, const char *k, uint32_t mask,
                     int *first)
{
    key(sb, k, first);
    sb_putc(sb, '[');
    int n = zvmc_member_count(od), f = 1;
    for (int i = 0; i < n; i++) {
        struct zvmc_member mb;
        if (!((mask >> i) & 1) || zvmc_member_get(od, i, &mb) < 0)
            continue;
        if (!f)
            sb_putc(sb, ',');
        f = 0;
        sb_json_str(sb, mb.name);
    }
    sb_putc(sb, ']');
}

static void member(const struct zvmc_objdir *od, strbuf *sb, int i)
{
    struct zvmc_member mb;
    int f = 1;
    zvmc_member_get(od, i, &mb);
    sb_putc(sb, '{');
    kstr(sb, "name", mb.name, &f);
    knum(sb, "slot", mb.slot, &f);
    kstr(sb, "res_volume", mb.res_volume, &f);
    key(sb, "system_identifiers", &f);
    sb_putc(sb, '[');
    for (int k = 0; k < mb.sysid_count; k++) {
        struct zvmc_sysid s;
        int g = 1;
        zvmc_member_sysid(od, i, k, &s);
        sb_puts(sb, k ? ",{" : "{");
        kstr(sb, "kind", dump_sysid_kind(s.kind), &g);
        kstr(sb, "id", s.id, &g);
        kstr(sb, "cpuid", s.cpuid, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "cp_owned", &f);
    sb_putc(sb, '[');
    for (int k = 0; k < mb.cpowned_count; k++) {
        struct zvmc_cpowned c;
        int g = 1;
        zvmc_member_cpowned(od, i, k, &c);
        sb_puts(sb, k ? ",{" : "{");
        knum(sb, "slot", c.slot, &g);
        kstr(sb, "volid", c.volid, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "eqids", &f);
    sb_putc(sb, '[');
    for (int k = 0; k < mb.eqid_count; k++) {
        struct zvmc_eqid e;
        int g = 1;
        zvmc_member_eqid(od, i, k, &e);
        sb_puts(sb, k ? ",{" : "{");
        khex(sb, "first", e.rdev_first, &g);
        khex(sb, "last", e.rdev_last, &g);
        kstr(sb, "eqid", e.eqid, &g);
        kstr(sb, "type", e.type, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "vswitches", &f);
    sb_putc(sb, '[');
    for (int k = 0; k < mb.vswitch_count; k++) {
        const char *n;
        zvmc_member_vswitch(od, i, k, &n);
        if (k)
            sb_putc(sb, ',');
        sb_json_str(sb, n);
    }
    sb_puts(sb, "]}");
}

static void view(const struct zvmc_objdir *od, strbuf *sb, int u, int m, uint32_t mask)
{
    struct zvmc_view v;
    int f = 1;
    zvmc_view_get(od, u, m, &v);
    sb_putc(sb, '{');
    kmembers(od, sb, "members", mask, &f);
    knum(sb, "logon_storage", v.logon_storage, &f);
    knum(sb, "max_storage", v.max_storage, &f);
    kstr(sb, "privclasses", v.privclasses, &f);
    kstr(sb, "domain", v.reloc_domain, &f);
    kbool(sb, "reloc_off", v.flags & ZVMC_VIEW_RELOC_OFF, &f);
    kbool(sb, "cpu_dedicated", v.flags & ZVMC_VIEW_CPU_DEDICATED, &f);
    kbool(sb, "member_specific", v.flags & ZVMC_VIEW_MEMBER_SPECIFIC, &f);
    kstr(sb, "crypto", dump_crypto(v.crypto), &f);
    kstr(sb, "crypto_operands", v.crypto_domains, &f);
    key(sb, "mdisks", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < v.mdisk_count; i++) {
        struct zvmc_mdisk d;
        int g = 1;
        zvmc_view_mdisk(od, u, m, i, &d);
        sb_puts(sb, i ? ",{" : "{");
        khex(sb, "vaddr", d.vaddr, &g);
        kstr(sb, "devtype", d.devtype, &g);
        kstr(sb, "kind", dump_mdisk_kind(d.kind), &g);
        kstr(sb, "volser", d.volser, &g);
        knum(sb, "start", d.start, &g);
        knum(sb, "size", d.size, &g);
        kstr(sb, "unit", dump_unit(d.unit), &g);
        kstr(sb, "mode", d.mode, &g);
        kbool(sb, "local", d.flags & ZVMC_MDISK_LOCAL, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "links", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < v.link_count; i++) {
        struct zvmc_link l;
        int g = 1;
        zvmc_view_link(od, u, m, i, &l);
        sb_puts(sb, i ? ",{" : "{");
        kstr(sb, "owner", l.owner, &g);
        khex(sb, "owner_vaddr", l.owner_vaddr, &g);
        khex(sb, "vaddr", l.vaddr, &g);
        kstr(sb, "mode", l.mode, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "dedicates", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < v.dedicate_count; i++) {
        struct zvmc_dedicate d;
        int g = 1;
        zvmc_view_dedicate(od, u, m, i, &d);
        sb_puts(sb, i ? ",{" : "{");
        khex(sb, "vaddr", d.vaddr, &g);
        khex(sb, "rdev", d.rdev, &g);
        kstr(sb, "eqid", d.eqid, &g);
        kstr(sb, "devtype", d.devtype, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "nicdefs", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < v.nicdef_count; i++) {
        struct zvmc_nicdef n;
        int g = 1;
        zvmc_view_nicdef(od, u, m, i, &n);
        sb_puts(sb, i ? ",{" : "{");
        khex(sb, "vaddr", n.vaddr, &g);
        kstr(sb, "type", dump_nic_type(n.type), &g);
        kstr(sb, "conn", dump_nic_conn(n.conn), &g);
        kstr(sb, "lan_owner", n.lan_owner, &g);
        kstr(sb, "name", n.name, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    key(sb, "options", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < v.option_count; i++) {
        const char *o;
        zvmc_view_option(od, u, m, i, &o);
        if (i)
            sb_putc(sb, ',');
        sb_json_str(sb, o);
    }
    sb_puts(sb, "]}");
}

/* The refused pairs of user @u: [{"from","to","reasons":[...]}] */
static void refused(const struct zvmc_objdir *od, strbuf *sb, int u, int nm)
{
    sb_putc(sb, '[');
    int nr = 0;
    for (int a = 0; a < nm; a++) {
        for (int b = 0; b < nm; b++) {
            int n, g = 1;
            if (a == b || zvmc_reloc_verdict(od, u, a, b, &n) != 0)
                continue;
            struct zvmc_member ma, mb;
            zvmc_member_get(od, a, &ma);
            zvmc_member_get(od, b, &mb);
            sb_puts(sb, nr++ ? ",{" : "{");
            kstr(sb, "from", ma.name, &g);
            kstr(sb, "to", mb.name, &g);
            key(sb, "reasons", &g);
            sb_putc(sb, '[');
            for (int i = 0; i < n; i++) {
                struct zvmc_reason r;
                int h = 1;
                zvmc_reloc_reason_at(od, u, a, b, i, &r);
                const char *check = zvmc_reloc_reason_name(r.code);
                sb_puts(sb, i ? ",{" : "{");
                knum(sb, "code", (uint64_t)r.code, &h);
                kstr(sb, "check", check ? check : "", &h);
                if (r.vaddr != ZVMC_NO_VADDR)
                    khex(sb, "vaddr", r.vaddr, &h);
                kstr(sb, "message", r.message, &h);
                sb_putc(sb, '}');
            }
            sb_puts(sb, "]}");
        }
    }
    sb_putc(sb, ']');
}

static void user(const struct zvmc_objdir *od, strbuf *sb, int u, int nm, int row)
{
    struct zvmc_user us;
    int f = 1;
    zvmc_user_get(od, u, &us);
    sb_putc(sb, '{');
    kstr(sb, "name", us.name, &f);
    kstr(sb, "kind", dump_user_kind(us.kind), &f);
    key(sb, "views", &f);
    sb_putc(sb, '[');
    uint32_t done = 0;
    int nv = 0;
    for (int m = 0; m < nm; m++) {
        if (!((us.member_mask >> m) & 1) || ((done >> m) & 1))
            continue;
        uint32_t mask = 1u << m;
        for (int k = m + 1; k < nm; k++)
            if (((us.member_mask >> k) & 1) && !((done >> k) & 1) && dump_view_eq(od, u, m, k))
                mask |= 1u << k;
        done |= mask;
        if (nv++)
            sb_putc(sb, ',');
        view(od, sb, u, m, mask);
    }
    sb_puts(sb, "]");
    key(sb, "verdict_row", &f);
    if (row >= 0)
        sb_printf(sb, "%d", row);
    else
        sb_puts(sb, "null");
    sb_putc(sb, '}');
}

int dump_json(const struct zvmc_objdir *od, dout *o)
{
    strbuf *sb = &o->sb;
    struct zvmc_cluster_info ci;
    int f = 1;
    zvmc_cluster_get(od, &ci);
    sb_putc(sb, '{');
    knum(sb, "format_version", ci.version, &f);
    kstr(sb, "name", ci.name, &f);
    kstr(sb, "zvm_level", ci.zvm_level, &f);
    key(sb, "members", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < ci.member_count; i++) {
        if (i)
            sb_putc(sb, ',');
        member(od, sb, i);
    }
    sb_puts(sb, "]");
    key(sb, "domains", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < ci.domain_count; i++) {
        struct zvmc_domain d;
        int g = 1;
        zvmc_domain_get(od, i, &d);
        sb_puts(sb, i ? ",{" : "{");
        kstr(sb, "name", d.name, &g);
        kmembers(od, sb, "members", d.member_mask, &g);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "]");
    vrows vr;
    if (dump_vrows(od, &vr) < 0) {
        dump_vrows_free(&vr);
        return ZVMC_ENOMEM;
    }
    key(sb, "verdict_rows", &f);
    sb_putc(sb, '[');
    for (int r = 0; r < vr.nrows; r++) {
        sb_puts(sb, r ? ",\n" : "\n");
        refused(od, sb, vr.user_of[r], ci.member_count);
        dout_maybe_flush(o);
    }
    sb_puts(sb, "]");
    key(sb, "users", &f);
    sb_putc(sb, '[');
    for (int u = 0; u < ci.user_count; u++) {
        if (u)
            sb_putc(sb, ',');
        sb_putc(sb, '\n');
        user(od, sb, u, ci.member_count, vr.row[u]);
        dout_maybe_flush(o);
    }
    sb_puts(sb, "]");
    dump_vrows_free(&vr);
    key(sb, "volumes", &f);
    sb_putc(sb, '[');
    for (int i = 0; i < ci.volume_count; i++) {
        struct zvmc_volume v;
        int g = 1;
        zvmc_volume_get(od, i, &v);
        sb_puts(sb, i ? ",\n{" : "\n{");
        kstr(sb, "volser", v.volser, &g);
        kmembers(od, sb, "members", v.member_mask, &g);
        key(sb, "extents", &g);
        sb_putc(sb, '[');
        for (int k = 0; k < v.extent_count; k++) {
            struct zvmc_extent e;
            int h = 1;
            zvmc_volume_extent(od, i, k, &e);
            sb_puts(sb, k ? ",{" : "{");
            knum(sb, "start", e.start, &h);
            knum(sb, "size", e.size, &h);
            if (e.owner >= 0) {
                struct zvmc_user us;
                zvmc_user_get(od, e.owner, &us);
                kstr(sb, "owner", us.name, &h);
                khex(sb, "vaddr", e.vaddr, &h);
            }
            sb_putc(sb, '}');
        }
        sb_puts(sb, "]}");
        dout_maybe_flush(o);
    }
    sb_puts(sb, "]}\n");
    return 0;
}
