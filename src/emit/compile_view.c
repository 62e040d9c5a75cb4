/* SPDX-License-Identifier: MIT */
/*
 * One user's view on one member, from the statements of its resolved
 * definition (PROFILE, own entry, SUBCONFIG): storage, privilege classes,
 * relocation settings, crypto, and the minidisk, LINK, DEDICATE, NICDEF and
 * OPTION lists in statement order.
 *
 * Where a field is also read by a relocation rule (VMRELOCATE, CPU DEDICATE,
 * CRYPTO, NICDEF), it is read the way relocation.c reads it, so that a dump of
 * the object directory gives statements the rules judge the same way; the
 * round-trip test (tests/scripts/compile_roundtrip.sh) holds the two together.
 */
#include <stdlib.h>
#include <string.h>
#include "emit/compile.h"
#include "parse/directory_devices.h"
#include "parse/directory_parse.h"
#include "util/names.h"

#define MAXOPS 24
#define NAMEBUF (ZVMC_OBJDIR_MAX_NAME + 1)

typedef struct vops {
    const char *t[MAXOPS];
    uint32_t len[MAXOPS];
    uint32_t n;
} vops;

static void read_ops(const zvmc_ctx *ctx, const ud_entry *owner, const ud_stmt *s, vops *o)
{
    ud_tok t[MAXOPS];
    uint32_t n = ud_operands(ctx, owner, s, t, MAXOPS);
    o->n = n < MAXOPS ? n : MAXOPS;
    for (uint32_t i = 0; i < o->n; i++) {
        o->t[i] = ud_tok_text(ctx, owner->file, t[i]);
        o->len[i] = t[i].len;
    }
}

static int op_is(const vops *o, uint32_t i, const char *word)
{
    return i < o->n && ascii_casecmp_n(o->t[i], o->len[i], word) == 0;
}

static int op_abbrev(const vops *o, uint32_t i, const char *word, size_t min)
{
    if (i >= o->n || o->len[i] < min || o->len[i] > strlen(word))
        return 0;
    for (uint32_t k = 0; k < o->len[i]; k++)
        if (ascii_upper(o->t[i][k]) != word[k])
            return 0;
    return 1;
}

static int op_find(const vops *o, const char *word)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (op_is(o, i, word))
            return (int)i;
    return -1;
}

/* Copy @n bytes into @buf (NAMEBUF), upper-cased or as written; 0 if too long. */
static int name_copy(char *buf, const char *s, size_t n, int upper)
{
    if (n == 0 || n > ZVMC_OBJDIR_MAX_NAME)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = upper ? ascii_upper(s[i]) : s[i];
    buf[n] = '\0';
    return 1;
}

/* A NIC, merged over the NICDEF statements of one address (a TYPE on one
 * record and the LAN on the next is the usual form). */
typedef struct vnic {
    uint32_t vaddr;
    enum zvmc_nic_type type;
    enum zvmc_nic_conn conn;
    char owner[NAMEBUF], name[NAMEBUF];
} vnic;

#define FIXED_NICS 8

typedef struct vstate {
    compile_state *st;
    const ud_entry *user;
    zvmc_source *src;     /* the file of the segment being read */
    uint32_t m;
    int hu, hm;
    struct zvmc_view v;
    char priv[NAMEBUF], domain[NAMEBUF];
    int off, have_domain;
    int member_dep;             /* something here depends on the member */
    char crypto[512];
    size_t cryptolen;
    vnic *nics;                 /* fixed[], or from the context's allocator */
    uint32_t nnics, capnics;
    vnic fixed[FIXED_NICS];
    uint32_t *nicidx;           /* past FIXED_NICS: vaddr -> index + 1 (0: empty) */
    uint32_t nicidxcap;         /* 0 or a power of two */
} vstate;

#define TRY(e) do { int rc_ = compile_rc(e); if (rc_ < 0) return rc_; } while (0)

/* VMRELOCATE ON|OFF [DOMAIN d] and COMMAND SET VMRELOCATE * ...: segment by
 * segment as relocation.c reads them (reloc_segment_settings(): OFF and ON
 * toggle, the last DOMAIN wins, a PROFILE's read once for all its users). */
