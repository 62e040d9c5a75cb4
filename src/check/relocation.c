/* SPDX-License-Identifier: MIT */
/*
 * The relocation rules (docs/relocation.md).  CONFIRMED by the seed paper: an
 * IDENTITY never relocates; a link to a minidisk defined in a SUBCONFIG (a local
 * minidisk) blocks relocation; dedicated crypto queues block it; a dedicated
 * OSA/FCP device relocates only to a member with a device of the same EQID.
 * The others come from general z/VM knowledge (UNCONFIRMED) and are marked so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check/cluster_devices.h"
#include "check/relocation.h"
#include "parse/directory_parse.h"
#include "util/names.h"

/* The guest's relocation domain and whether relocation is off, from VMRELOCATE
 * and COMMAND SET VMRELOCATE * ... statements. */
typedef struct reloc_settings {
    int off;
    zvmc_loc off_loc;
    const char *domain;
    zvmc_loc domain_loc;
} reloc_settings;

/* What a guest's definition on its source member says, read once per (user,
 * source member) and reused for every target: re-reading operands and looking
 * up names per member pair would dominate a 100,000-user matrix. */
enum {
    F_LINK = 1, F_MDISK, F_DEDICATE, F_NIC_LAN, F_NIC_VSWITCH, F_CRYPTO, F_CPU, F_MACHINE,
    F_OPTION,
};

typedef struct fact {
    uint8_t kind;
    const ud_stmt *s;
    const ud_seg *sg;
    const ud_stmt *md;          /* LINK: the linked MDISK on the source member */
    const ud_seg *osg;          /* ... and its segment */
    const char *name;           /* LINK owner, VSWITCH, OPTION keyword */
    const char *text;           /* operand text for messages (guest LAN, CRYPTO, CPU) */
    uint32_t len, len2;
    const char *text2;
} fact;

struct reloc_cache {
    uint32_t u, a;
    int valid;
    reloc_settings st;
    fact *facts;
    uint32_t n, cap;
};

struct reloc_engine {
    check_run *r;
    const ud_directory *dir;
    const ud_resolved *res;
    const cluster_devices *dev;     /* NULL without a SYSTEM CONFIG */
    int *cfg_member;                /* res member -> model member index, or -1 */
    arena arena;                    /* messages, until reloc_engine_reset_messages() */
    const char *ssi_name;           /* "SSI", the default domain */
    struct reloc_cache cache;       /* facts of the last (user, source member) */
};

reloc_engine *reloc_engine_new(check_run *r)
{
    const ud_directory *dir = r->ctx->directory;
    if (!dir || !dir->res)
        return NULL;
    reloc_engine *e = zalloc_calloc(&r->ctx->alloc, 1, sizeof *e);
    if (!e)
        return NULL;
    e->r = r;
    e->dir = dir;
    e->res = dir->res;
    e->dev = r->devices;
    arena_init(&e->arena, &r->ctx->alloc);
    e->cfg_member = zalloc_calloc(&r->ctx->alloc, e->res->nmembers, sizeof *e->cfg_member);
    if (!e->cfg_member) {
        reloc_engine_free(e);
        return NULL;
    }
    e->ssi_name = ctx_intern_upper(r->ctx, "SSI", 3);
    if (!e->ssi_name) {
        reloc_engine_free(e);
        return NULL;
    }
    for (uint32_t m = 0; m < e->res->nmembers; m++) {
        e->cfg_member[m] = -1;
        for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
            if (r->model.members[i].name == e->res->members[m])
                e->cfg_member[m] = (int)i;
    }
    return e;
}

void reloc_engine_free(reloc_engine *e)
{
    if (!e)
        return;
    arena_free_all(&e->arena);
    zalloc_free(&e->r->ctx->alloc, e->cache.facts);
    zalloc_free(&e->r->ctx->alloc, e->cfg_member);
    zalloc_free(&e->r->ctx->alloc, e);
}

void reloc_engine_reset_messages(reloc_engine *e)
{
    arena_free_all(&e->arena);
}

int reloc_engine_has_config(const reloc_engine *e) { return e->dev != NULL; }

/* ---- collecting reasons ----------------------------------------------------- */

