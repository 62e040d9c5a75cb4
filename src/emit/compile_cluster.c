/* SPDX-License-Identifier: MIT */
/*
 * The cluster part of an object directory: the members in slot order, each with
 * its System_Identifier, CP_Owned, RDEV EQID and VSWITCH lists as its view of
 * the SYSTEM CONFIG gives them, and the relocation domains.
 */
#include <stdio.h>
#include <string.h>
#include "emit/compile.h"
#include "util/ptrmap.h"

#define TRY(e) do { int rc_ = compile_rc(e); if (rc_ < 0) return rc_; } while (0)

/* The operand as written (CPU id patterns keep their case: %4zzzz), interned
 * (a token's text is not NUL-terminated); NULL when out of memory. */
static const char *as_written(compile_state *st, const sc_stmt *s, const sc_name *n)
{
    for (uint32_t i = 0; i < s->ntoks; i++)
        if (s->toks[i].loc.file == n->loc.file && s->toks[i].loc.begin == n->loc.begin)
            return ctx_intern(st->ctx, s->toks[i].text, s->toks[i].len);
    return n->s;
}

/* One member's lists; @seen (empty on entry) holds the VSWITCHes given. */
static int member_lists_in(compile_state *st, int hm, const char *name, int cm, ptrmap *seen)
{
    const sc_config *cfg = st->ctx->config;
    sc_for_each_stmt(cfg, f, s) {
        if (s->kind == SC_SYSTEM_IDENTIFIER && s->u.sysid->sysname.s == name) {
            struct zvmc_sysid id;
            if (s->u.sysid->lpar) {
                id = (struct zvmc_sysid){ ZVMC_SYSID_LPAR, s->u.sysid->lpar_name.s, "" };
            } else {
                id = (struct zvmc_sysid){ ZVMC_SYSID_CPUID, s->u.sysid->machine_type.s,
                                          as_written(st, s, &s->u.sysid->cpuid) };
            }
            if (!id.cpuid && st->ctx->oom)
                return ZVMC_ENOMEM;
            if (id.id && id.cpuid)
                TRY(zvmc_odb_member_sysid(st->b, hm, &id));
        } else if (s->kind == SC_CP_OWNED && sc_applies(s, name) && s->u.cpowned.volid.s) {
            struct zvmc_cpowned c = { (uint32_t)s->u.cpowned.slot.v, s->u.cpowned.volid.s };
            TRY(zvmc_odb_member_cpowned(st->b, hm, &c));
        } else if (s->kind == SC_DEFINE_VSWITCH && sc_applies(s, name) && s->u.vswitch.name.s &&
                   strlen(s->u.vswitch.name.s) <= ZVMC_OBJDIR_MAX_NAME) {
            /* once each, in the order the member's view defines them; a map of
             * the names given (interned), where a scan of them made 200,000
             * VSWITCHes take 12.6 s */
            const char *vs = s->u.vswitch.name.s;
            if (ptrmap_has(seen, vs))
                continue;
            if (!ptrmap_put(seen, &st->ctx->alloc, vs))
                return ZVMC_ENOMEM;
            TRY(zvmc_odb_member_vswitch(st->b, hm, vs));
        }
    }
    /* RDEV ranges with an EQID, sorted by first device as the relocation rules
     * see them.  Ranges with only a TYPE are not EQIDs: a dedicated device
     * keeps its type in its DEDICATE record. */
    if (st->dev && cm >= 0) {
        const member_devices *md = &st->dev->members[cm];
        for (uint32_t i = 0; i < md->nrdevs; i++) {
            const rdev_range *r = &md->rdevs[i];
            if (!r->eqid)
                continue;
            struct zvmc_eqid e = { r->first, r->last, r->eqid, r->type ? r->type : "" };
            TRY(zvmc_odb_member_eqid(st->b, hm, &e));
        }
    }
    return 0;
}

