/* SPDX-License-Identifier: MIT */
/*
 * objdir_serialize.c - turn a builder's model into the object directory format.
 *
 * Steps: sort users and volumes by name; build the hash index; share what
 * repeats (a user's identical views on several members become one view
 * record; users with identical verdicts share one verdict row); count the
 * records of every block, which fixes the layout; then fill the blocks in
 * file order, straight into the one allocation that is the image, or (when
 * writing a file) through a window of a few hundred kilobytes that slides
 * along the file: the image is then never in memory whole.
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
#include "emit/outfile.h"
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

/* The largest record, and the unit in which whole buffers go through the
 * window; a streaming window is at least this large. */
#define SER_CHUNK 128
_Static_assert(ZVMC_OD_V_SIZE <= SER_CHUNK && ZVMC_OD_M_SIZE <= SER_CHUNK &&
               ZVMC_OD_MD_SIZE <= SER_CHUNK, "a record fits a chunk");

struct ser_ {
    struct zvmc_odb *b;
    uint32_t m, pairs;      /* members, ordered member pairs */
    size_t nusers, nvols;
    uint32_t *users;        /* user handles, sorted by name */
    const char **unames;    /* their names */
    uint32_t *vols;         /* volume handles, sorted by volser */
    uint32_t *hash;         /* the hash index slots */
    uint32_t nslots;
    uint32_t seed;          /* the hash index's seed (0: a version-1 file) */
    uint32_t *hv;           /* [file user]: its hash with the seed being tried */
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
    uint8_t *img;           /* the image, in memory; NULL when streaming */
    /* Where the bytes go: bytes [win_off, win_off + win_cap) of the image are
     * win[].  In memory the window is the whole image; streaming, it slides
     * along the file (slide_()), as the blocks are filled in file order. */
    struct zvmc_outfile *file;   /* streaming: the file; NULL: in memory */
    uint8_t *win;
    uint64_t win_off;
    size_t win_cap;
    uint32_t crc;           /* streaming: CRC-32C of the bytes written past the header */
    uint8_t *ext;           /* the extents block (filled out of order, by volume) */
    uint8_t sink[SER_CHUNK];    /* where a record goes after an error */
    char *pool;             /* the string pool */
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

/* Streaming: zero the padding between blocks that lies in the window's
 * first n bytes (every other byte past the header is a record's or the
 * pool's, written before the window moves on). */
static void zero_padding_(struct ser_ *s, size_t n)
{
    uint64_t end = ZVMC_OD_HDR_SIZE, lo = s->win_off, hi = s->win_off + n;

    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        uint64_t a = end > lo ? end : lo, z = s->boff[bl] < hi ? s->boff[bl] : hi;

        if (a < z)
            memset(s->win + (a - lo), 0, (size_t)(z - a));
        end = s->boff[bl] + (bl == ZVMC_OD_B_STRINGS
                     ? 0 : s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl));
    }
}

/*
 * Streaming: write the window's bytes before file offset to, and move the
 * window there.  The header's bytes go out zero (no record is there): the
 * header is written last, in place, and its checksum combined with that of
 * the rest.  After a failed write nothing more is written; s->err says why.
 */
static void slide_(struct ser_ *s, uint64_t to)
{
    while (s->win_off < to) {
        size_t n = to - s->win_off < s->win_cap ? (size_t)(to - s->win_off) : s->win_cap;
        size_t skip = 0;

        if (s->win_off < ZVMC_OD_HDR_SIZE)
            skip = ZVMC_OD_HDR_SIZE - s->win_off < n ? (size_t)(ZVMC_OD_HDR_SIZE - s->win_off) : n;
        zero_padding_(s, n);
        if (!s->err) {
            s->crc = zvmc_crc32c_(s->crc, s->win + skip, n - skip);
            s->err = outfile_write(s->file, s->win, n);
        }
        s->win_off += n;
    }
}