typedef struct collect {
    reloc_engine *e;
    reloc_reason *out;
    uint32_t max, n;
} collect;

static void add(collect *c, int code, int vaddr, int confirmed, zvmc_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void add(collect *c, int code, int vaddr, int confirmed, zvmc_loc loc, const char *fmt, ...)
{
    if (c->n < c->max) {
        char buf[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        reloc_reason *rr = &c->out[c->n];
        rr->code = code;
        rr->vaddr = vaddr;
        rr->confirmed = confirmed;
        rr->loc = loc;
        rr->message = arena_strdup(&c->e->arena, buf);
        if (!rr->message)
            c->e->r->ctx->oom = 1;
    }
    c->n++;
}

/* ---- reading operands -------------------------------------------------------- */

#define MAXOPS 24

typedef struct ops {
    const char *text[MAXOPS];
    uint32_t len[MAXOPS];
    uint32_t n;
} ops;

static void read_ops(const reloc_engine *e, const ud_entry *owner, const ud_stmt *s, ops *o)
{
    ud_tok t[MAXOPS];
    uint32_t n = ud_operands(e->r->ctx, owner, s, t, MAXOPS);
    o->n = n < MAXOPS ? n : MAXOPS;
    for (uint32_t i = 0; i < o->n; i++) {
        o->text[i] = ud_tok_text(e->r->ctx, owner->file, t[i]);
        o->len[i] = t[i].len;
    }
}

static int op_is(const ops *o, uint32_t i, const char *word)
{
    return i < o->n && ascii_casecmp_n(o->text[i], o->len[i], word) == 0;
}

/* Is operand i a prefix-abbreviation of word, at least min long? */
static int op_abbrev(const ops *o, uint32_t i, const char *word, size_t min)
{
    if (i >= o->n || o->len[i] < min || o->len[i] > strlen(word))
        return 0;
    for (uint32_t k = 0; k < o->len[i]; k++)
        if (ascii_upper(o->text[i][k]) != word[k])
            return 0;
    return 1;
}

static int op_find(const ops *o, const char *word)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (op_is(o, i, word))
            return (int)i;
    return -1;
}

/* ---- the rules -------------------------------------------------------------- */

/* The MDISK @vaddr in user @owner's view on member @m, with its segment. */
static const ud_stmt *find_mdisk(const reloc_engine *e, uint32_t owner, uint32_t m, uint16_t vaddr,
                                 const ud_seg **seg_out)
{
    const ud_view *v = ud_view_of(e->res, owner, m);
    if (!v)
        return NULL;
    ud_view_for_each(v, sg, s) {
        if (s->kind == UD_S_MDISK && !(s->flags & UD_F_BAD) && s->u.mdisk.vaddr == vaddr) {
            *seg_out = sg;
            return s;
        }
    }
    return NULL;
}

/* Is a minidisk local to member a with respect to b?  Fills @why. */
static int mdisk_local(const reloc_engine *e, uint32_t a, uint32_t b, const ud_seg *seg,
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
    if (md->u.mdisk.ext == UD_EXT_VDISK || md->u.mdisk.ext == UD_EXT_DEVNO || !e->dev)
        return 0;
    int ca = e->cfg_member[a], cb = e->cfg_member[b], known;
    const char *vol = ud_mdisk_volume(e->res, a, md);
    if (ca < 0 || cb < 0 || !vol)
        return 0;
    member_mask m = devices_volume_members(e->dev, vol, &known);
    if (known && ((m >> ca) & 1) && !((m >> cb) & 1)) {
        snprintf(why, len, "on volume %s, which the SYSTEM CONFIG gives %s but not %s", vol,
                 e->res->members[a], e->res->members[b]);
        return 1;
    }
    return 0;
}

static int never_relocating_type(const char *type)
{
    static const char *const types[] = {
        "CTCA", "CTC", "TAPE", "3270_DISPLAY", "3270", "READER", "PUNCH", "PRINTER",
        "IMPACT_PRINTER", "3800", "UNIT_RECORD", "3215", "BSC_ADAPTER",
    };
    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return 1;
    return 0;
}

static void rule_dedicate(collect *c, uint32_t a, uint32_t b, const ud_seg *sg, const ud_stmt *s)
{
    const reloc_engine *e = c->e;
    if (!e->dev || s->u.dev.rdev == UINT32_MAX)
        return;
    int ca = e->cfg_member[a], cb = e->cfg_member[b];
    if (ca < 0 || cb < 0)
        return;
    zvmc_loc loc = ud_stmt_loc(sg->owner, s);
    const rdev_range *ra = devices_lookup(&e->dev->members[ca], s->u.dev.rdev);
    if (ra && never_relocating_type(ra->type)) {
        add(c, ZVMC_RELOC_DEDICATED_TYPE, s->u.dev.vaddr, 0, loc,
            "Virtual machine device %04X is dedicated real device %04X of type %s, which "
            "cannot be relocated", s->u.dev.vaddr, s->u.dev.rdev, ra->type);
        return;
    }
    if (!ra || !ra->eqid) {
        add(c, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc,
            "Virtual machine device %04X is dedicated real device %04X, which has no EQID on %s",
            s->u.dev.vaddr, s->u.dev.rdev, e->res->members[a]);
        return;
    }
    member_mask m = devices_eqid_members(e->dev, ra->eqid);
    const member_devices *mb = &e->dev->members[cb];
    int found = 0;
    for (uint32_t i = 0; i < mb->nrdevs && !found; i++)
        found = mb->rdevs[i].eqid == ra->eqid && (!ra->type || !mb->rdevs[i].type ||
                                                   mb->rdevs[i].type == ra->type);
    if (found && ((m >> cb) & 1))
        return;
    /* A look-alike EQID on b is most likely a misspelling of this one. */
    const char *near = NULL;
    for (uint32_t i = 0; i < mb->nrdevs && !near; i++)
        if (mb->rdevs[i].eqid && lookalike_distance(mb->rdevs[i].eqid, ra->eqid) <= 1)
            near = mb->rdevs[i].eqid;
    add(c, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc,
        "Virtual machine device %04X is dedicated real device %04X (EQID %s), and %s has no "
        "device with EQID %s%s%s%s", s->u.dev.vaddr, s->u.dev.rdev, ra->eqid, e->res->members[b],
        ra->eqid, near ? "; it has " : "", near ? near : "",
        near ? ", which differs only in look-alike characters" : "");
}

static void read_settings(const reloc_engine *e, const ud_view *v, reloc_settings *st)
{
    memset(st, 0, sizeof *st);
    ud_view_for_each(v, sg, s) {
        if (s->kind != UD_S_VMRELOCATE && s->kind != UD_S_COMMAND)
            continue;
        ops o;
        read_ops(e, sg->owner, s, &o);
        uint32_t i = 0;
        if (s->kind == UD_S_COMMAND) {
            /* COMMAND SET VMRELOCATE * OFF | ON | DOMAIN name */
            if (!op_is(&o, 0, "SET") || !op_abbrev(&o, 1, "VMRELOCATE", 5))
                continue;
            i = 3;
        }
        for (; i < o.n; i++) {
            zvmc_loc loc = ud_stmt_loc(sg->owner, s);
            if (op_is(&o, i, "OFF")) {
                st->off = 1;
                st->off_loc = loc;
            } else if (op_is(&o, i, "ON")) {
                st->off = 0;
            } else if (op_abbrev(&o, i, "DOMAIN", 3) && i + 1 < o.n) {
                st->domain = ctx_intern_upper(e->r->ctx, o.text[i + 1], o.len[i + 1]);
                st->domain_loc = loc;
                i++;
            }
        }
    }
}

static int cache_push(reloc_engine *e, const fact *f)
{
    struct reloc_cache *c = &e->cache;
    if (c->n == c->cap) {
        uint32_t cap = c->cap ? c->cap * 2 : 64;
        fact *v = zalloc_realloc(&e->r->ctx->alloc, c->facts, cap * sizeof *v);
        if (!v) {
            e->r->ctx->oom = 1;
            return 0;
        }
        c->facts = v;
        c->cap = cap;
    }
    c->facts[c->n++] = *f;
    return 1;
}

static void cache_build(reloc_engine *e, uint32_t u, uint32_t a, const ud_view *v)
{
    struct reloc_cache *c = &e->cache;
    const ud_entry *user = e->res->users[u];
    c->u = u;
    c->a = a;
    c->valid = 1;
    c->n = 0;
    read_settings(e, v, &c->st);
    ud_view_for_each(v, sg, s) {
        if (s->flags & UD_F_BAD)
            continue;
        fact f;
        memset(&f, 0, sizeof f);
        f.s = s;
        f.sg = sg;
        switch (s->kind) {
        case UD_S_LINK: {
            /* LINK * links one of the user's own minidisks. */
            f.name = (s->flags & UD_F_STAR) ? user->name : s->u.link.user;
            uint32_t owner = (s->flags & UD_F_STAR) ? u : ud_user_index(e->dir, e->res, f.name);
            f.md = owner == UINT32_MAX ? NULL : find_mdisk(e, owner, a, s->u.link.target, &f.osg);
            if (f.md) {
                f.kind = F_LINK;
                cache_push(e, &f);
            }
            break;
        }
        case UD_S_MDISK:
            f.kind = F_MDISK;
            cache_push(e, &f);
            break;
        case UD_S_DEDICATE:
            f.kind = F_DEDICATE;
            cache_push(e, &f);
            break;
        case UD_S_NICDEF: {
            ops o;
            read_ops(e, sg->owner, s, &o);
            int lan = op_find(&o, "LAN"), vsw = op_find(&o, "VSWITCH");
            if (lan >= 0 && (uint32_t)lan + 2 < o.n && !op_is(&o, (uint32_t)lan + 1, "SYSTEM")) {
                f.kind = F_NIC_LAN;
                f.text = o.text[lan + 1];
                f.len = o.len[lan + 1];
                f.text2 = o.text[lan + 2];
                f.len2 = o.len[lan + 2];
            } else if (lan >= 0 && (uint32_t)lan + 2 < o.n) {
                f.kind = F_NIC_VSWITCH;
                f.name = ctx_intern_upper(e->r->ctx, o.text[lan + 2], o.len[lan + 2]);
            } else if (vsw >= 0 && (uint32_t)vsw + 1 < o.n) {
                f.kind = F_NIC_VSWITCH;
                f.name = ctx_intern_upper(e->r->ctx, o.text[vsw + 1], o.len[vsw + 1]);
            }
            if (f.kind)
                cache_push(e, &f);
            break;
        }
        case UD_S_CRYPTO: {
            ops o;
            read_ops(e, sg->owner, s, &o);
            if (op_abbrev(&o, 0, "APDEDICATED", 5) || op_abbrev(&o, 0, "DOMAIN", 3)) {
                f.kind = F_CRYPTO;
                f.text = o.text[0];
                f.len = o.len[0];
                cache_push(e, &f);
            }
            break;
        }
        case UD_S_CPU: {
            ops o;
            read_ops(e, sg->owner, s, &o);
            if (op_find(&o, "DEDICATE") >= 0) {
                f.kind = F_CPU;
                f.text = o.n ? o.text[0] : "";
                f.len = o.n ? o.len[0] : 0;
                cache_push(e, &f);
            }
            break;
        }
        case UD_S_MACHINE: {
            ops o;
            read_ops(e, sg->owner, s, &o);
            if (op_is(&o, 0, "XC")) {
                f.kind = F_MACHINE;
                cache_push(e, &f);
            }
            break;
        }
        case UD_S_OPTION: {
            static const char *const tied[] = { "LKFAC", "CFVM", "CFUSER", "TODENABLE" };
            ops o;
            read_ops(e, sg->owner, s, &o);
            for (uint32_t i = 0; i < o.n; i++)
                for (size_t k = 0; k < sizeof tied / sizeof tied[0]; k++)
                    if (op_is(&o, i, tied[k])) {
                        f.kind = F_OPTION;
                        f.name = tied[k];
                        cache_push(e, &f);
                    }
            break;
        }
        default:
            break;
        }
    }
}

uint32_t reloc_evaluate(reloc_engine *e, uint32_t u, uint32_t a, uint32_t b, reloc_reason *out,
                        uint32_t max)
{
    collect c = { e, out, max, 0 };
    const ud_entry *user = e->res->users[u];
    zvmc_loc head = ud_stmt_loc(user, &user->stmts[0]);
    if (user->kind == UD_E_IDENTITY) {
        add(&c, ZVMC_RELOC_IDENTITY, -1, 1, head,
            "The virtual machine is an IDENTITY (a multiconfiguration virtual machine), which "
            "cannot relocate");
        return c.n;
    }
    const ud_view *v = ud_view_of(e->res, u, a);
    if (!v)
        return 0;
    if (!e->cache.valid || e->cache.u != u || e->cache.a != a)
        cache_build(e, u, a, v);
    const reloc_settings *st = &e->cache.st;
    if (st->off)
        add(&c, ZVMC_RELOC_DISABLED, -1, 0, st->off_loc,
            "Relocation is turned off for the virtual machine (VMRELOCATE OFF)");
    if (e->dev && e->cfg_member[b] >= 0) {
        const reloc_domain *dom = devices_domain(e->dev, st->domain ? st->domain : e->ssi_name);
        if (dom && !((dom->members >> e->cfg_member[b]) & 1)) {
            char list[256];
            devices_member_list(e->r, dom->members, list, sizeof list);
            add(&c, ZVMC_RELOC_DOMAIN, -1, 1, st->domain ? st->domain_loc : head,
                "%s is outside the guest's relocation domain %s (%s)", e->res->members[b],
                dom->name, list[0] ? list : "no members");
        }
    }
    for (uint32_t i = 0; i < e->cache.n; i++) {
        const fact *f = &e->cache.facts[i];
        const ud_stmt *s = f->s;
        zvmc_loc loc = ud_stmt_loc(f->sg->owner, s);
        char why[256];
        switch (f->kind) {
        case F_LINK:
            if (mdisk_local(e, a, b, f->osg, f->md, why, sizeof why))
                add(&c, ZVMC_RELOC_LOCAL_MINIDISK, s->u.link.vaddr, 1, loc,
                    "Virtual machine device %04X is a link to a local minidisk (%s %04X, %s)",
                    s->u.link.vaddr, f->name, s->u.link.target, why);
            break;
        case F_MDISK:
            if (mdisk_local(e, a, b, f->sg, s, why, sizeof why))
                add(&c, ZVMC_RELOC_LOCAL_MINIDISK, s->u.mdisk.vaddr, 1, loc,
                    "Virtual machine device %04X is a local minidisk (%s)", s->u.mdisk.vaddr, why);
            break;
        case F_DEDICATE:
            rule_dedicate(&c, a, b, f->sg, s);
            break;
        case F_NIC_LAN:
            add(&c, ZVMC_RELOC_GUEST_LAN, s->u.dev.vaddr, 0, loc,
                "Virtual machine device %04X is coupled to guest LAN %.*s %.*s; only VSWITCH "
                "connections relocate", s->u.dev.vaddr, (int)f->len, f->text, (int)f->len2,
                f->text2);
            break;
        case F_NIC_VSWITCH: {
            if (!e->dev || e->cfg_member[b] < 0 || !f->name)
                break;
            member_mask m = devices_vswitch_members(e->dev, f->name);
            /* Only a VSWITCH the configuration defines somewhere can be judged. */
            if (m && !((m >> e->cfg_member[b]) & 1))
                add(&c, ZVMC_RELOC_VSWITCH, s->u.dev.vaddr, 1, loc,
                    "Virtual machine device %04X is coupled to VSWITCH %s, which %s does not "
                    "define", s->u.dev.vaddr, f->name, e->res->members[b]);
            break;
        }
        case F_CRYPTO:
            add(&c, ZVMC_RELOC_CRYPTO_DEDICATED, -1, 1, loc,
                "The virtual machine has dedicated crypto queues (CRYPTO %.*s)", (int)f->len,
                f->text);
            break;
        case F_CPU:
            add(&c, ZVMC_RELOC_CPU_DEDICATED, -1, 0, loc, "The virtual machine has a dedicated "
                "processor (CPU %.*s DEDICATE)", (int)f->len, f->text);
            break;
        case F_MACHINE:
            add(&c, ZVMC_RELOC_MACHINE, -1, 0, loc,
                "The virtual machine is in XC mode (MACHINE XC), which cannot relocate");
            break;
        case F_OPTION:
            add(&c, ZVMC_RELOC_OPTION, -1, 0, loc,
                "OPTION %s ties the virtual machine to its system", f->name);
            break;
        default:
            break;
        }
    }
    return c.n;
}

/* ---- cluster checks ---------------------------------------------------------- */

/* Is minidisk @target of user @owner local on some member: where? */
static const ud_seg *local_anywhere(reloc_engine *e, uint32_t owner, uint16_t target,
                                    const ud_stmt **md_out)
{
    for (uint32_t m = 0; m < e->res->nmembers; m++) {
        const ud_seg *seg = NULL;
        const ud_stmt *md = find_mdisk(e, owner, m, target, &seg);
        if (md && (seg->owner->kind == UD_E_SUBCONFIG || md->u.mdisk.ext == UD_EXT_TDISK)) {
            *md_out = md;
            return seg;
        }
    }
    return NULL;
}

static reloc_engine *run_engine(check_run *r)
{
    if (!r->reloc)
        r->reloc = reloc_engine_new(r);
    return r->reloc;
}

/* A PROFILE that links a local minidisk makes every USER including it
 * non-relocatable: report it once, on the PROFILE's LINK. */
void check_reloc_profile_local_link(check_run *r)
{
    reloc_engine *e = run_engine(r);
    if (!e || e->res->nmembers < 2)
        return;
    const ud_directory *dir = e->dir;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *p = dir->entries[i];
        if (p->kind != UD_E_PROFILE || !p->name)
            continue;
        /* The USERs (single-configuration) that include this profile. */
        uint32_t count = 0;
        const char *names[4];
        for (uint32_t u = 0; u < e->res->nusers; u++) {
            const ud_entry *ue = e->res->users[u];
            if (ue->kind != UD_E_USER || !(ue->flags & UD_EF_INCLUDE))
                continue;
            for (uint32_t k = 1; k < ue->nstmts; k++) {
                if (ue->stmts[k].kind == UD_S_INCLUDE && ue->stmts[k].u.ref.name == p->name) {
                    if (count < 4)
                        names[count] = ue->name;
                    count++;
                    break;
                }
            }
        }
        if (!count)
            continue;
        for (uint32_t k = 1; k < p->nstmts; k++) {
            const ud_stmt *s = &p->stmts[k];
            /* LINK * in a profile names each including user's own disk: not judged here */
            if (s->kind != UD_S_LINK || (s->flags & (UD_F_BAD | UD_F_STAR)))
                continue;
            uint32_t owner = ud_user_index(dir, e->res, s->u.link.user);
            const ud_stmt *md = NULL;
            const ud_seg *seg = owner == UINT32_MAX ? NULL
                              : local_anywhere(e, owner, s->u.link.target, &md);
            if (!seg)
                continue;
            char list[128] = "";
            size_t used = 0;
            for (uint32_t n = 0; n < count && n < 4; n++) {
                int w = snprintf(list + used, sizeof list - used, "%s%s", n ? ", " : "", names[n]);
                if (w < 0 || (size_t)w >= sizeof list - used)
                    break;
                used += (size_t)w;
            }
            zvmc_diag_int *d = diag_report(r->ctx, "reloc-profile-local-link", ZVMC_SEV_WARNING,
                ud_stmt_loc(p, s),
                "PROFILE %s links %s %04X, a local minidisk: the %u USER%s that include%s it "
                "(%s%s) cannot relocate", p->name, s->u.link.user, s->u.link.target, count,
                count == 1 ? "" : "s", count == 1 ? "s" : "", list, count > 4 ? ", ..." : "");
            diag_note(r->ctx, d, ud_stmt_loc(seg->owner, md), "%s %04X is defined in %s %s%s",
                      s->u.link.user, s->u.link.target, ud_ekind_name(seg->owner->kind),
                      seg->owner->name ? seg->owner->name : "",
                      seg->owner->kind == UD_E_SUBCONFIG ? ", so each member has its own" : "");
            diag_note(r->ctx, d, loc_none(),
                      "link it in the users that need it and are not meant to relocate, or define "
                      "the disk in the common part of %s's entry", s->u.link.user);
        }
    }
}

