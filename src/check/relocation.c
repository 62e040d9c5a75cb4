/* SPDX-License-Identifier: MIT */
/*
 * The relocation rules (docs/relocation.md).  CONFIRMED by the seed paper: an
 * IDENTITY never relocates; a link to a minidisk defined in a SUBCONFIG (a local
 * minidisk) blocks relocation; dedicated crypto queues block it; a dedicated
 * OSA/FCP device relocates only to a member with a device of the same EQID.
 * The others come from general z/VM knowledge (UNCONFIRMED) and are marked so.
 *
 * How it stays fast (docs/relocation.md, "Performance"): a guest is judged
 * leaving one member for every target at once (reloc_judge()).  What its
 * definition says is read once per view, and a view every member shares is
 * read once for all of them; each rule then gives the set of targets it blocks
 * from member masks (volumes, EQIDs, VSWITCHes, domains).  A LINK target is
 * looked up once per (owner, address, member) however many guests link it,
 * a volume once per label.  Messages are formatted only when asked for.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check/reloc_internal.h"
#include "parse/directory_parse.h"
#include "util/names.h"

/* How a reason's message is made (reloc_judged.msg). */
enum {
    M_IDENTITY = 1, M_DISABLED, M_DOMAIN, M_LINK, M_MDISK, M_DED_TYPE, M_DED_NOEQID, M_DED_EQID,
    M_GLAN, M_VSWITCH, M_CRYPTO, M_CPU, M_MACHINE, M_OPTION,
};

#define DISK_UNSEEN 0xff

/* A memo could not be allocated: the rules still hold without it (each falls
 * back to looking things up again), but the caller is told, as for any
 * allocation that fails.  Returns 0. */
static int nomem(reloc_engine *e)
{
    e->r->ctx->oom = 1;
    return 0;
}

reloc_engine *reloc_engine_new(check_run *r)
{
    const ud_directory *dir = r->ctx->directory;
    if (!dir || !dir->res)
        return NULL;
    reloc_engine *e = zalloc_calloc(&r->ctx->alloc, 1, sizeof *e);
    if (!e) {
        r->ctx->oom = 1;
        return NULL;
    }
    e->r = r;
    e->dir = dir;
    e->res = dir->res;
    e->dev = r->devices;
    arena_init(&e->arena, &r->ctx->alloc);
    arena_init(&e->memo, &r->ctx->alloc);
    e->cfg_member = zalloc_calloc(&r->ctx->alloc, e->res->nmembers, sizeof *e->cfg_member);
    if (!e->cfg_member) {
        r->ctx->oom = 1;
        reloc_engine_free(e);
        return NULL;
    }
    e->ssi_name = ctx_intern_upper(r->ctx, "SSI", 3);
    if (!e->ssi_name) {
        reloc_engine_free(e);
        return NULL;
    }
    e->identity_map = e->res->nmembers <= 64;
    for (uint32_t m = 0; m < e->res->nmembers; m++) {
        e->cfg_member[m] = -1;
        for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
            if (r->model.members[i].name == e->res->members[m])
                e->cfg_member[m] = (int)i;
        if (e->cfg_member[m] != (int)m)
            e->identity_map = 0;
    }
    if (e->identity_map)
        e->cfg_any = ud_all_members(e->res);
    return e;
}

void reloc_engine_free(reloc_engine *e)
{
    if (!e)
        return;
    const zvmc_alloc *al = &e->r->ctx->alloc;
    arena_free_all(&e->arena);
    arena_free_all(&e->memo);
    zalloc_free(al, e->facts.f);
    zalloc_free(al, e->jd.j);
    zalloc_free(al, e->vol_mask);
    zalloc_free(al, e->vol_state);
    zalloc_free(al, e->sysres_mask);
    zalloc_free(al, e->sysres_state);
    zalloc_free(al, e->links);
    zalloc_free(al, e->mdisks);
    zalloc_free(al, e->profiles);
    zalloc_free(al, e->eqids);
    zalloc_free(al, e->eqtypes);
    reloc_eqid_index_free(e);
    for (uint32_t m = 0; e->eqid_first && m < e->r->model.nmembers; m++)
        ptrmap_free(&e->eqid_first[m].map, al);
    zalloc_free(al, e->eqid_first);
    zalloc_free(al, e->cfg_member);
    zalloc_free(al, e);
}

void reloc_engine_reset_messages(reloc_engine *e)
{
    arena_free_all(&e->arena);
    e->jd.valid = 0;        /* its messages were in the arena */
}

int reloc_engine_has_config(const reloc_engine *e) { return e->dev != NULL; }

reloc_engine *reloc_run_engine(check_run *r)
{
    if (!r->reloc)
        r->reloc = reloc_engine_new(r);
    return r->reloc;
}

/* ---- reading operands -------------------------------------------------------- */

void reloc_read_ops(const reloc_engine *e, const ud_entry *owner, const ud_stmt *s, reloc_ops *o)
{
    ud_tok t[RELOC_MAXOPS];
    uint32_t n = ud_operands(e->r->ctx, owner, s, t, RELOC_MAXOPS);
    o->n = n < RELOC_MAXOPS ? n : RELOC_MAXOPS;
    for (uint32_t i = 0; i < o->n; i++) {
        o->text[i] = ud_tok_text(e->r->ctx, owner->file, t[i]);
        o->len[i] = t[i].len;
    }
}

int reloc_op_is(const reloc_ops *o, uint32_t i, const char *word)
{
    return i < o->n && ascii_casecmp_n(o->text[i], o->len[i], word) == 0;
}

int reloc_op_abbrev(const reloc_ops *o, uint32_t i, const char *word, size_t min)
{
    if (i >= o->n || o->len[i] < min || o->len[i] > strlen(word))
        return 0;
    for (uint32_t k = 0; k < o->len[i]; k++)
        if (ascii_upper(o->text[i][k]) != word[k])
            return 0;
    return 1;
}

int reloc_op_find(const reloc_ops *o, const char *word)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (reloc_op_is(o, i, word))
            return (int)i;
    return -1;
}

static const ud_stmt *scan_mdisk(const ud_view *v, uint16_t vaddr, const ud_seg **seg_out)
{
    ud_view_for_each(v, sg, s) {
        if (s->kind == UD_S_MDISK && !(s->flags & UD_F_BAD) && s->u.mdisk.vaddr == vaddr) {
            *seg_out = sg;
            return s;
        }
    }
    return NULL;
}

/* The minidisk index's slot of @key (e->mdisks has room), or the free one
 * where it goes. */
static reloc_mdisk *mdisk_slot(reloc_mdisk *t, uint32_t mask, uint64_t key)
{
    uint32_t k = (uint32_t)((key * 0x9E3779B97F4A7C15u) >> 40) & mask;
    while (t[k].key && t[k].key != key)
        k = (k + 1) & mask;
    return &t[k];
}

/* Room for one more key in the minidisk index; 0 when out of memory. */
static int mdisk_room(reloc_engine *e)
{
    if ((e->nmdisks + 1) * 2 <= (e->mdisks ? e->mdisks_mask + 1 : 0))
        return 1;
    uint32_t cap = e->mdisks ? (e->mdisks_mask + 1) * 2 : 1024;
    reloc_mdisk *t = zalloc_calloc(&e->r->ctx->alloc, cap, sizeof *t);
    if (!t)
        return 0;
    for (uint32_t i = 0; e->mdisks && i <= e->mdisks_mask; i++)
        if (e->mdisks[i].key)
            *mdisk_slot(t, cap - 1, e->mdisks[i].key) = e->mdisks[i];
    zalloc_free(&e->r->ctx->alloc, e->mdisks);
    e->mdisks = t;
    e->mdisks_mask = cap - 1;
    return 1;
}

