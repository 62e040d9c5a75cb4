/* SPDX-License-Identifier: MIT */
/*
 * objdir_serialize.c - turn a builder's model into the object directory format.
 *
 * Steps: sort users and volumes by name; build the hash index; share what
 * repeats (a user's identical views on several members become one view
 * record; users with identical verdicts share one verdict row); count the
 * records of every block, which fixes the layout; then fill the blocks in
 * file order, straight into the one allocation that is the image.
 *
 * The string pool is the last block, and each string's first use (in file
 * order) fixes its offset: it is copied there when the record that first
 * uses it is written.  The image is allocated once, with room for every
 * string the builder holds (an upper bound of the pool: a string no record
 * uses, which only a failed or overwritten call leaves, is never written),
 * and the header gives the exact size.  The bytes depend only on the model,
 * never on the order of the builder calls, on pointer values or on hashing.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/objdir_builder_int.h"
#include "runtime/objdir_format.h"
#include "util/hugepage.h"

/*
 * The records are read in file order, which is not the order the builder
 * made them in: a hint to fetch what the loop needs a few records ahead
 * hides most of the memory latency.
 */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH_(p) __builtin_prefetch(p)
#else
#define PREFETCH_(p) ((void)(p))
#endif
#define AHEAD_ 8

struct ser_ {
    struct zvmc_odb *b;
    uint32_t m, pairs;      /* members, ordered member pairs */
    size_t nusers, nvols;
    uint32_t *users;        /* user handles, sorted by name */
    const char **unames;    /* their names */
    uint32_t *vols;         /* volume handles, sorted by volser */
    uint32_t *hash;         /* the hash index slots */
    uint32_t nslots;
    uint32_t *viewmap;      /* [file user * m + member]: view index or ZVMC_OD_NONE */
    const uint32_t **views; /* the distinct view blobs, in file order */
    uint32_t *vcount;       /* [view * ODB_VIEW_LISTS + list]: its records, so that
                             * the passes over the lists touch a blob only for
                             * a list it has */
    uint32_t nviews;
    uint32_t *vrow;         /* [file user]: verdict row */
    const struct odb_row_ **rows;   /* the verdict rows, in file order */
    uint32_t nrows;
    uint32_t *row_file;     /* [row id]: its file row, or ODB_NONE */
    uint32_t *vol_first;    /* [volume handle]: its extent count, then its next record */
    uint32_t *off;          /* [string id]: pool offset, 0 until first used */
    uint64_t count[ZVMC_OD_NBLOCKS];    /* records per block */
    uint32_t boff[ZVMC_OD_NBLOCKS];     /* block offsets */
    uint64_t next[ZVMC_OD_NBLOCKS];     /* next record to fill */
    int huge_img;           /* the image is a huge_* block (else zalloc_*) */
    uint8_t *img;           /* the image */
    char *pool;             /* its string pool */
    size_t pool_len, pool_cap;
    int err;            /* first error while filling */
};

/* An array of n elements (uninitialised, or zeroed): a huge_* block, freed
 * with huge_free() (the large ones fault in 2 MiB at a time). */
static void *alloc_(struct ser_ *s, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return huge_alloc(&s->b->alloc, (n ? n : 1) * size);
}

static void *zeroed_(struct ser_ *s, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return huge_calloc(&s->b->alloc, (n ? n : 1) * size);
}

/*
 * Strings
 */

/* The pool offset of a string id; its first use appends it to the pool. */
static uint32_t str_off_(struct ser_ *s, uint32_t id)
{
    const struct odb_str_ *e;

    if (!id)
        return 0;
    if (s->off[id])  /* 0 is the empty string, so never a real string's offset */
        return s->off[id];
    e = odb_str_(s->b, id);
    if (s->pool_len + e->len + 1 > s->pool_cap) {  /* the image would pass 4 GiB */
        s->err = s->err ? s->err : -ZVMC_ERR_TOOBIG;
        return 0;
    }
    memcpy(s->pool + s->pool_len, e->s, e->len + 1);
    s->off[id] = (uint32_t)s->pool_len;
    s->pool_len += e->len + 1;
    return s->off[id];
}

