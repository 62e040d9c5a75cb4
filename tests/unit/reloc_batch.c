/* SPDX-License-Identifier: MIT */
/*
 * The relocation engine judges a guest leaving one member for every target at
 * once, with memos across guests (relocation.c).  This test holds it to a plain
 * reading of the rules, one (user, from, to) at a time, written here the way
 * the engine was before it was made fast: for every user and ordered member
 * pair of several clusters (one of 70 members, more than one judgment covers),
 * reloc_evaluate(), zvmc_relocate_test(), zvmc_relocate_matrix() (also with a
 * callback that asks the engine about other pairs), its brief form and what
 * zvmc compile stores must give the oracle's reasons, in its order, with its
 * messages and places.  Then the matrix runs out of memory at every allocation
 * in turn: it fails with ZVMC_ENOMEM or gives the same verdicts, and leaks
 * nothing.  Runs from the top of the source tree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/cluster_devices.h"
#include "check/relocation.h"
#include "core/ctx.h"
#include "parse/directory_parse.h"
#include "util/names.h"
#include "zvmc/compile.h"
#include "zvmc/relocate.h"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* ---- the oracle: the rules of docs/relocation.md, one pair at a time ----------- */

typedef struct oreason {
    int code, vaddr, confirmed;
    zvmc_loc loc;
    char message[512];
} oreason;

typedef struct oracle {
    zvmc_ctx *ctx;
    const ud_resolved *res;
    const cluster_devices *dev;
    int cfg[256];
    oreason r[64];
    uint32_t n;
} oracle;

static void add(oracle *o, int code, int vaddr, int confirmed, zvmc_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void add(oracle *o, int code, int vaddr, int confirmed, zvmc_loc loc, const char *fmt, ...)
{
    if (o->n < 64) {
        oreason *r = &o->r[o->n];
        r->code = code;
        r->vaddr = vaddr;
        r->confirmed = confirmed;
        r->loc = loc;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->message, sizeof r->message, fmt, ap);
        va_end(ap);
    }
    o->n++;
}

typedef struct ops {
    const char *text[24];
    uint32_t len[24], n;
} ops;

static void read_ops(const oracle *o, const ud_entry *owner, const ud_stmt *s, ops *p)
{
    ud_tok t[24];
    uint32_t n = ud_operands(o->ctx, owner, s, t, 24);
    p->n = n < 24 ? n : 24;
    for (uint32_t i = 0; i < p->n; i++) {
        p->text[i] = ud_tok_text(o->ctx, owner->file, t[i]);
        p->len[i] = t[i].len;
    }
}

static int op_is(const ops *p, uint32_t i, const char *w)
{
    return i < p->n && ascii_casecmp_n(p->text[i], p->len[i], w) == 0;
}

static int op_abbrev(const ops *p, uint32_t i, const char *w, size_t min)
{
    if (i >= p->n || p->len[i] < min || p->len[i] > strlen(w))
        return 0;
    for (uint32_t k = 0; k < p->len[i]; k++)
        if (ascii_upper(p->text[i][k]) != w[k])
            return 0;
    return 1;
}

static int op_find(const ops *p, const char *w)
{
    for (uint32_t i = 0; i < p->n; i++)
        if (op_is(p, i, w))
            return (int)i;
    return -1;
}

static const ud_stmt *find_mdisk(const oracle *o, uint32_t owner, uint32_t m, uint16_t vaddr,
                                 const ud_seg **seg)
{
    const ud_view *v = ud_view_of(o->res, owner, m);
    ud_view_for_each(v, sg, s) {
        if (s->kind == UD_S_MDISK && !(s->flags & UD_F_BAD) && s->u.mdisk.vaddr == vaddr) {
            *seg = sg;
            return s;
        }
    }
    return NULL;
}

static int mdisk_local(const oracle *o, uint32_t a, uint32_t b, const ud_seg *seg,
                       const ud_stmt *md, char *why, size_t len)
{
    if (seg->owner->kind == UD_E_SUBCONFIG) {
        snprintf(why, len, "defined in SUBCONFIG %s", seg->owner->name ? seg->owner->name : "?");
        return 1;
    }
    if (md->u.mdisk.ext == UD_EXT_TDISK) {
        snprintf(why, len, "a T-DISK, temporary space of the member");
        return 1;
    }
    if (md->u.mdisk.ext == UD_EXT_VDISK || md->u.mdisk.ext == UD_EXT_DEVNO || !o->dev)
        return 0;
    int ca = o->cfg[a], cb = o->cfg[b], known;
    const char *vol = ud_mdisk_volume(o->res, a, md);
    if (ca < 0 || cb < 0 || !vol)
        return 0;
    member_mask m = devices_volume_members(o->dev, vol, &known);
    if (known && ((m >> ca) & 1) && !((m >> cb) & 1)) {
        snprintf(why, len, "on volume %s, which the SYSTEM CONFIG gives %s but not %s", vol,
                 o->res->members[a], o->res->members[b]);
        return 1;
    }
    return 0;
}

