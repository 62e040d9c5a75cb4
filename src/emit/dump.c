/* SPDX-License-Identifier: MIT */
/* zvmc_dump(): the dispatcher, the buffered sink and the helpers the dumps share. */
#include <stdlib.h>
#include <string.h>
#include "emit/compile.h"
#include "emit/dump.h"
#include "zvmc/relocate.h"

#define FLUSH_AT (1u << 16)

void dout_init(dout *o, zvmc_write_fn write, void *arg)
{
    sb_init(&o->sb, zalloc_default());
    o->write = write;
    o->arg = arg;
    o->err = 0;
}

static void flush(dout *o)
{
    if (o->sb.failed && !o->err)
        o->err = ZVMC_ENOMEM;
    if (!o->err && o->sb.len && o->write(o->arg, o->sb.data, o->sb.len) != 0)
        o->err = ZVMC_EIO;
    o->sb.len = 0;
}

void dout_maybe_flush(dout *o)
{
    if (o->sb.len >= FLUSH_AT || o->sb.failed)
        flush(o);
}

int dout_finish(dout *o)
{
    flush(o);
    sb_free(&o->sb);
    return o->err;
}

const char *dump_sysid_kind(int k) { return k == ZVMC_SYSID_CPUID ? "CPUID" : "LPAR"; }
const char *dump_unit(int u) { return u == ZVMC_UNIT_BLK ? "BLK" : "CYL"; }
const char *dump_user_kind(int k) { return k == ZVMC_USER_IDENTITY ? "IDENTITY" : "USER"; }

const char *dump_mdisk_kind(int k)
{
    switch (k) {
    case ZVMC_MDISK_DEVNO: return "DEVNO";
    case ZVMC_MDISK_VDISK: return "V-DISK";
    case ZVMC_MDISK_TDISK: return "T-DISK";
    default: return "EXTENT";
    }
}

const char *dump_nic_type(int t) { return t == ZVMC_NIC_HIPERS ? "HIPERS" : "QDIO"; }

const char *dump_nic_conn(int c)
{
    return c == ZVMC_NIC_LAN ? "LAN" : c == ZVMC_NIC_VSWITCH ? "VSWITCH" : "NONE";
}

const char *dump_crypto(int c)
{
    return c == ZVMC_CRYPTO_APVIRT ? "APVIRT" : c == ZVMC_CRYPTO_APDED ? "APDED" : "NONE";
}

void dump_member_names(const struct zvmc_objdir *od, uint32_t mask, strbuf *sb)
{
    int n = zvmc_member_count(od), first = 1;
    for (int i = 0; i < n; i++) {
        struct zvmc_member mb;
        if (!((mask >> i) & 1) || zvmc_member_get(od, i, &mb) < 0)
            continue;
        if (!first)
            sb_putc(sb, ' ');
        sb_puts(sb, mb.name);
        first = 0;
    }
}