/* A relocatable guest with dedicated OSA or FCP devices needs OPTION
 * CHPIDVIRTUALIZATION ONE, as the seed paper had to add. */
void check_reloc_chpidv(check_run *r)
{
    reloc_engine *e = run_engine(r);
    if (!e || !e->dev || e->res->nmembers < 2)
        return;
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_entry *ue = e->res->users[u];
        if (ue->kind != UD_E_USER)
            continue;
        for (uint32_t m = 0; m < e->res->nmembers; m++) {
            const ud_view *v = ud_view_of(e->res, u, m);
            int cm = e->cfg_member[m];
            if (!v || cm < 0)
                continue;
            const ud_stmt *ded = NULL;
            const ud_seg *dseg = NULL;
            const char *type = NULL;
            int chpidv = 0, off = 0;
            ud_view_for_each(v, sg, s) {
                if (s->kind == UD_S_OPTION) {
                    ops o;
                    read_ops(e, sg->owner, s, &o);
                    for (uint32_t i = 0; i < o.n; i++)
                        if (op_abbrev(&o, i, "CHPIDVIRTUALIZATION", 6) && op_is(&o, i + 1, "ONE"))
                            chpidv = 1;
                } else if (s->kind == UD_S_VMRELOCATE) {
                    ops o;
                    read_ops(e, sg->owner, s, &o);
                    off |= op_find(&o, "OFF") >= 0;
                } else if (s->kind == UD_S_DEDICATE && !ded && s->u.dev.rdev != UINT32_MAX) {
                    const rdev_range *rr = devices_lookup(&e->dev->members[cm], s->u.dev.rdev);
                    if (rr && rr->type && (!strcmp(rr->type, "OSA") || !strcmp(rr->type, "FCP"))) {
                        ded = s;
                        dseg = sg;
                        type = rr->type;
                    }
                }
            }
            if (ded && !chpidv && !off) {
                zvmc_diag_int *d = diag_report(r->ctx, "reloc-chpidv", ZVMC_SEV_WARNING,
                    ud_stmt_loc(dseg->owner, ded),
                    "%s dedicates %s device %04X but has no OPTION CHPIDVIRTUALIZATION ONE: "
                    "after a relocation the guest may see other CHPIDs for it",
                    ue->name, type, ded->u.dev.rdev);
                ud_note_origin(r->ctx, d, ue, dseg);
                diag_note(r->ctx, d, loc_none(), "add 'OPTION CHPIDVIRTUALIZATION ONE' to %s "
                          "(or to the PROFILE it includes)", ue->name);
            }
            if (v->shared)
                break;      /* the same definition on every member: once is enough */
        }
    }
}