static int never_relocating(const char *type)
{
    static const char *const t[] = { "CTCA", "CTC", "TAPE", "3270_DISPLAY", "3270", "READER",
        "PUNCH", "PRINTER", "IMPACT_PRINTER", "3800", "UNIT_RECORD", "3215", "BSC_ADAPTER" };
    for (size_t i = 0; type && i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(type, t[i]))
            return 1;
    return 0;
}

static void dedicate(oracle *o, uint32_t a, uint32_t b, const ud_seg *sg, const ud_stmt *s)
{
    if (!o->dev || s->u.dev.rdev == UINT32_MAX || o->cfg[a] < 0 || o->cfg[b] < 0)
        return;
    int ca = o->cfg[a], cb = o->cfg[b];
    zvmc_loc loc = ud_stmt_loc(sg->owner, s);
    const rdev_range *ra = devices_lookup(&o->dev->members[ca], s->u.dev.rdev);
    if (ra && never_relocating(ra->type)) {
        add(o, ZVMC_RELOC_DEDICATED_TYPE, s->u.dev.vaddr, 0, loc, "Virtual machine device %04X "
            "is dedicated real device %04X of type %s, which cannot be relocated",
            s->u.dev.vaddr, s->u.dev.rdev, ra->type);
        return;
    }
    if (!ra || !ra->eqid) {
        add(o, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc, "Virtual machine device %04X "
            "is dedicated real device %04X, which has no EQID on %s", s->u.dev.vaddr,
            s->u.dev.rdev, o->res->members[a]);
        return;
    }
    member_mask m = devices_eqid_members(o->dev, ra->eqid);
    const member_devices *mb = &o->dev->members[cb];
    int found = 0;
    for (uint32_t i = 0; i < mb->nrdevs && !found; i++)
        found = mb->rdevs[i].eqid == ra->eqid &&
                (!ra->type || !mb->rdevs[i].type || mb->rdevs[i].type == ra->type);
    if (found && ((m >> cb) & 1))
        return;
    const char *other = NULL;
    for (uint32_t i = 0; i < mb->nrdevs && !other; i++)
        if (mb->rdevs[i].eqid == ra->eqid)
            other = mb->rdevs[i].type ? mb->rdevs[i].type : "none";
    if (other) {
        add(o, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc, "Virtual machine device %04X "
            "is dedicated real device %04X (EQID %s, TYPE %s), and %s has EQID %s only on "
            "devices of another TYPE (%s)", s->u.dev.vaddr, s->u.dev.rdev, ra->eqid,
            ra->type ? ra->type : "none", o->res->members[b], ra->eqid, other);
        return;
    }
    const char *near = NULL;
    for (uint32_t i = 0; i < mb->nrdevs && !near; i++)
        if (mb->rdevs[i].eqid && lookalike_distance(mb->rdevs[i].eqid, ra->eqid) <= 1)
            near = mb->rdevs[i].eqid;
    add(o, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc, "Virtual machine device %04X is "
        "dedicated real device %04X (EQID %s), and %s has no device with EQID %s%s%s%s",
        s->u.dev.vaddr, s->u.dev.rdev, ra->eqid, o->res->members[b], ra->eqid,
        near ? "; it has " : "", near ? near : "",
        near ? ", which differs only in look-alike characters" : "");
}

