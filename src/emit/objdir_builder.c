/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder.c - the in-memory object directory model the compiler fills.
 *
 * Every call checks its arguments against what the file format accepts, so
 * a builder that took all its calls always serializes to a file the runtime
 * will open.  Strings are interned first and the record appended last, so a
 * call that fails (out of memory, bad argument) changes nothing visible: at
 * worst a string is interned that no record uses, and strings reach the
 * file only through the records that use them.
 *
 * objdir_builder_int.h describes the model: string ids, records kept as the
 * file's words, views and verdict rows as shared immutable blobs, one open
 * view and one open set of verdicts.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/objdir_builder_int.h"
#include "runtime/objdir_format.h"
#include "util/hashseed.h"
#include "util/hugepage.h"

/*
 * Arrays and tables
 */

int odb_vec_reserve_(struct zvmc_odb *b, struct odb_vec_ *v, size_t size, size_t need)
{
    size_t cap = v->cap ? v->cap : 8;
    void *d;

    if (need <= v->cap)
        return 0;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return -ZVMC_ERR_NOMEM;
        cap *= 2;
    }
    if (cap > SIZE_MAX / size)
        return -ZVMC_ERR_NOMEM;
    /* the big tables on huge pages: fewer page faults (freed by vec_free_) */
    d = huge_realloc(&b->alloc, v->data, v->cap * size, cap * size);
    if (!d)
        return -ZVMC_ERR_NOMEM;
    v->data = d;
    v->cap = cap;
    return 0;
}

/* Room for n more words at the end of a word array; NULL when out of memory. */
static uint32_t *words_(struct zvmc_odb *b, struct odb_vec_ *v, size_t n)
{
    uint32_t *w;

    if (v->n + n < v->n || odb_vec_reserve_(b, v, sizeof(uint32_t), v->n + n))
        return NULL;
    w = (uint32_t *)v->data + v->n;
    v->n += n;
    return w;
}

static void vec_free_(struct zvmc_odb *b, struct odb_vec_ *v)
{
    huge_free(&b->alloc, v->data);
    v->data = NULL;
    v->n = v->cap = 0;
}

/* A fast hash of n bytes, eight at a time (only ever used in memory), from
 * the builder's secret seed (util/hashseed.h: the strings are the input's). */