static uint8_t *at_slow_(struct ser_ *s, uint64_t off, size_t n)
{
    if (s->file && off >= s->win_off && n <= s->win_cap) {
        slide_(s, off);
        return s->win;
    }
    /* before the window, or past the image: a bug in this file's order */
    s->err = s->err ? s->err : -ZVMC_ERR_INVAL;
    return s->sink;
}

/* Where the n <= SER_CHUNK bytes at image offset off go. */
static inline uint8_t *at_(struct ser_ *s, uint64_t off, size_t n)
{
    if (off < s->win_off || off + n > s->win_off + s->win_cap)
        return at_slow_(s, off, n);
    return s->win + (off - s->win_off);
}

/* n bytes at image offset off, from p. */
static void put_bytes_(struct ser_ *s, uint64_t off, const uint8_t *p, size_t n)
{
    while (n) {
        size_t k = n < SER_CHUNK ? n : SER_CHUNK;

        memcpy(at_(s, off, k), p, k);
        off += k;
        p += k;
        n -= k;
    }
}

/* The next record of block bl; the counting pass sized every block exactly. */
static inline uint8_t *rec_(struct ser_ *s, enum zvmc_od_block bl)
{
    return at_(s, s->boff[bl] + s->next[bl]++ * zvmc_od_recsize_(bl), zvmc_od_recsize_(bl));
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

/*
 * The writer tries seed 0 first, which makes a version-1 file, then seeds 1,
 * 2, ... (a version-2 file, ZVMC_OD_HDR_HASH_SEED): always in this order, so
 * that the same names always give the same bytes.  Ordinary names fit the
 * first size with seed 0; only names built against a seed's hash need the
 * next one (docs/objdir-format.md, "HASH").  Defeating the writer needs
 * names that collide under all 32 seeds at once: the meet in the middle
 * that builds them for one seed does not do that, nor anything known here.
 */
#ifndef ODB_HASH_SEEDS         /* tests/unit/objdir_hash_toobig.c builds it with 1, */
#define ODB_HASH_SEEDS 32u      /* which names of one hash do defeat */
#endif
#define HASH_SIZES_ 3u      /* index sizes per seed: 2n, 4n, 8n (powers of two) */
#define HASH_MAX_SLOTS_ ((uint64_t)1 << 30)

/* Fill nslots slots by linear probing from the hashes in s->hv; 0 if some
 * user lands too far from home. */
static int hash_fill_(struct ser_ *s, uint32_t nslots)
{
    uint32_t mask = nslots - 1;

    memset(s->hash, 0, (size_t)nslots * sizeof(*s->hash));
    for (size_t i = 0; i < s->nusers; i++) {
        uint32_t slot = s->hv[i] & mask, probe = 0;

        while (s->hash[slot]) {
            if (++probe > ZVMC_OD_HASH_MAX_PROBE)
                return 0;
            slot = (slot + 1) & mask;
        }
        s->hash[slot] = (uint32_t)i + 1;
    }
    return 1;
}

/* The first seed, and with it the smallest of its sizes, whose probes stay
 * within the bound. */
static int build_hash_(struct ser_ *s)
{
    uint64_t first = 1, cap = 0;

    while (first < 2 * (uint64_t)s->nusers)
        first <<= 1;
    if (first > HASH_MAX_SLOTS_)
        return -ZVMC_ERR_TOOBIG;
    s->hv = alloc_(s, s->nusers, sizeof(*s->hv));
    if (!s->hv)
        return -ZVMC_ERR_NOMEM;
    for (uint32_t seed = 0; seed < ODB_HASH_SEEDS; seed++) {
        for (size_t i = 0; i < s->nusers; i++) {
            if (i + AHEAD_ < s->nusers)
                PREFETCH_(s->unames[i + AHEAD_]);
            s->hv[i] = zvmc_od_hash_(seed, s->unames[i]);
        }
        for (uint64_t n = first; n <= first << (HASH_SIZES_ - 1) && n <= HASH_MAX_SLOTS_; n <<= 1) {
            if (n > cap) {
                huge_free(&s->b->alloc, s->hash);
                if (!(s->hash = alloc_(s, (size_t)n, sizeof(*s->hash))))
                    return -ZVMC_ERR_NOMEM;
                cap = n;
            }
            s->nslots = (uint32_t)n;
            if (hash_fill_(s, s->nslots)) {
                s->seed = seed;
                return 0;
            }
        }
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
    c[ZVMC_OD_B_HASH] = s->nslots + (s->seed != 0);   /* the seed word first */
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
    if (s->seed)
        zvmc_be32_st(rec_(s, ZVMC_OD_B_HASH), s->seed);
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
        uint8_t *r = s->ext + (size_t)s->vol_first[e->vol]++ * ZVMC_OD_X_SIZE;
        uint32_t owner = e->w[2] == ODB_NONE ? ZVMC_OD_NONE
            : ODB_AT(b->users, struct odb_user_, e->w[2]).file_index;

        zvmc_be32_st(r + ZVMC_OD_X_START, e->w[0]);
        zvmc_be32_st(r + ZVMC_OD_X_SIZE_, e->w[1]);
        zvmc_be32_st(r + ZVMC_OD_X_OWNER, owner);
        zvmc_be32_st(r + ZVMC_OD_X_VADDR, e->w[3]);
    }
    if (s->file)
        put_bytes_(s, s->boff[ZVMC_OD_B_EXTENTS], s->ext, b->extents.n * ZVMC_OD_X_SIZE);
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

/* The header into hdr (ZVMC_OD_HDR_SIZE bytes), its checksum field zero. */
static void fill_header_(const struct ser_ *s, uint8_t *hdr, uint32_t totalsize)
{
    zvmc_be32_st(hdr + ZVMC_OD_H_MAGIC, ZVMC_OD_MAGIC);
    zvmc_be32_st(hdr + ZVMC_OD_H_TOTALSIZE, totalsize);
    /* the oldest version that can say what the file holds, so that every
     * reader since version 1 reads what does not need a seed */
    uint32_t version = s->seed ? ZVMC_OD_HASH_SEED_VERSION : 1u;

    zvmc_be32_st(hdr + ZVMC_OD_H_VERSION, version);
    zvmc_be32_st(hdr + ZVMC_OD_H_LAST_COMP, version);
    zvmc_be32_st(hdr + ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE);
    zvmc_be32_st(hdr + ZVMC_OD_H_FLAGS, s->seed ? ZVMC_OD_HDR_HASH_SEED : 0);
    zvmc_be32_st(hdr + ZVMC_OD_H_CRC, 0);
    zvmc_be32_st(hdr + ZVMC_OD_H_NBLOCKS, ZVMC_OD_NBLOCKS);
    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        uint8_t *e = hdr + ZVMC_OD_H_BLOCKS + bl * ZVMC_OD_H_BLOCK_ENTRY;
        uint64_t size = bl == ZVMC_OD_B_STRINGS
            ? s->pool_len : s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl);

        zvmc_be32_st(e, s->boff[bl]);
        zvmc_be32_st(e + 4, (uint32_t)size);
    }
}

