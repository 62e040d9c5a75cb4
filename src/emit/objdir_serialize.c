/* SPDX-License-Identifier: MIT */
/*
 * objdir_serialize.c - turn a builder's model into the object directory format.
 *
 * Steps: sort users and volumes by name; build the hash index; share what
 * repeats (a user's identical views on several members become one view
 * record; users with identical verdicts share one verdict row); count the
 * records of every block, which fixes the layout; fill the blocks in file
 * order.  The string pool is the last block, so strings are appended as
 * the records that use them are written, and each string's first use fixes
 * its offset.  The bytes therefore depend only on the model, never on the
 * order of the builder calls, on pointer values or on hashing.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/objdir_builder_int.h"
#include "runtime/objdir_format.h"

/* A distinct verdict row, found by its content. */
struct row_ {
    UT_hash_handle hh;
    uint32_t id;        /* row number in the file */
    size_t len;     /* bytes of key */
    uintptr_t key[];    /* per pair: count, then (code, vaddr, message) per reason */
};

struct ser_ {
    struct zvmc_odb *b;
    uint32_t m, pairs;      /* members, ordered member pairs */
    size_t nusers;
    struct odb_user_ **users;   /* sorted by name */
    struct odb_volume_ **vols;  /* sorted by volser */
    uint32_t *hash;         /* the hash index slots */
    uint32_t nslots;
    uint32_t *viewmap;      /* [user * m + member]: view index or ZVMC_OD_NONE */
    const struct odb_view_ **views; /* the distinct views, in file order */
    uint32_t nviews;
    uint32_t *vrow;         /* [user]: verdict row */
    const struct odb_user_ **row_user;  /* [row]: the first user with that row */
    uint32_t nrows;
    struct row_ *rows;      /* distinct rows by content (uthash) */
    uint64_t count[ZVMC_OD_NBLOCKS];    /* records per block */
    uint32_t off[ZVMC_OD_NBLOCKS];      /* block offsets */
    uint64_t next[ZVMC_OD_NBLOCKS];     /* next record to fill */
    uint8_t *img;           /* header and blocks, pool excluded */
    char *pool;
    size_t pool_len, pool_cap;
    int err;            /* first error while filling */
};

/*
 * Strings
 */

/* The pool offset of an interned string, appending it on first use. */
static uint32_t str_off_(struct ser_ *s, const char *str)
{
    struct odb_str_ *e = odb_str_entry_(str);
    size_t len;

    if (!e)
        return 0;
    if (e->off) /* 0 is the empty string, so never a real string's offset */
        return e->off;
    len = strlen(e->s) + 1;
    if (s->pool_len > UINT32_MAX - len) {
        s->err = s->err ? s->err : -ZVMC_ERR_TOOBIG;
        return 0;
    }
    if (s->pool_len + len > s->pool_cap) {
        size_t cap = s->pool_cap * 2 > s->pool_len + len ? s->pool_cap * 2 : s->pool_len + len;
        char *p = realloc(s->pool, cap);

        if (!p) {
            s->err = s->err ? s->err : -ZVMC_ERR_NOMEM;
            return 0;
        }
        s->pool = p;
        s->pool_cap = cap;
    }
    memcpy(s->pool + s->pool_len, e->s, len);
    e->off = (uint32_t)s->pool_len;
    s->pool_len += len;
    return e->off;
}

/*
 * Record writing
 */

/* The next record of block b; the counting pass sized every block exactly. */
static uint8_t *rec_(struct ser_ *s, enum zvmc_od_block b)
{
    return s->img + s->off[b] + s->next[b]++ * zvmc_od_recsize_(b);
}

static void put_str_(struct ser_ *s, uint8_t *field, const char *str)
{
    zvmc_be32_st(field, str_off_(s, str));
}

static void put_range_(uint8_t *field, uint64_t first, size_t count)
{
    zvmc_be32_st(field, (uint32_t)first);
    zvmc_be32_st(field + 4, (uint32_t)count);
}

/*
 * Sorting and the hash index
 */

static int cmp_user_(const void *a, const void *b)
{
    return strcmp((*(struct odb_user_ *const *)a)->name, (*(struct odb_user_ *const *)b)->name);
}

static int cmp_volume_(const void *a, const void *b)
{
    return strcmp((*(struct odb_volume_ *const *)a)->volser,
              (*(struct odb_volume_ *const *)b)->volser);
}

