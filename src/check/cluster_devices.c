/* SPDX-License-Identifier: MIT */
/* sysconfig-devices: per member, the real devices with their EQIDs and types;
 * which members define each EQID and each VSWITCH; the relocation domains. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/cluster_devices.h"

static int range_cmp(const void *a, const void *b)
{
    const rdev_range *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Ranges may overlap (rdev-eqid-conflict reports that): the one taken is the
 * last, in rdevs' order, that starts at or before rdev and covers it.  The
 * ranges before the binary search's position are searched from the right
 * through the tree of their reach: a scan back over them stopped after 64,
 * and missed a wide range with more narrow ones inside it before rdev (a
 * dedicated device it covers was then taken to have no EQID). */
const rdev_range *devices_lookup(const member_devices *m, uint32_t rdev)
{
    uint32_t lo = 0, hi = m->nrdevs;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->rdevs[mid].first <= rdev)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return NULL;
    if (!m->reach) {        /* no tree (devices_index() not run): scan back */
        for (uint32_t i = lo; i-- > 0;)
            if (m->rdevs[i].last >= rdev)
                return &m->rdevs[i];
        return NULL;
    }
    /* The rightmost leaf of [0, lo) reaching rdev: the nodes covering the
     * range, right to left (those of its right edge as they come, then those
     * of its left edge, kept, in reverse), then down that node. */
    const uint64_t *t = m->reach, want = (uint64_t)rdev + 1;
    uint32_t left[34], nleft = 0, node = 0;
    for (uint32_t l = m->reach_size, r = m->reach_size + lo; l < r && !node; l >>= 1, r >>= 1) {
        if (l & 1)
            left[nleft++] = l++;
        if ((r & 1) && t[r - 1] >= want)
            node = r - 1;
    }
    while (!node && nleft)
        if (t[left[--nleft]] >= want)
            node = left[nleft];
    if (!node)
        return NULL;
    while (node < m->reach_size)
        node = t[2 * node + 1] >= want ? 2 * node + 1 : 2 * node;
    return &m->rdevs[node - m->reach_size];
}

int devices_index(arena *a, member_devices *m)
{
    uint32_t size = 1;
    if (!m->nrdevs)
        return 0;
    if (m->nrdevs > UINT32_MAX / 2)
        return -1;          /* no tree of that size: its nodes are counted in 32 bits */
    while (size < m->nrdevs)
        size <<= 1;
    uint64_t *t = arena_zalloc(a, 2 * (size_t)size * sizeof *t);
    if (!t)
        return -1;
    for (uint32_t i = 0; i < m->nrdevs; i++)
        t[size + i] = (uint64_t)m->rdevs[i].last + 1;
    for (uint32_t k = size; k-- > 1;)
        t[k] = t[2 * k] > t[2 * k + 1] ? t[2 * k] : t[2 * k + 1];
    m->reach = t;
    m->reach_size = size;
    return 0;
}

static member_mask mask_get(const symtab *t, const char *name)
{
    return name ? (member_mask)(uintptr_t)symtab_get(t, name, strlen(name)) : 0;
}

member_mask devices_eqid_members(const cluster_devices *d, const char *eqid)
{
    return mask_get(&d->eqids, eqid);
}

member_mask devices_vswitch_members(const cluster_devices *d, const char *name)
{
    return mask_get(&d->vswitches, name);
}

const reloc_domain *devices_domain(const cluster_devices *d, const char *name)
{
    /* the last definition of the name: a defined domain overrides an implicit
     * one.  A map, not a scan from the end per user: 80,000 domains beside
     * 80,000 users naming the first took 3.6 s. */
    uint64_t i = ptrmap_get(&d->domain_index, name);
    return i ? &d->domains[i - 1] : NULL;
}

void devices_member_list(const check_run *r, member_mask m, char *buf, size_t len)
{
    size_t used = 0;
    unsigned total = 0, count = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
        total += (m >> i) & 1;
    for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++) {
        if (!((m >> i) & 1))
            continue;
        count++;
        const char *sep = count == 1 ? "" : count == total ? " and " : ", ";
        int n = snprintf(buf + used, len - used, "%s%s", sep, r->model.members[i].name);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
}

/* CP's volume patterns: '*' any run of characters, '%' any one character.
 * Iterative, back to the last '*' only (a match of what follows it with @s
 * shifted on by one is all a later try could find): a recursion per '*' took
 * 15 s for *A*A*A*A*A*A*A*A*A*A*B against 40 A's; this is O(|p| * |s|). */