/*
 * Record writing
 */

/* The next record of block bl; the counting pass sized every block exactly. */
static uint8_t *rec_(struct ser_ *s, enum zvmc_od_block bl)
{
    return s->img + s->boff[bl] + s->next[bl]++ * zvmc_od_recsize_(bl);
}

/* Store n words at p, big-endian; the words of mask's bits are string ids. */
static void put_words_(struct ser_ *s, uint8_t *p, const uint32_t *w, uint32_t n, uint32_t mask)
{
    for (uint32_t i = 0; i < n; i++, p += 4)
        zvmc_be32_st(p, (mask >> i & 1) ? str_off_(s, w[i]) : w[i]);
}

static void put_range_(uint8_t *field, uint64_t first, uint64_t count)
{
    zvmc_be32_st(field, (uint32_t)first);
    zvmc_be32_st(field + 4, (uint32_t)count);
}

/* n records of block bl, from words w (string ids where mask says). */
static void put_recs_(struct ser_ *s, enum zvmc_od_block bl, const uint32_t *w, size_t n,
              uint32_t nw, uint32_t mask)
{
    for (size_t i = 0; i < n; i++, w += nw)
        put_words_(s, rec_(s, bl), w, nw, mask);
}

/*
 * Sorting by name, strcmp order: a radix sort on the first 8 bytes, then
 * strcmp within the (rare) runs of names that share them.
 */

struct skey_ {
    uint64_t k;
    const char *name;
    uint32_t h;         /* the handle */
};

static int skey_cmp_(const void *a, const void *b)
{
    return strcmp(((const struct skey_ *)a)->name, ((const struct skey_ *)b)->name);
}

/*
 * Sort handles 0..n-1 by the names of their string ids (ids[h]) into out
 * (and the names into names, unless NULL); a and t are work arrays of n.
 */
static void sort_names_(struct ser_ *s, const uint32_t *ids, size_t n, uint32_t *out,
            const char **names, struct skey_ *a, struct skey_ *t)
{
    size_t cnt[8][256], *c;
    struct skey_ *x;

    memset(cnt, 0, sizeof(cnt));
    for (size_t i = 0; i < n; i++) {
        const struct odb_str_ *e = odb_str_(s->b, ids[i]);
        uint64_t k = 0;

        for (uint32_t j = 0; j < 8; j++)
            k = k << 8 | (j < e->len ? (unsigned char)e->s[j] : 0);
        a[i] = (struct skey_){ k, e->s, (uint32_t)i };
        for (int d = 0; d < 8; d++)     /* every byte's histogram in one pass */
            cnt[d][k >> (8 * d) & 0xFF]++;
    }
    for (int d = 0; d < 8; d++) {   /* stable, least significant byte first */
        size_t at = 0;

        c = cnt[d];
        if (n && c[a[0].k >> (8 * d) & 0xFF] == n)
            continue;   /* every key has this byte */
        for (int v = 0; v < 256; v++) {
            size_t k = c[v];

            c[v] = at;
            at += k;
        }
        for (size_t i = 0; i < n; i++)
            t[c[a[i].k >> (8 * d) & 0xFF]++] = a[i];
        x = a;
        a = t;
        t = x;
    }
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && a[j].k == a[i].k; j++)
            ;
        if (j - i > 1)
            qsort(a + i, j - i, sizeof(*a), skey_cmp_);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = a[i].h;
    for (size_t i = 0; i < n && names; i++)
        names[i] = a[i].name;
}