/* The reasons user @u cannot move from @a to @b, into o->r. */
static void judge(oracle *o, uint32_t u, uint32_t a, uint32_t b)
{
    o->n = 0;
    const ud_entry *user = o->res->users[u];
    zvmc_loc head = ud_stmt_loc(user, &user->stmts[0]);
    if (user->kind == UD_E_IDENTITY) {
        add(o, ZVMC_RELOC_IDENTITY, -1, 1, head, "The virtual machine is an IDENTITY (a "
            "multiconfiguration virtual machine), which cannot relocate");
        return;
    }
    const ud_view *v = ud_view_of(o->res, u, a);
    /* VMRELOCATE and COMMAND SET VMRELOCATE * settings, in order */
    int off = 0;
    zvmc_loc off_loc = head, dom_loc = head;
    const char *domain = NULL;
    ud_view_for_each(v, sg, s) {
        if (s->kind != UD_S_VMRELOCATE && s->kind != UD_S_COMMAND)
            continue;
        ops p;
        read_ops(o, sg->owner, s, &p);
        uint32_t i = 0;
        if (s->kind == UD_S_COMMAND) {
            if (!op_is(&p, 0, "SET") || !op_abbrev(&p, 1, "VMRELOCATE", 5))
                continue;
            i = 3;
        }
        for (; i < p.n; i++) {
            if (op_is(&p, i, "OFF")) {
                off = 1;
                off_loc = ud_stmt_loc(sg->owner, s);
            } else if (op_is(&p, i, "ON")) {
                off = 0;
            } else if (op_abbrev(&p, i, "DOMAIN", 3) && i + 1 < p.n) {
                domain = ctx_intern_upper(o->ctx, p.text[i + 1], p.len[i + 1]);
                dom_loc = ud_stmt_loc(sg->owner, s);
                i++;
            }
        }
    }
    if (off)
        add(o, ZVMC_RELOC_DISABLED, -1, 0, off_loc,
            "Relocation is turned off for the virtual machine (VMRELOCATE OFF)");
    if (o->dev && o->cfg[b] >= 0) {
        const reloc_domain *dom = devices_domain(o->dev, domain ? domain
                                                 : ctx_intern_upper(o->ctx, "SSI", 3));
        if (dom && !((dom->members >> o->cfg[b]) & 1)) {
            char list[256];
            devices_member_list(o->ctx->run, dom->members, list, sizeof list);
            add(o, ZVMC_RELOC_DOMAIN, -1, 1, domain ? dom_loc : head,
                "%s is outside the guest's relocation domain %s (%s)", o->res->members[b],
                dom->name, list[0] ? list : "no members");
        }
    }
    ud_view_for_each(v, sg, s) {
        if (s->flags & UD_F_BAD)
            continue;
        zvmc_loc loc = ud_stmt_loc(sg->owner, s);
        char why[256];
        ops p;
        switch (s->kind) {
        case UD_S_LINK: {
            const char *name = (s->flags & UD_F_STAR) ? user->name : s->u.link.user;
            uint32_t owner = (s->flags & UD_F_STAR) ? u : ud_user_index(o->ctx->directory, o->res, name);
            const ud_seg *osg = NULL;
            const ud_stmt *md = owner == UINT32_MAX ? NULL
                              : find_mdisk(o, owner, a, s->u.link.target, &osg);
            if (md && mdisk_local(o, a, b, osg, md, why, sizeof why))
                add(o, ZVMC_RELOC_LOCAL_MINIDISK, s->u.link.vaddr, 1, loc, "Virtual machine "
                    "device %04X is a link to a local minidisk (%s %04X, %s)", s->u.link.vaddr,
                    name, s->u.link.target, why);
            break;
        }
        case UD_S_MDISK:
            if (mdisk_local(o, a, b, sg, s, why, sizeof why))
                add(o, ZVMC_RELOC_LOCAL_MINIDISK, s->u.mdisk.vaddr, 1, loc,
                    "Virtual machine device %04X is a local minidisk (%s)", s->u.mdisk.vaddr, why);
            break;
        case UD_S_DEDICATE:
            dedicate(o, a, b, sg, s);
            break;
        case UD_S_NICDEF: {
            read_ops(o, sg->owner, s, &p);
            int lan = op_find(&p, "LAN"), vsw = op_find(&p, "VSWITCH");
            const char *name = NULL;
            if (lan >= 0 && (uint32_t)lan + 2 < p.n && !op_is(&p, (uint32_t)lan + 1, "SYSTEM")) {
                add(o, ZVMC_RELOC_GUEST_LAN, s->u.dev.vaddr, 0, loc, "Virtual machine device "
                    "%04X is coupled to guest LAN %.*s %.*s; only VSWITCH connections relocate",
                    s->u.dev.vaddr, (int)p.len[lan + 1], p.text[lan + 1], (int)p.len[lan + 2],
                    p.text[lan + 2]);
                break;
            }
            if (lan >= 0 && (uint32_t)lan + 2 < p.n)
                name = ctx_intern_upper(o->ctx, p.text[lan + 2], p.len[lan + 2]);
            else if (vsw >= 0 && (uint32_t)vsw + 1 < p.n)
                name = ctx_intern_upper(o->ctx, p.text[vsw + 1], p.len[vsw + 1]);
            if (!name || !o->dev || o->cfg[b] < 0)
                break;
            member_mask m = devices_vswitch_members(o->dev, name);
            if (m && !((m >> o->cfg[b]) & 1))
                add(o, ZVMC_RELOC_VSWITCH, s->u.dev.vaddr, 1, loc, "Virtual machine device %04X "
                    "is coupled to VSWITCH %s, which %s does not define", s->u.dev.vaddr, name,
                    o->res->members[b]);
            break;
        }
        case UD_S_CRYPTO:
            read_ops(o, sg->owner, s, &p);
            if (op_abbrev(&p, 0, "APDEDICATED", 5) || op_abbrev(&p, 0, "DOMAIN", 3))
                add(o, ZVMC_RELOC_CRYPTO_DEDICATED, -1, 1, loc, "The virtual machine has "
                    "dedicated crypto queues (CRYPTO %.*s)", (int)p.len[0], p.text[0]);
            break;
        case UD_S_CPU:
            read_ops(o, sg->owner, s, &p);
            if (op_find(&p, "DEDICATE") >= 0)
                add(o, ZVMC_RELOC_CPU_DEDICATED, -1, 0, loc, "The virtual machine has a dedicated "
                    "processor (CPU %.*s DEDICATE)", p.n ? (int)p.len[0] : 0, p.n ? p.text[0] : "");
            break;
        case UD_S_MACHINE:
            read_ops(o, sg->owner, s, &p);
            if (op_is(&p, 0, "XC"))
                add(o, ZVMC_RELOC_MACHINE, -1, 0, loc,
                    "The virtual machine is in XC mode (MACHINE XC), which cannot relocate");
            break;
        case UD_S_OPTION: {
            static const char *const tied[] = { "LKFAC", "CFVM", "CFUSER", "TODENABLE" };
            read_ops(o, sg->owner, s, &p);
            for (uint32_t i = 0; i < p.n; i++)
                for (size_t k = 0; k < 4; k++)
                    if (op_is(&p, i, tied[k]))
                        add(o, ZVMC_RELOC_OPTION, -1, 0, loc,
                            "OPTION %s ties the virtual machine to its system", tied[k]);
            break;
        }
        default:
            break;
        }
    }
}