static int member_lists(compile_state *st, int hm, const char *name, int cm)
{
    ptrmap seen = { 0 };
    int rc = member_lists_in(st, hm, name, cm, &seen);
    ptrmap_free(&seen, &st->ctx->alloc);
    return rc;
}

static uint32_t to_mask(const compile_state *st, member_mask cfgmask)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < st->m; i++)
        if (st->cfg[i] >= 0 && ((cfgmask >> st->cfg[i]) & 1))
            m |= 1u << i;
    return m;
}

/* The domains as the rules find them: a later definition of a name replaces
 * an earlier one (a Relocation_Domain may redefine an implicit domain), and
 * each name keeps the position of its first definition.  One pass maps each
 * name (interned) to its first and last definitions: a scan of the earlier and
 * of the later ones for each made 80,000 domains take 6.3 s. */
static int domains_in(compile_state *st, ptrmap *where)
{
    const cluster_devices *d = st->dev;
    const zvmc_alloc *al = &st->ctx->alloc;
    for (uint32_t i = 0; i < d->ndomains; i++) {
        if (!d->domains[i].name)
            continue;
        ptrmap_slot *sl = ptrmap_put(where, al, d->domains[i].name);
        if (!sl)
            return ZVMC_ENOMEM;
        /* the first + 1 in the high half (a new slot holds 0), the last in the low */
        uint64_t first = sl->value ? sl->value >> 32 : (uint64_t)i + 1;
        sl->value = first << 32 | i;
    }
    for (uint32_t i = 0; i < d->ndomains; i++) {
        const char *name = d->domains[i].name;
        if (!name || !*name || strlen(name) > ZVMC_OBJDIR_MAX_NAME)
            continue;
        uint64_t fl = ptrmap_get(where, name);
        if ((fl >> 32) != (uint64_t)i + 1)
            continue;       /* not the first definition */
        member_mask mask = d->domains[(uint32_t)fl].members;
        struct zvmc_domain dom = { name, to_mask(st, mask) };
        TRY(zvmc_odb_add_domain(st->b, &dom));
    }
    return 0;
}

static int domains(compile_state *st)
{
    if (!st->dev)
        return 0;
    ptrmap where = { 0 };
    int rc = domains_in(st, &where);
    ptrmap_free(&where, &st->ctx->alloc);
    return rc;
}

int compile_cluster(compile_state *st)
{
    const ud_resolved *res = st->res;
    const sc_model *model = &st->run->model;
    if (res->source != UD_MEMBERS_CONFIG || !res->nmembers || !res->members[0])
        return ZVMC_ENOCLUSTER;
    if (res->nmembers > ZVMC_OBJDIR_MAX_MEMBERS)
        return ZVMC_ETOOBIG;
    st->m = res->nmembers;
    const char *ssi = model->ssi && model->ssi->u.ssi.name.s ? model->ssi->u.ssi.name.s : "";
    char level[16];
    snprintf(level, sizeof level, "%d.%d", st->ctx->zvm_version, st->ctx->zvm_release);
    TRY(zvmc_odb_set_cluster(st->b, ssi, level));
    for (uint32_t i = 0; i < st->m; i++) {
        const char *name = res->members[i];
        uint32_t slot = 0;
        st->cfg[i] = -1;
        for (uint32_t k = 0; k < model->nmembers && k < 64; k++)
            if (model->members[k].name == name) {
                st->cfg[i] = (int)k;
                slot = model->members[k].slot;
            }
        if (strlen(name) > ZVMC_OBJDIR_MAX_NAME)
            return ZVMC_ETOOBIG;
        int hm = zvmc_odb_add_member(st->b, name, slot, res->sysres[i] ? res->sysres[i] : "");
        TRY(hm);
    }
    for (uint32_t i = 0; i < st->m; i++) {
        int rc = member_lists(st, (int)i, res->members[i], st->cfg[i]);
        if (rc < 0)
            return rc;
    }
    return domains(st);
}