/* Index the minidisks of a large view (first wins, as a scan finds); 0 when
 * out of memory. */
static int index_view(reloc_engine *e, const ud_view *v, uint64_t base)
{
    ud_view_for_each(v, sg, s) {
        if (s->kind != UD_S_MDISK || (s->flags & UD_F_BAD))
            continue;
        if (!mdisk_room(e))
            return 0;
        reloc_mdisk *x = mdisk_slot(e->mdisks, e->mdisks_mask, base | 0x10000 | s->u.mdisk.vaddr);
        if (!x->key) {
            x->key = base | 0x10000 | s->u.mdisk.vaddr;
            x->s = s;
            x->seg = sg;
            e->nmdisks++;
        }
    }
    if (!mdisk_room(e))
        return 0;
    reloc_mdisk *done = mdisk_slot(e->mdisks, e->mdisks_mask, base | 0x20000);
    done->key = base | 0x20000;     /* the view is indexed */
    e->nmdisks++;
    return 1;
}

const ud_stmt *reloc_find_mdisk(reloc_engine *e, uint32_t owner, uint32_t m, uint16_t vaddr,
                                const ud_seg **seg_out)
{
    const ud_view *v = ud_view_of(e->res, owner, m);
    if (!v)
        return NULL;
    /* A small view is scanned; a large one is indexed once, by (owner,
     * member, address): a scan per LINK target made an owner of N linked
     * minidisks cost N scans (64,000: 7.6 s for a compile). */
    if (!ud_view_larger_than(v, 64) || m > 0x3fff)
        return scan_mdisk(v, vaddr, seg_out);
    uint64_t base = ((uint64_t)owner << 32) | ((uint64_t)m << 18);
    if (!e->mdisks || !mdisk_slot(e->mdisks, e->mdisks_mask, base | 0x20000)->key) {
        if (!index_view(e, v, base)) {
            nomem(e);
            return scan_mdisk(v, vaddr, seg_out);
        }
    }
    const reloc_mdisk *x = mdisk_slot(e->mdisks, e->mdisks_mask, base | 0x10000 | vaddr);
    if (!x->key)
        return NULL;
    *seg_out = x->seg;
    return x->s;
}

/* One VMRELOCATE or COMMAND statement's part of the settings. */
static void settings_stmt(const reloc_engine *e, const ud_seg *sg, const ud_stmt *s,
                          reloc_settings *st)
{
    reloc_ops o;
    reloc_read_ops(e, sg->owner, s, &o);
    uint32_t i = 0;
    if (s->kind == UD_S_COMMAND) {
        /* COMMAND SET VMRELOCATE * OFF | ON | DOMAIN name */
        if (!reloc_op_is(&o, 0, "SET") || !reloc_op_abbrev(&o, 1, "VMRELOCATE", 5))
            return;
        i = 3;
    }
    for (; i < o.n; i++) {
        zvmc_loc loc = ud_stmt_loc(sg->owner, s);
        if (reloc_op_is(&o, i, "OFF")) {
            st->off = 1;
            st->off_loc = loc;
        } else if (reloc_op_is(&o, i, "ON")) {
            st->off = 0;
        } else if (reloc_op_abbrev(&o, i, "DOMAIN", 3) && i + 1 < o.n) {
            st->domain = ctx_intern_upper(e->r->ctx, o.text[i + 1], o.len[i + 1]);
            st->domain_loc = loc;
            i++;
        }
    }
}

/* A segment's settings, read from its statements. */
static void read_segment_settings(const reloc_engine *e, const ud_seg *sg, reloc_seg_settings *out)
{
    reloc_settings t = { -1, loc_none(), NULL, loc_none() };
    const ud_stmt *s = sg->n && (sg->owner->flags & UD_EF_RELOC_SETTINGS)
                       ? sg->owner->stmts + sg->first : NULL;
    for (const ud_stmt *end = s ? s + sg->n : NULL; s && s < end; s++)
        if (ud_is_reloc_setting(s))
            settings_stmt(e, sg, s, &t);
    out->on_off = t.off;
    out->off_loc = t.off_loc;
    out->domain = t.domain;
    out->domain_loc = t.domain_loc;
}

/* A PROFILE segment's hash: the segment, not the
 * profile alone (a PROFILE cut into 80,000 segments by SYSAFFIN put them all
 * on one probe chain: 8.0 s). */
static uint32_t segment_hash(const void *owner, uint32_t first, uint32_t n)
{
    return ud_ptr_hash(owner) ^ (first * 0x9E3779B1u) ^ (n * 0x85EBCA77u);
}

static reloc_profile *profile_slot(reloc_engine *e, const ud_seg *sg);
static void profile_claim(reloc_engine *e, reloc_profile *p, const ud_seg *sg);

/* The settings of PROFILE segment @sg, whose slot is @p: read the first time. */
static const reloc_seg_settings *profile_settings(reloc_engine *e, reloc_profile *p,
                                                  const ud_seg *sg)
{
    if (!p->settings_read) {
        read_segment_settings(e, sg, &p->set);
        profile_claim(e, p, sg);
        p->settings_read = 1;
    }
    return &p->set;
}

void reloc_segment_settings(reloc_engine *e, const ud_seg *sg, reloc_seg_settings *out)
{
    reloc_profile *p = NULL;
    if (sg->owner->kind == UD_E_PROFILE && (sg->owner->flags & UD_EF_RELOC_SETTINGS))
        p = profile_slot(e, sg);
    if (p)
        *out = *profile_settings(e, p, sg);
    else
        read_segment_settings(e, sg, out);  /* a user's own, or no memory to keep it */
}

void reloc_apply_settings(reloc_settings *st, const reloc_seg_settings *ss)
{
    if (ss->on_off >= 0)
        st->off = ss->on_off;
    if (loc_valid(ss->off_loc))
        st->off_loc = ss->off_loc;
    if (ss->domain) {
        st->domain = ss->domain;
        st->domain_loc = ss->domain_loc;
    }
}

void reloc_read_settings(reloc_engine *e, const ud_view *v, reloc_settings *st)
{
    memset(st, 0, sizeof *st);
    /* only the entries that hold settings are read (the parser marked them) */
    for (uint32_t i = 0; i < v->nsegs; i++) {
        const ud_seg *sg = &v->segs[i];
        if (!sg->n || !(sg->owner->flags & UD_EF_RELOC_SETTINGS))
            continue;
        reloc_seg_settings ss;
        reloc_segment_settings(e, sg, &ss);
        reloc_apply_settings(st, &ss);
    }
}

/* ---- the facts of a view ----------------------------------------------------- */

static int facts_push(reloc_engine *e, const reloc_fact *f)
{
    reloc_facts *c = &e->facts;
    if (c->n == c->cap) {
        uint32_t cap = c->cap ? c->cap * 2 : 64;
        reloc_fact *v = zalloc_realloc(&e->r->ctx->alloc, c->f, cap * sizeof *v);
        if (!v) {
            e->r->ctx->oom = 1;
            return 0;
        }
        c->f = v;
        c->cap = cap;
    }
    c->f[c->n++] = *f;
    return 1;
}

/* May a fact whose targets are outside(@m) block some move?  Not when every
 * member the SYSTEM CONFIG knows is in @m. */
static int may_block(const reloc_engine *e, member_mask m)
{
    return !e->identity_map || (e->cfg_any & ~m) != 0;
}

static int op_is(const reloc_ops *o, uint32_t i, const char *word, size_t len)
{
    if (i >= o->n || o->len[i] != len)
        return 0;
    for (size_t k = 0; k < len; k++)
        if (ascii_upper(o->text[i][k]) != word[k])
            return 0;
    return 1;
}

