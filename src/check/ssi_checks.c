/* SPDX-License-Identifier: MIT */
/* The SSI structure checks: member count, slots, identifiers, residence, PDR
 * and the ISFC link mesh.  Each finding says what CP will do with the file. */
#include <stdlib.h>
#include <string.h>
#include "check/check.h"
#include "util/ptrmap.h"

/* SSI members allowed: 4 up to z/VM 7.2 (S1), 8 from 7.3 (strongly indicated,
 * see docs/zvm-reference notes; UNCONFIRMED in a manual). */
unsigned ssi_member_limit(const zvmc_ctx *ctx)
{
    return (ctx->zvm_version > 7 || (ctx->zvm_version == 7 && ctx->zvm_release >= 3)) ? 8 : 4;
}

void check_ssi_member_count(check_run *r)
{
    const sc_stmt *ssi = r->model.ssi;
    if (!ssi)
        return;
    unsigned limit = ssi_member_limit(r->ctx);
    /* The count first: with thousands of slots, it is the finding to read. */
    if (r->model.named > limit) {
        zvmc_diag_int *d = diag_report(r->ctx, "ssi-member-count", ZVMC_SEV_ERROR, ssi->loc,
            "the SSI statement names %u members, but z/VM %d.%d allows at most %u",
            r->model.named, r->ctx->zvm_version, r->ctx->zvm_release, limit);
        diag_note(r->ctx, d, r->model.members[limit].loc, "member %u of the list is %s",
                  limit + 1, r->model.members[limit].name);
    }
    for (uint32_t i = 0; i < ssi->u.ssi.nslots; i++) {
        const sc_slot *sl = &ssi->u.ssi.slots[i];
        if (sl->slot.present && (sl->slot.v < 1 || sl->slot.v > limit)) {
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-member-count", ZVMC_SEV_ERROR, sl->slot.loc,
                "SSI slot %llu is out of range: z/VM %d.%d has slots 1 to %u, so CP rejects "
                "the SSI statement and no member can IPL", (unsigned long long)sl->slot.v,
                r->ctx->zvm_version, r->ctx->zvm_release, limit);
            if (limit == 4)
                diag_note(r->ctx, d, loc_none(),
                          "z/VM 7.3 and later allow 8 members; use --zvm-level 7.3 if that is the target");
        }
    }
}

/* Slots by number, for the first earlier slot of the same number. */
typedef struct slot_key {
    uint64_t v;
    uint32_t i;
} slot_key;

static int slot_key_cmp(const void *pa, const void *pb)
{
    const slot_key *a = pa, *b = pb;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The SLOTs of one SSI statement given twice, a number or a member, each
 * reported against the first earlier SLOT that repeats either.  By sorting and
 * a map, not by comparing each SLOT with every earlier one: 80,000 SLOTs took
 * 2.9 s that way. */
static void slot_duplicates(check_run *r, const sc_stmt *s)
{
    const zvmc_alloc *al = &r->ctx->alloc;
    uint32_t n = s->u.ssi.nslots;
    slot_key *k = zalloc_malloc(al, (size_t)n * sizeof *k + 1);
    uint32_t *same_slot = zalloc_malloc(al, (size_t)n * sizeof *same_slot + 1);
    ptrmap first_member = { 0 };    /* member -> its first SLOT + 1 */
    if (!k || !same_slot)
        goto oom;
    uint32_t nk = 0;
    for (uint32_t i = 0; i < n; i++) {
        same_slot[i] = UINT32_MAX;
        if (s->u.ssi.slots[i].slot.present)
            k[nk++] = (slot_key){ s->u.ssi.slots[i].slot.v, i };
    }
    qsort(k, nk, sizeof *k, slot_key_cmp);
    for (uint32_t a = 0; a < nk; a++)
        if (a > 0 && k[a].v == k[a - 1].v)
            same_slot[k[a].i] = same_slot[k[a - 1].i] == UINT32_MAX ? k[a - 1].i
                                                                    : same_slot[k[a - 1].i];
    for (uint32_t i = 0; i < n; i++) {
        const sc_slot *a = &s->u.ssi.slots[i];
        uint32_t j_member = UINT32_MAX;
        if (a->member.s && strcmp(a->member.s, "AVAILABLE") != 0) {
            ptrmap_slot *ps = ptrmap_put(&first_member, al, a->member.s);
            if (!ps)
                goto oom;
            if (ps->value)
                j_member = (uint32_t)ps->value - 1;
            else
                ps->value = (uint64_t)i + 1;
        }
        /* the earlier SLOT met first, as a scan from the start would: at the
         * same SLOT, the number is reported */
        if (same_slot[i] != UINT32_MAX && same_slot[i] <= j_member) {
            const sc_slot *b = &s->u.ssi.slots[same_slot[i]];
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-slot-duplicate", ZVMC_SEV_ERROR,
                a->slot.loc, "SSI slot %llu is given twice; each slot may be given once",
                (unsigned long long)a->slot.v);
            diag_note(r->ctx, d, b->slot.loc, "slot %llu is first given here",
                      (unsigned long long)b->slot.v);
        } else if (j_member != UINT32_MAX) {
            const sc_slot *b = &s->u.ssi.slots[j_member];
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-slot-duplicate", ZVMC_SEV_ERROR,
                a->member.loc, "member %s is named in two SSI slots", a->member.s);
            diag_note(r->ctx, d, b->member.loc, "%s is first named here, in slot %llu",
                      b->member.s, (unsigned long long)b->slot.v);
        }
    }
    goto done;