/* Report a statement once, however many users or members reach it. */
static int first_time(check_run *r, symtab *seen, zvmc_loc loc, int code)
{
    char key[16];
    memcpy(key, &loc.file, 4);
    memcpy(key + 4, &loc.begin, 4);
    memcpy(key + 8, &code, 4);
    memcpy(key + 12, &loc.end, 4);
    int is_new;
    symtab_slot *sl = symtab_put(seen, key, sizeof key, &is_new);
    if (!sl) {
        r->ctx->oom = 1;
        return 0;
    }
    if (is_new) {
        char *k = arena_alloc(&r->arena, sizeof key);
        if (!k) {
            r->ctx->oom = 1;
            return 0;
        }
        memcpy(k, key, sizeof key);
        sl->key = k;
    }
    return is_new;
}

/* A domain named by VMRELOCATE or COMMAND SET VMRELOCATE must exist. */
void check_reloc_domain_defined(check_run *r)
{
    reloc_engine *e = run_engine(r);
    if (!e || !e->dev)
        return;
    symtab seen;
    symtab_init(&seen, &r->ctx->alloc);
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        for (uint32_t m = 0; m < e->res->nmembers; m++) {
            const ud_view *v = ud_view_of(e->res, u, m);
            if (!v)
                continue;
            reloc_settings st;
            read_settings(e, v, &st);
            if (st.domain && !devices_domain(e->dev, st.domain) &&
                first_time(r, &seen, st.domain_loc, ZVMC_RELOC_DOMAIN)) {
                zvmc_diag_int *d = diag_report(r->ctx, "reloc-domain-undefined", ZVMC_SEV_WARNING,
                    st.domain_loc, "relocation domain %s is not defined in the SYSTEM CONFIG, "
                    "and it is not an implicit domain (SSI, or a member's name)", st.domain);
                diag_note(r->ctx, d, loc_none(), "add 'Relocation_Domain %s MEMBERS sysname...' "
                          "to the SYSTEM CONFIG", st.domain);
            }
            break;  /* settings come from the user's own entry and profile */
        }
    }
    symtab_free(&seen);
}