static uint32_t hash_bytes_(uint32_t seed, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = (0x9E3779B97F4A7C15ull ^ n) + ((uint64_t)seed << 32 | seed), w;

    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    if (n) {
        w = 0;
        for (size_t i = 0; i < n; i++)
            w |= (uint64_t)s[i] << (8 * i);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    h *= 0x94D049BB133111EBull;
    return (uint32_t)(h ^ h >> 32);
}

/*
 * Make room for need ids in t, keeping it at most three quarters full (a
 * slot holds its hash, so a longer probe costs little): a new table (a power
 * of two, at least min slots), rehashed.  t is unchanged on failure.
 */
static int table_room_(struct zvmc_odb *b, struct odb_table_ *t, uint64_t need, uint32_t min)
{
    uint32_t cap = t->cap ? t->cap : min;
    struct odb_slot_ *slot;
    size_t bytes;

    while (need * 4 > (uint64_t)cap * 3) {
        if (cap >= (1u << 30))
            return -ZVMC_ERR_NOMEM;
        cap *= 2;
    }
    if (cap == t->cap)
        return 0;
    bytes = (size_t)cap * sizeof(*slot);
    if (bytes / sizeof(*slot) != cap || !(slot = huge_calloc(&b->alloc, bytes)))
        return -ZVMC_ERR_NOMEM;
    for (uint32_t i = 0; i < t->cap; i++) {
        uint32_t k;

        if (!t->slot[i].id)
            continue;
        for (k = t->slot[i].hash & (cap - 1); slot[k].id; k = (k + 1) & (cap - 1))
            ;
        slot[k] = t->slot[i];
    }
    huge_free(&b->alloc, t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

/* The free slot where hash h goes (t has room). */
static struct odb_slot_ *table_free_(struct odb_table_ *t, uint32_t h)
{
    uint32_t mask = t->cap - 1, k;

    for (k = h & mask; t->slot[k].id; k = (k + 1) & mask)
        ;
    return &t->slot[k];
}

/*
 * Strings
 */

/* The id of the string s[0..len), interned on first sight; 0 for "". */
static int intern_n_(struct zvmc_odb *b, const char *s, size_t len, uint32_t *id)
{
    struct odb_str_ *e;
    struct odb_slot_ *sl;
    uint32_t h, k, mask;
    int rc;

    *id = 0;
    if (!len)
        return 0;
    if (len > UINT32_MAX - 1)
        return -ZVMC_ERR_NOMEM;
    h = hash_bytes_(b->seed, s, len);
    for (mask = b->strtab.cap - 1, k = h & mask; b->strtab.cap && b->strtab.slot[k].id;
         k = (k + 1) & mask) {
        sl = &b->strtab.slot[k];
        if (sl->hash != h)
            continue;
        e = odb_str_(b, sl->id);
        if (e->len == len && !memcmp(e->s, s, len)) {
            *id = sl->id;
            return 0;
        }
    }
    if (b->strs.n >= UINT32_MAX - 1)
        return -ZVMC_ERR_NOMEM;
    if ((rc = table_room_(b, &b->strtab, (uint64_t)b->strtab.n + 1, 1024)) ||
        (rc = odb_vec_reserve_(b, &b->strs, sizeof(e), b->strs.n + 1)))
        return rc;
    e = arena_alloc(&b->mem, sizeof(*e) + len + 1);
    if (!e)
        return -ZVMC_ERR_NOMEM;
    e->hash = h;
    e->len = (uint32_t)len;
    e->user = e->vol = 0;
    memcpy(e->s, s, len);
    e->s[len] = '\0';
    *id = (uint32_t)b->strs.n;
    sl = table_free_(&b->strtab, h);
    sl->id = *id;
    sl->hash = h;
    b->strtab.n++;
    ODB_AT(b->strs, struct odb_str_ *, b->strs.n++) = e;
    b->str_bytes += len + 1;
    return 0;
}

static int intern_(struct zvmc_odb *b, const char *s, uint32_t *id)
{
    struct odb_pcache_ *c;
    const struct odb_str_ *e;
    size_t len;
    int rc;

    *id = 0;
    if (!s || !*s)
        return 0;
    len = strlen(s);
    c = &b->pcache[(uint32_t)(((uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull) >> 54) &
               (ODB_PCACHE - 1)];
    if (c->p == s && (e = odb_str_(b, c->id))->len == len && !memcmp(e->s, s, len)) {
        *id = c->id;
        return 0;
    }
    if ((rc = intern_n_(b, s, len, id)))
        return rc;
    c->p = s;
    c->id = *id;
    return 0;
}

/* Intern every string of a call, in order; the ids go to out[]. */
static int intern_all_(struct zvmc_odb *b, int n, const char *const *s, uint32_t *out)
{
    for (int i = 0; i < n; i++) {
        int rc = intern_(b, s[i], &out[i]);

        if (rc)
            return rc;
    }
    return 0;
}

/* A name the format accepts: 1..ZVMC_OD_MAX_NAME bytes. */
static bool is_name_(const char *s)
{
    return s && *s && strnlen(s, ZVMC_OD_MAX_NAME + 1) <= ZVMC_OD_MAX_NAME;
}

/*
 * The builder
 */

struct zvmc_odb *zvmc_odb_new_alloc(const zvmc_allocator *alloc)
{
    const zvmc_alloc *a = alloc ? alloc : zalloc_default();
    struct zvmc_odb *b = zalloc_malloc(a, sizeof(*b));

    if (!b)
        return NULL;
    memset(b, 0, sizeof(*b));
    b->alloc = *a;
    b->seed = hash_seed(b);
    arena_init(&b->mem, &b->alloc);
    b->ov.user = b->ov.member = ODB_NONE;
    b->overd.user = ODB_NONE;
    b->eligible_row = ODB_NONE;
    if (odb_vec_reserve_(b, &b->strs, sizeof(struct odb_str_ *), 1)) {
        zalloc_free(a, b);
        return NULL;
    }
    ODB_AT(b->strs, struct odb_str_ *, 0) = NULL;     /* id 0: "" */
    b->strs.n = 1;
    return b;
}

struct zvmc_odb *zvmc_odb_new(void)
{
    return zvmc_odb_new_alloc(NULL);
}

void zvmc_odb_free(struct zvmc_odb *b)
{
    zvmc_alloc a;

    if (!b)
        return;
    for (uint32_t i = 0; i < b->nmembers; i++) {
        vec_free_(b, &b->members[i].sysids);
        vec_free_(b, &b->members[i].cpowned);
        vec_free_(b, &b->members[i].eqids);
        vec_free_(b, &b->members[i].vswitches);
    }
    for (int l = 0; l < ODB_VIEW_LISTS; l++)
        vec_free_(b, &b->ov.list[l]);
    vec_free_(b, &b->overd.reasons);
    zalloc_free(&b->alloc, b->overd.state);
    vec_free_(b, &b->domains);
    vec_free_(b, &b->users);
    vec_free_(b, &b->views);
    vec_free_(b, &b->volumes);
    vec_free_(b, &b->extents);
    vec_free_(b, &b->strs);
    vec_free_(b, &b->rows);
    vec_free_(b, &b->scratch);
    huge_free(&b->alloc, b->strtab.slot);
    huge_free(&b->alloc, b->rowtab.slot);
    arena_free_all(&b->mem);
    a = b->alloc;
    zalloc_free(&a, b);
}

int zvmc_odb_reserve(struct zvmc_odb *b, size_t users, size_t volumes, size_t extents)
{
    size_t strings;
    int rc;

    if (!b)
        return -ZVMC_ERR_INVAL;
    if (users > (1u << 28) || volumes > (1u << 28) || extents > SIZE_MAX / 2)
        return -ZVMC_ERR_NOMEM;
    /* the users' names; a volume's volser is usually interned already (by
     * the minidisks on it), so volumes do not grow the string table here */
    strings = users + 1024;
    if ((rc = odb_vec_reserve_(b, &b->users, sizeof(struct odb_user_), b->users.n + users)) ||
        (rc = odb_vec_reserve_(b, &b->views, sizeof(const uint32_t *),
                       b->views.n + users * (b->nmembers ? b->nmembers : 1))) ||
        (rc = odb_vec_reserve_(b, &b->volumes, sizeof(struct odb_volume_),
                       b->volumes.n + volumes)) ||
        (rc = odb_vec_reserve_(b, &b->extents, sizeof(struct odb_extent_),
                       b->extents.n + extents)) ||
        (rc = odb_vec_reserve_(b, &b->strs, sizeof(struct odb_str_ *), b->strs.n + strings)))
        return rc;
    /* a string table that holds them all without growing */
    return table_room_(b, &b->strtab, (uint64_t)b->strtab.n + strings, 1024);
}

int zvmc_odb_set_cluster(struct zvmc_odb *b, const char *name, const char *zvm_level)
{
    uint32_t id[2];
    int rc;

    if (!b)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ name, zvm_level }, id)))
        return rc;
    b->cluster_name = id[0];
    b->zvm_level = id[1];
    return 0;
}