static int sort_(struct ser_ *s)
{
    struct zvmc_odb *b = s->b;
    size_t most = s->nusers > s->nvols ? s->nusers : s->nvols;
    uint32_t *ids = alloc_(s, most, sizeof(*ids));
    struct skey_ *a = alloc_(s, most, sizeof(*a)), *t = alloc_(s, most, sizeof(*t));
    int rc = 0;

    s->users = alloc_(s, s->nusers, sizeof(*s->users));
    s->unames = alloc_(s, s->nusers, sizeof(*s->unames));
    s->vols = alloc_(s, s->nvols, sizeof(*s->vols));
    if (!ids || !a || !t || !s->users || !s->unames || !s->vols) {
        rc = -ZVMC_ERR_NOMEM;
    } else {
        for (size_t i = 0; i < s->nusers; i++)
            ids[i] = ODB_AT(b->users, struct odb_user_, i).name;
        sort_names_(s, ids, s->nusers, s->users, s->unames, a, t);
        for (size_t i = 0; i < s->nvols; i++)
            ids[i] = ODB_AT(b->volumes, struct odb_volume_, i).volser;
        sort_names_(s, ids, s->nvols, s->vols, NULL, a, t);
        for (size_t i = 0; i < s->nusers; i++)
            ODB_AT(b->users, struct odb_user_, s->users[i]).file_index = (uint32_t)i;
    }
    huge_free(&b->alloc, ids);
    huge_free(&b->alloc, a);
    huge_free(&b->alloc, t);
    return rc;
}

/*
 * The hash index
 */

/* Fill nslots slots by linear probing; 0 if some user lands too far from home. */
static int hash_fill_(struct ser_ *s, uint32_t nslots)
{
    uint32_t mask = nslots - 1;

    memset(s->hash, 0, (size_t)nslots * sizeof(*s->hash));
    for (size_t i = 0; i < s->nusers; i++) {
        uint32_t slot = zvmc_od_hash_(s->unames[i]) & mask, probe = 0;

        if (i + AHEAD_ < s->nusers)
            PREFETCH_(s->unames[i + AHEAD_]);
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
        huge_free(&s->b->alloc, s->hash);
        s->hash = alloc_(s, (size_t)nslots, sizeof(*s->hash));
        if (!s->hash)
            return -ZVMC_ERR_NOMEM;
        s->nslots = (uint32_t)nslots;
        if (hash_fill_(s, s->nslots))
            return 0;
    }
    return -ZVMC_ERR_TOOBIG;
}

/*
 * Sharing
 */

/*
 * Number the views: a user's view on a member reuses the record of an equal
 * view of the same user on an earlier member (a USER is usually the same
 * everywhere, and then the builder already holds one blob).  Only a user's
 * own views are compared: m*m per user at most.
 */
static int share_views_(struct ser_ *s)
{
    size_t n = s->nusers * s->m;

    s->viewmap = alloc_(s, n, sizeof(*s->viewmap));
    s->views = alloc_(s, n, sizeof(*s->views));
    s->vcount = n > SIZE_MAX / ODB_VIEW_LISTS ? NULL
        : alloc_(s, n * ODB_VIEW_LISTS, sizeof(*s->vcount));
    if (!s->viewmap || !s->views || !s->vcount)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i < s->nusers; i++) {
        const uint32_t *const *v = &ODB_AT(s->b->views, const uint32_t *,
                           (size_t)s->users[i] * s->m);
        uint32_t *map = s->viewmap + i * s->m;

        if (i + 2 * AHEAD_ < s->nusers)
            PREFETCH_(&ODB_AT(s->b->views, const uint32_t *,
                      (size_t)s->users[i + 2 * AHEAD_] * s->m));
        if (i + AHEAD_ < s->nusers)
            PREFETCH_(ODB_AT(s->b->views, const uint32_t *,
                     (size_t)s->users[i + AHEAD_] * s->m));
        for (uint32_t k = 0; k < s->m; k++) {
            map[k] = ZVMC_OD_NONE;
            if (!v[k])
                continue;
            for (uint32_t j = 0; j < k && map[k] == ZVMC_OD_NONE; j++) {
                size_t len;

                if (!v[j])
                    continue;
                if (v[j] == v[k] || ((len = odb_view_words_(v[j])) == odb_view_words_(v[k]) &&
                             !memcmp(v[j], v[k], len * sizeof(uint32_t))))
                    map[k] = map[j];
            }
            if (map[k] == ZVMC_OD_NONE) {
                map[k] = s->nviews;
                memcpy(&s->vcount[(size_t)s->nviews * ODB_VIEW_LISTS], &v[k][ODB_VIEW_HEAD],
                       ODB_VIEW_LISTS * sizeof(*s->vcount));
                s->views[s->nviews++] = v[k];
            }
        }
    }
    return 0;
}

