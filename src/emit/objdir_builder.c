/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder.c - the in-memory object directory model the compiler fills.
 *
 * Every call checks its arguments against what the file format accepts, so
 * a builder that took all its calls always serializes to a file the runtime
 * will open.  Strings are interned first and the record appended last, so a
 * call that fails (out of memory, bad argument) changes nothing visible.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/objdir_builder_int.h"
#include "runtime/objdir_format.h"

/* Append a zeroed element; NULL when out of memory. */
static void *vec_push_(struct odb_vec_ *v, size_t size)
{
    void *e;

    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        void *d;

        if (cap > SIZE_MAX / size)
            return NULL;
        d = realloc(v->data, cap * size);
        if (!d)
            return NULL;
        v->data = d;
        v->cap = cap;
    }
    e = (char *)v->data + v->n++ * size;
    memset(e, 0, size);
    return e;
}

static void vec_free_(struct odb_vec_ *v)
{
    free(v->data);
    v->data = NULL;
    v->n = v->cap = 0;
}

/* The interned copy of s ("" for NULL or empty), or NULL when out of memory. */
static const char *intern_(struct zvmc_odb *b, const char *s)
{
    struct odb_str_ *e;
    size_t len;

    if (!s || !*s)
        return "";
    len = strlen(s);
    HASH_FIND(hh, b->strings, s, len, e);
    if (e)
        return e->s;
    e = malloc(sizeof(*e) + len + 1);
    if (!e)
        return NULL;
    memcpy(e->s, s, len + 1);
    HASH_ADD_KEYPTR(hh, b->strings, e->s, len, e);
    if (!e->hh.tbl) {   /* uthash could not grow */
        free(e);
        return NULL;
    }
    return e->s;
}

/*
 * Reserve a name in a set (upper-cased when fold), returning the entry in
 * *taken so that a later failure in the same call can release it.
 * -ZVMC_ERR_INVAL if the name is already taken.
 */
static int name_take_(struct odb_name_ **set, const char *name, bool fold,
              struct odb_name_ **taken)
{
    size_t len = strlen(name);
    struct odb_name_ *e = malloc(sizeof(*e) + len + 1), *old;

    if (!e)
        return -ZVMC_ERR_NOMEM;
    for (size_t i = 0; i <= len; i++)
        e->key[i] = fold ? (char)zvmc_od_upper_((unsigned char)name[i]) : name[i];
    HASH_FIND(hh, *set, e->key, len, old);
    if (old) {
        free(e);
        return -ZVMC_ERR_INVAL;
    }
    HASH_ADD_KEYPTR(hh, *set, e->key, len, e);
    if (!e->hh.tbl) {
        free(e);
        return -ZVMC_ERR_NOMEM;
    }
    *taken = e;
    return 0;
}

static void name_release_(struct odb_name_ **set, struct odb_name_ *taken)
{
    HASH_DEL(*set, taken);
    free(taken);
}

/* A name the format accepts: 1..ZVMC_OD_MAX_NAME bytes. */
static bool is_name_(const char *s)
{
    return s && *s && strnlen(s, ZVMC_OD_MAX_NAME + 1) <= ZVMC_OD_MAX_NAME;
}

struct zvmc_odb *zvmc_odb_new(void)
{
    return calloc(1, sizeof(struct zvmc_odb));
}

static void free_names_(struct odb_name_ **set)
{
    struct odb_name_ *e, *tmp;

    HASH_ITER(hh, *set, e, tmp) {
        HASH_DEL(*set, e);
        free(e);
    }
}

static void free_view_(struct odb_view_ *v)
{
    vec_free_(&v->mdisks);
    vec_free_(&v->links);
    vec_free_(&v->dedicates);
    vec_free_(&v->nicdefs);
    vec_free_(&v->options);
}

void zvmc_odb_free(struct zvmc_odb *b)
{
    struct odb_str_ *s, *tmp;
    size_t m, pairs;

    if (!b)
        return;
    m = b->members.n;
    pairs = zvmc_od_pairs_((uint32_t)m);
    for (size_t i = 0; i < b->members.n; i++) {
        struct odb_member_ *mb = &ODB_AT(b->members, struct odb_member_, i);

        vec_free_(&mb->sysids);
        vec_free_(&mb->cpowned);
        vec_free_(&mb->eqids);
        vec_free_(&mb->vswitches);
    }
    for (size_t i = 0; i < b->users.n; i++) {
        struct odb_user_ *u = &ODB_AT(b->users, struct odb_user_, i);

        for (size_t k = 0; k < m; k++)
            free_view_(&u->views[k]);
        for (size_t k = 0; k < pairs; k++)
            vec_free_(&u->verdicts[k].reasons);
        free(u->views);
        free(u->verdicts);
    }
    for (size_t i = 0; i < b->volumes.n; i++)
        vec_free_(&ODB_AT(b->volumes, struct odb_volume_, i).extents);
    vec_free_(&b->members);
    vec_free_(&b->domains);
    vec_free_(&b->users);
    vec_free_(&b->volumes);
    HASH_ITER(hh, b->strings, s, tmp) {
        HASH_DEL(b->strings, s);
        free(s);
    }
    free_names_(&b->user_names);
    free_names_(&b->volsers);
    free(b);
}