static int sort_(struct ser_ *s)
{
    struct zvmc_odb *b = s->b;

    s->users = malloc((s->nusers ? s->nusers : 1) * sizeof(*s->users));
    s->vols = malloc((b->volumes.n ? b->volumes.n : 1) * sizeof(*s->vols));
    if (!s->users || !s->vols)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i < s->nusers; i++)
        s->users[i] = &ODB_AT(b->users, struct odb_user_, i);
    for (size_t i = 0; i < b->volumes.n; i++)
        s->vols[i] = &ODB_AT(b->volumes, struct odb_volume_, i);
    qsort(s->users, s->nusers, sizeof(*s->users), cmp_user_);
    qsort(s->vols, b->volumes.n, sizeof(*s->vols), cmp_volume_);
    for (size_t i = 0; i < s->nusers; i++)
        s->users[i]->file_index = (uint32_t)i;
    return 0;
}

/* Fill nslots slots by linear probing; 0 if some user lands too far from home. */
static int hash_fill_(struct ser_ *s, uint32_t nslots)
{
    uint32_t mask = nslots - 1;

    memset(s->hash, 0, (size_t)nslots * sizeof(*s->hash));
    for (size_t i = 0; i < s->nusers; i++) {
        uint32_t slot = zvmc_od_hash_(s->users[i]->name) & mask, probe = 0;

        while (s->hash[slot]) {
            if (++probe > ZVMC_OD_HASH_MAX_PROBE)
                return 0;
            slot = (slot + 1) & mask;
        }
        s->hash[slot] = (uint32_t)i + 1;
    }
    return 1;
}

/* The smallest power of two >= 2n slots whose probes stay within the bound. */
static int build_hash_(struct ser_ *s)
{
    uint64_t nslots = 1;

    while (nslots < 2 * (uint64_t)s->nusers)
        nslots <<= 1;
    for (; nslots <= (1u << 28); nslots <<= 1) {
        uint32_t *h = realloc(s->hash, (size_t)nslots * sizeof(*h));

        if (!h)
            return -ZVMC_ERR_NOMEM;
        s->hash = h;
        s->nslots = (uint32_t)nslots;
        if (hash_fill_(s, s->nslots))
            return 0;
    }
    return -ZVMC_ERR_TOOBIG;
}

/*
 * Sharing identical views
 */

static bool str_eq_(const char *a, const char *b)
{
    return a == b || !strcmp(a ? a : "", b ? b : "");   /* interned: usually a == b */
}

static bool mdisk_eq_(const void *pa, const void *pb)
{
    const struct zvmc_mdisk *a = pa, *b = pb;

    return a->vaddr == b->vaddr && str_eq_(a->devtype, b->devtype) &&
           str_eq_(a->volser, b->volser) && a->start == b->start && a->size == b->size &&
           a->unit == b->unit && a->kind == b->kind && str_eq_(a->mode, b->mode) &&
           a->flags == b->flags;
}

static bool link_eq_(const void *pa, const void *pb)
{
    const struct zvmc_link *a = pa, *b = pb;

    return str_eq_(a->owner, b->owner) && a->owner_vaddr == b->owner_vaddr &&
           a->vaddr == b->vaddr && str_eq_(a->mode, b->mode);
}

static bool dedicate_eq_(const void *pa, const void *pb)
{
    const struct zvmc_dedicate *a = pa, *b = pb;

    return a->vaddr == b->vaddr && a->rdev == b->rdev && str_eq_(a->eqid, b->eqid) &&
           str_eq_(a->devtype, b->devtype);
}

static bool nicdef_eq_(const void *pa, const void *pb)
{
    const struct zvmc_nicdef *a = pa, *b = pb;

    return a->vaddr == b->vaddr && a->type == b->type && a->conn == b->conn &&
           str_eq_(a->lan_owner, b->lan_owner) && str_eq_(a->name, b->name);
}

static bool option_eq_(const void *pa, const void *pb)
{
    return str_eq_(*(const char *const *)pa, *(const char *const *)pb);
}

static bool list_eq_(const struct odb_vec_ *a, const struct odb_vec_ *b, size_t size,
             bool (*eq)(const void *, const void *))
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!eq((const char *)a->data + i * size, (const char *)b->data + i * size))
            return false;
    return true;
}