/*
 * Number the verdict rows, in order of first use: users with the same
 * verdicts and reasons (all eligible, or the same IDENTITY reason) share a
 * row.  Also where an undecided pair is found: serializing it is an error.
 */
static int share_rows_(struct ser_ *s)
{
    const struct zvmc_odb *b = s->b;
    size_t nr = b->rows.n;

    s->vrow = alloc_(s, s->nusers, sizeof(*s->vrow));
    s->rows = alloc_(s, nr, sizeof(*s->rows));
    s->row_file = alloc_(s, nr, sizeof(*s->row_file));
    if (!s->vrow || !s->rows || !s->row_file)
        return -ZVMC_ERR_NOMEM;
    if (s->pairs == 0) {    /* one empty row, shared by everyone */
        s->nrows = s->nusers ? 1 : 0;
        memset(s->vrow, 0, (s->nusers ? s->nusers : 1) * sizeof(*s->vrow));
        return 0;
    }
    for (size_t r = 0; r < nr; r++)
        s->row_file[r] = ODB_NONE;
    for (size_t i = 0; i < s->nusers; i++) {
        uint32_t r = ODB_AT(b->users, struct odb_user_, s->users[i]).row;

        if (r == ODB_NONE)
            return -ZVMC_ERR_INVAL;
        if (s->row_file[r] == ODB_NONE) {
            const struct odb_row_ *row = ODB_AT(b->rows, const struct odb_row_ *, r);
            const uint32_t *w = row->w;

            for (uint32_t k = 0; k < s->pairs; k++) {
                if ((*w & 3) == ODB_UNDECIDED)
                    return -ZVMC_ERR_INVAL;
                w += 1 + (size_t)(*w >> 2) * ODB_REASON_W;
            }
            s->row_file[r] = s->nrows;
            s->rows[s->nrows++] = row;
        }
        s->vrow[i] = s->row_file[r];
    }
    return 0;
}

/*
 * Layout
 */

static void count_(struct ser_ *s)
{
    const struct zvmc_odb *b = s->b;
    uint64_t *c = s->count;

    c[ZVMC_OD_B_CLUSTER] = 1;
    c[ZVMC_OD_B_MEMBERS] = s->m;
    for (uint32_t i = 0; i < s->m; i++) {
        const struct odb_member_ *mb = &b->members[i];

        c[ZVMC_OD_B_SYSIDS] += mb->sysids.n / ODB_SYSID_W;
        c[ZVMC_OD_B_CPOWNED] += mb->cpowned.n / ODB_CPOWNED_W;
        c[ZVMC_OD_B_EQIDS] += mb->eqids.n / ODB_EQID_W;
        c[ZVMC_OD_B_VSWITCHES] += mb->vswitches.n / ODB_VSWITCH_W;
    }
    c[ZVMC_OD_B_DOMAINS] = b->domains.n / ODB_DOMAIN_W;
    c[ZVMC_OD_B_USERS] = s->nusers;
    c[ZVMC_OD_B_HASH] = s->nslots;
    c[ZVMC_OD_B_VIEWMAP] = (uint64_t)s->nusers * s->m;
    c[ZVMC_OD_B_VIEWS] = s->nviews;
    for (size_t i = 0; i < (size_t)s->nviews * ODB_VIEW_LISTS; i++)
        c[ZVMC_OD_B_MDISKS + i % ODB_VIEW_LISTS] += s->vcount[i];
    c[ZVMC_OD_B_VOLUMES] = s->nvols;
    c[ZVMC_OD_B_EXTENTS] = b->extents.n;
    c[ZVMC_OD_B_VERDICTS] = (uint64_t)s->nrows * s->pairs;
    for (uint32_t r = 0; r < s->nrows && s->pairs; r++)
        c[ZVMC_OD_B_REASONS] += (s->rows[r]->nwords - s->pairs) / ODB_REASON_W;
}