oom:
    r->ctx->oom = 1;
done:
    ptrmap_free(&first_member, al);
    zalloc_free(al, k);
    zalloc_free(al, same_slot);
}

void check_ssi_slot_duplicate(check_run *r)
{
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_SSI)
            continue;
        if (s != r->model.ssi) {
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-slot-duplicate", ZVMC_SEV_WARNING, s->loc,
                "a second SSI statement: CP uses the first and ignores this one with a message");
            diag_note(r->ctx, d, r->model.ssi->loc, "the first SSI statement is here");
            continue;
        }
        slot_duplicates(r, s);
    }
}

void check_ssi_system_identifier(check_run *r)
{
    if (!r->model.ssi)
        return;
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        const sc_member *m = &r->model.members[i];
        if (!run_wants_member(r, m->name))
            continue;
        int mapped = 0;
        sc_kind_list ids = sc_stmts_of(r, SC_SYSTEM_IDENTIFIER);
        sc_kind_list dfl = sc_stmts_of(r, SC_SYSTEM_IDENTIFIER_DEFAULT);
        for (uint32_t k = 0; k < ids.n && !mapped; k++)
            mapped = ids.v[k]->u.sysid->sysname.s == m->name;
        for (uint32_t k = 0; k < dfl.n && !mapped; k++)
            mapped = dfl.v[k]->u.sysid_default.sysname.s == m->name;
        if (!mapped) {
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-system-identifier", ZVMC_SEV_ERROR, m->loc,
                "no System_Identifier maps an LPAR or CPU to member %s: that system IPLs without "
                "a member name and stops with a message that it is configured as an SSI member "
                "but has no member name", m->name);
            diag_note(r->ctx, d, loc_none(),
                      "add 'System_Identifier LPAR lparname %s' (or machtype cpuid %s) before "
                      "the SSI statement", m->name, m->name);
        }
    }
}

/* The PDR must be on a volume CP owns or a user volume (S1) in every view. */
void check_ssi_pdr_cpowned(check_run *r)
{
    const sc_stmt *ssi = r->model.ssi;
    if (!ssi || !ssi->u.ssi.pdr.s || strcmp(ssi->u.ssi.pdr.s, "&SYSPARM") == 0)
        return;
    const char *pdr = ssi->u.ssi.pdr.s;
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        const sc_member *m = &r->model.members[i];
        if (!run_wants_member(r, m->name))
            continue;
        int found = 0;
        sc_kind_list owned = sc_stmts_of(r, SC_CP_OWNED), lists = sc_stmts_of(r, SC_USER_VOLUME_LIST);
        for (uint32_t j = 0; j < owned.n && !found; j++)
            found = owned.v[j]->u.cpowned.volid.s == pdr && sc_applies(owned.v[j], m->name);
        for (uint32_t j = 0; j < lists.n && !found; j++) {
            const sc_stmt *s = lists.v[j];
            if (!sc_applies(s, m->name))
                continue;
            for (uint32_t k = 0; k < s->u.uservol.volumes.n && !found; k++)
                found = s->u.uservol.volumes.v[k].s == pdr;
        }
        if (!found) {
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-pdr-cpowned", ZVMC_SEV_ERROR,
                ssi->u.ssi.pdr.loc,
                "PDR volume %s is not CP_Owned in member %s's view: %s cannot reach the "
                "persistent data record and cannot join the cluster", pdr, m->name, m->name);
            diag_note(r->ctx, d, loc_none(),
                      "add 'CP_Owned Slot n %s' unqualified, so that every member owns it", pdr);
        }
    }
}

