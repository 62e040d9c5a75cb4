/* SPDX-License-Identifier: MIT */
/*
 * The cluster-level relocation checks of `zvmc check` (docs/relocation.md, "In
 * `zvmc check`"), over the engine of relocation.c.
 */
#include <stdio.h>
#include <string.h>
#include "check/reloc_internal.h"
#include "util/names.h"
#include "util/ptrmap.h"

/* Is minidisk @target of user @owner local on some member: where? */
static const ud_seg *local_anywhere(reloc_engine *e, uint32_t owner, uint16_t target,
                                    const ud_stmt **md_out)
{
    for (uint32_t m = 0; m < e->res->nmembers; m++) {
        const ud_seg *seg = NULL;
        const ud_stmt *md = reloc_find_mdisk(e, owner, m, target, &seg);
        if (md && (seg->owner->kind == UD_E_SUBCONFIG || md->u.mdisk.ext == UD_EXT_TDISK)) {
            *md_out = md;
            return seg;
        }
    }
    return NULL;
}

/* The USERs that include a profile: how many, and the first four. */
typedef struct includers {
    const char *name;           /* the profile's name; NULL: a free slot */
    uint32_t count, last;       /* last: the user last counted, + 1 */
    const char *names[4];
} includers;

static includers *includers_find(includers *t, uint32_t mask, const char *name)
{
    uint32_t k = ud_ptr_hash(name) & mask;
    while (t[k].name && t[k].name != name)
        k = (k + 1) & mask;
    return &t[k];
}

/* A PROFILE that links a local minidisk makes every USER including it
 * non-relocatable: report it once, on the PROFILE's LINK. */
void check_reloc_profile_local_link(check_run *r)
{
    reloc_engine *e = reloc_run_engine(r);
    if (!e || e->res->nmembers < 2)
        return;
    const ud_directory *dir = e->dir;
    uint32_t nprof = 0;
    for (uint32_t i = 0; i < dir->nentries; i++)
        nprof += dir->entries[i]->kind == UD_E_PROFILE && dir->entries[i]->name;
    if (!nprof)
        return;
    /* Who includes what, in one pass over the users. */
    uint32_t cap = 16;
    while (cap < 2 * nprof)
        cap *= 2;
    includers *inc = zalloc_calloc(&r->ctx->alloc, cap, sizeof *inc);
    if (!inc) {
        r->ctx->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *p = dir->entries[i];
        if (p->kind == UD_E_PROFILE && p->name)
            includers_find(inc, cap - 1, p->name)->name = p->name;
    }
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_entry *ue = e->res->users[u];
        if (ue->kind != UD_E_USER || !(ue->flags & UD_EF_INCLUDE))
            continue;
        for (uint32_t k = 1; k < ue->nstmts; k++) {
            if (ue->stmts[k].kind != UD_S_INCLUDE || !ue->stmts[k].u.ref.name)
                continue;
            const char *name = ue->stmts[k].u.ref.name;
            includers *in = includers_find(inc, cap - 1, name);
            if (!in->name || in->last == u + 1)
                continue;   /* not a profile, or this user is counted */
            in->last = u + 1;
            if (in->count < 4)
                in->names[in->count] = ue->name;
            in->count++;
        }
    }
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *p = dir->entries[i];
        if (p->kind != UD_E_PROFILE || !p->name)
            continue;
        const includers *in = includers_find(inc, cap - 1, p->name);
        uint32_t count = in->count;
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
                int w = snprintf(list + used, sizeof list - used, "%s%s", n ? ", " : "",
                                 in->names[n]);
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
    zalloc_free(&r->ctx->alloc, inc);
}

/* A relocatable guest with dedicated OSA or FCP devices needs OPTION
 * CHPIDVIRTUALIZATION ONE, as the seed paper had to add. */