/* Block offsets: header, then each block 8-aligned; the pool goes last. */
static int layout_(struct ser_ *s, uint64_t *blocks_end)
{
    uint64_t at = ZVMC_OD_HDR_SIZE;

    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        at = (at + ZVMC_OD_ALIGN - 1) & ~(uint64_t)(ZVMC_OD_ALIGN - 1);
        if (at > UINT32_MAX)
            return -ZVMC_ERR_TOOBIG;
        s->boff[bl] = (uint32_t)at;
        if (bl != ZVMC_OD_B_STRINGS)    /* the pool is sized by the dry run */
            at += s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl);
    }
    *blocks_end = s->boff[ZVMC_OD_B_STRINGS];
    return 0;
}

/*
 * Filling the blocks, in file order
 */

static void fill_cluster_(struct ser_ *s)
{
    uint8_t *r = rec_(s, ZVMC_OD_B_CLUSTER);

    zvmc_be32_st(r + ZVMC_OD_CL_NAME, str_off_(s, s->b->cluster_name));
    zvmc_be32_st(r + ZVMC_OD_CL_LEVEL, str_off_(s, s->b->zvm_level));
    zvmc_be32_st(r + ZVMC_OD_CL_MEMBERS, s->m);
    zvmc_be32_st(r + ZVMC_OD_CL_USERS, (uint32_t)s->nusers);
}

static void fill_members_(struct ser_ *s)
{
    const struct odb_member_ *mb = s->b->members;
    uint64_t si = 0, cp = 0, eq = 0, vs = 0;

    for (uint32_t i = 0; i < s->m; i++) {
        uint8_t *r = rec_(s, ZVMC_OD_B_MEMBERS);
        size_t nsi = mb[i].sysids.n / ODB_SYSID_W, ncp = mb[i].cpowned.n / ODB_CPOWNED_W,
               neq = mb[i].eqids.n / ODB_EQID_W, nvs = mb[i].vswitches.n / ODB_VSWITCH_W;

        zvmc_be32_st(r + ZVMC_OD_M_NAME, str_off_(s, mb[i].name));
        zvmc_be32_st(r + ZVMC_OD_M_SLOT, mb[i].slot);
        zvmc_be32_st(r + ZVMC_OD_M_RES, str_off_(s, mb[i].res));
        put_range_(r + ZVMC_OD_M_SYSIDS, si, nsi);
        put_range_(r + ZVMC_OD_M_CPOWNED, cp, ncp);
        put_range_(r + ZVMC_OD_M_EQIDS, eq, neq);
        put_range_(r + ZVMC_OD_M_VSWITCHES, vs, nvs);
        si += nsi;
        cp += ncp;
        eq += neq;
        vs += nvs;
    }
    for (uint32_t i = 0; i < s->m; i++)
        put_recs_(s, ZVMC_OD_B_SYSIDS, mb[i].sysids.data, mb[i].sysids.n / ODB_SYSID_W,
              ODB_SYSID_W, ODB_SYSID_S);
    for (uint32_t i = 0; i < s->m; i++)
        put_recs_(s, ZVMC_OD_B_CPOWNED, mb[i].cpowned.data, mb[i].cpowned.n / ODB_CPOWNED_W,
              ODB_CPOWNED_W, ODB_CPOWNED_S);
    for (uint32_t i = 0; i < s->m; i++)
        put_recs_(s, ZVMC_OD_B_EQIDS, mb[i].eqids.data, mb[i].eqids.n / ODB_EQID_W,
              ODB_EQID_W, ODB_EQID_S);
    for (uint32_t i = 0; i < s->m; i++)
        put_recs_(s, ZVMC_OD_B_VSWITCHES, mb[i].vswitches.data,
              mb[i].vswitches.n / ODB_VSWITCH_W, ODB_VSWITCH_W, ODB_VSWITCH_S);
}

static void fill_domains_(struct ser_ *s)
{
    put_recs_(s, ZVMC_OD_B_DOMAINS, s->b->domains.data, s->b->domains.n / ODB_DOMAIN_W,
          ODB_DOMAIN_W, ODB_DOMAIN_S);
}