/* The pool's upper bound: every string the builder holds, within 4 GiB. */
static uint64_t pool_room_(const struct ser_ *s, uint64_t blocks_end)
{
    uint64_t room = 1 + (uint64_t)s->b->str_bytes;

    return room > (uint64_t)UINT32_MAX - blocks_end ? (uint64_t)UINT32_MAX - blocks_end : room;
}

/* What the filling needs whatever the output: string offsets, extents per
 * volume. */
static int prepare_(struct ser_ *s)
{
    const struct zvmc_odb *b = s->b;

    s->off = zeroed_(s, b->strs.n, sizeof(*s->off));
    s->vol_first = zeroed_(s, s->nvols, sizeof(*s->vol_first));    /* extents per volume */
    if (!s->off || !s->vol_first)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i < b->extents.n; i++)
        s->vol_first[ODB_AT(b->extents, struct odb_extent_, i).vol]++;
    return 0;
}

/* The string pool: the empty string at offset 0, the rest as first used. */
static void pool_start_(struct ser_ *s, char *pool, uint64_t room)
{
    s->pool = pool;
    s->pool_cap = (size_t)room;
    s->pool[0] = '\0';
    s->pool_len = 1;
}

/* Everything after the layout, into memory: allocate, fill, seal the header. */
static int emit_(struct ser_ *s, uint64_t blocks_end, size_t lead, uint8_t **block, size_t *len)
{
    uint64_t at = ZVMC_OD_HDR_SIZE, room = pool_room_(s, blocks_end), total;
    uint8_t *out;
    int rc;

    if ((rc = prepare_(s)))
        return rc;
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
    s->img = s->win = out + lead;
    s->win_off = 0;
    s->win_cap = (size_t)(blocks_end + room);
    s->ext = s->img + s->boff[ZVMC_OD_B_EXTENTS];
    pool_start_(s, (char *)s->img + blocks_end, room);
    /* the padding before each block; every record byte is written below */
    for (int bl = 0; bl < ZVMC_OD_NBLOCKS; bl++) {
        memset(s->img + at, 0, s->boff[bl] - at);
        at = s->boff[bl] + (bl == ZVMC_OD_B_STRINGS
                    ? 0 : s->count[bl] * zvmc_od_recsize_((enum zvmc_od_block)bl));
    }
    fill_(s);
    if (s->err) {
        if (s->huge_img)
            huge_free(&s->b->alloc, out);
        else
            zalloc_free(&s->b->alloc, out);
        s->img = NULL;
        return s->err;
    }
    total = blocks_end + s->pool_len;
    fill_header_(s, s->img, (uint32_t)total);
    zvmc_be32_st(s->img + ZVMC_OD_H_CRC, zvmc_od_checksum_(s->img, (size_t)total));
    *block = out;
    *len = (size_t)total;
    return 0;
}