/*
 * Members
 */

static struct odb_member_ *member_(struct zvmc_odb *b, int m)
{
    if (!b || m < 0 || (uint32_t)m >= b->nmembers)
        return NULL;
    return &b->members[m];
}

int zvmc_odb_add_member(struct zvmc_odb *b, const char *name, uint32_t slot, const char *res_volume)
{
    struct odb_member_ *mb;
    uint32_t id[2];
    int rc;

    if (!b || !is_name_(name) || b->members_frozen || b->nmembers >= ZVMC_OBJDIR_MAX_MEMBERS)
        return -ZVMC_ERR_INVAL;
    for (uint32_t i = 0; i < b->nmembers; i++) /* at most 32: a scan will do */
        if (zvmc_od_name_eq_(odb_str_(b, b->members[i].name)->s, name))
            return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ name, res_volume }, id)))
        return rc;
    mb = &b->members[b->nmembers];
    memset(mb, 0, sizeof(*mb));
    mb->name = id[0];
    mb->res = id[1];
    mb->slot = slot;
    return (int)b->nmembers++;
}

int zvmc_odb_member_sysid(struct zvmc_odb *b, int member, const struct zvmc_sysid *s)
{
    struct odb_member_ *mb = member_(b, member);
    uint32_t id[2], *w;
    int rc;

    if (!mb || !s || s->kind < ZVMC_SYSID_LPAR || s->kind > ZVMC_SYSID_CPUID)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ s->id, s->cpuid }, id)))
        return rc;
    if (!(w = words_(b, &mb->sysids, ODB_SYSID_W)))
        return -ZVMC_ERR_NOMEM;
    w[0] = (uint32_t)s->kind;
    w[1] = id[0];
    w[2] = id[1];
    return 0;
}

int zvmc_odb_member_cpowned(struct zvmc_odb *b, int member, const struct zvmc_cpowned *cp)
{
    struct odb_member_ *mb = member_(b, member);
    uint32_t id, *w;
    int rc;

    if (!mb || !cp)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_(b, cp->volid, &id)))
        return rc;
    if (!(w = words_(b, &mb->cpowned, ODB_CPOWNED_W)))
        return -ZVMC_ERR_NOMEM;
    w[0] = cp->slot;
    w[1] = id;
    return 0;
}

int zvmc_odb_member_eqid(struct zvmc_odb *b, int member, const struct zvmc_eqid *eq)
{
    struct odb_member_ *mb = member_(b, member);
    uint32_t id[2], *w;
    int rc;

    if (!mb || !eq || eq->rdev_first > eq->rdev_last)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ eq->eqid, eq->type }, id)))
        return rc;
    if (!(w = words_(b, &mb->eqids, ODB_EQID_W)))
        return -ZVMC_ERR_NOMEM;
    w[0] = eq->rdev_first;
    w[1] = eq->rdev_last;
    w[2] = id[0];
    w[3] = id[1];
    return 0;
}

int zvmc_odb_member_vswitch(struct zvmc_odb *b, int member, const char *name)
{
    struct odb_member_ *mb = member_(b, member);
    uint32_t id, *w;
    int rc;

    if (!mb || !is_name_(name))
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_(b, name, &id)))
        return rc;
    if (!(w = words_(b, &mb->vswitches, ODB_VSWITCH_W)))
        return -ZVMC_ERR_NOMEM;
    w[0] = id;
    return 0;
}