static void fill_users_(struct ser_ *s)
{
    for (size_t i = 0; i < s->nusers; i++) {
        const struct odb_user_ *u = &ODB_AT(s->b->users, struct odb_user_, s->users[i]);
        uint8_t *r = rec_(s, ZVMC_OD_B_USERS);

        if (i + AHEAD_ < s->nusers) {
            PREFETCH_(&ODB_AT(s->b->users, struct odb_user_, s->users[i + AHEAD_]));
            PREFETCH_(s->unames[i + AHEAD_]);
        }
        zvmc_be32_st(r + ZVMC_OD_U_NAME, str_off_(s, u->name));
        zvmc_be32_st(r + ZVMC_OD_U_KIND, u->kind);
        zvmc_be32_st(r + ZVMC_OD_U_VROW, s->vrow[i]);
    }
    for (uint32_t i = 0; i < s->nslots; i++)
        zvmc_be32_st(rec_(s, ZVMC_OD_B_HASH), s->hash[i]);
    for (size_t i = 0; i < s->nusers * s->m; i++)
        zvmc_be32_st(rec_(s, ZVMC_OD_B_VIEWMAP), s->viewmap[i]);
}

static void fill_views_(struct ser_ *s)
{
    uint64_t first[ODB_VIEW_LISTS] = { 0 };

    for (uint32_t i = 0; i < s->nviews; i++) {
        const uint32_t *n = &s->vcount[(size_t)i * ODB_VIEW_LISTS];
        uint8_t *r = rec_(s, ZVMC_OD_B_VIEWS);

        if (i + AHEAD_ < s->nviews)
            PREFETCH_(s->views[i + AHEAD_]);

        put_words_(s, r, s->views[i], ODB_VIEW_HEAD, ODB_VIEWHEAD_S);
        for (int l = 0; l < ODB_VIEW_LISTS; l++) {
            put_range_(r + ZVMC_OD_V_MDISKS + 8 * l, first[l], n[l]);
            first[l] += n[l];
        }
    }
}

/* Each view list block in turn, the distinct views in file order. */
static void fill_view_lists_(struct ser_ *s)
{
    for (int l = 0; l < ODB_VIEW_LISTS; l++) {
        enum zvmc_od_block bl = (enum zvmc_od_block)(ZVMC_OD_B_MDISKS + l);
        uint32_t nw = odb_list_w_(l), mask = odb_list_s_(l);

        for (uint32_t i = 0; i < s->nviews; i++) {
            const uint32_t *n = &s->vcount[(size_t)i * ODB_VIEW_LISTS];
            size_t at = ODB_VIEW_FIXED;

            if (i + AHEAD_ < s->nviews)
                PREFETCH_(s->views[i + AHEAD_] + ODB_VIEW_FIXED);
            if (!n[l])
                continue;
            for (int k = 0; k < l; k++)
                at += (size_t)n[k] * odb_list_w_(k);
            put_recs_(s, bl, s->views[i] + at, n[l], nw, mask);
        }
    }
}

static void fill_volumes_(struct ser_ *s)
{
    const struct zvmc_odb *b = s->b;
    uint64_t first = 0;

    for (size_t i = 0; i < s->nvols; i++) {
        uint8_t *r = rec_(s, ZVMC_OD_B_VOLUMES);
        const struct odb_volume_ *v = &ODB_AT(b->volumes, struct odb_volume_, s->vols[i]);
        uint32_t n = s->vol_first[s->vols[i]];  /* the volume's extent count */

        zvmc_be32_st(r + ZVMC_OD_VO_VOLSER, str_off_(s, v->volser));
        zvmc_be32_st(r + ZVMC_OD_VO_MASK, v->mask);
        put_range_(r + ZVMC_OD_VO_EXTENTS, first, n);
        /* from here on vol_first is the volume's next extent record */
        s->vol_first[s->vols[i]] = (uint32_t)first;
        first += n;
    }
    /* each volume's extents in the order they were added */
    for (size_t i = 0; i < b->extents.n; i++) {
        const struct odb_extent_ *e = &ODB_AT(b->extents, struct odb_extent_, i);
        uint8_t *r = s->img + s->boff[ZVMC_OD_B_EXTENTS] +
                 (size_t)s->vol_first[e->vol]++ * ZVMC_OD_X_SIZE;
        uint32_t owner = e->w[2] == ODB_NONE ? ZVMC_OD_NONE
            : ODB_AT(b->users, struct odb_user_, e->w[2]).file_index;

        zvmc_be32_st(r + ZVMC_OD_X_START, e->w[0]);
        zvmc_be32_st(r + ZVMC_OD_X_SIZE_, e->w[1]);
        zvmc_be32_st(r + ZVMC_OD_X_OWNER, owner);
        zvmc_be32_st(r + ZVMC_OD_X_VADDR, e->w[3]);
    }
}