/* links[i * n + j]: the first ACTIVATE ISLINK qualified for member i whose NODE
 * is member j, or NULL.  One pass over the file, so that thousands of
 * statements and 256 members stay linear (a scan of the file per pair took
 * 4.7 s for 20,000 ISLINKs). */
static const sc_stmt **link_matrix(check_run *r)
{
    uint32_t n = r->model.nmembers;
    const zvmc_alloc *al = &r->ctx->alloc;
    const sc_stmt **links = zalloc_calloc(al, (size_t)n * n, sizeof *links);
    ptrmap index = { 0 };
    int ok = links != NULL;
    for (uint32_t i = 0; i < n && ok; i++) {
        ptrmap_slot *sl = ptrmap_put(&index, al, r->model.members[i].name);
        if ((ok = sl != NULL) && !sl->value)
            sl->value = i + 1;  /* the first member of a name */
    }
    sc_for_each_stmt(r->cfg, f, s) {
        if (!ok)
            break;
        if (s->kind != SC_ACTIVATE_ISLINK || !s->applies_to || !s->u.islink.node.s)
            continue;
        uint64_t from = ptrmap_get(&index, s->applies_to), to = ptrmap_get(&index, s->u.islink.node.s);
        if (from && to && !links[(from - 1) * n + (to - 1)])
            links[(from - 1) * n + (to - 1)] = s;
    }
    ptrmap_free(&index, al);
    if (!ok) {
        zalloc_free(al, links);
        r->ctx->oom = 1;
        return NULL;
    }
    return links;
}

void check_ssi_islink_mesh(check_run *r)
{
    if (!r->model.ssi || r->model.nmembers < 2)
        return;
    /* Links without NODE (or unqualified) cannot be placed in the mesh. */
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_ACTIVATE_ISLINK)
            continue;
        if (!s->applies_to)
            diag_report(r->ctx, "ssi-islink-mesh", ZVMC_SEV_WARNING, s->loc,
                "ACTIVATE ISLINK applies to every member: qualify it ('SYSNAME: ACTIVATE ISLINK "
                "...') so each member activates only the CTCs that reach the others");
        else if (!s->u.islink.node.s)
            diag_report(r->ctx, "ssi-islink-mesh", ZVMC_SEV_WARNING, s->loc,
                "ACTIVATE ISLINK has no NODE: zvmc cannot tell which member it reaches; "
                "add 'NODE sysname'");
    }
    const sc_stmt **links = link_matrix(r);
    if (!links)
        return;
    uint32_t n = r->model.nmembers;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = i + 1; j < n; j++) {
            const sc_member *a = &r->model.members[i], *b = &r->model.members[j];
            if (!run_wants_member(r, a->name) && !run_wants_member(r, b->name))
                continue;
            const sc_stmt *ab = links[(size_t)i * n + j], *ba = links[(size_t)j * n + i];
            if (!ab && !ba) {
                zvmc_diag_int *d = diag_report(r->ctx, "ssi-islink-mesh", ZVMC_SEV_ERROR, r->model.ssi->loc,
                    "no ISFC link between members %s and %s: SSI needs a direct link between "
                    "every pair, so the second of them to IPL waits to join the cluster",
                    a->name, b->name);
                diag_note(r->ctx, d, loc_none(),
                          "add '%s: ACTIVATE ISLINK rdev NODE %s' and '%s: ACTIVATE ISLINK rdev "
                          "NODE %s' with the CTC devices that connect them",
                          a->name, b->name, b->name, a->name);
            } else if (!ab || !ba) {
                const sc_stmt *have = ab ? ab : ba;
                const char *from = ab ? a->name : b->name, *to = ab ? b->name : a->name;
                zvmc_diag_int *d = diag_report(r->ctx, "ssi-islink-mesh", ZVMC_SEV_ERROR, have->loc,
                    "the ISFC link from %s to %s is activated on %s only: %s never activates "
                    "its end, so the link does not come up", from, to, from, to);
                diag_note(r->ctx, d, loc_none(), "add '%s: ACTIVATE ISLINK rdev NODE %s'", to, from);
            }
        }
    }
    zalloc_free(&r->ctx->alloc, links);
}