static int op_find(const reloc_ops *o, const char *word, size_t len)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (op_is(o, i, word, len))
            return (int)i;
    return -1;
}

#define OP_IS(o, i, w) op_is(o, i, w, sizeof(w) - 1)
#define OP_FIND(o, w) op_find(o, w, sizeof(w) - 1)

/* The members whose view defines VSWITCH @name (@len bytes, any case), as
 * devices_vswitch_members() of its interned name would give. */
static member_mask vswitch_members(const reloc_engine *e, const char *name, size_t len)
{
    char up[256];
    size_t n = len < sizeof up - 1 ? len : sizeof up - 1;     /* as ctx_intern_upper() */
    for (size_t i = 0; i < n; i++)
        up[i] = ascii_upper(name[i]);
    up[n] = '\0';
    return (member_mask)(uintptr_t)symtab_get(&e->dev->vswitches, up, strlen(up));
}

static member_mask volume_members(reloc_engine *e, uint32_t a, const ud_stmt *md, const char *vol,
                                  int *known);
static reloc_link *link_entry(reloc_engine *e, const reloc_fact *f);
static int link_may_block(reloc_engine *e, reloc_link *l);

/* Where one of the guest's own minidisks lives, as far as it does not depend
 * on the member it leaves (disk_judge() has the rest). */
static void mdisk_class(reloc_engine *e, reloc_fact *f)
{
    const ud_stmt *s = f->s;
    f->why = W_NONE;
    if (f->sg->owner->kind == UD_E_SUBCONFIG) {
        f->why = W_SUBCONFIG;
    } else if (s->u.mdisk.ext == UD_EXT_TDISK) {
        f->why = W_TDISK;
    } else if (s->u.mdisk.ext == UD_EXT_VDISK || s->u.mdisk.ext == UD_EXT_DEVNO || !e->dev) {
        f->why = W_NONE;
    } else if (s->flags & UD_F_SYSRES) {
        f->why = W_PER_MEMBER;      /* &SYSRES: each member's own */
    } else if ((f->vol = ud_volser(e->dir, s)) != NULL) {
        int known;
        f->mask = volume_members(e, 0, s, f->vol, &known);
        f->why = known ? W_VOLUME : W_NONE;
    }
}

/* The facts of statement @s (of segment @sg in user @u's view, from file
 * @src); the settings statements update @st. */
static void facts_stmt(reloc_engine *e, uint32_t u, const ud_seg *sg, zvmc_source *src,
                       const ud_stmt *s, reloc_settings *st)
{
    const ud_entry *owner = sg->owner;
    switch (s->kind) {
    case UD_S_VMRELOCATE:
    case UD_S_COMMAND:
        if (ud_is_reloc_setting(s))
            settings_stmt(e, sg, s, st);
        return;
    case UD_S_CRYPTO: case UD_S_CPU: case UD_S_MACHINE: case UD_S_OPTION:
        /* the parser marked the few that hold a word the rules read */
        if (!(s->flags & UD_F_BAD) && ud_reloc_words(s))
            break;
        return;
    case UD_S_LINK: case UD_S_MDISK: case UD_S_DEDICATE: case UD_S_NICDEF:
        if (!(s->flags & UD_F_BAD))
            break;
        return;
    default:
        return;
    }
    reloc_fact f;
    memset(&f, 0, sizeof f);
    f.s = s;
    f.sg = sg;
    f.owner = UINT32_MAX;
    switch (s->kind) {
    case UD_S_LINK:
        /* LINK * links one of the user's own minidisks, judged when the link
         * is (link_disk()); another's is judged once for every member here, and
         * a link that blocks no move is left out: most link shared disks. */
        f.kind = F_LINK;
        f.name = (s->flags & UD_F_STAR) ? e->res->users[u]->name : s->u.link.user;
        f.owner = (s->flags & UD_F_STAR) ? u : UINT32_MAX;
        if (!(s->flags & UD_F_STAR)) {
            reloc_link *l = link_entry(e, &f);
            if (l && !link_may_block(e, l))
                break;
            f.disk = l ? l->disk : NULL;
        }
        facts_push(e, &f);
        break;
    case UD_S_MDISK:
        f.kind = F_MDISK;
        mdisk_class(e, &f);
        /* Most minidisks are on volumes every member lists: they never block,
         * and judging them for every member pair would cost the most. */
        if (f.why != W_NONE && !(f.why == W_VOLUME && !may_block(e, f.mask)))
            facts_push(e, &f);
        break;
    case UD_S_DEDICATE:
        f.kind = F_DEDICATE;
        facts_push(e, &f);
        break;
    case UD_S_NICDEF: {
        /* the parser found the network (u.dev.nic): the record is not split again */
        unsigned form = s->u.dev.nic & UD_NIC_FORM;
        const char *t = ud_stmt_text(src, s);
        if (form == UD_NIC_NONE || !t)
            break;
        if (form == UD_NIC_LAN) {
            f.kind = F_NIC_LAN;
            f.text = t + s->u.dev.net;
            f.len = s->u.dev.netlen;
            f.text2 = t + s->u.dev.lan;
            f.len2 = s->u.dev.lanlen;
            facts_push(e, &f);
            break;
        }
        /* A VSWITCH is judged only where the configuration defines it: one it
         * does not define, or defines on every member, never blocks. */
        if (!e->dev)
            break;
        f.mask = vswitch_members(e, t + s->u.dev.net, s->u.dev.netlen);
        if (!f.mask || !may_block(e, f.mask))
            break;
        f.kind = F_NIC_VSWITCH;
        f.name = ctx_intern_upper(e->r->ctx, t + s->u.dev.net, s->u.dev.netlen);
        if (f.name)
            facts_push(e, &f);
        break;
    }
    case UD_S_CRYPTO: {
        reloc_ops o;
        reloc_read_ops(e, owner, s, &o);
        if (reloc_op_abbrev(&o, 0, "APDEDICATED", 5) || reloc_op_abbrev(&o, 0, "DOMAIN", 3)) {
            f.kind = F_CRYPTO;
            f.text = o.text[0];
            f.len = o.len[0];
            facts_push(e, &f);
        }
        break;
    }
    case UD_S_CPU: {
        reloc_ops o;
        reloc_read_ops(e, owner, s, &o);
        if (OP_FIND(&o, "DEDICATE") >= 0) {
            f.kind = F_CPU;
            f.text = o.n ? o.text[0] : "";
            f.len = o.n ? o.len[0] : 0;
            facts_push(e, &f);
        }
        break;
    }
    case UD_S_MACHINE: {
        reloc_ops o;
        reloc_read_ops(e, owner, s, &o);
        if (OP_IS(&o, 0, "XC")) {
            f.kind = F_MACHINE;
            facts_push(e, &f);
        }
        break;
    }
    case UD_S_OPTION: {
        static const char *const tied[] = { "LKFAC", "CFVM", "CFUSER", "TODENABLE" };
        reloc_ops o;
        reloc_read_ops(e, owner, s, &o);
        for (uint32_t i = 0; i < o.n; i++)
            for (size_t k = 0; k < sizeof tied / sizeof tied[0]; k++)
                if (op_is(&o, i, tied[k], strlen(tied[k]))) {
                    f.kind = F_OPTION;
                    f.name = tied[k];
                    facts_push(e, &f);
                }
        break;
    }
    default:
        break;
    }
}

/* A PROFILE's facts are the same for every user that includes it: they are
 * read once and copied.  Only LINK * differs (it names the including user);
 * its settings statements are applied in the segment's place in the view
 * (reloc_segment_settings()). */