static void settings(vstate *vs, const ud_seg *sg)
{
    reloc_seg_settings ss;
    reloc_segment_settings(vs->st->reloc, sg, &ss);
    if (ss.on_off >= 0)
        vs->off = ss.on_off;
    if (ss.domain)
        vs->have_domain = name_copy(vs->domain, ss.domain, strlen(ss.domain), 1);
}

static void crypto(vstate *vs, const ud_entry *owner, const ud_stmt *s)
{
    vops o;
    read_ops(vs->st->ctx, owner, s, &o);
    if (op_abbrev(&o, 0, "APDEDICATED", 5) || op_abbrev(&o, 0, "DOMAIN", 3))
        vs->v.crypto = ZVMC_CRYPTO_APDED;
    else if (op_abbrev(&o, 0, "APVIRTUAL", 6) && vs->v.crypto == ZVMC_CRYPTO_NONE)
        vs->v.crypto = ZVMC_CRYPTO_APVIRT;
    /* The operands as written; the statements of a view joined by "; ". */
    char *p = vs->crypto + vs->cryptolen, *end = vs->crypto + sizeof vs->crypto - 1;
    if (vs->cryptolen && end - p > 2) {
        memcpy(p, "; ", 2);
        p += 2;
    }
    for (uint32_t i = 0; i < o.n; i++) {
        if (i && p < end)
            *p++ = ' ';
        for (uint32_t k = 0; k < o.len[i] && p < end; k++)
            *p++ = o.t[i][k];
    }
    *p = '\0';
    vs->cryptolen = (size_t)(p - vs->crypto);
}

static int option(vstate *vs, const ud_entry *owner, const ud_stmt *s)
{
    vops o;
    read_ops(vs->st->ctx, owner, s, &o);
    for (uint32_t i = 0; i < o.n; i++) {
        /* An option with a value is one option: CHPIDVIRTUALIZATION ONE. */
        size_t n = o.len[i];
        if (i + 1 < o.n && (op_abbrev(&o, i, "CHPIDVIRTUALIZATION", 6) ||
                            op_is(&o, i, "MAXCONN") || op_is(&o, i, "LANG") ||
                            op_is(&o, i, "CPUAFFINITY"))) {
            n = (size_t)(o.t[i + 1] + o.len[i + 1] - o.t[i]);
            i++;
        }
        char buf[NAMEBUF];
        const char *start = o.t[i] + o.len[i] - n;
        if (n > ZVMC_OBJDIR_MAX_NAME)
            continue;       /* no option is that long: not one to keep */
        /* upper case, runs of blanks (between an option and its value) as one */
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            char c = start[j];
            if (c == ' ' || c == '\t') {
                if (k && buf[k - 1] == ' ')
                    continue;
                c = ' ';
            }
            buf[k++] = ascii_upper(c);
        }
        buf[k] = '\0';
        TRY(zvmc_odb_view_option(vs->st->b, vs->hu, vs->hm, buf));
    }
    return 0;
}

static uint32_t nic_hash(uint32_t vaddr)
{
    vaddr ^= vaddr >> 16;
    vaddr *= 0x45d9f3bu;
    return vaddr ^ (vaddr >> 16);
}

/* The slot of @vaddr in the index: its own, or the empty one it would take. */
static uint32_t *nic_slot(const vstate *vs, uint32_t vaddr)
{
    uint32_t mask = vs->nicidxcap - 1;
    for (uint32_t i = nic_hash(vaddr) & mask;; i = (i + 1) & mask)
        if (!vs->nicidx[i] || vs->nics[vs->nicidx[i] - 1].vaddr == vaddr)
            return &vs->nicidx[i];
}

/* Room in the index for one more NIC; 0 when out of memory. */
static int nic_index_grow(vstate *vs)
{
    if (vs->nicidx && (vs->nnics + 1) * 4 <= vs->nicidxcap * 3)
        return 1;
    const zvmc_alloc *a = &vs->st->ctx->alloc;
    uint32_t cap = vs->nicidxcap ? 2 * vs->nicidxcap : 4 * FIXED_NICS;
    uint32_t *v = zalloc_calloc(a, cap, sizeof *v);
    if (!v)
        return 0;
    zalloc_free(a, vs->nicidx);
    vs->nicidx = v;
    vs->nicidxcap = cap;
    for (uint32_t i = 0; i < vs->nnics; i++)
        *nic_slot(vs, vs->nics[i].vaddr) = i + 1;
    return 1;
}