void check_reloc_chpidv(check_run *r)
{
    reloc_engine *e = reloc_run_engine(r);
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
            /* The first dedicated OSA or FCP device; only then do the options matter. */
            const ud_stmt *ded = NULL;
            const ud_seg *dseg = NULL;
            const char *type = NULL;
            /* (only the entries holding a DEDICATE are read: the parser marked them) */
            ud_view_for_each_in(v, UD_EF_DEDICATE, sg, s) {
                if (s->kind == UD_S_DEDICATE && !ded && s->u.dev.rdev != UINT32_MAX) {
                    const rdev_range *rr = devices_lookup(&e->dev->members[cm], s->u.dev.rdev);
                    if (rr && rr->type && (!strcmp(rr->type, "OSA") || !strcmp(rr->type, "FCP"))) {
                        ded = s;
                        dseg = sg;
                        type = rr->type;
                    }
                }
            }
            int chpidv = 0, off = 0;
            if (ded) {
                ud_view_for_each(v, sg, s) {
                    if (s->kind == UD_S_OPTION) {
                        reloc_ops o;
                        reloc_read_ops(e, sg->owner, s, &o);
                        for (uint32_t i = 0; i < o.n; i++)
                            if (reloc_op_abbrev(&o, i, "CHPIDVIRTUALIZATION", 6) &&
                                reloc_op_is(&o, i + 1, "ONE"))
                                chpidv = 1;
                    } else if (s->kind == UD_S_VMRELOCATE) {
                        reloc_ops o;
                        reloc_read_ops(e, sg->owner, s, &o);
                        off |= reloc_op_find(&o, "OFF") >= 0;
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
    reloc_engine *e = reloc_run_engine(r);
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
            reloc_read_settings(e, v, &st);
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
    reloc_engine *e = reloc_run_engine(r);
    if (!e || e->res->nmembers < 2)
        return;
    int want[ZVMC_RELOC_REASON_COUNT], any = 0;
    for (int c = 0; c < ZVMC_RELOC_REASON_COUNT; c++)
        any |= want[c] = diag_enabled(r->ctx, zvmc_reloc_reason_name(c));
    if (!any)
        return;
    symtab seen;
    symtab_init(&seen, &r->ctx->alloc);
    uint32_t nm = e->res->nmembers;
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_entry *ue = e->res->users[u];
        for (uint32_t a = 0; a < nm; a++) {
            if (!ud_view_of(e->res, u, a))
                continue;
            for (uint32_t base = 0; base < nm; base += RELOC_WINDOW) {
                const reloc_judgment *jd = reloc_judge(e, u, a, base);
                if (!jd->blocked)
                    continue;
                for (uint32_t bi = 0; bi < jd->nb; bi++) {
                    uint32_t b = base + bi;
                    if (a == b || !((jd->blocked >> bi) & 1))
                        continue;
                    /* The first 64 reasons of each pair, in order. */
                    for (uint32_t i = 0, k = 0; i < jd->n && k < 64; i++) {
                        const reloc_judged *j = &jd->j[i];
                        if (!((j->targets >> bi) & 1))
                            continue;
                        k++;
                        if (!want[j->r.code] || !first_time(r, &seen, j->r.loc, j->r.code))
                            continue;
                        const char *msg = reloc_judged_message(e, i, b);
                        zvmc_diag_int *d = diag_report(r->ctx, zvmc_reloc_reason_name(j->r.code),
                            ZVMC_SEV_WARNING, j->r.loc, "%s cannot relocate from %s to %s: %s%s",
                            ue->name, e->res->members[a], e->res->members[b], msg ? msg : "",
                            j->r.confirmed ? "" : " (UNCONFIRMED rule)");
                        (void)d;
                    }
                }
            }
        }
        reloc_engine_reset_messages(e);
    }
    symtab_free(&seen);
}

/* The guests that dedicate a device of one EQID on one member: how many, and
 * the first three with the device (reloc_note_eqid_users()). */
typedef struct eqid_users {
    uint32_t count, last;       /* last: the user last counted, + 1 */
    uint32_t n;                 /* listed: min(count, 3) */
    uint32_t user[3], rdev[3];
    uint16_t vaddr[3];
} eqid_users;

struct reloc_eqid_index {
    ptrmap map;                 /* interned EQID -> index in v + 1 */
    eqid_users *v;
    uint32_t n, cap;
};

void reloc_eqid_index_free(reloc_engine *e)
{
    const zvmc_alloc *al = &e->r->ctx->alloc;
    for (uint32_t m = 0; e->eqid_users && m < e->res->nmembers; m++) {
        if (!e->eqid_users[m])
            continue;
        ptrmap_free(&e->eqid_users[m]->map, al);
        zalloc_free(al, e->eqid_users[m]->v);
        zalloc_free(al, e->eqid_users[m]);
    }
    zalloc_free(al, e->eqid_users);
    e->eqid_users = NULL;
}

/* Every USER's dedicated devices on member @m, by EQID, in one walk of the
 * views: asking the views once per EQID made eqid-one-sided quadratic (each
 * of 8,000 one-sided EQIDs walked every guest).  NULL on ENOMEM (ctx->oom). */
static const struct reloc_eqid_index *eqid_index(reloc_engine *e, uint32_t m, uint32_t cfg_member)
{
    const zvmc_alloc *al = &e->r->ctx->alloc;
    if (!e->eqid_users && !(e->eqid_users = zalloc_calloc(al, e->res->nmembers,
                                                          sizeof *e->eqid_users)))
        goto oom;
    if (e->eqid_users[m])
        return e->eqid_users[m];
    struct reloc_eqid_index *x = zalloc_calloc(al, 1, sizeof *x);
    if (!x)
        goto oom;
    e->eqid_users[m] = x;
    for (uint32_t u = 0; u < e->res->nusers; u++) {
        const ud_view *v = ud_view_of(e->res, u, m);
        if (!v || e->res->users[u]->kind != UD_E_USER)
            continue;
        ud_view_for_each(v, sg, s) {
            if (s->kind != UD_S_DEDICATE || s->u.dev.rdev == UINT32_MAX)
                continue;
            const rdev_range *rr = devices_lookup(&e->dev->members[cfg_member], s->u.dev.rdev);
            if (!rr || !rr->eqid)
                continue;
            ptrmap_slot *slot = ptrmap_put(&x->map, al, rr->eqid);
            if (!slot)
                goto oom;
            if (!slot->value) {
                if (x->n == x->cap) {
                    uint32_t cap = x->cap ? 2 * x->cap : 16;
                    eqid_users *nv = cap > x->cap ? zalloc_realloc(al, x->v, cap * sizeof *nv)
                                                  : NULL;
                    if (!nv)
                        goto oom;
                    x->v = nv;
                    x->cap = cap;
                }
                memset(&x->v[x->n], 0, sizeof x->v[x->n]);
                slot->value = ++x->n;
            }
            eqid_users *eu = &x->v[slot->value - 1];
            if (eu->last == u + 1)
                continue;       /* a guest counts once, with its first such device */
            eu->last = u + 1;
            if (eu->n < 3) {
                eu->user[eu->n] = u;
                eu->rdev[eu->n] = s->u.dev.rdev;
                eu->vaddr[eu->n++] = s->u.dev.vaddr;
            }
            eu->count++;
        }
    }
    return x;
oom:
    e->r->ctx->oom = 1;
    return NULL;
}

void reloc_note_eqid_users(check_run *r, zvmc_diag_int *d, uint32_t cfg_member, const char *eqid)
{
    reloc_engine *e = d ? reloc_run_engine(r) : NULL;
    if (!e || !e->dev || cfg_member >= 64)
        return;
    int m = -1;
    for (uint32_t i = 0; i < e->res->nmembers; i++)
        if (e->cfg_member[i] == (int)cfg_member)
            m = (int)i;
    if (m < 0)
        return;
    const struct reloc_eqid_index *x = eqid_index(e, (uint32_t)m, cfg_member);
    uint64_t k = x ? ptrmap_get(&x->map, eqid) : 0;
    if (!k)
        return;
    const eqid_users *eu = &x->v[k - 1];
    char list[256] = "";
    size_t used = 0;
    for (uint32_t i = 0; i < eu->n; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s (DEDICATE %04X %04X)",
                         i ? ", " : "", e->res->users[eu->user[i]]->name, eu->vaddr[i],
                         eu->rdev[i]);
        if (w > 0 && (size_t)w < sizeof list - used)
            used += (size_t)w;
    }
    diag_note(r->ctx, d, loc_none(), "it keeps %u guest%s on %s: %s%s", eu->count,
              eu->count == 1 ? "" : "s", e->res->members[m], list, eu->count > 3 ? ", ..." : "");
}