int zvmc_odb_set_cluster(struct zvmc_odb *b, const char *name, const char *zvm_level)
{
    const char *n, *l;

    if (!b)
        return -ZVMC_ERR_INVAL;
    if (!(n = intern_(b, name)) || !(l = intern_(b, zvm_level)))
        return -ZVMC_ERR_NOMEM;
    b->cluster_name = n;
    b->zvm_level = l;
    return 0;
}

/*
 * Members
 */

static struct odb_member_ *member_(struct zvmc_odb *b, int m)
{
    if (!b || m < 0 || (size_t)m >= b->members.n)
        return NULL;
    return &ODB_AT(b->members, struct odb_member_, m);
}

int zvmc_odb_add_member(struct zvmc_odb *b, const char *name, uint32_t slot, const char *res_volume)
{
    struct odb_member_ *mb;
    const char *n, *r;

    if (!b || !is_name_(name) || b->members_frozen || b->members.n >= ZVMC_OBJDIR_MAX_MEMBERS)
        return -ZVMC_ERR_INVAL;
    for (size_t i = 0; i < b->members.n; i++)   /* at most 32: a scan will do */
        if (zvmc_od_name_eq_(ODB_AT(b->members, struct odb_member_, i).name, name))
            return -ZVMC_ERR_INVAL;
    if (!(n = intern_(b, name)) || !(r = intern_(b, res_volume)) ||
        !(mb = vec_push_(&b->members, sizeof(*mb))))
        return -ZVMC_ERR_NOMEM;
    mb->name = n;
    mb->res = r;
    mb->slot = slot;
    return (int)(b->members.n - 1);
}