/* The NIC at @vaddr, added (in first-seen order) when new.  The usual few are
 * searched; past FIXED_NICS an index finds them (a search of every NIC for
 * each NICDEF made a PROFILE of 60,000 NICDEFs take 11.9 s to compile). */
static vnic *nic_for(vstate *vs, uint32_t vaddr)
{
    if (vs->nicidx) {
        uint32_t k = *nic_slot(vs, vaddr);
        if (k)
            return &vs->nics[k - 1];
    } else {
        for (uint32_t i = 0; i < vs->nnics; i++)
            if (vs->nics[i].vaddr == vaddr)
                return &vs->nics[i];
    }
    if (vs->nnics == vs->capnics) {     /* more than FIXED_NICS: rare */
        const zvmc_alloc *a = &vs->st->ctx->alloc;
        uint32_t cap = 2 * vs->capnics;
        vnic *v = zalloc_malloc(a, cap * sizeof *v);
        if (!v)
            return NULL;
        memcpy(v, vs->nics, vs->nnics * sizeof *v);
        if (vs->nics != vs->fixed)
            zalloc_free(a, vs->nics);
        vs->nics = v;
        vs->capnics = cap;
    }
    if (vs->nnics >= FIXED_NICS && !nic_index_grow(vs))
        return NULL;
    vnic *n = &vs->nics[vs->nnics++];
    memset(n, 0, sizeof *n);
    n->vaddr = vaddr;
    n->type = ZVMC_NIC_QDIO;
    if (vs->nicidx)
        *nic_slot(vs, vaddr) = vs->nnics;
    return n;
}

/* NICDEF vdev [TYPE QDIO|HIPERS] [LAN owner name | VSWITCH name]: LAN SYSTEM
 * name is a VSWITCH, as the relocation rule reads it.  The parser found the
 * operands (u.dev.nic); the record is not split again. */
static int nicdef(vstate *vs, const ud_stmt *s)
{
    vnic *n = nic_for(vs, s->u.dev.vaddr);
    if (!n)
        return ZVMC_ENOMEM;
    if (s->u.dev.nic & UD_NIC_TYPE_HIPERS)
        n->type = ZVMC_NIC_HIPERS;
    else if (s->u.dev.nic & UD_NIC_TYPE_QDIO)
        n->type = ZVMC_NIC_QDIO;
    unsigned form = s->u.dev.nic & UD_NIC_FORM;
    const char *t = form != UD_NIC_NONE ? ud_stmt_text(vs->src, s) : NULL;
    if (!t)
        return 0;
    const char *net = t + s->u.dev.net;
    if (form == UD_NIC_VSWITCH) {
        if (name_copy(n->name, net, s->u.dev.netlen, 1)) {
            n->conn = ZVMC_NIC_VSWITCH;
            n->owner[0] = '\0';
        }
    } else if (name_copy(n->owner, net, s->u.dev.netlen, 0) &&
               name_copy(n->name, t + s->u.dev.lan, s->u.dev.lanlen, 0)) {
        n->conn = ZVMC_NIC_LAN;     /* as written: the rule's message quotes it */
    }
    return 0;
}

static void mode_name(char *buf, unsigned mode)
{
    strcpy(buf, ud_mode_name(mode));
    if (mode & UD_MODE_V)
        strcat(buf, "V");
}