/* ---- the comparisons -------------------------------------------------------------- */

typedef struct matrix_check {
    oracle *o;
    zvmc_ctx *ctx;
    int brief, nested;
    long verdicts, reasons;
    const char *what;
} matrix_check;

static int member_of(const ud_resolved *res, const char *name)
{
    for (uint32_t i = 0; i < res->nmembers; i++)
        if (res->members[i] == name)
            return (int)i;
    return -1;
}

static int on_pair(void *arg, const char *user, int identity, const char *from, const char *to,
                   const zvmc_reloc_item *it, size_t n)
{
    matrix_check *mc = arg;
    oracle *o = mc->o;
    const ud_directory *dir = mc->ctx->directory;
    uint32_t u = ud_user_index(dir, o->res, user);
    int a = member_of(o->res, from), b = member_of(o->res, to);
    EXPECT(u != UINT32_MAX && a >= 0 && b >= 0 && a != b, "%s: %s %s -> %s: no such user or pair",
           mc->what, user, from, to);
    if (u == UINT32_MAX || a < 0 || b < 0)
        return 1;
    EXPECT(identity == (o->res->users[u]->kind == UD_E_IDENTITY), "%s: %s: identity", mc->what, user);
    judge(o, u, (uint32_t)a, (uint32_t)b);
    mc->verdicts++;
    mc->reasons += (long)n;
    EXPECT(n == o->n, "%s: %s %s -> %s: %zu reasons, the oracle %u", mc->what, user, from, to, n, o->n);
    for (size_t i = 0; i < n && i < o->n; i++) {
        const oreason *r = &o->r[i];
        unsigned line = 0, col = 0;
        zvmc_source *src = ctx_source(mc->ctx, r->loc.file);
        if (src) {
            source_ensure_lines(src, &mc->ctx->alloc);
            source_linecol(src, r->loc.begin, &line, &col);
        }
        EXPECT(it[i].code == r->code && it[i].vaddr == r->vaddr && it[i].confirmed == r->confirmed &&
               !strcmp(it[i].check, zvmc_reloc_reason_name(r->code)),
               "%s: %s %s -> %s: reason %zu is %s %d, the oracle's %s %d", mc->what, user, from, to,
               i, it[i].check, it[i].vaddr, zvmc_reloc_reason_name(r->code), r->vaddr);
        if (mc->brief) {
            EXPECT(!it[i].message && !it[i].file && !it[i].line && !it[i].column,
                   "%s: a brief item has a message or place", mc->what);
        } else {
            EXPECT(it[i].message && !strcmp(it[i].message, r->message),
                   "%s: %s %s -> %s: message '%s', the oracle's '%s'", mc->what, user, from, to,
                   it[i].message ? it[i].message : "(null)", r->message);
            EXPECT(it[i].line == line && it[i].column == col && it[i].file && src &&
                   !strcmp(it[i].file, src->name), "%s: %s: reason %zu at %u:%u, the oracle's %u:%u",
                   mc->what, user, i, it[i].line, it[i].column, line, col);
        }
    }
    if (mc->nested) {
        /* The callback asks the engine about another pair: the matrix goes on right. */
        const zvmc_reloc_item *other;
        size_t k;
        EXPECT(zvmc_relocate_test(mc->ctx, user, to, from, &other, &k) >= 0, "%s: nested test",
               mc->what);
    }
    return 0;
}