static bool view_eq_(const struct odb_view_ *a, const struct odb_view_ *b)
{
    const struct zvmc_view *x = &a->v, *y = &b->v;

    return x->flags == y->flags && x->logon_storage == y->logon_storage &&
           x->max_storage == y->max_storage && str_eq_(x->privclasses, y->privclasses) &&
           str_eq_(x->reloc_domain, y->reloc_domain) && x->crypto == y->crypto &&
           str_eq_(x->crypto_domains, y->crypto_domains) &&
           list_eq_(&a->mdisks, &b->mdisks, sizeof(struct zvmc_mdisk), mdisk_eq_) &&
           list_eq_(&a->links, &b->links, sizeof(struct zvmc_link), link_eq_) &&
           list_eq_(&a->dedicates, &b->dedicates, sizeof(struct zvmc_dedicate), dedicate_eq_) &&
           list_eq_(&a->nicdefs, &b->nicdefs, sizeof(struct zvmc_nicdef), nicdef_eq_) &&
           list_eq_(&a->options, &b->options, sizeof(const char *), option_eq_);
}

/*
 * Number the views: a user's view on a member reuses the record of an equal
 * view of the same user on an earlier member (a USER is usually the same
 * everywhere).  Only a user's own views are compared: m*m per user at most.
 */
static int share_views_(struct ser_ *s)
{
    size_t n = s->nusers * s->m;

    s->viewmap = malloc((n ? n : 1) * sizeof(*s->viewmap));
    s->views = malloc((n ? n : 1) * sizeof(*s->views));
    if (!s->viewmap || !s->views)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i < s->nusers; i++) {
        const struct odb_view_ *v = s->users[i]->views;
        uint32_t *map = s->viewmap + i * s->m;

        for (uint32_t k = 0; k < s->m; k++) {
            map[k] = ZVMC_OD_NONE;
            if (!v[k].present)
                continue;
            for (uint32_t j = 0; j < k && map[k] == ZVMC_OD_NONE; j++)
                if (v[j].present && view_eq_(&v[j], &v[k]))
                    map[k] = map[j];
            if (map[k] == ZVMC_OD_NONE) {
                map[k] = s->nviews;
                s->views[s->nviews++] = &v[k];
            }
        }
    }
    return 0;
}

/*
 * Sharing verdict rows
 */

/* The key of a user's row: its reasons, with interned messages as pointers. */
static struct row_ *row_key_(const struct ser_ *s, const struct odb_user_ *u)
{
    size_t len = 0, at = 0;
    struct row_ *r;

    for (uint32_t k = 0; k < s->pairs; k++)
        len += 1 + 3 * u->verdicts[k].reasons.n;
    r = malloc(sizeof(*r) + len * sizeof(uintptr_t));
    if (!r)
        return NULL;
    r->len = len * sizeof(uintptr_t);
    for (uint32_t k = 0; k < s->pairs; k++) {
        const struct odb_vec_ *rs = &u->verdicts[k].reasons;

        r->key[at++] = rs->n;
        for (size_t j = 0; j < rs->n; j++) {
            const struct zvmc_reason *e = &ODB_AT(*rs, struct zvmc_reason, j);

            r->key[at++] = (uintptr_t)e->code;
            r->key[at++] = e->vaddr;
            r->key[at++] = (uintptr_t)e->message;
        }
    }
    return r;
}

/*
 * Number the verdict rows, in order of first use: users with the same
 * verdicts and reasons (all eligible, or the same IDENTITY reason) share a
 * row.  Also where an undecided pair is found: serializing it is an error.
 */
static int share_rows_(struct ser_ *s)
{
    s->vrow = malloc((s->nusers ? s->nusers : 1) * sizeof(*s->vrow));
    s->row_user = malloc((s->nusers ? s->nusers : 1) * sizeof(*s->row_user));
    if (!s->vrow || !s->row_user)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i < s->nusers; i++) {
        const struct odb_user_ *u = s->users[i];
        struct row_ *key, *found;

        for (uint32_t k = 0; k < s->pairs; k++)
            if (u->verdicts[k].state == ODB_UNDECIDED)
                return -ZVMC_ERR_INVAL;
        if (!(key = row_key_(s, u)))
            return -ZVMC_ERR_NOMEM;
        HASH_FIND(hh, s->rows, key->key, key->len, found);
        if (found) {
            s->vrow[i] = found->id;
            free(key);
            continue;
        }
        key->id = s->nrows;
        HASH_ADD_KEYPTR(hh, s->rows, key->key, key->len, key);
        if (!key->hh.tbl) {
            free(key);
            return -ZVMC_ERR_NOMEM;
        }
        s->row_user[s->nrows] = u;
        s->vrow[i] = s->nrows++;
    }
    return 0;
}