/*
 * CRC-32C of A then B, from crc(A), crc(B) and B's length (zlib's
 * crc32_combine() with the Castagnoli polynomial): a streamed image's header
 * is written last, but its checksum covers the header first.
 */
#define CRC32C_POLY_ 0x82F63B78u    /* reflected */

/* a(x) * b(x) modulo the polynomial, bits reflected (x^0 is the top bit). */
static uint32_t crc_mulmod_(uint32_t a, uint32_t b)
{
    uint32_t p = 0;

    for (uint32_t m = (uint32_t)1 << 31; m; m >>= 1) {
        if (a & m)
            p ^= b;
        b = (b & 1) ? (b >> 1) ^ CRC32C_POLY_ : b >> 1;    /* b * x */
    }
    return p;
}

uint32_t odb_crc32c_combine_(uint32_t crc_a, uint32_t crc_b, uint64_t len_b)
{
    uint32_t sq = (uint32_t)1 << 23;    /* x^8, one byte's shift (x^n is 1 << (31 - n)) */
    uint32_t p = (uint32_t)1 << 31;     /* x^0 */

    for (; len_b; len_b >>= 1) {        /* p = x^(8 len_b), from x^8 squared again and again */
        if (len_b & 1)
            p = crc_mulmod_(sq, p);
        sq = crc_mulmod_(sq, sq);
    }
    return crc_mulmod_(p, crc_a) ^ crc_b;
}

/* Everything after the layout, to a file: fill through the window, write the
 * extents and the pool as their turn comes, then the header at offset 0. */
