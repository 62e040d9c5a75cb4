/* SPDX-License-Identifier: MIT */
/*
 * ssi-system-residence: every member of an SSI cluster needs a System_Residence
 * in its view (its checkpoint and warm start areas), and no two members may
 * keep those areas on the same cylinders of one volume, nor one member its two
 * areas: each member writes its own checkpoint and warm start data (the
 * sample's comments, S6, keep each member's on its own RES volume).  The
 * overlaps are warnings: the rule is docs/zvm-reference.md's 2.3 lint, which
 * no manual at hand states (UNCONFIRMED).
 */
#include <stdio.h>
#include <string.h>
#include "check/check.h"

static const char *area_name(int warm) { return warm ? "warm start" : "checkpoint"; }

/* Does the area say where it is: a volume, a start and a size? */
static int area_placed(const sc_area *a)
{
    return a->present && a->volid.s && a->from.present && a->count.present && a->count.v;
}

/* Do two areas share a cylinder (or page) of one volume?  Areas in different
 * units, or not placed, are not compared. */
static int areas_overlap(const sc_area *a, const sc_area *b)
{
    if (!area_placed(a) || !area_placed(b) || a->volid.s != b->volid.s || a->pages != b->pages)
        return 0;
    return a->from.v < b->from.v + b->count.v && b->from.v < a->from.v + a->count.v;
}

/* "cylinders 21-29 of VM1RES" */
static void where(char *buf, size_t len, const sc_area *a)
{
    snprintf(buf, len, "%s %llu-%llu of %s", a->pages ? "pages" : "cylinders",
             (unsigned long long)a->from.v, (unsigned long long)(a->from.v + a->count.v - 1),
             a->volid.s);
}

/* One statement's own two areas (@member: the first member that holds it). */
static void own_areas(check_run *r, const sc_stmt *s, const char *member)
{
    const sc_sysres *rs = s->u.sysres;
    if (!areas_overlap(&rs->checkpoint, &rs->warmstart))
        return;
    char a[96], b[96];
    where(a, sizeof a, &rs->checkpoint);
    where(b, sizeof b, &rs->warmstart);
    diag_report(r->ctx, "ssi-system-residence", ZVMC_SEV_WARNING, rs->warmstart.volid.loc,
                "%s's warm start area (%s) overlaps its checkpoint area (%s): CP writes "
                "checkpoint and warm start data to separate areas (UNCONFIRMED rule)", member, b, a);
}

/* One System_Residence that applies to members @mj and @mi (the first two that
 * hold it): they would share both its areas. */
static void shared_statement(check_run *r, const char *mi, const char *mj, const sc_stmt *s)
{
    const sc_sysres *rs = s->u.sysres;
    if (!area_placed(&rs->checkpoint) && !area_placed(&rs->warmstart))
        return;     /* nothing to compare */
    zvmc_diag_int *d = diag_report(r->ctx, "ssi-system-residence", ZVMC_SEV_WARNING, s->loc,
        "this System_Residence applies to both %s and %s: they would keep their checkpoint and "
        "warm start data in the same areas (UNCONFIRMED rule)", mj, mi);
    diag_note(r->ctx, d, loc_none(), "give each member its own, qualified and on its own "
              "residence volume: '%s: System_Residence ...', '%s: System_Residence ...'", mj, mi);
}

/* Members @mi and @mj with their own System_Residence statements @si and @sj. */
static void overlapping_areas(check_run *r, const char *mi, const sc_stmt *si, const char *mj,
                              const sc_stmt *sj)
{
    const sc_area *ai[2] = { &si->u.sysres->checkpoint, &si->u.sysres->warmstart };
    const sc_area *aj[2] = { &sj->u.sysres->checkpoint, &sj->u.sysres->warmstart };
    for (int x = 0; x < 2; x++) {
        for (int y = 0; y < 2; y++) {
            if (!areas_overlap(ai[x], aj[y]))
                continue;
            char a[96], b[96];
            where(a, sizeof a, ai[x]);
            where(b, sizeof b, aj[y]);
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-system-residence", ZVMC_SEV_WARNING,
                ai[x]->volid.loc, "%s's %s area (%s) overlaps %s's %s area (%s): two members "
                "would write their data on the same %s (UNCONFIRMED rule)", mi, area_name(x), a,
                mj, area_name(y), b, ai[x]->pages ? "pages" : "cylinders");
            diag_note(r->ctx, d, aj[y]->volid.loc, "%s's %s area is here", mj, area_name(y));
        }
    }
}

void check_ssi_system_residence(check_run *r)
{
    if (!r->model.ssi)
        return;
    uint32_t n = r->model.nmembers;
    /* the first System_Residence of each member's view */
    const sc_stmt **res = zalloc_calloc(&r->ctx->alloc, n ? n : 1, sizeof *res);
    if (!res) {
        r->ctx->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        const sc_member *m = &r->model.members[i];
        sc_kind_list sysres = sc_stmts_of(r, SC_SYSTEM_RESIDENCE);
        for (uint32_t k = 0; k < sysres.n; k++) {
            if (sc_applies(sysres.v[k], m->name)) {
                res[i] = sysres.v[k];
                break;
            }
        }
        if (!run_wants_member(r, m->name))
            continue;
        if (!res[i]) {
            zvmc_diag_int *d = diag_report(r->ctx, "ssi-system-residence", ZVMC_SEV_ERROR, m->loc,
                "member %s has no System_Residence statement in its view: it has no checkpoint "
                "or warm start area and will not IPL", m->name);
            diag_note(r->ctx, d, loc_none(),
                      "add '%s: System_Residence Checkpoint Volid volid From CYL n For n , "
                      "Warmstart Volid volid From CYL n For n'", m->name);
            continue;
        }
        uint32_t before = 0;    /* members before this one with the same statement */
        for (uint32_t j = 0; j < i; j++)
            before += res[j] == res[i];
        if (before == 0)
            own_areas(r, res[i], m->name);
        /* Each pair of members once; a statement several members share is one
         * finding, for the first two that hold it. */
        for (uint32_t j = 0; j < i; j++) {
            const char *mj = r->model.members[j].name;
            if (res[j] && res[j] != res[i])
                overlapping_areas(r, m->name, res[i], mj, res[j]);
            else if (res[j] && before == 1)
                shared_statement(r, m->name, mj, res[i]);
        }
    }
    zalloc_free(&r->ctx->alloc, res);
}