static reloc_profile *profile_slot(reloc_engine *e, const ud_seg *sg)
{
    if (e->nprofiles * 2 + 2 > (e->profiles ? e->profiles_mask + 1 : 0)) {
        uint32_t cap = e->profiles ? (e->profiles_mask + 1) * 2 : 16;
        reloc_profile *t = zalloc_calloc(&e->r->ctx->alloc, cap, sizeof *t);
        if (!t) {
            nomem(e);
            return NULL;
        }
        for (uint32_t i = 0; e->profiles && i <= e->profiles_mask; i++) {
            if (!e->profiles[i].owner)
                continue;
            uint32_t k = segment_hash(e->profiles[i].owner, e->profiles[i].first,
                                      e->profiles[i].n) & (cap - 1);
            while (t[k].owner)
                k = (k + 1) & (cap - 1);
            t[k] = e->profiles[i];
        }
        zalloc_free(&e->r->ctx->alloc, e->profiles);
        e->profiles = t;
        e->profiles_mask = cap - 1;
    }
    uint32_t k = segment_hash(sg->owner, sg->first, sg->n) & e->profiles_mask;
    while (e->profiles[k].owner && (e->profiles[k].owner != sg->owner ||
                                    e->profiles[k].first != sg->first || e->profiles[k].n != sg->n))
        k = (k + 1) & e->profiles_mask;
    return &e->profiles[k];
}

/* Slot @p (profile_slot()) becomes segment @sg's, if it was free. */
static void profile_claim(reloc_engine *e, reloc_profile *p, const ud_seg *sg)
{
    if (p->owner)
        return;
    p->owner = sg->owner;
    p->first = sg->first;
    p->n = sg->n;
    e->nprofiles++;
}

static int profile_keep(reloc_engine *e, reloc_profile *p, const ud_seg *sg, reloc_fact *f,
                        uint32_t n)
{
    reloc_fact *copy = NULL;
    if (n) {
        copy = arena_alloc(&e->memo, n * sizeof *copy);
        if (!copy)
            return nomem(e);
        /* and the messages of each fact from each member, made once */
        for (uint32_t i = 0; i < n; i++) {
            if (f[i].kind == F_LINK && (f[i].s->flags & UD_F_STAR))
                continue;   /* it names the including user */
            f[i].msgs = arena_zalloc(&e->memo, e->res->nmembers * sizeof *f[i].msgs);
            if (!f[i].msgs)
                return nomem(e);
        }
        memcpy(copy, f, n * sizeof *copy);
    }
    profile_claim(e, p, sg);
    p->facts = copy;
    p->nfacts = n;
    p->facts_kept = 1;
    return 1;
}

static void facts_build(reloc_engine *e, uint32_t u, const ud_view *v)
{
    reloc_facts *c = &e->facts;
    const ud_entry *user = e->res->users[u];
    c->view = v;
    c->valid = 1;
    c->n = 0;
    memset(&c->st, 0, sizeof c->st);
    for (const ud_seg *sg = v->segs; v->nsegs && sg < v->segs + v->nsegs; sg++) {
        if (!sg->n)
            continue;   /* (no arithmetic on a NULL statement array) */
        const ud_stmt *first = sg->owner->stmts + sg->first, *end = first + sg->n;
        reloc_profile *p = sg->owner->kind == UD_E_PROFILE ? profile_slot(e, sg) : NULL;
        if (p && p->facts_kept) {
            if (sg->owner->flags & UD_EF_RELOC_SETTINGS)
                reloc_apply_settings(&c->st, profile_settings(e, p, sg));
            for (uint32_t i = 0; i < p->nfacts; i++) {
                reloc_fact f = p->facts[i];
                f.sg = sg;
                if (f.kind == F_LINK && (f.s->flags & UD_F_STAR)) {
                    f.name = user->name;
                    f.owner = u;
                }
                if (!facts_push(e, &f))
                    break;
            }
            continue;
        }
        uint32_t from = c->n;
        zvmc_source *src = ctx_source(e->r->ctx, sg->owner->file);
        for (const ud_stmt *s = first; s < end; s++)
            facts_stmt(e, u, sg, src, s, &c->st);
        if (p && !e->r->ctx->oom)
            profile_keep(e, p, sg, c->f ? c->f + from : NULL, c->n - from);
    }
    c->dom = e->dev ? devices_domain(e->dev, c->st.domain ? c->st.domain : e->ssi_name) : NULL;
    c->quiet = !c->n && !c->st.off && !(c->dom && may_block(e, c->dom->members));
}

/* ---- member masks ------------------------------------------------------------- */

/* The targets in the window (members base .. base + nb - 1) that the SYSTEM
 * CONFIG knows and that are not in @m (a mask of model members). */
static uint64_t outside(const reloc_engine *e, uint32_t base, uint32_t nb, member_mask m)
{
    if (e->identity_map)
        return e->cfg_any & ~m;     /* then there is one window */
    uint64_t t = 0;
    for (uint32_t i = 0; i < nb; i++) {
        int cb = e->cfg_member[base + i];
        if (cb >= 0 && !((m >> cb) & 1))
            t |= (uint64_t)1 << i;
    }
    return t;
}

/* A memo of @n masks, allocated on first use.  0 without the memory. */
static int memo_alloc(reloc_engine *e, member_mask **mask, uint8_t **state, uint32_t n)
{
    if (*mask)
        return 1;
    const zvmc_alloc *al = &e->r->ctx->alloc;
    *mask = zalloc_calloc(al, n, sizeof **mask);
    *state = zalloc_calloc(al, n, 1);
    if (*mask && *state)
        return 1;
    zalloc_free(al, *mask);
    zalloc_free(al, *state);
    *mask = NULL;
    *state = NULL;
    return nomem(e);
}

/* The members whose view lists each of the directory's volume labels, from one
 * walk over the SYSTEM CONFIG's volume table: a generated cluster has a volume
 * for every three guests, and looking each up by name is slow.  Both sides
 * hold interned names, so a label is found by its address.  Only without
 * User_Volume_Include patterns: with them, a label is known when it matches one,
 * and volume_members() looks each label up (once) instead. */
static void volumes_walk(reloc_engine *e)
{
    const ud_directory *dir = e->dir;
    e->vol_walked = 1;
    if (e->dev->npatterns || !dir->nvols || !dir->volmap)
        return;
    e->vol_mask = zalloc_calloc(&e->r->ctx->alloc, dir->nvols, sizeof *e->vol_mask);
    if (!e->vol_mask) {
        nomem(e);
        return;
    }
    const ptrmap *t = &e->dev->volumes;
    for (size_t i = 0; i < t->cap; i++) {
        const char *key = t->slots[i].key;
        if (!key)
            continue;
        for (uint32_t k = ud_ptr_hash(key) & dir->volmap_mask; dir->volmap[k];
             k = (k + 1) & dir->volmap_mask) {
            if (dir->vols[dir->volmap[k] - 1] == key) {
                e->vol_mask[dir->volmap[k] - 1] = (member_mask)t->slots[i].value;
                break;
            }
        }
    }
    e->vol_all = 1;
}

/* The members whose view lists a volume, looked up once per label. */
static member_mask volume_members(reloc_engine *e, uint32_t a, const ud_stmt *md, const char *vol,
                                  int *known)
{
    member_mask *mask = NULL;
    uint8_t *state = NULL;
    uint32_t vi = md->u.mdisk.vol;
    if ((md->flags & UD_F_SYSRES) && e->res->sysres[a]) {
        if (memo_alloc(e, &e->sysres_mask, &e->sysres_state, e->res->nmembers)) {
            mask = &e->sysres_mask[a];
            state = &e->sysres_state[a];
        }
    } else if (vi < e->dir->nvols) {
        if (!e->vol_walked)
            volumes_walk(e);
        if (e->vol_all) {
            /* without patterns, a volume is known when some statement lists it */
            *known = e->vol_mask[vi] != 0;
            return e->vol_mask[vi];
        }
        if (memo_alloc(e, &e->vol_mask, &e->vol_state, e->dir->nvols)) {
            mask = &e->vol_mask[vi];
            state = &e->vol_state[vi];
        }
    }
    if (!mask)      /* no memory for the memo: look it up each time */
        return devices_volume_members(e->dev, vol, known);
    if (!*state) {
        int k;
        *mask = devices_volume_members(e->dev, vol, &k);
        *state = k ? 2 : 1;
    }
    *known = *state == 2;
    return *mask;
}