static void fill_verdicts_(struct ser_ *s)
{
    uint64_t first = 0;

    for (uint32_t r = 0; r < s->nrows && s->pairs; r++) {
        const uint32_t *w = s->rows[r]->w;

        for (uint32_t k = 0; k < s->pairs; k++) {
            put_range_(rec_(s, ZVMC_OD_B_VERDICTS) + ZVMC_OD_VD_REASONS, first, *w >> 2);
            first += *w >> 2;
            w += 1 + (size_t)(*w >> 2) * ODB_REASON_W;
        }
    }
    for (uint32_t r = 0; r < s->nrows && s->pairs; r++) {
        const uint32_t *w = s->rows[r]->w;

        for (uint32_t k = 0; k < s->pairs; k++) {
            uint32_t n = *w++ >> 2;

            put_recs_(s, ZVMC_OD_B_REASONS, w, n, ODB_REASON_W, ODB_REASON_S);
            w += (size_t)n * ODB_REASON_W;
        }
    }
}

/* Every block, in file order. */
static void fill_(struct ser_ *s)
{
    fill_cluster_(s);
    fill_members_(s);
    fill_domains_(s);
    fill_users_(s);
    fill_views_(s);
    fill_view_lists_(s);
    fill_volumes_(s);
    fill_verdicts_(s);
}

static void fill_header_(struct ser_ *s, uint8_t *img, uint32_t totalsize)
{
    zvmc_be32_st(img + ZVMC_OD_H_MAGIC, ZVMC_OD_MAGIC);
    zvmc_be32_st(img + ZVMC_OD_H_TOTALSIZE, totalsize);
    zvmc_be32_st(img + ZVMC_OD_H_VERSION, ZVMC_OBJDIR_VERSION);
    zvmc_be32_st(img + ZVMC_OD_H_LAST_COMP, ZVMC_OD_WRITE_LAST_COMP);
    zvmc_be32_st(img + ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE);
    zvmc_be32_st(img + ZVMC_OD_H_FLAGS, 0);
    zvmc_be32_st(img + ZVMC_OD_H_CRC, 0);
    zvmc_be32_st(img + ZVMC_OD_H_NBLOCKS, ZVMC_OD_NBLOCKS);
    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        uint8_t *e = img + ZVMC_OD_H_BLOCKS + bl * ZVMC_OD_H_BLOCK_ENTRY;
        uint64_t size = bl == ZVMC_OD_B_STRINGS
            ? s->pool_len : s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl);

        zvmc_be32_st(e, s->boff[bl]);
        zvmc_be32_st(e + 4, (uint32_t)size);
    }
    zvmc_be32_st(img + ZVMC_OD_H_CRC, zvmc_od_checksum_(img, totalsize));
}