/* The order zvmc compile stores a pair's reasons in: by code, device, message. */
static int stored_order(const void *pa, const void *pb)
{
    const oreason *x = pa, *y = pb;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    if (x->vaddr != y->vaddr)
        return x->vaddr < y->vaddr ? -1 : 1;
    return strcmp(x->message, y->message);
}

/* What zvmc compile stores for every user and pair, against the oracle. */
static void compare_compiled(zvmc_ctx *ctx, oracle *o, const char *what)
{
    unsigned char *img = NULL;
    size_t len = 0;
    struct zvmc_objdir *od = NULL;
    int rc = zvmc_compile(ctx, ZVMC_COMPILE_FORCE, &img, &len);
    EXPECT(rc == 0, "%s: compile: %d", what, rc);
    if (rc == 0 && zvmc_objdir_open_buffer(img, len, &od) != 0)
        od = NULL;
    EXPECT(rc != 0 || od, "%s: the runtime opens the image", what);
    for (uint32_t u = 0; od && u < o->res->nusers; u++) {
        int hu = zvmc_user_find(od, o->res->users[u]->name);
        for (uint32_t a = 0; a < o->res->nmembers; a++) {
            for (uint32_t b = 0; b < o->res->nmembers; b++) {
                if (a == b)
                    continue;
                int ha = zvmc_member_find(od, o->res->members[a]);
                int hb = zvmc_member_find(od, o->res->members[b]), nr = -1;
                judge(o, u, a, b);
                qsort(o->r, o->n < 64 ? o->n : 64, sizeof o->r[0], stored_order);
                int v = zvmc_reloc_verdict(od, hu, ha, hb, &nr);
                EXPECT(v == (o->n == 0) && nr == (int)o->n, "%s: compiled %s %s -> %s: %d reasons, "
                       "the oracle %u", what, o->res->users[u]->name, o->res->members[a],
                       o->res->members[b], nr, o->n);
                for (int i = 0; i < nr && i < (int)o->n && i < 64; i++) {
                    struct zvmc_reason r;
                    EXPECT(zvmc_reloc_reason_at(od, hu, ha, hb, i, &r) == 0 &&
                           (int)r.code == o->r[i].code &&
                           r.vaddr == (o->r[i].vaddr < 0 ? ZVMC_NO_VADDR : (uint32_t)o->r[i].vaddr) &&
                           !strcmp(r.message, o->r[i].message), "%s: compiled %s %s -> %s: "
                           "reason %d", what, o->res->users[u]->name, o->res->members[a],
                           o->res->members[b], i);
                }
            }
        }
    }
    zvmc_objdir_close(od);
    zvmc_image_free(img);
}