static bool mask_ok_(const struct zvmc_odb *b, uint32_t mask)
{
    return !(mask & ~(uint32_t)((1ull << b->nmembers) - 1));
}

int zvmc_odb_add_domain(struct zvmc_odb *b, const struct zvmc_domain *d)
{
    uint32_t id, *w;
    int rc;

    if (!b || !d || !is_name_(d->name) || !mask_ok_(b, d->member_mask))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    if ((rc = intern_(b, d->name, &id)))
        return rc;
    if (!(w = words_(b, &b->domains, ODB_DOMAIN_W)))
        return -ZVMC_ERR_NOMEM;
    w[0] = id;
    w[1] = d->member_mask;
    return (int)(b->domains.n / ODB_DOMAIN_W - 1);
}

/*
 * Volumes
 */

int zvmc_odb_add_volume(struct zvmc_odb *b, const char *volser, uint32_t member_mask)
{
    struct odb_volume_ *v;
    uint32_t id;
    int rc;

    if (!b || !is_name_(volser) || !mask_ok_(b, member_mask))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    if ((rc = intern_(b, volser, &id)))
        return rc;
    if (odb_str_(b, id)->vol)   /* volsers are exact: the interned string is the key */
        return -ZVMC_ERR_INVAL;
    if (b->volumes.n >= INT32_MAX ||
        odb_vec_reserve_(b, &b->volumes, sizeof(*v), b->volumes.n + 1))
        return -ZVMC_ERR_NOMEM;
    v = &ODB_AT(b->volumes, struct odb_volume_, b->volumes.n++);
    v->volser = id;
    v->mask = member_mask;
    odb_str_(b, id)->vol = (uint32_t)b->volumes.n;
    return (int)(b->volumes.n - 1);
}

int zvmc_odb_volume_extent(struct zvmc_odb *b, int vol, const struct zvmc_extent *x)
{
    struct odb_extent_ *e;

    if (!b || !x || vol < 0 || (size_t)vol >= b->volumes.n || x->owner < -1 ||
        (x->owner >= 0 && (size_t)x->owner >= b->users.n))
        return -ZVMC_ERR_INVAL;
    if (odb_vec_reserve_(b, &b->extents, sizeof(*e), b->extents.n + 1))
        return -ZVMC_ERR_NOMEM;
    e = &ODB_AT(b->extents, struct odb_extent_, b->extents.n++);
    e->vol = (uint32_t)vol;
    e->w[0] = x->start;
    e->w[1] = x->size;
    e->w[2] = x->owner < 0 ? ODB_NONE : (uint32_t)x->owner;
    e->w[3] = x->vaddr;
    return 0;
}

/*
 * Users
 */

static struct odb_user_ *user_(struct zvmc_odb *b, int u)
{
    if (!b || u < 0 || (size_t)u >= b->users.n)
        return NULL;
    return &ODB_AT(b->users, struct odb_user_, u);
}

int zvmc_odb_add_user(struct zvmc_odb *b, const char *name, enum zvmc_user_kind kind)
{
    char up[ZVMC_OD_MAX_NAME + 1];
    struct odb_user_ *u;
    uint32_t folded, id, m;
    size_t len;
    int rc;

    if (!b || !is_name_(name) || (kind != ZVMC_USER_USER && kind != ZVMC_USER_IDENTITY))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    m = b->nmembers;
    len = strlen(name);
    for (size_t i = 0; i < len; i++)
        up[i] = (char)zvmc_od_upper_((unsigned char)name[i]);
    /* the upper-cased name's string records which user took it */
    if ((rc = intern_n_(b, up, len, &folded)))
        return rc;
    if (odb_str_(b, folded)->user)
        return -ZVMC_ERR_INVAL;
    id = folded;
    if (memcmp(up, name, len) && (rc = intern_n_(b, name, len, &id)))
        return rc;
    if (b->users.n >= INT32_MAX ||
        odb_vec_reserve_(b, &b->users, sizeof(*u), b->users.n + 1) ||
        odb_vec_reserve_(b, &b->views, sizeof(const uint32_t *), b->views.n + m))
        return -ZVMC_ERR_NOMEM;
    u = &ODB_AT(b->users, struct odb_user_, b->users.n++);
    u->name = id;
    u->kind = (uint32_t)kind;
    u->row = ODB_NONE;
    u->file_index = 0;
    memset(&ODB_AT(b->views, const uint32_t *, b->views.n), 0, m * sizeof(const uint32_t *));
    b->views.n += m;
    odb_str_(b, folded)->user = (uint32_t)b->users.n;
    return (int)(b->users.n - 1);
}

/*
 * Views
 */