/* Where minidisk @md (of segment @seg, in its owner's view on member @a) lives:
 * is it local to @a? */
static void disk_judge(reloc_engine *e, uint32_t a, const ud_seg *seg, const ud_stmt *md,
                       reloc_disk *d)
{
    d->md = md;
    d->seg = seg;
    d->why = W_NONE;
    d->vol = NULL;
    d->mask = 0;
    if (!md)
        return;
    if (seg->owner->kind == UD_E_SUBCONFIG) {
        d->why = W_SUBCONFIG;
        return;
    }
    if (md->u.mdisk.ext == UD_EXT_TDISK) {
        d->why = W_TDISK;
        return;
    }
    if (md->u.mdisk.ext == UD_EXT_VDISK || md->u.mdisk.ext == UD_EXT_DEVNO || !e->dev)
        return;
    int ca = e->cfg_member[a], known;
    const char *vol = ud_mdisk_volume(e->res, a, md);
    if (ca < 0 || !vol)
        return;
    member_mask m = volume_members(e, a, md, vol, &known);
    if (known && ((m >> ca) & 1)) {
        d->why = W_VOLUME;
        d->vol = vol;
        d->mask = m;
    }
}

static reloc_link *link_slot(reloc_link *t, uint32_t mask, const void *key, uint16_t target)
{
    uint32_t k = (ud_ptr_hash(key) ^ target * 0x9e3779b9u) & mask;
    while (t[k].key && (t[k].key != key || t[k].target != target))
        k = (k + 1) & mask;
    return &t[k];
}

static int links_grow(reloc_engine *e)
{
    uint32_t cap = e->links ? (e->links_mask + 1) * 2 : 256;
    reloc_link *t = zalloc_calloc(&e->r->ctx->alloc, cap, sizeof *t);
    if (!t)
        return nomem(e);
    for (uint32_t i = 0; e->links && i <= e->links_mask; i++)
        if (e->links[i].key)
            *link_slot(t, cap - 1, e->links[i].key, e->links[i].target) = e->links[i];
    zalloc_free(&e->r->ctx->alloc, e->links);
    e->links = t;
    e->links_mask = cap - 1;
    return 1;
}

/* The memo entry of the minidisk LINK fact @f names (NULL without the memory,
 * or without an owner name). */
static reloc_link *link_entry(reloc_engine *e, const reloc_fact *f)
{
    const uint16_t target = f->s->u.link.target;
    const void *key = f->owner != UINT32_MAX ? (const void *)e->res->users[f->owner]
                                             : (const void *)f->name;
    if (!key || ((e->nlinks + 1) * 2 > (e->links ? e->links_mask + 1 : 0) && !links_grow(e)))
        return NULL;
    reloc_link *l = link_slot(e->links, e->links_mask, key, target);
    if (!l->key) {
        uint32_t nm = e->res->nmembers;
        reloc_disk *d = arena_alloc(&e->memo, nm * sizeof *d);
        if (!d) {
            nomem(e);
            return NULL;
        }
        for (uint32_t m = 0; m < nm; m++)
            d[m].why = DISK_UNSEEN;
        l->key = key;
        l->target = target;
        l->owner = f->owner != UINT32_MAX ? f->owner : ud_user_index(e->dir, e->res, f->name);
        l->disk = d;
        l->all = l->may_block = 0;
        e->nlinks++;
    }
    return l;
}

/* The minidisk a LINK names, judged from member @a. */
static void link_judge(reloc_engine *e, uint32_t owner, uint16_t target, uint32_t a, reloc_disk *d)
{
    const ud_seg *seg = NULL;
    const ud_stmt *md = owner == UINT32_MAX ? NULL : reloc_find_mdisk(e, owner, a, target, &seg);
    disk_judge(e, a, seg, md, d);
}

/* Judge a LINK target from every member: may it block some move at all? */
static int link_may_block(reloc_engine *e, reloc_link *l)
{
    if (!l->all) {
        for (uint32_t m = 0; m < e->res->nmembers; m++) {
            reloc_disk *d = &l->disk[m];
            if (d->why == DISK_UNSEEN)
                link_judge(e, l->owner, l->target, m, d);
            if (d->why == W_SUBCONFIG || d->why == W_TDISK ||
                (d->why == W_VOLUME && may_block(e, d->mask)))
                l->may_block = 1;
        }
        l->all = 1;
    }
    return l->may_block;
}

/* Minidisk @target of the owner LINK fact @f names, on member @a: judged once
 * per (owner, target, member) however many guests link it.  @tmp: where to
 * judge it when there is no memory for the memo. */
static const reloc_disk *link_disk(reloc_engine *e, const reloc_fact *f, uint32_t a,
                                   reloc_disk *tmp)
{
    if (f->disk)
        return &f->disk[a];     /* every member's, judged when the fact was read */
    reloc_link *l = link_entry(e, f);
    if (!l) {
        uint32_t owner = f->owner != UINT32_MAX ? f->owner
                       : f->name ? ud_user_index(e->dir, e->res, f->name) : UINT32_MAX;
        link_judge(e, owner, f->s->u.link.target, a, tmp);
        return tmp;
    }
    if (l->disk[a].why == DISK_UNSEEN)
        link_judge(e, l->owner, l->target, a, &l->disk[a]);
    return &l->disk[a];
}