/* Every way of asking, for every user and ordered pair, against the oracle. */
static void compare(zvmc_ctx *ctx, const char *what)
{
    check_run *r = ctx->run;
    const ud_resolved *res = ctx->directory ? ctx->directory->res : NULL;
    EXPECT(r && res, "%s: no resolved directory", what);
    if (!r || !res)
        return;
    oracle *o = calloc(1, sizeof *o);
    if (!o)
        return;
    o->ctx = ctx;
    o->res = res;
    o->dev = r->devices;
    for (uint32_t m = 0; m < res->nmembers && m < 256; m++) {
        o->cfg[m] = -1;
        for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
            if (r->model.members[i].name == res->members[m])
                o->cfg[m] = (int)i;
    }
    /* reloc_evaluate(), pairs in an order that defeats the engine's caches */
    reloc_engine *e = reloc_engine_new(r);
    EXPECT(e != NULL, "%s: engine", what);
    long pairs = 0;
    for (uint32_t b = 0; e && b < res->nmembers; b++) {
        for (uint32_t u = 0; u < res->nusers; u++) {
            for (uint32_t a = res->nmembers; a-- > 0;) {
                if (a == b)
                    continue;
                reloc_reason rr[64];
                uint32_t n = reloc_evaluate(e, u, a, b, rr, 64);
                judge(o, u, a, b);
                pairs++;
                EXPECT(n == o->n, "%s: %s %s -> %s: %u reasons, the oracle %u", what,
                       res->users[u]->name, res->members[a], res->members[b], n, o->n);
                for (uint32_t i = 0; i < n && i < o->n && i < 64; i++)
                    EXPECT(rr[i].code == o->r[i].code && rr[i].vaddr == o->r[i].vaddr &&
                           rr[i].confirmed == o->r[i].confirmed &&
                           !memcmp(&rr[i].loc, &o->r[i].loc, sizeof rr[i].loc) &&
                           rr[i].message && !strcmp(rr[i].message, o->r[i].message),
                           "%s: %s %s -> %s: reason %u: '%s', the oracle's '%s'", what,
                           res->users[u]->name, res->members[a], res->members[b], i,
                           rr[i].message ? rr[i].message : "(null)", o->r[i].message);
            }
            reloc_engine_reset_messages(e);
        }
    }
    reloc_engine_free(e);
    EXPECT(pairs == (long)res->nusers * res->nmembers * (res->nmembers - 1), "%s: %ld pairs",
           what, pairs);
    if (getenv("RELOC_BATCH_VERBOSE"))
        fprintf(stderr, "%s: %u users, %u members, %ld pairs\n", what, res->nusers,
                res->nmembers, pairs);
    /* zvmc_relocate_test() from every member to one target */
    for (uint32_t u = 0; u < res->nusers && res->nmembers > 1; u++) {
        uint32_t b = u % res->nmembers;
        for (uint32_t a = 0; a < res->nmembers; a++) {
            if (a == b)
                continue;
            const zvmc_reloc_item *it;
            size_t n;
            int rc = zvmc_relocate_test(ctx, res->users[u]->name, res->members[a],
                                        res->members[b], &it, &n);
            judge(o, u, a, b);
            EXPECT(rc == (o->n == 0) && n == o->n, "%s: relocate_test %s: rc %d n %zu, oracle %u",
                   what, res->users[u]->name, rc, n, o->n);
            for (size_t i = 0; i < n && i < o->n; i++)
                EXPECT(it[i].code == o->r[i].code && !strcmp(it[i].message, o->r[i].message),
                       "%s: relocate_test %s: reason %zu", what, res->users[u]->name, i);
        }
    }
    /* the matrix, full and brief, and with a callback that uses the engine too */
    for (int run = 0; run < 3; run++) {
        matrix_check mc = { o, ctx, run == 1, run == 2, 0, 0, what };
        int rc = zvmc_relocate_matrix_ex(ctx, NULL, run == 1 ? ZVMC_MATRIX_BRIEF : 0, on_pair, &mc);
        EXPECT(rc == 0, "%s: matrix rc %d", what, rc);
        EXPECT(mc.verdicts == pairs, "%s: matrix: %ld verdicts, %ld pairs", what, mc.verdicts, pairs);
    }
    /* what zvmc compile stores (it needs the SYSTEM CONFIG's cluster) */
    if (r->cfg && res->source == UD_MEMBERS_CONFIG && res->nmembers <= ZVMC_OBJDIR_MAX_MEMBERS)
        compare_compiled(ctx, o, what);
    /* leaving one member */
    if (res->nmembers > 1) {
        matrix_check mc = { o, ctx, 0, 0, 0, 0, what };
        EXPECT(zvmc_relocate_matrix(ctx, res->members[res->nmembers - 1], on_pair, &mc) == 0,
               "%s: matrix --member", what);
        EXPECT(mc.verdicts == (long)res->nusers * (res->nmembers - 1), "%s: matrix --member: %ld",
               what, mc.verdicts);
    }
    free(o);
}

