/* SPDX-License-Identifier: MIT */
/*
 * An object directory as XML, with libxml2's xmlTextWriter, read through the
 * runtime API only.  The document is described by docs/zvmc.xsd; the tests
 * validate every XML output against it.
 *
 * To keep a 100,000-user cluster small: a user's identical views on several
 * members are written once, with every member they hold for; only refused
 * relocations are written (a pair that is not listed is eligible); attributes
 * at their default (false, 0, empty) are left out.
 */
#include <inttypes.h>
#include <stdio.h>
#include <libxml/xmlwriter.h>
#include "emit/compile.h"
#include "emit/dump.h"

#define NS "urn:zvmc:cluster:1"

typedef struct xw {
    xmlTextWriterPtr w;
    const struct zvmc_objdir *od;
    int m;
    int err;                    /* a writer call failed */
    strbuf tmp;
} xw;

typedef struct sink {
    zvmc_write_fn write;
    void *arg;
    int failed;
} sink;

static int io_write(void *ctx, const char *buf, int len)
{
    sink *s = ctx;
    if (s->failed || s->write(s->arg, buf, (size_t)len) != 0) {
        s->failed = 1;
        return -1;
    }
    return len;
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

#define X(call) do { if ((call) < 0) x->err = 1; } while (0)

static void start(xw *x, const char *name)
{
    X(xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void end(xw *x)
{
    X(xmlTextWriterEndElement(x->w));
}

static void attr(xw *x, const char *name, const char *value)
{
    X(xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

/* An optional string attribute: left out when empty. */
static void oattr(xw *x, const char *name, const char *value)
{
    if (value && *value)
        attr(x, name, value);
}

static void uattr(xw *x, const char *name, uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    attr(x, name, buf);
}

static void hattr(xw *x, const char *name, uint32_t v)
{
    char buf[12];
    snprintf(buf, sizeof buf, "%04" PRIX32, v);
    attr(x, name, buf);
}

static void battr(xw *x, const char *name, int on)
{
    if (on)
        attr(x, name, "true");
}

static void members_attr(xw *x, const char *name, uint32_t mask)
{
    x->tmp.len = 0;
    dump_member_names(x->od, mask, &x->tmp);
    attr(x, name, sb_cstr(&x->tmp));
}

static void member(xw *x, int i)
{
    struct zvmc_member mb;
    zvmc_member_get(x->od, i, &mb);
    start(x, "member");
    attr(x, "name", mb.name);
    uattr(x, "slot", mb.slot);
    oattr(x, "res-volume", mb.res_volume);
    for (int k = 0; k < mb.sysid_count; k++) {
        struct zvmc_sysid s;
        zvmc_member_sysid(x->od, i, k, &s);
        start(x, "system-identifier");
        attr(x, "kind", dump_sysid_kind(s.kind));
        attr(x, "id", s.id);
        oattr(x, "cpuid", s.cpuid);
        end(x);
    }
    for (int k = 0; k < mb.cpowned_count; k++) {
        struct zvmc_cpowned c;
        zvmc_member_cpowned(x->od, i, k, &c);
        start(x, "cp-owned");
        uattr(x, "slot", c.slot);
        attr(x, "volid", c.volid);
        end(x);
    }
    for (int k = 0; k < mb.eqid_count; k++) {
        struct zvmc_eqid e;
        zvmc_member_eqid(x->od, i, k, &e);
        start(x, "eqid");
        hattr(x, "first", e.rdev_first);
        hattr(x, "last", e.rdev_last);
        attr(x, "name", e.eqid);
        oattr(x, "type", e.type);
        end(x);
    }
    for (int k = 0; k < mb.vswitch_count; k++) {
        const char *n;
        zvmc_member_vswitch(x->od, i, k, &n);
        start(x, "vswitch");
        attr(x, "name", n);
        end(x);
    }
    end(x);
}

static void view(xw *x, int u, int m, uint32_t mask)
{
    const struct zvmc_objdir *od = x->od;
    struct zvmc_view v;
    zvmc_view_get(od, u, m, &v);
    start(x, "view");
    members_attr(x, "members", mask);
    uattr(x, "logon-storage", v.logon_storage);
    uattr(x, "max-storage", v.max_storage);
    oattr(x, "privclasses", v.privclasses);
    oattr(x, "domain", v.reloc_domain);
    battr(x, "reloc-off", v.flags & ZVMC_VIEW_RELOC_OFF);
    battr(x, "cpu-dedicated", v.flags & ZVMC_VIEW_CPU_DEDICATED);
    battr(x, "member-specific", v.flags & ZVMC_VIEW_MEMBER_SPECIFIC);
    if (v.crypto != ZVMC_CRYPTO_NONE)
        attr(x, "crypto", dump_crypto(v.crypto));
    oattr(x, "crypto-operands", v.crypto_domains);
    for (int i = 0; i < v.option_count; i++) {
        const char *o;
        zvmc_view_option(od, u, m, i, &o);
        X(xmlTextWriterWriteElement(x->w, BAD_CAST "option", BAD_CAST o));
    }
    for (int i = 0; i < v.mdisk_count; i++) {
        struct zvmc_mdisk d;
        zvmc_view_mdisk(od, u, m, i, &d);
        start(x, "mdisk");
        hattr(x, "vaddr", d.vaddr);
        oattr(x, "devtype", d.devtype);
        attr(x, "kind", dump_mdisk_kind(d.kind));
        oattr(x, "volser", d.volser);
        if (d.kind == ZVMC_MDISK_DEVNO) {
            hattr(x, "rdev", d.start);
        } else {
            uattr(x, "start", d.start);
            uattr(x, "size", d.size);
        }
        attr(x, "unit", dump_unit(d.unit));
        oattr(x, "mode", d.mode);
        battr(x, "local", d.flags & ZVMC_MDISK_LOCAL);
        end(x);
    }
    for (int i = 0; i < v.link_count; i++) {
        struct zvmc_link l;
        zvmc_view_link(od, u, m, i, &l);
        start(x, "link");
        attr(x, "owner", l.owner);
        hattr(x, "owner-vaddr", l.owner_vaddr);
        hattr(x, "vaddr", l.vaddr);
        oattr(x, "mode", l.mode);
        end(x);
    }
    for (int i = 0; i < v.dedicate_count; i++) {
        struct zvmc_dedicate d;
        zvmc_view_dedicate(od, u, m, i, &d);
        start(x, "dedicate");
        hattr(x, "vaddr", d.vaddr);
        hattr(x, "rdev", d.rdev);
        oattr(x, "eqid", d.eqid);
        oattr(x, "devtype", d.devtype);
        end(x);
    }
    for (int i = 0; i < v.nicdef_count; i++) {
        struct zvmc_nicdef n;
        zvmc_view_nicdef(od, u, m, i, &n);
        start(x, "nicdef");
        hattr(x, "vaddr", n.vaddr);
        attr(x, "type", dump_nic_type(n.type));
        if (n.conn != ZVMC_NIC_UNCOUPLED)
            attr(x, "conn", dump_nic_conn(n.conn));
        oattr(x, "lan-owner", n.lan_owner);
        oattr(x, "name", n.name);
        end(x);
    }
    end(x);
}

static void relocations(xw *x, int u)
{
    for (int a = 0; a < x->m; a++) {
        for (int b = 0; b < x->m; b++) {
            int n;
            if (a == b || zvmc_reloc_verdict(x->od, u, a, b, &n) != 0)
                continue;
            struct zvmc_member ma, mb;
            zvmc_member_get(x->od, a, &ma);
            zvmc_member_get(x->od, b, &mb);
            start(x, "refused");
            attr(x, "from", ma.name);
            attr(x, "to", mb.name);
            for (int i = 0; i < n; i++) {
                struct zvmc_reason r;
                zvmc_reloc_reason_at(x->od, u, a, b, i, &r);
                const char *check = zvmc_reloc_reason_name(r.code);
                start(x, "reason");
                uattr(x, "code", (uint64_t)r.code);
                if (check)
                    attr(x, "check", check);
                if (r.vaddr != ZVMC_NO_VADDR)
                    hattr(x, "vaddr", r.vaddr);
                X(xmlTextWriterWriteString(x->w, BAD_CAST r.message));
                end(x);
            }
            end(x);
        }
    }
}

static void user(xw *x, int u, int row)
{
    struct zvmc_user us;
    zvmc_user_get(x->od, u, &us);
    start(x, "user");
    attr(x, "name", us.name);
    attr(x, "kind", dump_user_kind(us.kind));
    if (row >= 0) {
        char id[16];
        snprintf(id, sizeof id, "r%d", row);
        attr(x, "verdicts", id);
    }
    /* each distinct view once, with the members it holds for */
    uint32_t done = 0;
    for (int m = 0; m < x->m; m++) {
        if (!((us.member_mask >> m) & 1) || ((done >> m) & 1))
            continue;
        uint32_t mask = 1u << m;
        for (int k = m + 1; k < x->m; k++)
            if (((us.member_mask >> k) & 1) && !((done >> k) & 1) && dump_view_eq(x->od, u, m, k))
                mask |= 1u << k;
        done |= mask;
        view(x, u, m, mask);
    }
    end(x);
}

static void volume(xw *x, int i)
{
    struct zvmc_volume v;
    zvmc_volume_get(x->od, i, &v);
    start(x, "volume");
    attr(x, "volser", v.volser);
    if (v.member_mask)
        members_attr(x, "members", v.member_mask);
    for (int k = 0; k < v.extent_count; k++) {
        struct zvmc_extent e;
        zvmc_volume_extent(x->od, i, k, &e);
        start(x, "extent");
        uattr(x, "start", e.start);
        uattr(x, "size", e.size);
        if (e.owner >= 0) {
            struct zvmc_user us;
            zvmc_user_get(x->od, e.owner, &us);
            attr(x, "owner", us.name);
            hattr(x, "vaddr", e.vaddr);
        }
        end(x);
    }
    end(x);
}

int xml_write_objdir(const struct zvmc_objdir *od, zvmc_write_fn write, void *arg)
{
    sink s = { write, arg, 0 };
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(io_write, io_close, &s, NULL);
    if (!buf)
        return ZVMC_ENOMEM;
    xw xs = { xmlNewTextWriter(buf), od, zvmc_member_count(od), 0, { 0 } };
    xw *x = &xs;
    if (!x->w) {
        xmlOutputBufferClose(buf);
        return ZVMC_ENOMEM;
    }
    sb_init(&x->tmp, zalloc_default());
    struct zvmc_cluster_info ci;
    zvmc_cluster_get(od, &ci);
    X(xmlTextWriterSetIndent(x->w, 1));
    X(xmlTextWriterSetIndentString(x->w, BAD_CAST " "));
    X(xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL));
    X(xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "cluster", BAD_CAST NS));
    oattr(x, "name", ci.name);
    oattr(x, "zvm-level", ci.zvm_level);
    uattr(x, "format-version", ci.version);
    start(x, "members");
    for (int i = 0; i < x->m; i++)
        member(x, i);
    end(x);
    start(x, "domains");
    for (int i = 0; i < ci.domain_count; i++) {
        struct zvmc_domain d;
        zvmc_domain_get(od, i, &d);
        start(x, "domain");
        attr(x, "name", d.name);
        members_attr(x, "members", d.member_mask);
        end(x);
    }
    end(x);
    vrows vr;
    int vrc = dump_vrows(od, &vr);
    if (vrc == 0) {
        start(x, "relocation");
        for (int r = 0; r < vr.nrows && !x->err; r++) {
            char id[16];
            snprintf(id, sizeof id, "r%d", r);
            start(x, "verdicts");
            attr(x, "id", id);
            relocations(x, vr.user_of[r]);
            end(x);
        }
        end(x);
        start(x, "users");
        for (int u = 0; u < ci.user_count && !x->err; u++)
            user(x, u, vr.row[u]);
        end(x);
    }
    dump_vrows_free(&vr);
    start(x, "volumes");
    for (int i = 0; i < ci.volume_count && !x->err; i++)
        volume(x, i);
    end(x);
    X(xmlTextWriterEndDocument(x->w));
    xmlFreeTextWriter(x->w);    /* flushes and closes buf */
    int failed = x->tmp.failed;
    sb_free(&x->tmp);
    if (s.failed)
        return ZVMC_EIO;
    if (vrc < 0)
        return vrc;
    return x->err || failed ? ZVMC_ENOMEM : 0;
}