static uint64_t disk_targets(const reloc_engine *e, const reloc_disk *d, uint32_t base, uint32_t nb,
                             uint64_t all)
{
    switch (d->why) {
    case W_SUBCONFIG:
    case W_TDISK:
        return all;
    case W_VOLUME:
        return outside(e, base, nb, d->mask);
    default:
        return 0;
    }
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

static reloc_eqid *eqid_slot(reloc_eqid *t, uint32_t mask, const char *eqid)
{
    uint32_t k = ud_ptr_hash(eqid) & mask;
    while (t[k].eqid && t[k].eqid != eqid)
        k = (k + 1) & mask;
    return &t[k];
}

static int eqids_grow(reloc_engine *e)
{
    uint32_t cap = e->eqids ? (e->eqids_mask + 1) * 2 : 1024;
    reloc_eqid *t = zalloc_calloc(&e->r->ctx->alloc, cap, sizeof *t);
    if (!t)
        return nomem(e);
    for (uint32_t i = 0; e->eqids && i <= e->eqids_mask; i++)
        if (e->eqids[i].eqid)
            *eqid_slot(t, cap - 1, e->eqids[i].eqid) = e->eqids[i];
    zalloc_free(&e->r->ctx->alloc, e->eqids);
    e->eqids = t;
    e->eqids_mask = cap - 1;
    return 1;
}

static reloc_eqtype *eqtype_slot(reloc_eqtype *t, uint32_t mask, const char *eqid,
                                 const char *type)
{
    uint32_t k = (ud_ptr_hash(eqid) ^ ud_ptr_hash(type) * 0x9E3779B1u) & mask;
    while (t[k].eqid && (t[k].eqid != eqid || t[k].type != type))
        k = (k + 1) & mask;
    return &t[k];
}

static int eqtypes_grow(reloc_engine *e)
{
    uint32_t cap = e->eqtypes ? (e->eqtypes_mask + 1) * 2 : 64;
    reloc_eqtype *t = zalloc_calloc(&e->r->ctx->alloc, cap, sizeof *t);
    if (!t)
        return 0;
    for (uint32_t i = 0; e->eqtypes && i <= e->eqtypes_mask; i++)
        if (e->eqtypes[i].eqid)
            *eqtype_slot(t, cap - 1, e->eqtypes[i].eqid, e->eqtypes[i].type) = e->eqtypes[i];
    zalloc_free(&e->r->ctx->alloc, e->eqtypes);
    e->eqtypes = t;
    e->eqtypes_mask = cap - 1;
    return 1;
}

/* The members by TYPE of the EQIDs whose devices have several: a table of
 * (EQID, TYPE) pairs, so that eqid_ok() need not scan every device of every
 * member for such an EQID (64,000 guests dedicating devices of one EQID
 * given two TYPEs took 12.9 s to compile).  0 when out of memory. */
static int eqtypes_build(reloc_engine *e, uint32_t nm)
{
    for (uint32_t m = 0; m < nm; m++) {
        const member_devices *mb = &e->dev->members[m];
        for (uint32_t i = 0; i < mb->nrdevs; i++) {
            const rdev_range *rd = &mb->rdevs[i];
            if (!rd->eqid || !rd->type ||
                !eqid_slot(e->eqids, e->eqids_mask, rd->eqid)->types_overflow)
                continue;
            if ((e->neqtypes + 1) * 2 > (e->eqtypes ? e->eqtypes_mask + 1 : 0) &&
                !eqtypes_grow(e))
                return 0;
            reloc_eqtype *p = eqtype_slot(e->eqtypes, e->eqtypes_mask, rd->eqid, rd->type);
            if (!p->eqid) {
                p->eqid = rd->eqid;
                p->type = rd->type;
                e->neqtypes++;
            }
            p->typed |= (member_mask)1 << m;
        }
    }
    return 1;
}

/* Every EQID of every member's view, with the members that have it by TYPE. */
static void eqids_build(reloc_engine *e)
{
    e->eqids_built = 1;
    const cluster_devices *dev = e->dev;
    uint32_t nm = e->r->model.nmembers < 64 ? e->r->model.nmembers : 64;
    int overflow = 0;
    for (uint32_t m = 0; m < nm; m++) {
        const member_devices *mb = &dev->members[m];
        for (uint32_t i = 0; i < mb->nrdevs; i++) {
            const rdev_range *rd = &mb->rdevs[i];
            if (!rd->eqid)
                continue;
            if ((e->neqids + 1) * 2 > (e->eqids ? e->eqids_mask + 1 : 0) && !eqids_grow(e)) {
                zalloc_free(&e->r->ctx->alloc, e->eqids);
                e->eqids = NULL;    /* eqid_ok() scans the devices instead */
                return;
            }
            reloc_eqid *q = eqid_slot(e->eqids, e->eqids_mask, rd->eqid);
            if (!q->eqid) {
                q->eqid = rd->eqid;
                e->neqids++;
            }
            member_mask bit = (member_mask)1 << m;
            q->any |= bit;
            if (!rd->type) {
                q->untyped |= bit;
            } else if (!q->type || q->type == rd->type) {
                q->type = rd->type;
                q->typed |= bit;
            } else {
                q->types_overflow = 1;
                overflow = 1;
            }
        }
    }
    if (overflow && !eqtypes_build(e, nm)) {
        zalloc_free(&e->r->ctx->alloc, e->eqtypes);
        e->eqtypes = NULL;      /* eqid_ok() scans the devices of those EQIDs instead */
    }
}

/* The model members that a device with @ra's EQID (of its TYPE) can move to:
 * they have such a device, and the EQID is theirs. */
static member_mask eqid_ok(reloc_engine *e, const rdev_range *ra)
{
    if (!e->eqids_built)
        eqids_build(e);
    reloc_eqid *q = e->eqids ? eqid_slot(e->eqids, e->eqids_mask, ra->eqid) : NULL;
    if (q && q->eqid && (!q->types_overflow || e->eqtypes)) {
        member_mask found = q->any;
        if (ra->type && !q->types_overflow) {
            found = q->untyped | (q->type == ra->type ? q->typed : 0);
        } else if (ra->type) {
            const reloc_eqtype *p = eqtype_slot(e->eqtypes, e->eqtypes_mask, ra->eqid, ra->type);
            found = q->untyped | (p->eqid ? p->typed : 0);
        }
        if (!q->members_known) {
            q->members = devices_eqid_members(e->dev, ra->eqid);
            q->members_known = 1;
        }
        return found & q->members;
    }
    member_mask ok = 0, m = devices_eqid_members(e->dev, ra->eqid);
    uint32_t nm = e->r->model.nmembers < 64 ? e->r->model.nmembers : 64;
    for (uint32_t cb = 0; cb < nm; cb++) {
        const member_devices *mb = &e->dev->members[cb];
        int found = 0;
        for (uint32_t i = 0; i < mb->nrdevs && !found; i++)
            found = mb->rdevs[i].eqid == ra->eqid && (!ra->type || !mb->rdevs[i].type ||
                                                       mb->rdevs[i].type == ra->type);
        if (found && ((m >> cb) & 1))
            ok |= (member_mask)1 << cb;
    }
    return ok;
}

/* ---- judging ------------------------------------------------------------------ */

static reloc_judged *push(reloc_engine *e, int code, int vaddr, int confirmed, zvmc_loc loc,
                          uint64_t targets, int msg, uint32_t fact)
{
    if (!targets)
        return NULL;
    reloc_judgment *jd = &e->jd;
    if (jd->n == e->jcap) {
        uint32_t cap = e->jcap ? e->jcap * 2 : 32;
        reloc_judged *v = zalloc_realloc(&e->r->ctx->alloc, jd->j, cap * sizeof *v);
        if (!v) {
            e->r->ctx->oom = 1;
            return NULL;
        }
        jd->j = v;
        e->jcap = cap;
    }
    reloc_judged *j = &jd->j[jd->n++];
    memset(j, 0, sizeof *j);
    j->r.code = code;
    j->r.vaddr = vaddr;
    j->r.confirmed = confirmed;
    j->r.loc = loc;
    j->targets = targets;
    j->msg = (uint8_t)msg;
    j->fact = fact;
    jd->blocked |= targets;
    return j;
}

static void judge_dedicate(reloc_engine *e, uint32_t a, uint32_t base, uint32_t nb, uint32_t fi)
{
    const reloc_fact *f = &e->facts.f[fi];
    const ud_stmt *s = f->s;
    if (!e->dev || s->u.dev.rdev == UINT32_MAX)
        return;
    int ca = e->cfg_member[a];
    if (ca < 0)
        return;
    zvmc_loc loc = ud_stmt_loc(f->sg->owner, s);
    uint64_t known = outside(e, base, nb, 0);
    const rdev_range *ra = devices_lookup(&e->dev->members[ca], s->u.dev.rdev);
    reloc_judged *j;
    if (ra && never_relocating_type(ra->type))
        j = push(e, ZVMC_RELOC_DEDICATED_TYPE, s->u.dev.vaddr, 0, loc, known, M_DED_TYPE, fi);
    else if (!ra || !ra->eqid)
        j = push(e, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc, known, M_DED_NOEQID, fi);
    else
        j = push(e, ZVMC_RELOC_DEDICATED_EQID, s->u.dev.vaddr, 1, loc,
                 outside(e, base, nb, eqid_ok(e, ra)), M_DED_EQID, fi);
    if (j)
        j->p = ra;
}

const reloc_judgment *reloc_judge(reloc_engine *e, uint32_t u, uint32_t a, uint32_t base)
{
    reloc_judgment *jd = &e->jd;
    if (jd->valid && jd->u == u && jd->a == a && jd->base == base)
        return jd;
    uint32_t nm = e->res->nmembers;
    jd->u = u;
    jd->a = a;
    jd->base = base;
    jd->nb = base < nm ? (nm - base < RELOC_WINDOW ? nm - base : RELOC_WINDOW) : 0;
    jd->n = 0;
    jd->blocked = 0;
    jd->valid = 1;
    uint32_t nb = jd->nb;
    uint64_t all = nb >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << nb) - 1);
    const ud_entry *user = e->res->users[u];
    if (user->kind == UD_E_IDENTITY) {
        reloc_judged *j = push(e, ZVMC_RELOC_IDENTITY, -1, 1, ud_stmt_loc(user, &user->stmts[0]),
                               all, M_IDENTITY, 0);
        if (j)
            j->r.message = "The virtual machine is an IDENTITY (a multiconfiguration virtual "
                           "machine), which cannot relocate";
        return jd;
    }
    const ud_view *v = ud_view_of(e->res, u, a);
    if (!v)
        return jd;
    if (!e->facts.valid || e->facts.view != v)
        facts_build(e, u, v);
    const reloc_facts *c = &e->facts;
    if (c->quiet)
        return jd;      /* nothing in this view blocks a move */
    if (c->st.off) {
        reloc_judged *j = push(e, ZVMC_RELOC_DISABLED, -1, 0, c->st.off_loc, all, M_DISABLED, 0);
        if (j)
            j->r.message = "Relocation is turned off for the virtual machine (VMRELOCATE OFF)";
    }
    uint64_t away = c->dom ? outside(e, base, nb, c->dom->members) : 0;
    if (away) {
        reloc_judged *j = push(e, ZVMC_RELOC_DOMAIN, -1, 1, c->st.domain ? c->st.domain_loc
                               : ud_stmt_loc(user, &user->stmts[0]), away, M_DOMAIN, 0);
        if (j)
            j->p = c->dom;
    }
    for (uint32_t i = 0; i < c->n; i++) {
        const reloc_fact *f = &c->f[i];
        uint64_t t = 0;
        int code = 0, confirmed = 1, msg = 0, vaddr = -1;
        const reloc_disk *d = NULL;
        reloc_disk tmp;
        /* the targets first: the statement is read only for a reason */
        switch (f->kind) {
        case F_LINK:
            d = link_disk(e, f, a, &tmp);
            t = d->md ? disk_targets(e, d, base, nb, all) : 0;
            code = ZVMC_RELOC_LOCAL_MINIDISK;
            msg = M_LINK;
            break;
        case F_MDISK:
            memset(&tmp, 0, sizeof tmp);
            tmp.why = f->why;
            if (f->why == W_PER_MEMBER) {
                disk_judge(e, a, f->sg, f->s, &tmp);
            } else if (f->why == W_VOLUME) {
                /* local to a when a's view lists the volume */
                int ca = e->cfg_member[a];
                if (ca < 0 || !((f->mask >> ca) & 1))
                    tmp.why = W_NONE;
                tmp.mask = f->mask;
                tmp.vol = f->vol;
            }
            if (tmp.why == W_NONE)
                break;
            tmp.md = f->s;
            tmp.seg = f->sg;
            d = &tmp;
            t = disk_targets(e, d, base, nb, all);
            code = ZVMC_RELOC_LOCAL_MINIDISK;
            msg = M_MDISK;
            break;
        case F_DEDICATE:
            judge_dedicate(e, a, base, nb, i);
            break;
        case F_NIC_LAN:
            t = all;
            code = ZVMC_RELOC_GUEST_LAN;
            confirmed = 0;
            msg = M_GLAN;
            break;
        case F_NIC_VSWITCH:
            /* Only a VSWITCH the configuration defines somewhere can be judged. */
            if (e->dev && f->name && f->mask)
                t = outside(e, base, nb, f->mask);
            code = ZVMC_RELOC_VSWITCH;
            msg = M_VSWITCH;
            break;
        case F_CRYPTO:
            t = all;
            code = ZVMC_RELOC_CRYPTO_DEDICATED;
            msg = M_CRYPTO;
            break;
        case F_CPU:
            t = all;
            code = ZVMC_RELOC_CPU_DEDICATED;
            confirmed = 0;
            msg = M_CPU;
            break;
        case F_MACHINE:
            t = all;
            code = ZVMC_RELOC_MACHINE;
            confirmed = 0;
            msg = M_MACHINE;
            break;
        case F_OPTION:
            t = all;
            code = ZVMC_RELOC_OPTION;
            confirmed = 0;
            msg = M_OPTION;
            break;
        default:
            break;
        }
        if (!t)
            continue;
        const ud_stmt *s = f->s;
        if (f->kind == F_LINK)
            vaddr = s->u.link.vaddr;
        else if (f->kind == F_MDISK)
            vaddr = s->u.mdisk.vaddr;
        else if (f->kind == F_NIC_LAN || f->kind == F_NIC_VSWITCH)
            vaddr = s->u.dev.vaddr;
        reloc_judged *j = push(e, code, vaddr, confirmed, ud_stmt_loc(f->sg->owner, s), t, msg, i);
        if (!j)
            continue;
        if (d) {
            j->why = d->why;
            j->p = d->seg;
            j->vol = d->vol;
        } else if (msg == M_MACHINE) {
            j->r.message = "The virtual machine is in XC mode (MACHINE XC), which cannot relocate";
        }
    }
    return jd;
}