/*
 * Layout
 */

static void count_(struct ser_ *s)
{
    struct zvmc_odb *b = s->b;
    uint64_t *c = s->count;

    c[ZVMC_OD_B_CLUSTER] = 1;
    c[ZVMC_OD_B_MEMBERS] = s->m;
    for (size_t i = 0; i < s->m; i++) {
        const struct odb_member_ *mb = &ODB_AT(b->members, struct odb_member_, i);

        c[ZVMC_OD_B_SYSIDS] += mb->sysids.n;
        c[ZVMC_OD_B_CPOWNED] += mb->cpowned.n;
        c[ZVMC_OD_B_EQIDS] += mb->eqids.n;
        c[ZVMC_OD_B_VSWITCHES] += mb->vswitches.n;
    }
    c[ZVMC_OD_B_DOMAINS] = b->domains.n;
    c[ZVMC_OD_B_USERS] = s->nusers;
    c[ZVMC_OD_B_HASH] = s->nslots;
    c[ZVMC_OD_B_VIEWMAP] = (uint64_t)s->nusers * s->m;
    c[ZVMC_OD_B_VIEWS] = s->nviews;
    for (uint32_t i = 0; i < s->nviews; i++) {
        c[ZVMC_OD_B_MDISKS] += s->views[i]->mdisks.n;
        c[ZVMC_OD_B_LINKS] += s->views[i]->links.n;
        c[ZVMC_OD_B_DEDICATES] += s->views[i]->dedicates.n;
        c[ZVMC_OD_B_NICDEFS] += s->views[i]->nicdefs.n;
        c[ZVMC_OD_B_OPTIONS] += s->views[i]->options.n;
    }
    c[ZVMC_OD_B_VOLUMES] = b->volumes.n;
    for (size_t i = 0; i < b->volumes.n; i++)
        c[ZVMC_OD_B_EXTENTS] += s->vols[i]->extents.n;
    c[ZVMC_OD_B_VERDICTS] = (uint64_t)s->nrows * s->pairs;
    for (uint32_t r = 0; r < s->nrows; r++)
        for (uint32_t k = 0; k < s->pairs; k++)
            c[ZVMC_OD_B_REASONS] += s->row_user[r]->verdicts[k].reasons.n;
}

/* Block offsets: header, then each block 8-aligned; the pool goes last. */
static int layout_(struct ser_ *s, uint64_t *blocks_end)
{
    uint64_t at = ZVMC_OD_HDR_SIZE;

    for (int b = 0; b < ZVMC_OD_NBLOCKS; b++) {
        at = (at + ZVMC_OD_ALIGN - 1) & ~(uint64_t)(ZVMC_OD_ALIGN - 1);
        if (at > UINT32_MAX)
            return -ZVMC_ERR_TOOBIG;
        s->off[b] = (uint32_t)at;
        if (b != ZVMC_OD_B_STRINGS) /* the pool is sized as it fills */
            at += s->count[b] * zvmc_od_recsize_((enum zvmc_od_block)b);
    }
    *blocks_end = s->off[ZVMC_OD_B_STRINGS];
    return 0;
}

/*
 * Filling the blocks, in file order
 */

static void fill_cluster_(struct ser_ *s)
{
    uint8_t *r = rec_(s, ZVMC_OD_B_CLUSTER);

    put_str_(s, r + ZVMC_OD_CL_NAME, s->b->cluster_name);
    put_str_(s, r + ZVMC_OD_CL_LEVEL, s->b->zvm_level);
    zvmc_be32_st(r + ZVMC_OD_CL_MEMBERS, s->m);
    zvmc_be32_st(r + ZVMC_OD_CL_USERS, (uint32_t)s->nusers);
}

static struct odb_member_ *mbr_(struct ser_ *s, size_t i)
{
    return &ODB_AT(s->b->members, struct odb_member_, i);
}