static const uint32_t **view_ref_(struct zvmc_odb *b, uint32_t u, uint32_t m)
{
    return &ODB_AT(b->views, const uint32_t *, (size_t)u * b->nmembers + m);
}

/* Is (user, member) a valid pair, and (with present) a view that was set? */
static bool view_ok_(struct zvmc_odb *b, int user, int member, bool present)
{
    if (!user_(b, user) || member < 0 || (uint32_t)member >= b->nmembers)
        return false;
    if (!present || (b->ov.user == (uint32_t)user && b->ov.member == (uint32_t)member))
        return true;
    return *view_ref_(b, (uint32_t)user, (uint32_t)member) != NULL;
}

/* Is the open view equal to blob w? */
static bool open_view_is_(const struct zvmc_odb *b, const uint32_t *w)
{
    const struct odb_open_view_ *ov = &b->ov;

    if (memcmp(ov->head, w, sizeof(ov->head)))
        return false;
    for (int l = 0; l < ODB_VIEW_LISTS; l++)
        if (ov->list[l].n != (size_t)w[ODB_VIEW_HEAD + l] * odb_list_w_(l))
            return false;
    w += ODB_VIEW_FIXED;
    for (int l = 0; l < ODB_VIEW_LISTS; l++) {
        size_t n = ov->list[l].n;

        if (n && memcmp(ov->list[l].data, w, n * sizeof(*w)))
            return false;
        w += n;
    }
    return true;
}

int odb_close_view_(struct zvmc_odb *b)
{
    struct odb_open_view_ *ov = &b->ov;
    const uint32_t **ref, *same = NULL;
    uint32_t *w;
    size_t n = ODB_VIEW_FIXED;

    if (ov->user == ODB_NONE)
        return 0;
    /* the same as one of the user's views on another member: share it */
    for (uint32_t k = 0; k < b->nmembers && !same; k++) {
        const uint32_t *o = *view_ref_(b, ov->user, k);

        if (k != ov->member && o && open_view_is_(b, o))
            same = o;
    }
    if (!same) {
        for (int l = 0; l < ODB_VIEW_LISTS; l++) {
            if (ov->list[l].n / odb_list_w_(l) > UINT32_MAX)
                return -ZVMC_ERR_TOOBIG;
            n += ov->list[l].n;
        }
        if (n > SIZE_MAX / sizeof(*w) || !(w = arena_alloc(&b->mem, n * sizeof(*w))))
            return -ZVMC_ERR_NOMEM;
        same = w;
        memcpy(w, ov->head, sizeof(ov->head));
        for (int l = 0; l < ODB_VIEW_LISTS; l++)
            w[ODB_VIEW_HEAD + l] = (uint32_t)(ov->list[l].n / odb_list_w_(l));
        w += ODB_VIEW_FIXED;
        for (int l = 0; l < ODB_VIEW_LISTS; l++) {
            if (ov->list[l].n)
                memcpy(w, ov->list[l].data, ov->list[l].n * sizeof(*w));
            w += ov->list[l].n;
        }
    }
    ref = view_ref_(b, ov->user, ov->member);
    *ref = same;
    ov->user = ov->member = ODB_NONE;
    return 0;
}

/* Make (u, m) the open view, with its fields and lists if it was set. */
static int view_open_(struct zvmc_odb *b, uint32_t u, uint32_t m)
{
    struct odb_open_view_ *ov = &b->ov;
    const uint32_t *w;
    int rc;

    if (ov->user == u && ov->member == m)
        return 0;
    if ((rc = odb_close_view_(b)))
        return rc;
    w = *view_ref_(b, u, m);
    for (int l = 0; l < ODB_VIEW_LISTS; l++) {
        size_t n = w ? (size_t)w[ODB_VIEW_HEAD + l] * odb_list_w_(l) : 0;

        if ((rc = odb_vec_reserve_(b, &ov->list[l], sizeof(uint32_t), n)))
            return rc;
    }
    if (w) {
        memcpy(ov->head, w, sizeof(ov->head));
        size_t at = ODB_VIEW_FIXED;

        for (int l = 0; l < ODB_VIEW_LISTS; l++) {
            ov->list[l].n = (size_t)w[ODB_VIEW_HEAD + l] * odb_list_w_(l);
            if (ov->list[l].n)
                memcpy(ov->list[l].data, w + at, ov->list[l].n * sizeof(*w));
            at += ov->list[l].n;
        }
    } else {
        memset(ov->head, 0, sizeof(ov->head));
        for (int l = 0; l < ODB_VIEW_LISTS; l++)
            ov->list[l].n = 0;
    }
    ov->user = u;
    ov->member = m;
    return 0;
}

