/* SPDX-License-Identifier: MIT */
/*
 * SYSAFFIN sections.  The statements after `SYSAFFIN sys...` apply on the
 * systems named, up to the next SYSAFFIN; `SYSAFFIN *` (or the entry's start)
 * makes them common again.  A member's specific statements are those of every
 * section that names it.
 *
 * The sections merge into one set, and the entry stays a USER (the paper's
 * LITSWAS1), when every member a section names has the same specific
 * statements as the first such member, except that a DEDICATE may name
 * another real device provided both devices have the same EQID on their
 * members: that is what lets the guest relocate between them.  The kept set
 * is the first section's (in file order), as the paper kept LTICVM9's.
 */
#include <string.h>
#include "check/cluster_devices.h"
#include "emit/convert.h"
#include "parse/directory_parse.h"
#include "util/names.h"

cv_sections *cv_sections_of(zvmc_convert *cv, const ud_entry *e)
{
    cv_sections *sec = arena_zalloc(&cv->arena, sizeof *sec);
    if (!sec || !(sec->mask = arena_zalloc(&cv->arena, e->nstmts * sizeof *sec->mask)) ||
        !(sec->in_section = arena_zalloc(&cv->arena, e->nstmts)))
        return NULL;
    uint64_t all = cv->nmembers >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << cv->nmembers) - 1);
    uint64_t cur = all;
    uint8_t in = CV_SEC_COMMON;
    for (uint32_t j = 0; j < e->nstmts; j++) {
        const ud_stmt *s = &e->stmts[j];
        if (j > 0 && s->kind == UD_S_SYSAFFIN) {
            if (s->flags & UD_F_STAR) {
                cur = all;
                in = CV_SEC_COMMON;
            } else {
                cur = 0;
                in = CV_SEC_SPECIFIC;
                for (uint32_t k = 0; k < s->u.sysaffin.n; k++) {
                    int m = cv_member_index(cv, s->u.sysaffin.systems[k]);
                    if (m >= 0 && m < 64)
                        cur |= (uint64_t)1 << m;
                }
                if (!cur)   /* a section only left-behind systems used */
                    for (uint32_t k = 0; k < s->u.sysaffin.n; k++)
                        cv_note_left_entry(cv, s->u.sysaffin.systems[k], e->name);
            }
            sec->mask[j] = cur;
            sec->in_section[j] = CV_SEC_SYSAFFIN;
            continue;
        }
        sec->mask[j] = cur;
        sec->in_section[j] = in;
    }
    return sec;
}

void cv_sections_sysres(const ud_entry *e, cv_sections *sec)
{
    for (uint32_t j = 1; j < e->nstmts; j++)
        if (sec->in_section[j] == CV_SEC_COMMON && e->stmts[j].kind == UD_S_MDISK &&
            (e->stmts[j].flags & UD_F_SYSRES))
            sec->in_section[j] = CV_SEC_SYSRES;
}

/* The EQID of real device @rdev on member @name: from the input's SYSTEM
 * CONFIG, else from the SSI side's (--eqid-config). */
static const char *eqid_in(const zvmc_ctx *ctx, const char *name, uint32_t rdev)
{
    const check_run *r = ctx ? ctx->run : NULL;
    if (!r || !r->devices)
        return NULL;
    for (uint32_t i = 0; i < r->model.nmembers && i < 64; i++)
        if (!strcmp(r->model.members[i].name, name)) {
            const rdev_range *rr = devices_lookup(&r->devices->members[i], rdev);
            return rr ? rr->eqid : NULL;
        }
    return NULL;
}

static const char *eqid_of(const zvmc_convert *cv, const char *member, uint32_t rdev)
{
    const char *q = eqid_in(cv->ctx, member, rdev);
    return q ? q : eqid_in(cv->opts.eqid_ctx, member, rdev);
}

#define MAXOPS 32

static int tok_eq(const char *a, uint32_t an, const char *b, uint32_t bn)
{
    if (an != bn)
        return 0;
    for (uint32_t i = 0; i < an; i++)
        if (ascii_upper(a[i]) != ascii_upper(b[i]))
            return 0;
    return 1;
}

/* Do two statements read the same, operand by operand (ignoring case), except
 * operand @skip? */
static int same_ops(const zvmc_convert *cv, const ud_entry *e, const ud_stmt *a,
                    const ud_stmt *b, uint32_t skip)
{
    ud_tok x[MAXOPS], y[MAXOPS];
    uint32_t nx = ud_operands(cv->ctx, e, a, x, MAXOPS), ny = ud_operands(cv->ctx, e, b, y, MAXOPS);
    if (a->kind != b->kind || nx != ny || nx > MAXOPS)
        return 0;
    for (uint32_t i = 0; i < nx; i++)
        if (i != skip && !tok_eq(ud_tok_text(cv->ctx, e->file, x[i]), x[i].len,
                                 ud_tok_text(cv->ctx, e->file, y[i]), y[i].len))
            return 0;
    return 1;
}

/* The specific statements of member @m, in order: their indexes into @out. */
static uint32_t specific(const ud_entry *e, const cv_sections *sec, uint32_t m, uint32_t *out)
{
    uint32_t n = 0;
    for (uint32_t j = 1; j < e->nstmts; j++)
        if (sec->in_section[j] == CV_SEC_SPECIFIC && ((sec->mask[j] >> m) & 1))
            out[n++] = j;
    return n;
}