static void fill_members_(struct ser_ *s)
{
    uint64_t si = 0, cp = 0, eq = 0, vs = 0;

    for (size_t i = 0; i < s->m; i++) {
        const struct odb_member_ *mb = mbr_(s, i);
        uint8_t *r = rec_(s, ZVMC_OD_B_MEMBERS);

        put_str_(s, r + ZVMC_OD_M_NAME, mb->name);
        zvmc_be32_st(r + ZVMC_OD_M_SLOT, mb->slot);
        put_str_(s, r + ZVMC_OD_M_RES, mb->res);
        put_range_(r + ZVMC_OD_M_SYSIDS, si, mb->sysids.n);
        put_range_(r + ZVMC_OD_M_CPOWNED, cp, mb->cpowned.n);
        put_range_(r + ZVMC_OD_M_EQIDS, eq, mb->eqids.n);
        put_range_(r + ZVMC_OD_M_VSWITCHES, vs, mb->vswitches.n);
        si += mb->sysids.n;
        cp += mb->cpowned.n;
        eq += mb->eqids.n;
        vs += mb->vswitches.n;
    }
    for (size_t i = 0; i < s->m; i++) {
        for (size_t k = 0; k < mbr_(s, i)->sysids.n; k++) {
            const struct zvmc_sysid *e = &ODB_AT(mbr_(s, i)->sysids, struct zvmc_sysid, k);
            uint8_t *r = rec_(s, ZVMC_OD_B_SYSIDS);

            zvmc_be32_st(r + ZVMC_OD_SI_KIND, (uint32_t)e->kind);
            put_str_(s, r + ZVMC_OD_SI_ID, e->id);
            put_str_(s, r + ZVMC_OD_SI_CPUID, e->cpuid);
        }
    }
    for (size_t i = 0; i < s->m; i++) {
        for (size_t k = 0; k < mbr_(s, i)->cpowned.n; k++) {
            const struct zvmc_cpowned *e = &ODB_AT(mbr_(s, i)->cpowned, struct zvmc_cpowned, k);
            uint8_t *r = rec_(s, ZVMC_OD_B_CPOWNED);

            zvmc_be32_st(r + ZVMC_OD_CP_SLOT, e->slot);
            put_str_(s, r + ZVMC_OD_CP_VOLID, e->volid);
        }
    }
    for (size_t i = 0; i < s->m; i++) {
        for (size_t k = 0; k < mbr_(s, i)->eqids.n; k++) {
            const struct zvmc_eqid *e = &ODB_AT(mbr_(s, i)->eqids, struct zvmc_eqid, k);
            uint8_t *r = rec_(s, ZVMC_OD_B_EQIDS);

            zvmc_be32_st(r + ZVMC_OD_EQ_FIRST, e->rdev_first);
            zvmc_be32_st(r + ZVMC_OD_EQ_LAST, e->rdev_last);
            put_str_(s, r + ZVMC_OD_EQ_EQID, e->eqid);
            put_str_(s, r + ZVMC_OD_EQ_TYPE, e->type);
        }
    }
    for (size_t i = 0; i < s->m; i++)
        for (size_t k = 0; k < mbr_(s, i)->vswitches.n; k++)
            put_str_(s, rec_(s, ZVMC_OD_B_VSWITCHES) + ZVMC_OD_VS_NAME,
                 ODB_AT(mbr_(s, i)->vswitches, const char *, k));
}

static void fill_domains_(struct ser_ *s)
{
    for (size_t i = 0; i < s->b->domains.n; i++) {
        const struct zvmc_domain *d = &ODB_AT(s->b->domains, struct zvmc_domain, i);
        uint8_t *r = rec_(s, ZVMC_OD_B_DOMAINS);

        put_str_(s, r + ZVMC_OD_D_NAME, d->name);
        zvmc_be32_st(r + ZVMC_OD_D_MASK, d->member_mask);
    }
}

static void fill_users_(struct ser_ *s)
{
    for (size_t i = 0; i < s->nusers; i++) {
        uint8_t *r = rec_(s, ZVMC_OD_B_USERS);

        put_str_(s, r + ZVMC_OD_U_NAME, s->users[i]->name);
        zvmc_be32_st(r + ZVMC_OD_U_KIND, (uint32_t)s->users[i]->kind);
        zvmc_be32_st(r + ZVMC_OD_U_VROW, s->vrow[i]);
    }
    for (uint32_t i = 0; i < s->nslots; i++)
        zvmc_be32_st(rec_(s, ZVMC_OD_B_HASH), s->hash[i]);
    for (size_t i = 0; i < s->nusers * s->m; i++)
        zvmc_be32_st(rec_(s, ZVMC_OD_B_VIEWMAP), s->viewmap[i]);
}