/* Everything after the layout: allocate, fill, seal the header. */
static int emit_(struct ser_ *s, uint64_t blocks_end, size_t lead, uint8_t **block, size_t *len)
{
    const struct zvmc_odb *b = s->b;
    uint64_t at = ZVMC_OD_HDR_SIZE, room = 1 + (uint64_t)b->str_bytes;
    uint8_t *out;

    s->off = zeroed_(s, b->strs.n, sizeof(*s->off));
    s->vol_first = zeroed_(s, s->nvols, sizeof(*s->vol_first));    /* extents per volume */
    if (!s->off || !s->vol_first)
        return -ZVMC_ERR_NOMEM;
    if (room > (uint64_t)UINT32_MAX - blocks_end)
        room = (uint64_t)UINT32_MAX - blocks_end;
    if (lead > SIZE_MAX - blocks_end - room)
        return -ZVMC_ERR_NOMEM;
    /* on a virtual machine, faulting the image in 4 KiB at a time costs more
     * than filling it: huge pages, unless the caller frees it with free() */
    if (s->huge_img)
        out = huge_alloc_dense(&s->b->alloc, lead + (size_t)(blocks_end + room));
    else if ((out = zalloc_malloc(&s->b->alloc, lead + (size_t)(blocks_end + room))))
        advise_hugepages(out, lead + (size_t)(blocks_end + room));
    if (!out)
        return -ZVMC_ERR_NOMEM;
    s->img = out + lead;
    s->pool = (char *)s->img + blocks_end;
    s->pool_cap = (size_t)room;
    s->pool[0] = '\0';     /* offset 0: the empty string */
    s->pool_len = 1;
    /* the padding before each block; every record byte is written below */
    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        memset(s->img + at, 0, s->boff[bl] - at);
        at = s->boff[bl] + (bl == ZVMC_OD_B_STRINGS
                    ? 0 : s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl));
    }
    for (size_t i = 0; i < b->extents.n; i++)
        s->vol_first[ODB_AT(b->extents, struct odb_extent_, i).vol]++;
    fill_(s);
    if (s->err) {
        if (s->huge_img)
            huge_free(&s->b->alloc, out);
        else
            zalloc_free(&s->b->alloc, out);
        s->img = NULL;
        return s->err;
    }
    fill_header_(s, s->img, (uint32_t)(blocks_end + s->pool_len));
    *block = out;
    *len = (size_t)(blocks_end + s->pool_len);
    return 0;
}

static void ser_free_(struct ser_ *s)
{
    const zvmc_alloc *a = &s->b->alloc;

    huge_free(a, s->users);
    huge_free(a, s->unames);
    huge_free(a, s->vols);
    huge_free(a, s->hash);
    huge_free(a, s->viewmap);
    huge_free(a, s->views);
    huge_free(a, s->vcount);
    huge_free(a, s->vrow);
    huge_free(a, s->rows);
    huge_free(a, s->row_file);
    huge_free(a, s->vol_first);
    huge_free(a, s->off);
}

/* The image into one allocation, lead bytes after its start: a huge_* block
 * when huge, else a zalloc_* one. */
static int serialize_(struct zvmc_odb *b, size_t lead, int huge, uint8_t **block, size_t *len)
{
    struct ser_ s;
    uint64_t blocks_end;
    int rc;

    if (!b || !block || !len)
        return -ZVMC_ERR_INVAL;
    *block = NULL;
    *len = 0;
    if ((rc = odb_close_view_(b)) || (rc = odb_close_verdicts_(b)))
        return rc;
    memset(&s, 0, sizeof(s));
    s.b = b;
    s.huge_img = huge;
    s.m = b->nmembers;
    s.pairs = zvmc_od_pairs_(s.m);
    s.nusers = b->users.n;
    s.nvols = b->volumes.n;
    if (!(rc = sort_(&s)) && !(rc = share_rows_(&s)) && !(rc = build_hash_(&s)) &&
        !(rc = share_views_(&s))) {
        count_(&s);
        if (!(rc = layout_(&s, &blocks_end)))
            rc = emit_(&s, blocks_end, lead, block, len);
    }
    ser_free_(&s);
    return rc;
}

/* *block is a huge_* block: free it with huge_free() (compile.c does). */
int zvmc_odb_serialize_lead(struct zvmc_odb *b, size_t lead, uint8_t **block, size_t *len)
{
    return serialize_(b, lead, 1, block, len);
}

/* *img is a plain block from the builder's allocator: its free() frees it. */
int zvmc_odb_serialize(struct zvmc_odb *b, uint8_t **img, size_t *len)
{
    if (!img)
        return -ZVMC_ERR_INVAL;
    return serialize_(b, 0, 0, img, len);
}