/* -Wreloc-<reason>: in `zvmc check`, every statement that blocks some guest's
 * relocation for that reason, once, with the first member pair it blocks. */
void check_reloc_reasons(check_run *r)
{
    if (r->reloc_reported)
        return;     /* one table entry per reason, one pass for all of them */
    r->reloc_reported = 1;
    reloc_engine *e = run_engine(r);
    if (!e || e->res->nmembers < 2)
        return;
    int want[ZVMC_RELOC_REASON_COUNT];
    for (int c = 0; c < ZVMC_RELOC_REASON_COUNT; c++)
        want[c] = diag_enabled(r->ctx, zvmc_reloc_reason_name(c));
    symtab seen;
    symtab_init(&seen, &r->ctx->alloc);
    reloc_reason rr[64];
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_entry *ue = e->res->users[u];
        for (uint32_t a = 0; a < e->res->nmembers; a++) {
            if (!ud_view_of(e->res, u, a))
                continue;
            for (uint32_t b = 0; b < e->res->nmembers; b++) {
                if (a == b)
                    continue;
                uint32_t n = reloc_evaluate(e, u, a, b, rr, 64);
                for (uint32_t i = 0; i < n && i < 64; i++) {
                    if (!want[rr[i].code] || !first_time(r, &seen, rr[i].loc, rr[i].code))
                        continue;
                    zvmc_diag_int *d = diag_report(r->ctx, zvmc_reloc_reason_name(rr[i].code),
                        ZVMC_SEV_WARNING, rr[i].loc, "%s cannot relocate from %s to %s: %s%s",
                        ue->name, e->res->members[a], e->res->members[b], rr[i].message,
                        rr[i].confirmed ? "" : " (UNCONFIRMED rule)");
                    (void)d;
                }
            }
        }
        reloc_engine_reset_messages(e);
    }
    symtab_free(&seen);
}