static void fill_views_(struct ser_ *s)
{
    uint64_t md = 0, li = 0, dd = 0, ni = 0, op = 0;

    for (uint32_t i = 0; i < s->nviews; i++) {
        const struct odb_view_ *v = s->views[i];
        uint8_t *r = rec_(s, ZVMC_OD_B_VIEWS);

        zvmc_be32_st(r + ZVMC_OD_V_FLAGS, v->v.flags);
        zvmc_be64_st(r + ZVMC_OD_V_LOGON, v->v.logon_storage);
        zvmc_be64_st(r + ZVMC_OD_V_MAX, v->v.max_storage);
        put_str_(s, r + ZVMC_OD_V_PRIV, v->v.privclasses);
        put_str_(s, r + ZVMC_OD_V_DOMAIN, v->v.reloc_domain);
        zvmc_be32_st(r + ZVMC_OD_V_CRYPTO, (uint32_t)v->v.crypto);
        put_str_(s, r + ZVMC_OD_V_CRYPTO_DOMAINS, v->v.crypto_domains);
        put_range_(r + ZVMC_OD_V_MDISKS, md, v->mdisks.n);
        put_range_(r + ZVMC_OD_V_LINKS, li, v->links.n);
        put_range_(r + ZVMC_OD_V_DEDICATES, dd, v->dedicates.n);
        put_range_(r + ZVMC_OD_V_NICDEFS, ni, v->nicdefs.n);
        put_range_(r + ZVMC_OD_V_OPTIONS, op, v->options.n);
        md += v->mdisks.n;
        li += v->links.n;
        dd += v->dedicates.n;
        ni += v->nicdefs.n;
        op += v->options.n;
    }
}

static void fill_mdisks_(struct ser_ *s, const struct odb_view_ *v)
{
    for (size_t j = 0; j < v->mdisks.n; j++) {
        const struct zvmc_mdisk *e = &ODB_AT(v->mdisks, struct zvmc_mdisk, j);
        uint8_t *r = rec_(s, ZVMC_OD_B_MDISKS);

        zvmc_be32_st(r + ZVMC_OD_MD_VADDR, e->vaddr);
        put_str_(s, r + ZVMC_OD_MD_DEVTYPE, e->devtype);
        put_str_(s, r + ZVMC_OD_MD_VOLSER, e->volser);
        zvmc_be32_st(r + ZVMC_OD_MD_START, e->start);
        zvmc_be32_st(r + ZVMC_OD_MD_SIZE_, e->size);
        zvmc_be32_st(r + ZVMC_OD_MD_UNIT, (uint32_t)e->unit);
        zvmc_be32_st(r + ZVMC_OD_MD_KIND, (uint32_t)e->kind);
        put_str_(s, r + ZVMC_OD_MD_MODE, e->mode);
        zvmc_be32_st(r + ZVMC_OD_MD_FLAGS, e->flags);
    }
}

static void fill_links_(struct ser_ *s, const struct odb_view_ *v)
{
    for (size_t j = 0; j < v->links.n; j++) {
        const struct zvmc_link *e = &ODB_AT(v->links, struct zvmc_link, j);
        uint8_t *r = rec_(s, ZVMC_OD_B_LINKS);

        put_str_(s, r + ZVMC_OD_L_OWNER, e->owner);
        zvmc_be32_st(r + ZVMC_OD_L_OWNER_VADDR, e->owner_vaddr);
        zvmc_be32_st(r + ZVMC_OD_L_VADDR, e->vaddr);
        put_str_(s, r + ZVMC_OD_L_MODE, e->mode);
    }
}

static void fill_dedicates_(struct ser_ *s, const struct odb_view_ *v)
{
    for (size_t j = 0; j < v->dedicates.n; j++) {
        const struct zvmc_dedicate *e = &ODB_AT(v->dedicates, struct zvmc_dedicate, j);
        uint8_t *r = rec_(s, ZVMC_OD_B_DEDICATES);

        zvmc_be32_st(r + ZVMC_OD_DD_VADDR, e->vaddr);
        zvmc_be32_st(r + ZVMC_OD_DD_RDEV, e->rdev);
        put_str_(s, r + ZVMC_OD_DD_EQID, e->eqid);
        put_str_(s, r + ZVMC_OD_DD_DEVTYPE, e->devtype);
    }
}