/* A checked context of the inputs (files, or buffers), with check @off off. */
static zvmc_ctx *load(const char *config, size_t clen, const char *dir, size_t dlen, int files,
                      const char *off)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return NULL;
    int rc = off ? zvmc_set_check(ctx, off, ZVMC_LEVEL_OFF) : 0;
    if (config)
        rc |= files ? zvmc_add_file(ctx, config, ZVMC_FILE_SYSCONFIG)
                    : zvmc_add_buffer(ctx, "test.config", config, clen, ZVMC_FILE_SYSCONFIG);
    rc |= files ? zvmc_add_file(ctx, dir, ZVMC_FILE_DIRECTORY)
                : zvmc_add_buffer(ctx, "test.direct", dir, dlen, ZVMC_FILE_DIRECTORY);
    if (rc || zvmc_run_checks(ctx) < 0) {
        zvmc_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

static void compare_files(const char *config, const char *dir)
{
    zvmc_ctx *ctx = load(config, 0, dir, 0, 1, NULL);
    EXPECT(ctx != NULL, "%s %s: cannot load", config ? config : "-", dir);
    if (ctx)
        compare(ctx, dir);
    zvmc_ctx_free(ctx);
}

/* A four-member cluster with every rule and every path of the engine (the
 * golden tests' engine.*): &SYSRES volumes, member-local volume lists, EQIDs
 * typed, untyped, of two types and look-alike, a domain of two members,
 * VSWITCHes on some members, a profile with settings and one with LINK *, lower
 * case and abbreviated operands. */
#define ENGINE_CONFIG "tests/golden/relocate/engine.config"
#define ENGINE_DIRECT "tests/golden/relocate/engine.direct"

static char *slurp(const char *path, size_t *len, size_t extra)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(1 << 16) : NULL;
    *len = buf ? fread(buf, 1, (1 << 16) - extra - 1, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

/* Without and with a User_Volume_Include pattern (volumes judged by name). */
static void compare_cluster(void)
{
    static const char pattern[] = "SYS3: User_Volume_Include L12*\n";
    size_t clen, dlen;
    char *config = slurp(ENGINE_CONFIG, &clen, sizeof pattern);
    char *dir = slurp(ENGINE_DIRECT, &dlen, 0);
    EXPECT(config && dir && clen && dlen, "cannot read %s and %s", ENGINE_CONFIG, ENGINE_DIRECT);
    for (int i = 0; config && dir && i < 2; i++) {
        if (i) {
            memcpy(config + clen, pattern, sizeof pattern - 1);
            clen += sizeof pattern - 1;
        }
        zvmc_ctx *ctx = load(config, clen, dir, dlen, 0, NULL);
        EXPECT(ctx != NULL, "the test cluster loads");
        if (ctx)
            compare(ctx, i ? "engine cluster with a pattern" : "engine cluster");
        zvmc_ctx_free(ctx);
    }
    free(config);
    free(dir);
}

/* More members than one judgment covers (BUILD ON 70 members, no SYSTEM CONFIG). */
static void compare_many_members(void)
{
    size_t cap = 64 * 1024, len = 0;
    char *t = malloc(cap);
    if (!t)
        return;
#define PUT(...) (len += (size_t)snprintf(t + len, cap - len, __VA_ARGS__))
    PUT("DIRECTORY SSI 123 3390 VMRES\nIDENTITY MAINT XXXXXXXX 32M 32M G\n");
    for (int i = 0; i < 70; i++)
        PUT(" BUILD ON M%02d USING SUBCONFIG MAINT-%d\n", i, i);
    for (int i = 0; i < 70; i++)
        PUT("SUBCONFIG MAINT-%d\n MDISK 0190 3390 100 10 RES%03d RR\n", i, i);
    PUT("PROFILE P1\n LINK MAINT 0190 0190 RR\n LINK * 0192 0193 RR\n");
    PUT("USER U0 XXXXXXXX 32M 32M G\n INCLUDE P1\n MDISK 0192 3390 T-DISK 10 MR\n");
    PUT("USER U1 XXXXXXXX 32M 32M G\n MDISK 0191 3390 1 10 SHR002 MR\n CPU 01 DEDICATE\n");
    PUT("USER U2 XXXXXXXX 32M 32M G\n INCLUDE P1\n NICDEF 0600 TYPE QDIO LAN OWNERX MYLAN\n");
#undef PUT
    /* dir-mdisk-overlap keeps member masks of 64 bits: more members are not
     * its business here */
    zvmc_ctx *ctx = load(NULL, 0, t, len, 0, "dir-mdisk-overlap");
    EXPECT(ctx && ctx->directory && ctx->directory->res &&
           ctx->directory->res->nmembers == 70, "70 members");
    if (ctx)
        compare(ctx, "70 members");
    zvmc_ctx_free(ctx);
    free(t);
}

/* ---- out of memory during the matrix ------------------------------------------------ */

typedef struct failing {
    long armed_at, count, fail_at, live;   /* fail_at counts from arming; 0: never */
    int armed;
} failing;

static int fails(failing *f)
{
    if (!f->armed)
        return 0;
    return ++f->count == f->fail_at;
}

static void *f_malloc(void *ud, size_t size)
{
    failing *f = ud;
    if (fails(f))
        return NULL;
    void *p = malloc(size);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *ud, void *ptr, size_t size)
{
    failing *f = ud;
    if (fails(f))
        return NULL;
    void *p = realloc(ptr, size);
    f->live += p && !ptr;
    return p;
}

static void f_free(void *ud, void *ptr)
{
    failing *f = ud;
    f->live -= ptr != NULL;
    free(ptr);
}

/* The verdicts as text, to compare a run with the clean one. */
typedef struct digest {
    char *text;
    size_t len, cap;
    int oom;
} digest;

static int to_digest(void *arg, const char *user, int identity, const char *from, const char *to,
                     const zvmc_reloc_item *it, size_t n)
{
    digest *d = arg;
    char line[1024];
    for (size_t i = 0; i <= n; i++) {
        int k = i == n ? snprintf(line, sizeof line, "%s %d %s %s %zu\n", user, identity, from, to, n)
                       : snprintf(line, sizeof line, " %s %d %s %u:%u\n", it[i].check, it[i].vaddr,
                                  it[i].message ? it[i].message : "(null)", it[i].line,
                                  it[i].column);
        if (k < 0)
            return 1;
        if (d->len + (size_t)k + 1 > d->cap) {
            size_t cap = d->cap ? d->cap * 2 : 4096;
            while (cap < d->len + (size_t)k + 1)
                cap *= 2;
            char *t = realloc(d->text, cap);
            if (!t) {
                d->oom = 1;
                return 1;
            }
            d->text = t;
            d->cap = cap;
        }
        memcpy(d->text + d->len, line, (size_t)k + 1);
        d->len += (size_t)k;
    }
    return 0;
}

static int matrix_with(failing *f, const char *config, size_t clen, const char *dir, size_t dlen,
                       digest *d)
{
    zvmc_allocator al = { f_malloc, f_realloc, f_free, f };
    zvmc_ctx *ctx = zvmc_ctx_new(&al);
    if (!ctx)
        return ZVMC_ENOMEM;
    int rc = zvmc_add_buffer(ctx, "test.config", config, clen, ZVMC_FILE_SYSCONFIG);
    if (rc == 0)
        rc = zvmc_add_buffer(ctx, "test.direct", dir, dlen, ZVMC_FILE_DIRECTORY);
    if (rc == 0)
        rc = zvmc_run_checks(ctx) < 0 ? -1 : 0;
    if (rc == 0) {
        f->armed = 1;       /* from here on: the matrix only */
        rc = zvmc_relocate_matrix(ctx, NULL, to_digest, d);
    }
    zvmc_ctx_free(ctx);
    return rc;
}

static void test_oom(void)
{
    size_t clen, dlen;
    char *config = slurp(ENGINE_CONFIG, &clen, 0), *dir = slurp(ENGINE_DIRECT, &dlen, 0);
    failing f = { 0, 0, 0, 0, 0 };
    digest clean = { NULL, 0, 0, 0 };
    EXPECT(config && dir && matrix_with(&f, config, clen, dir, dlen, &clean) == 0 && !clean.oom &&
           f.live == 0, "a clean matrix (%ld blocks live)", f.live);
    long total = f.count;
    EXPECT(total > 10, "the matrix allocates (%ld)", total);
    if (!config || !dir)
        total = 0;
    if (getenv("RELOC_BATCH_VERBOSE"))
        fprintf(stderr, "out of memory: %ld allocations, %zu bytes of verdicts\n", total,
                clean.len);
    for (long n = 1; n <= total + 1; n++) {
        failing g = { 0, 0, n, 0, 0 };
        digest d = { NULL, 0, 0, 0 };
        int rc = matrix_with(&g, config, clen, dir, dlen, &d);
        EXPECT(rc == 0 || rc == ZVMC_ENOMEM, "allocation %ld fails: rc %d", n, rc);
        EXPECT(g.live == 0, "allocation %ld fails: %ld blocks leak", n, g.live);
        /* A matrix that did not fail gives every verdict as the clean one. */
        EXPECT(rc != 0 || d.oom || (d.len == clean.len && !memcmp(d.text, clean.text, d.len)),
               "allocation %ld fails: the verdicts differ", n);
        free(d.text);
    }
    free(clean.text);
    free(config);
    free(dir);
}

int main(void)
{
    compare_files("examples/ltics1/SYSTEM.CONFIG", "examples/ltics1/USER.DIRECT");
    compare_files("examples/ltics1/SYSTEM.CONFIG", "tests/golden/relocate/ltics1-before.direct");
    compare_files("examples/ltics1/SYSTEM.CONFIG", "tests/golden/relocate/ltics1-after.direct");
    compare_files(NULL, "tests/golden/relocate/ltics1-before.direct");
    compare_files("examples/cse/SYSTEM.CONFIG", "examples/cse/USER.DIRECT");
    compare_files("tests/golden/relocate/reasons.config", "tests/golden/relocate/reasons.direct");
    compare_cluster();
    compare_many_members();
    test_oom();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