void reloc_note_eqid_users(check_run *r, zvmc_diag_int *d, uint32_t cfg_member, const char *eqid)
{
    reloc_engine *e = d ? run_engine(r) : NULL;
    if (!e || !e->dev || cfg_member >= 64)
        return;
    int m = -1;
    for (uint32_t i = 0; i < e->res->nmembers; i++)
        if (e->cfg_member[i] == (int)cfg_member)
            m = (int)i;
    if (m < 0)
        return;
    uint32_t count = 0;
    char list[256] = "";
    size_t used = 0;
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_view *v = ud_view_of(e->res, u, (uint32_t)m);
        if (!v || e->res->users[u]->kind != UD_E_USER)
            continue;
        ud_view_for_each(v, sg, s) {
            if (s->kind != UD_S_DEDICATE || s->u.dev.rdev == UINT32_MAX)
                continue;
            const rdev_range *rr = devices_lookup(&e->dev->members[cfg_member], s->u.dev.rdev);
            if (!rr || rr->eqid != eqid)
                continue;
            if (count < 3) {
                int w = snprintf(list + used, sizeof list - used, "%s%s (DEDICATE %04X %04X)",
                                 count ? ", " : "", e->res->users[u]->name, s->u.dev.vaddr,
                                 s->u.dev.rdev);
                if (w > 0 && (size_t)w < sizeof list - used)
                    used += (size_t)w;
            }
            count++;
            break;
        }
    }
    if (count)
        diag_note(r->ctx, d, loc_none(), "it keeps %u guest%s on %s: %s%s", count,
                  count == 1 ? "" : "s", e->res->members[m], list, count > 3 ? ", ..." : "");
}