int zvmc_odb_set_view(struct zvmc_odb *b, int user, int member, const struct zvmc_view *in)
{
    uint32_t id[3], *h;
    int rc;

    if (!view_ok_(b, user, member, false) || !in || (in->flags & ~ZVMC_OD_VIEW_FLAGS_KNOWN) ||
        in->crypto < ZVMC_CRYPTO_NONE || in->crypto > ZVMC_CRYPTO_APDED)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 3, (const char *const[]){ in->privclasses, in->reloc_domain,
                               in->crypto_domains }, id)) ||
        (rc = view_open_(b, (uint32_t)user, (uint32_t)member)))
        return rc;
    h = b->ov.head;
    h[ODB_VH_FLAGS] = in->flags;
    h[ODB_VH_LOGON_HI] = (uint32_t)(in->logon_storage >> 32);
    h[ODB_VH_LOGON_LO] = (uint32_t)in->logon_storage;
    h[ODB_VH_MAX_HI] = (uint32_t)(in->max_storage >> 32);
    h[ODB_VH_MAX_LO] = (uint32_t)in->max_storage;
    h[ODB_VH_PRIV] = id[0];
    h[ODB_VH_DOMAIN] = id[1];
    h[ODB_VH_CRYPTO] = (uint32_t)in->crypto;
    h[ODB_VH_CRYPTO_DOMAINS] = id[2];
    return 0;
}

int zvmc_odb_view_same(struct zvmc_odb *b, int user, int member, int as)
{
    int rc;

    if (!view_ok_(b, user, member, false) || !view_ok_(b, user, as, true))
        return -ZVMC_ERR_INVAL;
    if (member == as)
        return 0;
    if (b->ov.user == (uint32_t)user && b->ov.member == (uint32_t)as &&
        (rc = odb_close_view_(b)))
        return rc;
    if (b->ov.user == (uint32_t)user && b->ov.member == (uint32_t)member)
        b->ov.user = b->ov.member = ODB_NONE;   /* replaced, not kept */
    *view_ref_(b, (uint32_t)user, (uint32_t)member) = *view_ref_(b, (uint32_t)user, (uint32_t)as);
    return 0;
}

/* Append one record of n words to list l of view (user, member). */
static uint32_t *view_rec_(struct zvmc_odb *b, int user, int member, int l, int *rc)
{
    uint32_t *w;

    if ((*rc = view_open_(b, (uint32_t)user, (uint32_t)member)))
        return NULL;
    if (!(w = words_(b, &b->ov.list[l], odb_list_w_(l))))
        *rc = -ZVMC_ERR_NOMEM;
    return w;
}

int zvmc_odb_view_mdisk(struct zvmc_odb *b, int user, int member, const struct zvmc_mdisk *md)
{
    uint32_t id[3], *w;
    int rc;

    if (!view_ok_(b, user, member, true) || !md || md->unit < ZVMC_UNIT_CYL ||
        md->unit > ZVMC_UNIT_BLK || md->kind < ZVMC_MDISK_EXTENT || md->kind > ZVMC_MDISK_TDISK ||
        (md->flags & ~ZVMC_OD_MDISK_FLAGS_KNOWN))
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 3, (const char *const[]){ md->devtype, md->volser, md->mode }, id)) ||
        !(w = view_rec_(b, user, member, 0, &rc)))
        return rc;
    w[0] = md->vaddr;
    w[1] = id[0];
    w[2] = id[1];
    w[3] = md->start;
    w[4] = md->size;
    w[5] = (uint32_t)md->unit;
    w[6] = (uint32_t)md->kind;
    w[7] = id[2];
    w[8] = md->flags;
    return 0;
}

int zvmc_odb_view_link(struct zvmc_odb *b, int user, int member, const struct zvmc_link *l)
{
    uint32_t id[2], *w;
    int rc;

    if (!view_ok_(b, user, member, true) || !l || !is_name_(l->owner))
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ l->owner, l->mode }, id)) ||
        !(w = view_rec_(b, user, member, 1, &rc)))
        return rc;
    w[0] = id[0];
    w[1] = l->owner_vaddr;
    w[2] = l->vaddr;
    w[3] = id[1];
    return 0;
}

int zvmc_odb_view_dedicate(struct zvmc_odb *b, int user, int member, const struct zvmc_dedicate *d)
{
    uint32_t id[2], *w;
    int rc;

    if (!view_ok_(b, user, member, true) || !d)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ d->eqid, d->devtype }, id)) ||
        !(w = view_rec_(b, user, member, 2, &rc)))
        return rc;
    w[0] = d->vaddr;
    w[1] = d->rdev;
    w[2] = id[0];
    w[3] = id[1];
    return 0;
}

int zvmc_odb_view_nicdef(struct zvmc_odb *b, int user, int member, const struct zvmc_nicdef *n)
{
    uint32_t id[2], *w;
    int rc;

    if (!view_ok_(b, user, member, true) || !n || n->type < ZVMC_NIC_QDIO ||
        n->type > ZVMC_NIC_HIPERS || n->conn < ZVMC_NIC_UNCOUPLED || n->conn > ZVMC_NIC_VSWITCH)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_all_(b, 2, (const char *const[]){ n->lan_owner, n->name }, id)) ||
        !(w = view_rec_(b, user, member, 3, &rc)))
        return rc;
    w[0] = n->vaddr;
    w[1] = (uint32_t)n->type;
    w[2] = (uint32_t)n->conn;
    w[3] = id[0];
    w[4] = id[1];
    return 0;
}