static int mdisk(vstate *vs, const ud_seg *sg, const ud_stmt *s)
{
    compile_state *st = vs->st;
    struct zvmc_mdisk md;
    char mode[8], devtype[NAMEBUF];
    memset(&md, 0, sizeof md);
    md.vaddr = s->u.mdisk.vaddr;
    if (s->devclass != UD_DEV_OTHER) {
        md.devtype = ud_devclass_name((ud_devclass)s->devclass);
    } else {
        vops o;
        read_ops(st->ctx, sg->owner, s, &o);
        md.devtype = o.n > 1 && name_copy(devtype, o.t[1], o.len[1], 1) ? devtype : "";
    }
    md.unit = ud_devclass_is_fba((ud_devclass)s->devclass) ? ZVMC_UNIT_BLK : ZVMC_UNIT_CYL;
    md.start = s->u.mdisk.start;
    md.size = s->u.mdisk.size;
    md.volser = "";
    switch (s->u.mdisk.ext) {
    case UD_EXT_CYL:
    case UD_EXT_END:        /* size 0: to the end of the volume */
        md.kind = ZVMC_MDISK_EXTENT;
        if (s->flags & UD_F_SYSRES)
            vs->member_dep = 1;     /* &SYSRES: each member's own */
        md.volser = ud_mdisk_volume(st->res, vs->m, s);
        if (!md.volser)
            md.volser = "";
        break;
    case UD_EXT_DEVNO: md.kind = ZVMC_MDISK_DEVNO; break;
    case UD_EXT_VDISK: md.kind = ZVMC_MDISK_VDISK; break;
    case UD_EXT_TDISK: md.kind = ZVMC_MDISK_TDISK; break;
    default:
        return 0;           /* AUTOG/AUTOR/AUTOV: the directory manager places it */
    }
    mode_name(mode, s->u.mdisk.mode);
    md.mode = mode;
    md.flags = sg->owner->kind == UD_E_SUBCONFIG ? ZVMC_MDISK_LOCAL : 0;
    TRY(zvmc_odb_view_mdisk(st->b, vs->hu, vs->hm, &md));
    if (md.kind == ZVMC_MDISK_EXTENT && md.volser[0] &&
        strlen(md.volser) <= ZVMC_OBJDIR_MAX_NAME) {
        cextent x = { md.volser, vs->user->name, 0, md.start, md.size, vs->hu, md.vaddr };
        return compile_add_extent(st, &x);
    }
    return 0;
}

/* The statement filters are relocation.c's: a CPU statement without the word
 * DEDICATE, or a COMMAND other than SET VMRELOCATE, is not read (most are
 * neither; the parser marked the others, UD_F_RELOC_WORDS). */
static int statement(vstate *vs, const ud_entry *user, const ud_seg *sg, const ud_stmt *s)
{
    compile_state *st = vs->st;
    if (s->flags & UD_F_BAD)
        return 0;
    switch (s->kind) {
    case UD_S_STORAGE:
        if (s->u.storage.bytes)
            vs->v.logon_storage = s->u.storage.bytes;
        return 0;
    case UD_S_MAXSTORAGE:
        if (s->u.storage.bytes)
            vs->v.max_storage = s->u.storage.bytes;
        return 0;
    case UD_S_CLASS: {
        vops o;
        read_ops(st->ctx, sg->owner, s, &o);
        if (o.n)
            name_copy(vs->priv, o.t[0], o.len[0], 1);
        return 0;
    }
    case UD_S_CPU: {
        if (!ud_reloc_words(s))
            return 0;
        vops o;
        read_ops(st->ctx, sg->owner, s, &o);
        if (op_find(&o, "DEDICATE") >= 0)
            vs->v.flags |= ZVMC_VIEW_CPU_DEDICATED;
        return 0;
    }
    case UD_S_CRYPTO:
        crypto(vs, sg->owner, s);
        return 0;
    case UD_S_OPTION:
        return option(vs, sg->owner, s);
    case UD_S_NICDEF:
        return nicdef(vs, s);
    case UD_S_MDISK:
        return mdisk(vs, sg, s);
    case UD_S_LINK: {
        char mode[8];
        mode_name(mode, s->u.link.mode);
        /* LINK * links the user's own minidisk */
        const char *owner = s->u.link.user ? s->u.link.user : user->name;
        if (!owner || strlen(owner) > ZVMC_OBJDIR_MAX_NAME)
            return 0;
        struct zvmc_link l = { owner, s->u.link.target, s->u.link.vaddr, mode };
        TRY(zvmc_odb_view_link(st->b, vs->hu, vs->hm, &l));
        return 0;
    }
    case UD_S_DEDICATE: {
        if (s->u.dev.rdev == UINT32_MAX)
            return 0;       /* DEDICATE vdev volser: not kept (docs/compile.md) */
        struct zvmc_dedicate d = { s->u.dev.vaddr, s->u.dev.rdev, "", "" };
        int cm = st->cfg[vs->m];
        vs->member_dep = 1;         /* the member's RDEV gives EQID and type */
        const rdev_range *r = st->dev && cm >= 0 ? devices_lookup(&st->dev->members[cm],
                                                                  s->u.dev.rdev) : NULL;
        if (r) {
            d.eqid = r->eqid ? r->eqid : "";
            d.devtype = r->type ? r->type : "";
        }
        TRY(zvmc_odb_view_dedicate(st->b, vs->hu, vs->hm, &d));
        return 0;
    }
    default:
        return 0;
    }
}