/* ---- messages ----------------------------------------------------------------- */

static void fmt(char *buf, size_t len, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void fmt(char *buf, size_t len, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, len, f, ap);
    va_end(ap);
}

/* Why a minidisk is local, for the move from @a to @b. */
static void disk_why(const reloc_engine *e, const reloc_judged *j, uint32_t a, uint32_t b,
                     char *why, size_t len)
{
    const ud_seg *seg = j->p;
    switch (j->why) {
    case W_SUBCONFIG:
        fmt(why, len, "defined in SUBCONFIG %s", seg->owner->name ? seg->owner->name : "?");
        break;
    case W_TDISK:
        fmt(why, len, "a T-DISK, temporary space of the member");
        break;
    default:
        fmt(why, len, "on volume %s, which the SYSTEM CONFIG gives %s but not %s", j->vol,
            e->res->members[a], e->res->members[b]);
        break;
    }
}

/* Member @cb's EQIDs: EQID -> its first device (index in rdevs + 1), made on
 * first use.  The two functions below asked every device of the member for
 * every message that names an EQID (one per guest and target), which made a
 * compile quadratic: 4,000 guests each dedicating a device whose EQID the
 * other member lacks took 2.8 s.  NULL on ENOMEM (ctx->oom). */
static const ptrmap *eqid_first(reloc_engine *e, int cb)
{
    const zvmc_alloc *al = &e->r->ctx->alloc;
    uint32_t nm = e->r->model.nmembers;
    if (!e->eqid_first && !(e->eqid_first = zalloc_calloc(al, nm ? nm : 1, sizeof *e->eqid_first)))
        goto oom;
    ptrmap *m = &e->eqid_first[cb].map;
    if (e->eqid_first[cb].built)
        return m;
    e->eqid_first[cb].built = 1;
    const member_devices *mb = &e->dev->members[cb];
    for (uint32_t i = 0; i < mb->nrdevs; i++) {
        if (!mb->rdevs[i].eqid)
            continue;
        ptrmap_slot *sl = ptrmap_put(m, al, mb->rdevs[i].eqid);
        if (!sl)
            goto oom;
        if (!sl->value)
            sl->value = (uint64_t)i + 1;
    }
    return m;
oom:
    e->r->ctx->oom = 1;
    return NULL;
}