static int stream_(struct ser_ *s, uint64_t blocks_end, struct zvmc_outfile *f, size_t window)
{
    uint64_t room = pool_room_(s, blocks_end), total;
    uint8_t hdr[ZVMC_OD_HDR_SIZE];
    char *pool;
    int rc;

    if ((rc = prepare_(s)))
        return rc;
    s->file = f;
    s->win_cap = window < SER_CHUNK ? SER_CHUNK : window;
    s->win_off = 0;
    s->win = zeroed_(s, s->win_cap, 1);
    s->ext = alloc_(s, s->b->extents.n, ZVMC_OD_X_SIZE);
    pool = room > SIZE_MAX ? NULL : alloc_(s, (size_t)room, 1);
    if (!s->win || !s->ext || !pool) {
        huge_free(&s->b->alloc, pool);
        return -ZVMC_ERR_NOMEM;
    }
    pool_start_(s, pool, room);
    s->crc = 0;
    fill_(s);
    total = blocks_end + s->pool_len;
    put_bytes_(s, blocks_end, (const uint8_t *)s->pool, s->pool_len);
    slide_(s, total);
    huge_free(&s->b->alloc, pool);
    s->pool = NULL;
    if (s->err)
        return s->err;
    fill_header_(s, hdr, (uint32_t)total);
    uint32_t crc = zvmc_crc32c_(0, hdr, sizeof(hdr));
    zvmc_be32_st(hdr + ZVMC_OD_H_CRC, odb_crc32c_combine_(crc, s->crc, total - sizeof(hdr)));
    return outfile_pwrite(f, hdr, sizeof(hdr), 0);
}

static void ser_free_(struct ser_ *s)
{
    const zvmc_alloc *a = &s->b->alloc;

    huge_free(a, s->users);
    huge_free(a, s->unames);
    huge_free(a, s->vols);
    huge_free(a, s->hash);
    huge_free(a, s->hv);
    huge_free(a, s->viewmap);
    huge_free(a, s->views);
    huge_free(a, s->vcount);
    huge_free(a, s->vrow);
    huge_free(a, s->rows);
    huge_free(a, s->row_file);
    huge_free(a, s->vol_first);
    huge_free(a, s->off);
    if (s->file) {      /* streaming: the window and the extents are ours */
        huge_free(a, s->win);
        huge_free(a, s->ext);
    }
}

/* Sort, share, count and lay out: everything before the bytes. */
static int plan_(struct ser_ *s, struct zvmc_odb *b, uint64_t *blocks_end)
{
    int rc;

    if ((rc = odb_close_view_(b)) || (rc = odb_close_verdicts_(b)))
        return rc;
    s->b = b;
    s->m = b->nmembers;
    s->pairs = zvmc_od_pairs_(s->m);
    s->nusers = b->users.n;
    s->nvols = b->volumes.n;
    if ((rc = sort_(s)) || (rc = share_rows_(s)) || (rc = build_hash_(s)) ||
        (rc = share_views_(s)))
        return rc;
    count_(s);
    return layout_(s, blocks_end);
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
    memset(&s, 0, sizeof(s));
    s.b = b;
    s.huge_img = huge;
    if (!(rc = plan_(&s, b, &blocks_end)))
        rc = emit_(&s, blocks_end, lead, block, len);
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

int odb_serialize_file_(struct zvmc_odb *b, const char *path, size_t window)
{
    struct zvmc_outfile f;
    struct ser_ s;
    uint64_t blocks_end;
    int rc;

    if (!b || !path)
        return -ZVMC_ERR_INVAL;
    memset(&s, 0, sizeof(s));
    s.b = b;
    if ((rc = plan_(&s, b, &blocks_end)) == 0 &&
        (rc = outfile_init(&f, &b->alloc, path, ODB_OUTFILE_FLAGS)) == 0) {
        rc = stream_(&s, blocks_end, &f, window);
        if (rc == 0)
            rc = outfile_commit(&f);
        else
            outfile_abort(&f);
    }
    ser_free_(&s);
    return rc;
}

int zvmc_odb_serialize_file(struct zvmc_odb *b, const char *path)
{
    return odb_serialize_file_(b, path, ODB_STREAM_WINDOW);
}