int zvmc_odb_view_option(struct zvmc_odb *b, int user, int member, const char *option)
{
    uint32_t id, *w;
    int rc;

    if (!view_ok_(b, user, member, true) || !is_name_(option))
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_(b, option, &id)) || !(w = view_rec_(b, user, member, 4, &rc)))
        return rc;
    w[0] = id;
    return 0;
}

/*
 * Relocation verdicts
 */

/* The key words of the open verdicts, grouped by pair, into b->scratch. */
static int verdict_key_(struct zvmc_odb *b, uint32_t pairs, size_t *nwords)
{
    const struct odb_open_verdicts_ *ov = &b->overd;
    const uint32_t *r = ov->reasons.data;
    size_t nr = ov->reasons.n / 4, n = pairs + nr * ODB_REASON_W, at = 0, j = 0;
    bool sorted = true;
    uint32_t *w;

    for (size_t i = 1; i < nr && sorted; i++)
        sorted = r[4 * i] >= r[4 * (i - 1)];
    if (n < pairs || odb_vec_reserve_(b, &b->scratch, sizeof(*w), n))
        return -ZVMC_ERR_NOMEM;
    w = b->scratch.data;
    for (uint32_t k = 0; k < pairs; k++) {
        size_t head = at++, cnt = 0;

        if (sorted) {   /* the usual order: pair by pair */
            for (; j < nr && r[4 * j] == k; j++, cnt++, at += 3)
                memcpy(&w[at], &r[4 * j + 1], 3 * sizeof(*w));
        } else {
            for (size_t i = 0; i < nr; i++)
                if (r[4 * i] == k) {
                    memcpy(&w[at], &r[4 * i + 1], 3 * sizeof(*w));
                    at += 3;
                    cnt++;
                }
        }
        if (cnt > UINT32_MAX >> 2)
            return -ZVMC_ERR_TOOBIG;
        w[head] = (uint32_t)cnt << 2 | ov->state[k];
    }
    *nwords = n;
    return 0;
}

int odb_close_verdicts_(struct zvmc_odb *b)
{
    uint32_t pairs = zvmc_od_pairs_(b->nmembers), h, k, mask, id = 0;
    const struct odb_row_ *r;
    struct odb_row_ *nr;
    size_t n;
    int rc;

    if (b->overd.user == ODB_NONE)
        return 0;
    bool eligible = true;   /* (a refused pair is one with reasons) */
    for (uint32_t p = 0; p < pairs && eligible; p++)
        eligible = b->overd.state[p] == ODB_ELIGIBLE;
    if (eligible && b->eligible_row != ODB_NONE) {
        ODB_AT(b->users, struct odb_user_, b->overd.user).row = b->eligible_row;
        b->overd.user = ODB_NONE;
        return 0;
    }
    if ((rc = verdict_key_(b, pairs, &n)))
        return rc;
    if (n > UINT32_MAX)
        return -ZVMC_ERR_TOOBIG;
    h = hash_bytes_(b->seed, b->scratch.data, n * sizeof(uint32_t));
    for (mask = b->rowtab.cap - 1, k = h & mask; b->rowtab.cap && b->rowtab.slot[k].id && !id;
         k = (k + 1) & mask) {
        if (b->rowtab.slot[k].hash != h)
            continue;
        r = ODB_AT(b->rows, const struct odb_row_ *, b->rowtab.slot[k].id - 1);
        if (r->nwords == n && !memcmp(r->w, b->scratch.data, n * sizeof(uint32_t)))
            id = b->rowtab.slot[k].id;
    }
    if (!id) {  /* a row not seen yet */
        struct odb_slot_ *sl;

        if ((rc = table_room_(b, &b->rowtab, (uint64_t)b->rowtab.n + 1, 64)) ||
            (rc = odb_vec_reserve_(b, &b->rows, sizeof(nr), b->rows.n + 1)))
            return rc;
        if (n > (SIZE_MAX - sizeof(*nr)) / sizeof(uint32_t) ||
            !(nr = arena_alloc(&b->mem, sizeof(*nr) + n * sizeof(uint32_t))))
            return -ZVMC_ERR_NOMEM;
        nr->hash = h;
        nr->nwords = (uint32_t)n;
        memcpy(nr->w, b->scratch.data, n * sizeof(uint32_t));
        ODB_AT(b->rows, struct odb_row_ *, b->rows.n++) = nr;
        id = (uint32_t)b->rows.n;
        sl = table_free_(&b->rowtab, h);
        sl->id = id;
        sl->hash = h;
        b->rowtab.n++;
    }
    ODB_AT(b->users, struct odb_user_, b->overd.user).row = id - 1;
    if (eligible)
        b->eligible_row = id - 1;
    b->overd.user = ODB_NONE;
    return 0;
}