/* The device index + 1 in member @cb of EQID @eqid's first device, or 0. */
static uint64_t eqid_device(reloc_engine *e, int cb, const char *eqid)
{
    const ptrmap *m = eqid_first(e, cb);
    /* EQIDs are interned; the lookup takes the interned copy whatever it is given */
    const char *key = m ? interner_find(&e->r->ctx->names, eqid, strlen(eqid)) : NULL;
    return key ? ptrmap_get(m, key) : 0;
}

/* The TYPE of member @cb's first device with EQID @eqid (NULL: untyped), and
 * whether it has one (*found). */
static const char *eqid_type_on(reloc_engine *e, int cb, const char *eqid, int *found)
{
    uint64_t i = eqid_device(e, cb, eqid);
    *found = i != 0;
    return i ? e->dev->members[cb].rdevs[i - 1].type : NULL;
}

/* eqid_near()'s search: the first device of the EQIDs looked up so far. */
typedef struct near_device {
    reloc_engine *e;
    int cb;
    uint64_t best;          /* device index + 1 */
} near_device;

static void near_device_try(void *arg, const char *var, size_t len)
{
    near_device *q = arg;
    (void)len;
    uint64_t i = eqid_device(q->e, q->cb, var);
    if (i && (!q->best || i < q->best))
        q->best = i;
}

/* A look-alike of @eqid on model member @cb (lookalike_distance <= 1: one
 * look-alike character, or the same): most likely a misspelling of it.  Of
 * several, the one on the member's first device, as a walk of the devices
 * would find; looked up by variant, not by comparing every device. */
static const char *eqid_near(reloc_engine *e, int cb, const char *eqid)
{
    if (strlen(eqid) > 64)
        return NULL;        /* lookalike_distance() compares at most 64 characters */
    near_device q = { e, cb, eqid_device(e, cb, eqid) };
    lookalike_variants(eqid, near_device_try, &q);
    return q.best ? e->dev->members[cb].rdevs[q.best - 1].eqid : NULL;
}

const char *reloc_judged_message(reloc_engine *e, uint32_t i, uint32_t b)
{
    reloc_judged *j = &e->jd.j[i];
    if (j->r.message)
        return j->r.message;
    const reloc_fact *f = j->msg >= M_LINK && j->msg != M_DOMAIN ? &e->facts.f[j->fact] : NULL;
    const ud_stmt *s = f ? f->s : NULL;
    const char *const *members = e->res->members;
    uint32_t a = e->jd.a;
    int per_target = 0;
    /* A profile's statement says the same for every user that includes it:
     * its message from member a is kept for all of them. */
    const char **kept = f && f->msgs && j->msg != M_DED_EQID && j->msg != M_VSWITCH &&
                        j->why != W_VOLUME ? &f->msgs[a] : NULL;
    if (kept && *kept)
        return j->r.message = *kept;
    char buf[512], why[256];
    switch (j->msg) {
    case M_DOMAIN: {
        const reloc_domain *dom = j->p;
        char list[256];
        devices_member_list(e->r, dom->members, list, sizeof list);
        fmt(buf, sizeof buf, "%s is outside the guest's relocation domain %s (%s)", members[b],
            dom->name, list[0] ? list : "no members");
        per_target = 1;
        break;
    }
    case M_LINK:
        disk_why(e, j, a, b, why, sizeof why);
        fmt(buf, sizeof buf, "Virtual machine device %04X is a link to a local minidisk (%s %04X, %s)",
            s->u.link.vaddr, f->name, s->u.link.target, why);
        per_target = j->why == W_VOLUME;
        break;
    case M_MDISK:
        disk_why(e, j, a, b, why, sizeof why);
        fmt(buf, sizeof buf, "Virtual machine device %04X is a local minidisk (%s)",
            s->u.mdisk.vaddr, why);
        per_target = j->why == W_VOLUME;
        break;
    case M_DED_TYPE: {
        const rdev_range *ra = j->p;
        fmt(buf, sizeof buf, "Virtual machine device %04X is dedicated real device %04X of type "
            "%s, which cannot be relocated", s->u.dev.vaddr, s->u.dev.rdev, ra->type);
        break;
    }
    case M_DED_NOEQID:
        fmt(buf, sizeof buf, "Virtual machine device %04X is dedicated real device %04X, which has "
            "no EQID on %s", s->u.dev.vaddr, s->u.dev.rdev, members[a]);
        break;
    case M_DED_EQID: {
        const rdev_range *ra = j->p;
        int same;
        const char *ttype = eqid_type_on(e, e->cfg_member[b], ra->eqid, &same);
        if (same) {
            /* The target has the EQID, but typed, and not as this device is (a
             * device matches when the types are equal or either is untyped). */
            fmt(buf, sizeof buf, "Virtual machine device %04X is dedicated real device %04X (EQID "
                "%s, TYPE %s), and %s has EQID %s only on devices of another TYPE (%s)",
                s->u.dev.vaddr, s->u.dev.rdev, ra->eqid, ra->type ? ra->type : "none",
                members[b], ra->eqid, ttype ? ttype : "none");
            per_target = 1;
            break;
        }
        const char *near = eqid_near(e, e->cfg_member[b], ra->eqid);
        fmt(buf, sizeof buf, "Virtual machine device %04X is dedicated real device %04X (EQID %s), "
            "and %s has no device with EQID %s%s%s%s", s->u.dev.vaddr, s->u.dev.rdev, ra->eqid,
            members[b], ra->eqid, near ? "; it has " : "", near ? near : "",
            near ? ", which differs only in look-alike characters" : "");
        per_target = 1;
        break;
    }
    case M_GLAN:
        fmt(buf, sizeof buf, "Virtual machine device %04X is coupled to guest LAN %.*s %.*s; only "
            "VSWITCH connections relocate", s->u.dev.vaddr, (int)f->len, f->text, (int)f->len2,
            f->text2);
        break;
    case M_VSWITCH:
        fmt(buf, sizeof buf, "Virtual machine device %04X is coupled to VSWITCH %s, which %s does "
            "not define", s->u.dev.vaddr, f->name, members[b]);
        per_target = 1;
        break;
    case M_CRYPTO:
        fmt(buf, sizeof buf, "The virtual machine has dedicated crypto queues (CRYPTO %.*s)",
            (int)f->len, f->text);
        break;
    case M_CPU:
        fmt(buf, sizeof buf, "The virtual machine has a dedicated processor (CPU %.*s DEDICATE)",
            (int)f->len, f->text);
        break;
    case M_OPTION:
        fmt(buf, sizeof buf, "OPTION %s ties the virtual machine to its system", f->name);
        break;
    default:
        buf[0] = '\0';
        break;
    }
    const char *m = arena_strdup(kept ? &e->memo : &e->arena, buf);
    if (!m) {
        e->r->ctx->oom = 1;
        return NULL;
    }
    if (kept)
        *kept = m;
    if (!per_target)
        j->r.message = m;
    return m;
}

uint32_t reloc_evaluate(reloc_engine *e, uint32_t u, uint32_t a, uint32_t b, reloc_reason *out,
                        uint32_t max)
{
    uint32_t base = b - b % RELOC_WINDOW;
    const reloc_judgment *jd = reloc_judge(e, u, a, base);
    uint64_t bit = (uint64_t)1 << (b - base);
    uint32_t n = 0;
    for (uint32_t i = 0; i < jd->n; i++) {
        if (!(jd->j[i].targets & bit))
            continue;
        if (n < max) {
            out[n] = jd->j[i].r;
            out[n].message = reloc_judged_message(e, i, b);
        }
        n++;
    }
    return n;
}