static int pattern_match(const char *p, const char *s)
{
    const char *star = NULL, *retry = NULL;
    while (*s) {
        if (*p == '*') {
            star = ++p;
            retry = s;
        } else if (*p && (*p == '%' || *p == *s)) {
            p++;
            s++;
        } else if (star) {
            p = star;
            s = ++retry;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

static void chain_match(const cluster_devices *d, uintptr_t head, const char *volser,
                        member_mask *m, int *known)
{
    for (uintptr_t i = head; i; i = d->vpats[i - 1].next) {
        if (pattern_match(d->vpats[i - 1].pattern, volser)) {
            *m |= d->vpats[i - 1].members;
            *known = 1;
        }
    }
}

member_mask devices_volume_members(const cluster_devices *d, const char *volser, int *known)
{
    member_mask m = (member_mask)ptrmap_get(&d->volumes, volser);
    *known = m != 0;
    if (!volser || !d->npatterns)
        return m;
    /* The patterns that could match (see cluster_devices): the result is an OR,
     * so the order they are tried in does not matter. */
    if (ptrmap_has(&d->exact, volser)) {
        m |= (member_mask)ptrmap_get(&d->exact, volser);
        *known = 1;
    }
    size_t n = strlen(volser);
    for (uint32_t i = 0; i < d->nwild; i++) {
        if (d->wild[i].star ? n >= d->wild[i].npct : n == d->wild[i].npct) {
            m |= d->wild[i].members;
            *known = 1;
        }
    }
    for (int k = VOL_KEY_PREFIX; k <= VOL_KEY_INNER; k++) {
        for (uint32_t j = 0; j < d->nkeylens[k]; j++) {
            size_t len = d->keylens[k][j];
            if (len > n)
                continue;
            size_t from = k == VOL_KEY_SUFFIX ? n - len : 0;
            size_t to = k == VOL_KEY_INNER ? n - len : from;
            for (size_t at = from; at <= to; at++) {
                uintptr_t head = (uintptr_t)symtab_get(&d->keyed[k], volser + at, len);
                /* an inner run found twice in the label: its chain was tried */
                int again = 0;
                for (size_t b = from; head && b < at && !again; b++)
                    again = memcmp(volser + b, volser + at, len) == 0;
                if (head && !again)
                    chain_match(d, head, volser, &m, known);
            }
        }
    }
    return m;
}

/* Index the User_Volume_Include patterns (see cluster_devices).  0 when out
 * of memory. */
static int index_patterns(check_run *r, cluster_devices *d)
{
    const zvmc_alloc *al = &r->ctx->alloc;
    ptrmap ids = { 0 };             /* pattern -> vol_pat index + 1: each once */
    symtab wild;                    /* "%%%*" -> vol_wild index + 1 */
    uint8_t *seen[3] = { NULL, NULL, NULL };
    size_t maxlen = 0;
    int ok = 0;
    symtab_init(&wild, al);
    for (uint32_t i = 0; i < d->npatterns; i++) {
        size_t len = d->patterns[i].pattern ? strlen(d->patterns[i].pattern) : 0;
        if (len > maxlen)
            maxlen = len;
    }
    d->vpats = arena_alloc(&r->arena, (d->npatterns + 1) * sizeof *d->vpats);
    d->wild = arena_alloc(&r->arena, (d->npatterns + 1) * sizeof *d->wild);
    for (int k = 0; k < 3; k++) {
        seen[k] = zalloc_calloc(al, maxlen + 1, 1);
        d->keylens[k] = arena_alloc(&r->arena, (maxlen + 1) * sizeof *d->keylens[k]);
        if (!seen[k] || !d->keylens[k])
            goto out;
    }
    if (!d->vpats || !d->wild)
        goto out;
    uint32_t nv = 0;
    for (uint32_t i = 0; i < d->npatterns; i++) {
        const char *p = d->patterns[i].pattern;
        member_mask pm = d->patterns[i].members;
        if (!p)
            continue;
        size_t len = strlen(p);
        if (!strpbrk(p, "*%")) {
            ptrmap_slot *e = ptrmap_put(&d->exact, al, p);
            if (!e)
                goto out;
            e->value |= pm;
            continue;
        }
        ptrmap_slot *id = ptrmap_put(&ids, al, p);
        if (!id)
            goto out;
        if (id->value) {            /* the same pattern again */
            d->vpats[id->value - 1].members |= pm;
            continue;
        }
        /* the longest literal run; the first of equals, a prefix or suffix
         * before an inner one (one lookup instead of one per position) */
        size_t best = 0, best_at = 0, npct = 0;
        int kind = -1, star = 0;
        for (size_t at = 0; at < len;) {
            if (p[at] == '*' || p[at] == '%') {
                npct += p[at] == '%';
                star |= p[at] == '*';
                at++;
                continue;
            }
            size_t e = at;
            while (e < len && p[e] != '*' && p[e] != '%')
                e++;
            int k = at == 0 ? VOL_KEY_PREFIX : e == len ? VOL_KEY_SUFFIX : VOL_KEY_INNER;
            if (e - at > best || (e - at == best && kind == VOL_KEY_INNER && k != VOL_KEY_INNER)) {
                best = e - at;
                best_at = at;
                kind = k;
            }
            at = e;
        }
        if (kind < 0) {             /* wildcards only: a length, at least one */
            char *key = arena_alloc(&r->arena, npct + 2);
            if (!key)
                goto out;
            memset(key, '%', npct);
            key[npct] = star ? '*' : '\0';
            key[npct + 1] = '\0';
            int is_new;
            symtab_slot *w = symtab_put(&wild, key, strlen(key), &is_new);
            if (!w)
                goto out;
            if (is_new) {
                d->wild[d->nwild] = (struct vol_wild){ (uint32_t)npct, star, 0 };
                w->value = (void *)(uintptr_t)++d->nwild;
            }
            d->wild[(uintptr_t)w->value - 1].members |= pm;
            continue;
        }
        char *key = arena_strndup(&r->arena, p + best_at, best);
        int is_new;
        symtab_slot *b = key ? symtab_put(&d->keyed[kind], key, best, &is_new) : NULL;
        if (!b)
            goto out;
        d->vpats[nv] = (struct vol_pat){ p, pm, (uint32_t)(uintptr_t)b->value };
        b->value = (void *)(uintptr_t)++nv;
        id->value = nv;
        if (!seen[kind][best]) {
            seen[kind][best] = 1;
            d->keylens[kind][d->nkeylens[kind]++] = (uint32_t)best;
        }
    }
    ok = 1;
out:
    for (int k = 0; k < 3; k++)
        zalloc_free(al, seen[k]);
    ptrmap_free(&ids, al);
    symtab_free(&wild);
    return ok;
}

static void mask_or(check_run *r, symtab *t, const char *name, member_mask m)
{
    int is_new;
    symtab_slot *s = symtab_put(t, name, strlen(name), &is_new);
    if (!s) {
        r->ctx->oom = 1;
        return;
    }
    s->value = (void *)(uintptr_t)((member_mask)(uintptr_t)s->value | m);
}

/* OR @m into the members of interned volume label @vol. */
static void vol_or(check_run *r, const char *vol, member_mask m)
{
    ptrmap_slot *s = ptrmap_put(&r->devices->volumes, &r->ctx->alloc, vol);
    if (!s)
        r->ctx->oom = 1;
    else
        s->value |= m;
}

static member_mask stmt_mask(const check_run *r, const sc_stmt *s)
{
    member_mask m = 0;
    for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
        if (sc_applies(s, r->model.members[i].name))
            m |= (member_mask)1 << i;
    return m;
}

static int add_domain(check_run *r, cluster_devices *d, const char *name, member_mask m,
                      const sc_stmt *s)
{
    reloc_domain *v = arena_grow(&r->arena, d->domains, d->ndomains, sizeof *v);
    if (!v)
        return 0;
    v[d->ndomains].name = name;
    v[d->ndomains].members = m;
    v[d->ndomains].stmt = s;
    d->domains = v;
    d->ndomains++;
    return 1;
}

void pass_sysconfig_devices(check_run *r)
{
    uint32_t n = r->model.nmembers < 64 ? r->model.nmembers : 64;
    cluster_devices *d = arena_zalloc(&r->arena, sizeof *d);
    if (!d || !(d->members = arena_zalloc(&r->arena, (n ? n : 1) * sizeof *d->members))) {
        r->ctx->oom = 1;
        return;
    }
    symtab_init(&d->eqids, &r->ctx->alloc);
    symtab_init(&d->vswitches, &r->ctx->alloc);
    for (int k = 0; k < 3; k++)
        symtab_init(&d->keyed[k], &r->ctx->alloc);
    r->devices = d;

    /* Count, then fill, each member's device table. */
    sc_for_each_stmt(r->cfg, f, s)
        if (s->kind == SC_RDEVICE && s->u.rdev.range_ok)
            for (uint32_t i = 0; i < n; i++)
                if (sc_applies(s, r->model.members[i].name))
                    d->members[i].nrdevs++;
    for (uint32_t i = 0; i < n; i++) {
        d->members[i].rdevs = arena_alloc(&r->arena, (d->members[i].nrdevs + 1) * sizeof(rdev_range));
        if (!d->members[i].rdevs) {
            r->ctx->oom = 1;
            return;
        }
        d->members[i].nrdevs = 0;
    }
    sc_for_each_stmt(r->cfg, f, s) {
        member_mask m = stmt_mask(r, s);
        if (s->kind == SC_RDEVICE && s->u.rdev.range_ok) {
            for (uint32_t i = 0; i < n; i++) {
                if (!((m >> i) & 1))
                    continue;
                rdev_range *e = &d->members[i].rdevs[d->members[i].nrdevs++];
                e->first = s->u.rdev.first;
                e->last = s->u.rdev.last;
                e->eqid = s->u.rdev.eqid.s;
                e->type = s->u.rdev.type.s;
                e->stmt = s;
            }
            if (s->u.rdev.eqid.s)
                mask_or(r, &d->eqids, s->u.rdev.eqid.s, m);
        } else if (s->kind == SC_DEFINE_VSWITCH && s->u.vswitch.name.s) {
            mask_or(r, &d->vswitches, s->u.vswitch.name.s, m);
        } else if (s->kind == SC_CP_OWNED && s->u.cpowned.volid.s) {
            vol_or(r, s->u.cpowned.volid.s, m);
        } else if (s->kind == SC_USER_VOLUME_LIST) {
            for (uint32_t k = 0; k < s->u.uservol.volumes.n; k++)
                if (s->u.uservol.volumes.v[k].s)
                    vol_or(r, s->u.uservol.volumes.v[k].s, m);
        } else if (s->kind == SC_USER_VOLUME_INCLUDE) {
            for (uint32_t k = 0; k < s->u.uservol.volumes.n; k++) {
                struct vol_pattern *v = arena_grow(&r->arena, d->patterns, d->npatterns,
                                                   sizeof *v);
                if (!v) {
                    r->ctx->oom = 1;
                    return;
                }
                v[d->npatterns].pattern = s->u.uservol.volumes.v[k].s;
                v[d->npatterns].members = m;
                d->patterns = v;
                d->npatterns++;
            }
        }
    }
    if (d->npatterns && !index_patterns(r, d)) {
        r->ctx->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (d->members[i].nrdevs > 1)
            qsort(d->members[i].rdevs, d->members[i].nrdevs, sizeof(rdev_range), range_cmp);
        if (devices_index(&r->arena, &d->members[i]) < 0) {
            r->ctx->oom = 1;
            return;
        }
    }

    /* Implicit domains: SSI (every member) and one per member (IBM slides). */
    member_mask all = n >= 64 ? ~(member_mask)0 : (((member_mask)1 << n) - 1);
    const char *ssi = ctx_intern_upper(r->ctx, "SSI", 3);
    if (!ssi || !add_domain(r, d, ssi, all, NULL)) {
        r->ctx->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        if (!add_domain(r, d, r->model.members[i].name, (member_mask)1 << i, NULL)) {
            r->ctx->oom = 1;
            return;
        }
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_RELOCATION_DOMAIN || !s->u.reldom.name.s)
            continue;
        member_mask m = 0;
        for (uint32_t k = 0; k < s->u.reldom.members.n; k++)
            for (uint32_t i = 0; i < n; i++)
                if (r->model.members[i].name == s->u.reldom.members.v[k].s)
                    m |= (member_mask)1 << i;
        if (!add_domain(r, d, s->u.reldom.name.s, m, s)) {
            r->ctx->oom = 1;
            return;
        }
    }
    for (uint32_t i = 0; i < d->ndomains; i++) {
        if (!d->domains[i].name)
            continue;
        ptrmap_slot *e = ptrmap_put(&d->domain_index, &r->ctx->alloc, d->domains[i].name);
        if (!e) {
            r->ctx->oom = 1;
            return;
        }
        e->value = i + 1;           /* the last definition wins */
    }
}

void cluster_devices_free(check_run *r)
{
    if (!r->devices)
        return;
    symtab_free(&r->devices->eqids);
    symtab_free(&r->devices->vswitches);
    ptrmap_free(&r->devices->volumes, &r->ctx->alloc);
    ptrmap_free(&r->devices->exact, &r->ctx->alloc);
    for (int k = 0; k < 3; k++)
        symtab_free(&r->devices->keyed[k]);
    ptrmap_free(&r->devices->domain_index, &r->ctx->alloc);
    r->devices = NULL;
}