/* The text of statement @s of @e, for a detail line. */
static const char *stmt_text(zvmc_convert *cv, const ud_entry *e, const ud_stmt *s)
{
    const zvmc_source *src = cv_source(cv, e->file);
    return cv_printf(cv, "%.*s", (int)s->len, src->data + s->begin);
}

/* Compare member @m's specific statements with @m0's; details on item @head. */
static int compare_member(zvmc_convert *cv, const ud_entry *e, const cv_sections *sec,
                          uint32_t head, uint32_t m0, const uint32_t *s0, uint32_t n0, uint32_t m,
                          uint32_t *s1)
{
    uint32_t n1 = specific(e, sec, m, s1);
    const char *a = cv->members[m0], *b = cv->members[m];
    if (n1 != n0) {
        cv_detail(cv, head, "%s has %u per-system statement%s and %s has %u: the sections "
                  "differ in more than DEDICATE device numbers", a, n0, n0 == 1 ? "" : "s", b,
                  n1);
        return 0;
    }
    int ok = 1;
    for (uint32_t i = 0; i < n0; i++) {
        const ud_stmt *x = &e->stmts[s0[i]], *y = &e->stmts[s1[i]];
        if (x->kind == UD_S_DEDICATE && y->kind == UD_S_DEDICATE && same_ops(cv, e, x, y, 1)) {
            const char *qx = x->u.dev.rdev == UINT32_MAX ? NULL : eqid_of(cv, a, x->u.dev.rdev);
            const char *qy = y->u.dev.rdev == UINT32_MAX ? NULL : eqid_of(cv, b, y->u.dev.rdev);
            if (qx && qy && !strcmp(qx, qy)) {
                cv_detail(cv, head, "DEDICATE %04X: %s %04X and %s %04X are both EQID %s",
                          x->u.dev.vaddr, a, x->u.dev.rdev, b, y->u.dev.rdev, qx);
                continue;
            }
            if (!qx && !qy)
                cv_detail(cv, head, "DEDICATE %04X: neither %s %04X nor %s %04X has an EQID (the "
                          "SYSTEM CONFIG, or --eqid-config, defines none)", x->u.dev.vaddr, a,
                          x->u.dev.rdev, b, y->u.dev.rdev);
            else if (!qx || !qy)
                cv_detail(cv, head, "DEDICATE %04X: %s %04X has no EQID on %s (the SYSTEM "
                          "CONFIG, or --eqid-config, defines none), so it cannot stand for "
                          "%s %04X", x->u.dev.vaddr, !qx ? a : b,
                          !qx ? x->u.dev.rdev : y->u.dev.rdev, !qx ? a : b, !qx ? b : a,
                          !qx ? y->u.dev.rdev : x->u.dev.rdev);
            else
                cv_detail(cv, head, "DEDICATE %04X: %s %04X is EQID %s but %s %04X is EQID %s: "
                          "not equivalent", x->u.dev.vaddr, a, x->u.dev.rdev, qx, b,
                          y->u.dev.rdev, qy);
            ok = 0;
        } else if (!same_ops(cv, e, x, y, UINT32_MAX)) {
            cv_detail(cv, head, "'%s' (%s) and '%s' (%s) differ in more than a DEDICATE's "
                      "device number", stmt_text(cv, e, x), a, stmt_text(cv, e, y), b);
            ok = 0;
        }
    }
    return ok;
}

int cv_sections_merge(zvmc_convert *cv, const ud_entry *e, cv_sections *sec)
{
    uint32_t head = cv_dir_item(cv, e, &e->stmts[0]);
    /* the member whose statements are kept: the first section's first member */
    int m0 = -1;
    uint64_t named = 0;
    for (uint32_t j = 1; j < e->nstmts; j++) {
        if (sec->in_section[j] != CV_SEC_SYSAFFIN || (e->stmts[j].flags & UD_F_STAR))
            continue;
        named |= sec->mask[j];
        for (uint32_t m = 0; m < cv->nmembers && m < 64 && m0 < 0; m++)
            if ((sec->mask[j] >> m) & 1)
                m0 = (int)m;
    }
    if (m0 < 0) {
        sec->merge = 1;     /* no section names a member: the common statements remain */
        return 1;
    }
    uint32_t *s0 = arena_alloc(&cv->arena, 2 * (size_t)e->nstmts * sizeof *s0);
    if (!s0)
        return 0;
    uint32_t *s1 = s0 + e->nstmts;
    uint32_t n0 = specific(e, sec, (uint32_t)m0, s0);
    int ok = 1;
    for (uint32_t m = 0; m < cv->nmembers && m < 64; m++)
        if (m != (uint32_t)m0 && ((named >> m) & 1))
            ok &= compare_member(cv, e, sec, head, (uint32_t)m0, s0, n0, m, s1);
    if (!ok)
        return 0;
    sec->merge = 1;
    sec->keep_member = (uint32_t)m0;
    const char *others[64];
    uint32_t nothers = 0;
    for (uint32_t m = 0; m < cv->nmembers && m < 64; m++)
        if (!((named >> m) & 1))
            others[nothers++] = cv->members[m];
    if (nothers)
        cv_detail(cv, head, "%s: no SYSAFFIN section named %s, where the guest got none of "
                  "these statements; as a USER it gets %s's there too", cv_name_list(cv, others,
                  nothers), nothers == 1 ? "it" : "them", cv->members[m0]);
    return 1;
}