static void fill_nicdefs_(struct ser_ *s, const struct odb_view_ *v)
{
    for (size_t j = 0; j < v->nicdefs.n; j++) {
        const struct zvmc_nicdef *e = &ODB_AT(v->nicdefs, struct zvmc_nicdef, j);
        uint8_t *r = rec_(s, ZVMC_OD_B_NICDEFS);

        zvmc_be32_st(r + ZVMC_OD_N_VADDR, e->vaddr);
        zvmc_be32_st(r + ZVMC_OD_N_TYPE, (uint32_t)e->type);
        zvmc_be32_st(r + ZVMC_OD_N_CONN, (uint32_t)e->conn);
        put_str_(s, r + ZVMC_OD_N_LAN_OWNER, e->lan_owner);
        put_str_(s, r + ZVMC_OD_N_NAME, e->name);
    }
}

static void fill_options_(struct ser_ *s, const struct odb_view_ *v)
{
    for (size_t j = 0; j < v->options.n; j++)
        put_str_(s, rec_(s, ZVMC_OD_B_OPTIONS) + ZVMC_OD_O_TEXT,
             ODB_AT(v->options, const char *, j));
}

/* Each view list block in turn, the distinct views in file order. */
static void fill_view_lists_(struct ser_ *s)
{
    static void (*const fill[])(struct ser_ *, const struct odb_view_ *) = {
        fill_mdisks_, fill_links_, fill_dedicates_, fill_nicdefs_, fill_options_,
    };

    for (size_t f = 0; f < sizeof(fill) / sizeof(fill[0]); f++)
        for (uint32_t i = 0; i < s->nviews; i++)
            fill[f](s, s->views[i]);
}

static void fill_volumes_(struct ser_ *s)
{
    uint64_t x = 0;

    for (size_t i = 0; i < s->b->volumes.n; i++) {
        uint8_t *r = rec_(s, ZVMC_OD_B_VOLUMES);

        put_str_(s, r + ZVMC_OD_VO_VOLSER, s->vols[i]->volser);
        zvmc_be32_st(r + ZVMC_OD_VO_MASK, s->vols[i]->mask);
        put_range_(r + ZVMC_OD_VO_EXTENTS, x, s->vols[i]->extents.n);
        x += s->vols[i]->extents.n;
    }
    for (size_t i = 0; i < s->b->volumes.n; i++) {
        for (size_t k = 0; k < s->vols[i]->extents.n; k++) {
            const struct zvmc_extent *e = &ODB_AT(s->vols[i]->extents, struct zvmc_extent, k);
            uint8_t *r = rec_(s, ZVMC_OD_B_EXTENTS);
            uint32_t owner = e->owner < 0 ? ZVMC_OD_NONE
                : ODB_AT(s->b->users, struct odb_user_, e->owner).file_index;

            zvmc_be32_st(r + ZVMC_OD_X_START, e->start);
            zvmc_be32_st(r + ZVMC_OD_X_SIZE_, e->size);
            zvmc_be32_st(r + ZVMC_OD_X_OWNER, owner);
            zvmc_be32_st(r + ZVMC_OD_X_VADDR, e->vaddr);
        }
    }
}

static void fill_verdicts_(struct ser_ *s)
{
    uint64_t first = 0;

    for (uint32_t r = 0; r < s->nrows; r++) {
        for (uint32_t k = 0; k < s->pairs; k++) {
            size_t n = s->row_user[r]->verdicts[k].reasons.n;

            put_range_(rec_(s, ZVMC_OD_B_VERDICTS) + ZVMC_OD_VD_REASONS, first, n);
            first += n;
        }
    }
    for (uint32_t r = 0; r < s->nrows; r++) {
        for (uint32_t k = 0; k < s->pairs; k++) {
            const struct odb_vec_ *rs = &s->row_user[r]->verdicts[k].reasons;

            for (size_t j = 0; j < rs->n; j++) {
                const struct zvmc_reason *e = &ODB_AT(*rs, struct zvmc_reason, j);
                uint8_t *rec = rec_(s, ZVMC_OD_B_REASONS);

                zvmc_be32_st(rec + ZVMC_OD_R_CODE, (uint32_t)e->code);
                zvmc_be32_st(rec + ZVMC_OD_R_VADDR, e->vaddr);
                put_str_(s, rec + ZVMC_OD_R_MESSAGE, e->message);
            }
        }
    }
}

