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

const rdev_range *devices_lookup(const member_devices *m, uint32_t rdev)
{
    /* Ranges may overlap (rdev-eqid-conflict reports that); take the last
     * starting at or before rdev that covers it. */
    uint32_t lo = 0, hi = m->nrdevs;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->rdevs[mid].first <= rdev)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i-- > 0;) {
        if (m->rdevs[i].last >= rdev)
            return &m->rdevs[i];
        if (lo - i > 64)
            break;      /* ranges are short; do not scan far back */
    }
    return NULL;
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
    for (uint32_t i = d->ndomains; i-- > 0;)     /* a defined domain overrides an implicit one */
        if (d->domains[i].name == name)
            return &d->domains[i];
    return NULL;
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

/* CP's volume patterns: '*' any run of characters, '%' any one character. */
static int pattern_match(const char *p, const char *s)
{
    for (; *p; p++, s++) {
        if (*p == '*') {
            for (;; s++) {
                if (pattern_match(p + 1, s))
                    return 1;
                if (!*s)
                    return 0;
            }
        }
        if (!*s || (*p != '%' && *p != *s))
            return 0;
    }
    return *s == '\0';
}

member_mask devices_volume_members(const cluster_devices *d, const char *volser, int *known)
{
    member_mask m = (member_mask)ptrmap_get(&d->volumes, volser);
    *known = m != 0;
    for (uint32_t i = 0; volser && i < d->npatterns; i++) {
        if (pattern_match(d->patterns[i].pattern, volser)) {
            m |= d->patterns[i].members;
            *known = 1;
        }
    }
    return m;
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
    for (uint32_t i = 0; i < n; i++)
        if (d->members[i].nrdevs > 1)
            qsort(d->members[i].rdevs, d->members[i].nrdevs, sizeof(rdev_range), range_cmp);

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
}

void cluster_devices_free(check_run *r)
{
    if (!r->devices)
        return;
    symtab_free(&r->devices->eqids);
    symtab_free(&r->devices->vswitches);
    ptrmap_free(&r->devices->volumes, &r->ctx->alloc);
    r->devices = NULL;
}