/* Does the IDENTITY have a BUILD for member @name that names a SUBCONFIG? */
static int built_here(const compile_state *st, const ud_entry *e, const char *name)
{
    if (e->kind != UD_E_IDENTITY || !(e->flags & UD_EF_BUILD))
        return 0;
    for (uint32_t i = 0; i < e->nstmts; i++) {
        const ud_stmt *s = &e->stmts[i];
        if (s->kind == UD_S_BUILD && !(s->flags & UD_F_BAD) &&
            ((s->flags & UD_F_STAR) || s->u.build.member == name)) {
            const ud_entry *sub = ud_lookup(st->res->dir, s->u.build.subconfig);
            return sub && sub->kind == UD_E_SUBCONFIG;
        }
    }
    return 0;
}

int compile_view(compile_state *st, uint32_t u, int hu, uint32_t m, const uhead *h,
                 int *member_dep)
{
    const ud_entry *user = st->res->users[u];
    const ud_view *view = ud_view_of(st->res, u, m);
    vstate vs;
    /* field by field: the buffers need no clearing */
    vs.st = st;
    vs.user = user;
    vs.m = m;
    vs.hu = hu;
    vs.hm = (int)m;
    memset(&vs.v, 0, sizeof vs.v);
    vs.off = vs.have_domain = 0;
    /* an IDENTITY's domain and SUBCONFIG are its member's */
    vs.member_dep = user->kind != UD_E_USER;
    vs.crypto[0] = '\0';
    vs.cryptolen = 0;
    vs.nics = vs.fixed;
    vs.nnics = 0;
    vs.capnics = FIXED_NICS;
    vs.nicidx = NULL;
    vs.nicidxcap = 0;
    vs.v.logon_storage = h->logon;
    vs.v.max_storage = h->max;
    strcpy(vs.priv, h->priv);
    vs.v.privclasses = "";
    vs.v.reloc_domain = "";
    vs.v.crypto_domains = "";
    int rc = compile_rc(zvmc_odb_set_view(st->b, hu, (int)m, &vs.v));
    const ud_seg *seg = NULL;
    ud_view_for_each(view, sg, s) {
        if (rc < 0)
            break;
        if (sg != seg) {
            seg = sg;
            vs.src = ctx_source(st->ctx, sg->owner->file);
            if (sg->owner->flags & UD_EF_RELOC_SETTINGS)
                settings(&vs, sg);
        }
        rc = statement(&vs, user, sg, s);
    }
    for (uint32_t i = 0; i < vs.nnics && rc >= 0; i++) {
        const vnic *n = &vs.nics[i];
        struct zvmc_nicdef nd = { n->vaddr, n->type, n->conn, n->owner, n->name };
        rc = compile_rc(zvmc_odb_view_nicdef(st->b, hu, (int)m, &nd));
    }
    if (vs.nics != vs.fixed)
        zalloc_free(&st->ctx->alloc, vs.nics);
    zalloc_free(&st->ctx->alloc, vs.nicidx);
    *member_dep = vs.member_dep;
    if (rc < 0)
        return rc;
    if (vs.off)
        vs.v.flags |= ZVMC_VIEW_RELOC_OFF;
    if (built_here(st, user, st->res->members[m]))
        vs.v.flags |= ZVMC_VIEW_MEMBER_SPECIFIC;
    /* The domain the rules use: the one named, else SSI for a USER; an
     * IDENTITY does not relocate and stays in its member's own domain. */
    if (!vs.have_domain)
        strcpy(vs.domain, user->kind == UD_E_USER ? "SSI" : st->res->members[m]);
    vs.v.privclasses = vs.priv;
    vs.v.reloc_domain = vs.domain;
    vs.v.crypto_domains = vs.crypto;
    return compile_rc(zvmc_odb_set_view(st->b, hu, (int)m, &vs.v));
}