/* Make user u's verdicts the open ones. */
static int verdicts_open_(struct zvmc_odb *b, uint32_t u)
{
    struct odb_open_verdicts_ *ov = &b->overd;
    uint32_t pairs = zvmc_od_pairs_(b->nmembers), row;
    int rc;

    if (ov->user == u)
        return 0;
    if ((rc = odb_close_verdicts_(b)))
        return rc;
    if (!ov->state && !(ov->state = zalloc_malloc(&b->alloc, pairs ? pairs : 1)))
        return -ZVMC_ERR_NOMEM;
    row = ODB_AT(b->users, struct odb_user_, u).row;
    ov->reasons.n = 0;
    if (row == ODB_NONE) {
        memset(ov->state, ODB_UNDECIDED, pairs);
    } else {
        const struct odb_row_ *r = ODB_AT(b->rows, const struct odb_row_ *, row);
        const uint32_t *w = r->w;

        if ((rc = odb_vec_reserve_(b, &ov->reasons, sizeof(uint32_t),
                       (size_t)(r->nwords - pairs) / ODB_REASON_W * 4)))
            return rc;
        for (uint32_t k = 0; k < pairs; k++) {
            uint32_t cnt = *w >> 2;

            ov->state[k] = (uint8_t)(*w++ & 3);
            for (uint32_t j = 0; j < cnt; j++, w += ODB_REASON_W) {
                uint32_t *e = (uint32_t *)ov->reasons.data + ov->reasons.n;

                e[0] = k;
                memcpy(&e[1], w, ODB_REASON_W * sizeof(*w));
                ov->reasons.n += 4;
            }
        }
    }
    ov->user = u;
    return 0;
}

/* The pair index of (user, from, to), or -1 when any of them is invalid. */
static long pair_(struct zvmc_odb *b, int user, int from, int to)
{
    uint32_t m = b ? b->nmembers : 0;

    if (!user_(b, user) || from < 0 || to < 0 || from == to || (uint32_t)from >= m ||
        (uint32_t)to >= m)
        return -1;
    return zvmc_od_pair_(m, (uint32_t)from, (uint32_t)to);
}

int zvmc_odb_reloc_eligible(struct zvmc_odb *b, int user, int from, int to)
{
    long k = pair_(b, user, from, to);
    int rc;

    if (k < 0)
        return -ZVMC_ERR_INVAL;
    if ((rc = verdicts_open_(b, (uint32_t)user)))
        return rc;
    if (b->overd.state[k] == ODB_REFUSED)
        return -ZVMC_ERR_INVAL;
    b->overd.state[k] = ODB_ELIGIBLE;
    return 0;
}

int zvmc_odb_reloc_eligible_from(struct zvmc_odb *b, int user, int from)
{
    uint32_t m = b ? b->nmembers : 0;
    uint8_t *st;
    int rc;

    if (!user_(b, user) || from < 0 || (uint32_t)from >= m)
        return -ZVMC_ERR_INVAL;
    if (m < 2)
        return 0;   /* no other member: no move to decide */
    if ((rc = verdicts_open_(b, (uint32_t)user)))
        return rc;
    /* the moves from one member are consecutive pairs (zvmc_od_pair_()) */
    st = b->overd.state + zvmc_od_pair_(m, (uint32_t)from, from ? 0 : 1);
    for (uint32_t k = 0; k + 1 < m; k++)
        if (st[k] == ODB_REFUSED)
            return -ZVMC_ERR_INVAL;
    memset(st, ODB_ELIGIBLE, m - 1);
    return 0;
}

int zvmc_odb_reloc_reason(struct zvmc_odb *b, int user, int from, int to,
              enum zvmc_reloc_reason code, uint32_t vaddr, const char *message)
{
    long k = pair_(b, user, from, to);
    uint32_t id, *w;
    int rc;

    if (k < 0 || (int)code < 0 || code >= ZVMC_RELOC_REASON_COUNT)
        return -ZVMC_ERR_INVAL;
    if ((rc = verdicts_open_(b, (uint32_t)user)))
        return rc;
    if (b->overd.state[k] == ODB_ELIGIBLE)
        return -ZVMC_ERR_INVAL;
    if ((rc = intern_(b, message, &id)))
        return rc;
    if (!(w = words_(b, &b->overd.reasons, 4)))
        return -ZVMC_ERR_NOMEM;
    w[0] = (uint32_t)k;
    w[1] = (uint32_t)code;
    w[2] = vaddr;
    w[3] = id;
    b->overd.state[k] = ODB_REFUSED;
    return 0;
}