int zvmc_odb_member_sysid(struct zvmc_odb *b, int member, const struct zvmc_sysid *s)
{
    struct odb_member_ *mb = member_(b, member);
    struct zvmc_sysid *e, c;

    if (!mb || !s || s->kind < ZVMC_SYSID_LPAR || s->kind > ZVMC_SYSID_CPUID)
        return -ZVMC_ERR_INVAL;
    c.kind = s->kind;
    if (!(c.id = intern_(b, s->id)) || !(c.cpuid = intern_(b, s->cpuid)) ||
        !(e = vec_push_(&mb->sysids, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_member_cpowned(struct zvmc_odb *b, int member, const struct zvmc_cpowned *cp)
{
    struct odb_member_ *mb = member_(b, member);
    struct zvmc_cpowned *e, c;

    if (!mb || !cp)
        return -ZVMC_ERR_INVAL;
    c.slot = cp->slot;
    if (!(c.volid = intern_(b, cp->volid)) || !(e = vec_push_(&mb->cpowned, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_member_eqid(struct zvmc_odb *b, int member, const struct zvmc_eqid *eq)
{
    struct odb_member_ *mb = member_(b, member);
    struct zvmc_eqid *e, c;

    if (!mb || !eq || eq->rdev_first > eq->rdev_last)
        return -ZVMC_ERR_INVAL;
    c = *eq;
    if (!(c.eqid = intern_(b, eq->eqid)) || !(c.type = intern_(b, eq->type)) ||
        !(e = vec_push_(&mb->eqids, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_member_vswitch(struct zvmc_odb *b, int member, const char *name)
{
    struct odb_member_ *mb = member_(b, member);
    const char *n, **e;

    if (!mb || !is_name_(name))
        return -ZVMC_ERR_INVAL;
    if (!(n = intern_(b, name)) || !(e = vec_push_(&mb->vswitches, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = n;
    return 0;
}

static bool mask_ok_(const struct zvmc_odb *b, uint32_t mask)
{
    return !(mask & ~(uint32_t)((1ull << b->members.n) - 1));
}

int zvmc_odb_add_domain(struct zvmc_odb *b, const struct zvmc_domain *d)
{
    struct zvmc_domain *e;
    const char *n;

    if (!b || !d || !is_name_(d->name) || !mask_ok_(b, d->member_mask))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    if (!(n = intern_(b, d->name)) || !(e = vec_push_(&b->domains, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    e->name = n;
    e->member_mask = d->member_mask;
    return (int)(b->domains.n - 1);
}

/*
 * Volumes
 */

int zvmc_odb_add_volume(struct zvmc_odb *b, const char *volser, uint32_t member_mask)
{
    struct odb_volume_ *v;
    struct odb_name_ *taken;
    const char *n;
    int rc;

    if (!b || !is_name_(volser) || !mask_ok_(b, member_mask))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    rc = name_take_(&b->volsers, volser, false, &taken);
    if (rc)
        return rc;
    if (!(n = intern_(b, volser)) || !(v = vec_push_(&b->volumes, sizeof(*v)))) {
        name_release_(&b->volsers, taken);
        return -ZVMC_ERR_NOMEM;
    }
    v->volser = n;
    v->mask = member_mask;
    return (int)(b->volumes.n - 1);
}

int zvmc_odb_volume_extent(struct zvmc_odb *b, int vol, const struct zvmc_extent *x)
{
    struct zvmc_extent *e;

    if (!b || !x || vol < 0 || (size_t)vol >= b->volumes.n || x->owner < -1 ||
        (x->owner >= 0 && (size_t)x->owner >= b->users.n))
        return -ZVMC_ERR_INVAL;
    e = vec_push_(&ODB_AT(b->volumes, struct odb_volume_, vol).extents, sizeof(*e));
    if (!e)
        return -ZVMC_ERR_NOMEM;
    *e = *x;
    return 0;
}

/*
 * Users and views
 */

static struct odb_user_ *user_(struct zvmc_odb *b, int u)
{
    if (!b || u < 0 || (size_t)u >= b->users.n)
        return NULL;
    return &ODB_AT(b->users, struct odb_user_, u);
}

int zvmc_odb_add_user(struct zvmc_odb *b, const char *name, enum zvmc_user_kind kind)
{
    struct odb_user_ *u;
    const char *n;
    size_t m, pairs;
    struct odb_view_ *views;
    struct odb_verdict_ *verdicts;
    struct odb_name_ *taken;
    int rc;

    if (!b || !is_name_(name) || (kind != ZVMC_USER_USER && kind != ZVMC_USER_IDENTITY))
        return -ZVMC_ERR_INVAL;
    b->members_frozen = true;
    m = b->members.n;
    pairs = zvmc_od_pairs_((uint32_t)m);
    rc = name_take_(&b->user_names, name, true, &taken);
    if (rc)
        return rc;
    views = calloc(m ? m : 1, sizeof(*views));
    verdicts = calloc(pairs ? pairs : 1, sizeof(*verdicts));
    if (!views || !verdicts || !(n = intern_(b, name)) || !(u = vec_push_(&b->users, sizeof(*u)))) {
        free(views);
        free(verdicts);
        name_release_(&b->user_names, taken);
        return -ZVMC_ERR_NOMEM;
    }
    u->name = n;
    u->kind = kind;
    u->views = views;
    u->verdicts = verdicts;
    return (int)(b->users.n - 1);
}

/* The view of (user, member); with present_only, NULL unless it was set. */
static struct odb_view_ *view_(struct zvmc_odb *b, int user, int member, bool present_only)
{
    struct odb_user_ *u = user_(b, user);
    struct odb_view_ *v;

    if (!u || member < 0 || (size_t)member >= b->members.n)
        return NULL;
    v = &u->views[member];
    return (present_only && !v->present) ? NULL : v;
}

int zvmc_odb_set_view(struct zvmc_odb *b, int user, int member, const struct zvmc_view *in)
{
    struct odb_view_ *v = view_(b, user, member, false);
    struct zvmc_view c;

    if (!v || !in || (in->flags & ~ZVMC_OD_VIEW_FLAGS_KNOWN) || in->crypto < ZVMC_CRYPTO_NONE ||
        in->crypto > ZVMC_CRYPTO_APDED)
        return -ZVMC_ERR_INVAL;
    c = *in;
    if (!(c.privclasses = intern_(b, in->privclasses)) ||
        !(c.reloc_domain = intern_(b, in->reloc_domain)) ||
        !(c.crypto_domains = intern_(b, in->crypto_domains)))
        return -ZVMC_ERR_NOMEM;
    v->v = c;
    v->present = true;
    return 0;
}

int zvmc_odb_view_mdisk(struct zvmc_odb *b, int user, int member, const struct zvmc_mdisk *md)
{
    struct odb_view_ *v = view_(b, user, member, true);
    struct zvmc_mdisk *e, c;

    if (!v || !md || md->unit < ZVMC_UNIT_CYL || md->unit > ZVMC_UNIT_BLK ||
        md->kind < ZVMC_MDISK_EXTENT || md->kind > ZVMC_MDISK_TDISK ||
        (md->flags & ~ZVMC_OD_MDISK_FLAGS_KNOWN))
        return -ZVMC_ERR_INVAL;
    c = *md;
    if (!(c.devtype = intern_(b, md->devtype)) || !(c.volser = intern_(b, md->volser)) ||
        !(c.mode = intern_(b, md->mode)) || !(e = vec_push_(&v->mdisks, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_view_link(struct zvmc_odb *b, int user, int member, const struct zvmc_link *l)
{
    struct odb_view_ *v = view_(b, user, member, true);
    struct zvmc_link *e, c;

    if (!v || !l || !is_name_(l->owner))
        return -ZVMC_ERR_INVAL;
    c = *l;
    if (!(c.owner = intern_(b, l->owner)) || !(c.mode = intern_(b, l->mode)) ||
        !(e = vec_push_(&v->links, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_view_dedicate(struct zvmc_odb *b, int user, int member, const struct zvmc_dedicate *d)
{
    struct odb_view_ *v = view_(b, user, member, true);
    struct zvmc_dedicate *e, c;

    if (!v || !d)
        return -ZVMC_ERR_INVAL;
    c = *d;
    if (!(c.eqid = intern_(b, d->eqid)) || !(c.devtype = intern_(b, d->devtype)) ||
        !(e = vec_push_(&v->dedicates, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_view_nicdef(struct zvmc_odb *b, int user, int member, const struct zvmc_nicdef *n)
{
    struct odb_view_ *v = view_(b, user, member, true);
    struct zvmc_nicdef *e, c;

    if (!v || !n || n->type < ZVMC_NIC_QDIO || n->type > ZVMC_NIC_HIPERS ||
        n->conn < ZVMC_NIC_UNCOUPLED || n->conn > ZVMC_NIC_VSWITCH)
        return -ZVMC_ERR_INVAL;
    c = *n;
    if (!(c.lan_owner = intern_(b, n->lan_owner)) || !(c.name = intern_(b, n->name)) ||
        !(e = vec_push_(&v->nicdefs, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = c;
    return 0;
}

int zvmc_odb_view_option(struct zvmc_odb *b, int user, int member, const char *option)
{
    struct odb_view_ *v = view_(b, user, member, true);
    const char *s, **e;

    if (!v || !is_name_(option))
        return -ZVMC_ERR_INVAL;
    if (!(s = intern_(b, option)) || !(e = vec_push_(&v->options, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    *e = s;
    return 0;
}

/*
 * Relocation verdicts
 */

static struct odb_verdict_ *verdict_(struct zvmc_odb *b, int user, int from, int to)
{
    struct odb_user_ *u = user_(b, user);
    size_t m = b ? b->members.n : 0;

    if (!u || from < 0 || to < 0 || from == to || (size_t)from >= m || (size_t)to >= m)
        return NULL;
    return &u->verdicts[zvmc_od_pair_((uint32_t)m, (uint32_t)from, (uint32_t)to)];
}

int zvmc_odb_reloc_eligible(struct zvmc_odb *b, int user, int from, int to)
{
    struct odb_verdict_ *v = verdict_(b, user, from, to);

    if (!v || v->state == ODB_REFUSED)
        return -ZVMC_ERR_INVAL;
    v->state = ODB_ELIGIBLE;
    return 0;
}

int zvmc_odb_reloc_reason(struct zvmc_odb *b, int user, int from, int to,
              enum zvmc_reloc_reason code, uint32_t vaddr, const char *message)
{
    struct odb_verdict_ *v = verdict_(b, user, from, to);
    struct zvmc_reason *e;
    const char *msg;

    if (!v || v->state == ODB_ELIGIBLE || (int)code < 0 || code >= ZVMC_RELOC_REASON_COUNT)
        return -ZVMC_ERR_INVAL;
    if (!(msg = intern_(b, message)) || !(e = vec_push_(&v->reasons, sizeof(*e))))
        return -ZVMC_ERR_NOMEM;
    e->code = code;
    e->vaddr = vaddr;
    e->message = msg;
    v->state = ODB_REFUSED;
    return 0;
}