static int seq(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

int dump_view_eq(const struct zvmc_objdir *od, int u, int m1, int m2)
{
    struct zvmc_view a, b;
    if (zvmc_view_get(od, u, m1, &a) < 0 || zvmc_view_get(od, u, m2, &b) < 0)
        return 0;
    if (a.flags != b.flags || a.logon_storage != b.logon_storage ||
        a.max_storage != b.max_storage || !seq(a.privclasses, b.privclasses) ||
        !seq(a.reloc_domain, b.reloc_domain) || a.crypto != b.crypto ||
        !seq(a.crypto_domains, b.crypto_domains) || a.mdisk_count != b.mdisk_count ||
        a.link_count != b.link_count || a.dedicate_count != b.dedicate_count ||
        a.nicdef_count != b.nicdef_count || a.option_count != b.option_count)
        return 0;
    for (int i = 0; i < a.mdisk_count; i++) {
        struct zvmc_mdisk x, y;
        zvmc_view_mdisk(od, u, m1, i, &x);
        zvmc_view_mdisk(od, u, m2, i, &y);
        if (x.vaddr != y.vaddr || !seq(x.devtype, y.devtype) || !seq(x.volser, y.volser) ||
            x.start != y.start || x.size != y.size || x.unit != y.unit || x.kind != y.kind ||
            !seq(x.mode, y.mode) || x.flags != y.flags)
            return 0;
    }
    for (int i = 0; i < a.link_count; i++) {
        struct zvmc_link x, y;
        zvmc_view_link(od, u, m1, i, &x);
        zvmc_view_link(od, u, m2, i, &y);
        if (!seq(x.owner, y.owner) || x.owner_vaddr != y.owner_vaddr || x.vaddr != y.vaddr ||
            !seq(x.mode, y.mode))
            return 0;
    }
    for (int i = 0; i < a.dedicate_count; i++) {
        struct zvmc_dedicate x, y;
        zvmc_view_dedicate(od, u, m1, i, &x);
        zvmc_view_dedicate(od, u, m2, i, &y);
        if (x.vaddr != y.vaddr || x.rdev != y.rdev || !seq(x.eqid, y.eqid) ||
            !seq(x.devtype, y.devtype))
            return 0;
    }
    for (int i = 0; i < a.nicdef_count; i++) {
        struct zvmc_nicdef x, y;
        zvmc_view_nicdef(od, u, m1, i, &x);
        zvmc_view_nicdef(od, u, m2, i, &y);
        if (x.vaddr != y.vaddr || x.type != y.type || x.conn != y.conn ||
            !seq(x.lan_owner, y.lan_owner) || !seq(x.name, y.name))
            return 0;
    }
    for (int i = 0; i < a.option_count; i++) {
        const char *x, *y;
        zvmc_view_option(od, u, m1, i, &x);
        zvmc_view_option(od, u, m2, i, &y);
        if (!seq(x, y))
            return 0;
    }
    return 1;
}

int zvmc_dump(const struct zvmc_objdir *od, zvmc_dump_format format, const char *member,
              zvmc_write_fn write, void *arg)
{
    if (!od || !write)
        return ZVMC_EINVAL;
    int m = -1;
    if (member && format == ZVMC_DUMP_TEXT && (m = zvmc_member_find(od, member)) < 0)
        return ZVMC_ENOMEMBER;
    if (format == ZVMC_DUMP_XML)
        return xml_write_objdir(od, write, arg);
    dout o;
    dout_init(&o, write, arg);
    int rc;
    switch (format) {
    case ZVMC_DUMP_TEXT: rc = dump_text(od, m, &o); break;
    case ZVMC_DUMP_CONFIG: rc = dump_config(od, &o); break;
    case ZVMC_DUMP_JSON: rc = dump_json(od, &o); break;
    default: rc = ZVMC_EINVAL; break;
    }
    int orc = dout_finish(&o);
    return rc < 0 ? rc : orc;
}

/* ---- shared verdict rows ------------------------------------------------------ */

/* The key of a user's verdicts: per pair its count, then (code, vaddr,
 * message) per reason.  Messages point into the object directory's pool,
 * which holds each string once, so equal messages are equal pointers. */
static size_t vrow_key(const struct zvmc_objdir *od, int u, int nm, uintptr_t *key, size_t cap,
                       int *any)
{
    size_t n = 0;
    *any = 0;
    for (int a = 0; a < nm; a++) {
        for (int b = 0; b < nm; b++) {
            int c;
            if (a == b || zvmc_reloc_verdict(od, u, a, b, &c) < 0)
                continue;
            if (n < cap)
                key[n] = (uintptr_t)c;
            n++;
            *any |= c > 0;
            for (int i = 0; i < c; i++) {
                struct zvmc_reason r;
                zvmc_reloc_reason_at(od, u, a, b, i, &r);
                if (n + 3 <= cap) {
                    key[n] = (uintptr_t)r.code;
                    key[n + 1] = r.vaddr;
                    key[n + 2] = (uintptr_t)r.message;
                }
                n += 3;
            }
        }
    }
    return n;
}

static uint64_t key_hash(const uintptr_t *k, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint64_t)k[i]) * 1099511628211u;
    return h ^ (h >> 29);
}

int dump_vrows(const struct zvmc_objdir *od, vrows *vr)
{
    int nu = zvmc_user_count(od), nm = zvmc_member_count(od);
    memset(vr, 0, sizeof *vr);
    size_t cap = 256, tcap = 64;
    while (tcap < 2 * (size_t)nu + 2)
        tcap *= 2;
    uintptr_t *key = malloc(cap * sizeof *key);
    int *table = malloc(tcap * sizeof *table);
    vr->row = malloc(((size_t)nu + 1) * sizeof *vr->row);
    vr->user_of = malloc(((size_t)nu + 1) * sizeof *vr->user_of);
    uintptr_t *other = malloc(cap * sizeof *other);
    int rc = key && table && vr->row && vr->user_of && other ? 0 : ZVMC_ENOMEM;
    for (size_t i = 0; rc == 0 && i < tcap; i++)
        table[i] = -1;
    for (int u = 0; u < nu && rc == 0; u++) {
        int any;
        size_t n = vrow_key(od, u, nm, key, cap, &any);
        if (n > cap) {
            uintptr_t *k2 = realloc(key, n * sizeof *k2), *o2 = realloc(other, n * sizeof *o2);
            if (k2)
                key = k2;
            if (o2)
                other = o2;
            if (!k2 || !o2) {
                rc = ZVMC_ENOMEM;
                break;
            }
            cap = n;
            vrow_key(od, u, nm, key, cap, &any);
        }
        if (!any) {
            vr->row[u] = -1;
            continue;
        }
        size_t slot = (size_t)key_hash(key, n) & (tcap - 1);
        for (;; slot = (slot + 1) & (tcap - 1)) {
            int r = table[slot];
            if (r < 0) {
                table[slot] = vr->nrows;
                vr->user_of[vr->nrows] = u;
                vr->row[u] = vr->nrows++;
                break;
            }
            int dummy;
            size_t m = vrow_key(od, vr->user_of[r], nm, other, cap, &dummy);
            if (m == n && !memcmp(other, key, n * sizeof *key)) {
                vr->row[u] = r;
                break;
            }
        }
    }
    free(key);
    free(other);
    free(table);
    return rc;
}

void dump_vrows_free(vrows *vr)
{
    free(vr->row);
    free(vr->user_of);
    vr->row = vr->user_of = NULL;
}