static void fill_header_(struct ser_ *s, uint8_t *img, uint32_t totalsize)
{
    zvmc_be32_st(img + ZVMC_OD_H_MAGIC, ZVMC_OD_MAGIC);
    zvmc_be32_st(img + ZVMC_OD_H_TOTALSIZE, totalsize);
    zvmc_be32_st(img + ZVMC_OD_H_VERSION, ZVMC_OBJDIR_VERSION);
    zvmc_be32_st(img + ZVMC_OD_H_LAST_COMP, ZVMC_OD_WRITE_LAST_COMP);
    zvmc_be32_st(img + ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE);
    zvmc_be32_st(img + ZVMC_OD_H_FLAGS, 0);
    zvmc_be32_st(img + ZVMC_OD_H_NBLOCKS, ZVMC_OD_NBLOCKS);
    for (int b = 0; b < ZVMC_OD_NBLOCKS; b++) {
        uint8_t *e = img + ZVMC_OD_H_BLOCKS + b * ZVMC_OD_H_BLOCK_ENTRY;
        uint64_t size = b == ZVMC_OD_B_STRINGS
            ? s->pool_len : s->count[b] * zvmc_od_recsize_((enum zvmc_od_block)b);

        zvmc_be32_st(e, s->off[b]);
        zvmc_be32_st(e + 4, (uint32_t)size);
    }
    zvmc_be32_st(img + ZVMC_OD_H_CRC, zvmc_od_checksum_(img, totalsize));
}

/* Everything after the layout: fill, append the pool, seal the header. */
static int emit_(struct ser_ *s, uint64_t blocks_end, uint8_t **img, size_t *len)
{
    uint64_t total;
    uint8_t *out;

    s->img = calloc(1, blocks_end);
    s->pool = malloc(64);
    if (!s->img || !s->pool)
        return -ZVMC_ERR_NOMEM;
    s->pool_cap = 64;
    s->pool[0] = '\0';  /* offset 0: the empty string */
    s->pool_len = 1;
    fill_cluster_(s);
    fill_members_(s);
    fill_domains_(s);
    fill_users_(s);
    fill_views_(s);
    fill_view_lists_(s);
    fill_volumes_(s);
    fill_verdicts_(s);
    if (s->err)
        return s->err;
    total = blocks_end + s->pool_len;
    if (total > UINT32_MAX)
        return -ZVMC_ERR_TOOBIG;
    out = realloc(s->img, total);
    if (!out)
        return -ZVMC_ERR_NOMEM;
    s->img = NULL;
    memcpy(out + blocks_end, s->pool, s->pool_len);
    fill_header_(s, out, (uint32_t)total);
    *img = out;
    *len = (size_t)total;
    return 0;
}

static void ser_free_(struct ser_ *s)
{
    struct row_ *r, *tmp;

    HASH_ITER(hh, s->rows, r, tmp) {
        HASH_DEL(s->rows, r);
        free(r);
    }
    free(s->users);
    free(s->vols);
    free(s->hash);
    free(s->viewmap);
    free(s->views);
    free(s->vrow);
    free(s->row_user);
    free(s->img);
    free(s->pool);
}

int zvmc_odb_serialize(struct zvmc_odb *b, uint8_t **img, size_t *len)
{
    struct ser_ s = { .b = b };
    struct odb_str_ *e, *tmp;
    uint64_t blocks_end;
    int rc;

    if (!b || !img || !len)
        return -ZVMC_ERR_INVAL;
    *img = NULL;
    *len = 0;
    s.m = (uint32_t)b->members.n;
    s.pairs = zvmc_od_pairs_(s.m);
    s.nusers = b->users.n;
    HASH_ITER(hh, b->strings, e, tmp)
        e->off = 0; /* not yet in this serialization's pool */
    if (!(rc = sort_(&s)) && !(rc = share_rows_(&s)) && !(rc = build_hash_(&s)) &&
        !(rc = share_views_(&s))) {
        count_(&s);
        if (!(rc = layout_(&s, &blocks_end)))
            rc = emit_(&s, blocks_end, img, len);
    }
    ser_free_(&s);
    return rc;
}
