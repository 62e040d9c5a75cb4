/* SPDX-License-Identifier: MIT */
/*
 * begin-end: link every statement to the NAME: BEGIN block it sits in and decide
 * which system it applies to.  z/VM 6.2+ takes `NAME: BEGIN` ... `NAME: END`
 * with the same name on both, unqualified statements inside, blocks one after
 * another (seed paper).  Nesting, bare BEGIN/END and qualifiers inside a block
 * are not documented, so they are diagnosed.
 */
#include <stdio.h>
#include "check/check.h"
#include "parse/sysconfig_parse.h"

/* 'SYSA' or 'every system', for messages about where an IMBED applies. */
static const char *systems(const char *applies_to)
{
    return applies_to ? applies_to : "every system";
}

/*
 * IMBED (src/parse/sysconfig_imbed.c): an imbedded file's statements apply where
 * the IMBED that reads it applies.  zvmc assumes that CP skips a qualified IMBED on
 * other systems as it skips any record qualified for another system, so a
 * statement of the file with a qualifier of its own applies nowhere
 * (UNCONFIRMED); it keeps its own qualifier here, as inside a BEGIN block, and
 * is reported.  The file list is in depth-first order: the IMBED statement's own
 * scope is settled before its file's.
 */
static void imbed_scopes(check_run *r)
{
    zvmc_ctx *ctx = r->ctx;
    for (sc_file *f = r->cfg->files; f; f = f->next) {
        const char *scope = f->imbed ? f->imbed->applies_to : NULL;
        if (!scope)
            continue;
        for (sc_stmt *s = f->first; s; s = s->next) {
            if (!s->applies_to) {
                s->applies_to = scope;
            } else if (s->applies_to != scope && !s->block) {
                zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_WARNING,
                    s->qualifier.s ? s->qualifier.loc : s->loc,
                    "statement for %s in a file imbedded for %s only: CP reads the file on %s "
                    "alone, so it may apply this statement nowhere (UNCONFIRMED); zvmc takes "
                    "its own qualifier", s->applies_to, scope, scope);
                /* The first note of the IMBED chain (sysconfig_imbed_annotate adds the
                 * rest, and not this one again). */
                diag_note(ctx, d, f->imbed->loc, SC_IMBEDDED_FROM);
            }
        }
    }
    /* Every scope is settled: compare those of a file's IMBEDs. */
    for (const sc_file *f = r->cfg->files; f; f = f->next) {
        for (const sc_reimbed *re = f->reimbeds; re; re = re->next) {
            const char *a = f->imbed->applies_to, *b = re->imbed->applies_to;
            const sc_namelist *l = &re->imbed->u.imbed.names;
            zvmc_diag_int *d;
            if (a == b || !a || !b)
                d = diag_report(ctx, "input", ZVMC_SEV_WARNING, re->imbed->loc,
                    "'%s %s' is imbedded a second time: CP reads it again, so each of its "
                    "statements is given twice (for %s); zvmc reads it once", l->v[0].s,
                    l->v[1].s, systems(a ? a : b));
            else
                d = diag_report(ctx, "input", ZVMC_SEV_WARNING, re->imbed->loc,
                    "'%s %s' is imbedded again, for %s: zvmc reads a file once and checks its "
                    "statements for %s only, as the first IMBED reads it", l->v[0].s, l->v[1].s,
                    b, a);
            diag_note(ctx, d, f->imbed->loc, "first imbedded here");
        }
    }
}

void pass_sysconfig_blocks(check_run *r)
{
    zvmc_ctx *ctx = r->ctx;
    for (sc_file *f = r->cfg->files; f; f = f->next) {
        sc_stmt *open = NULL;
        for (sc_stmt *s = f->first; s; s = s->next) {
            if (s->kind == SC_BEGIN) {
                if (!s->qualifier.s) {
                    zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_ERROR, s->loc,
                        "BEGIN without a system name: CP takes 'sysname: BEGIN'");
                    diag_fixit(ctx, d, "SYSNAME: BEGIN");
                }
                if (open) {
                    zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_ERROR, s->loc,
                        "BEGIN blocks do not nest: the block for %s opened earlier has no END yet",
                        open->qualifier.s ? open->qualifier.s : "(no name)");
                    diag_note(ctx, d, open->loc, "the open block starts here");
                    diag_note(ctx, d, loc_none(), "write '%s: END' before this BEGIN",
                              open->qualifier.s ? open->qualifier.s : "SYSNAME");
                    /* Recover: treat the new BEGIN as closing the old block. */
                }
                s->applies_to = s->qualifier.s;
                open = s;
                continue;
            }
            if (s->kind == SC_END) {
                if (!open) {
                    diag_report(ctx, "begin-end", ZVMC_SEV_ERROR, s->loc,
                                "END without a BEGIN before it: there is no block to end");
                } else if (s->qualifier.s != open->qualifier.s) {
                    zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_ERROR, s->loc,
                        "END names %s, but the open block is for %s",
                        s->qualifier.s ? s->qualifier.s : "no system",
                        open->qualifier.s ? open->qualifier.s : "no system");
                    diag_note(ctx, d, open->loc, "the block starts here");
                    if (open->qualifier.s) {
                        char fix[64];
                        snprintf(fix, sizeof fix, "%s: END", open->qualifier.s);
                        diag_fixit(ctx, d, fix);
                    }
                    open->block_end = s;
                } else {
                    open->block_end = s;
                }
                s->applies_to = open ? open->qualifier.s : s->qualifier.s;
                s->block = open;
                open = NULL;
                continue;
            }
            s->block = open;
            if (open && s->qualifier.s) {
                zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_WARNING, s->qualifier.loc,
                    "statement qualified for %s inside the block for %s: a qualifier inside "
                    "a BEGIN/END block is not documented",
                    s->qualifier.s, open->qualifier.s ? open->qualifier.s : "no system");
                diag_note(ctx, d, open->loc, "the block starts here");
                /* Take the statement's own qualifier: it is the more specific. */
                s->applies_to = s->qualifier.s;
            } else {
                s->applies_to = s->qualifier.s ? s->qualifier.s : open ? open->qualifier.s : NULL;
            }
        }
        if (open) {
            zvmc_diag_int *d = diag_report(ctx, "begin-end", ZVMC_SEV_ERROR, open->loc,
                "the block for %s has no END: every statement after it applies to %s only",
                open->qualifier.s ? open->qualifier.s : "no system",
                open->qualifier.s ? open->qualifier.s : "no system");
            diag_note(ctx, d, loc_none(), "write '%s: END' where the block should end",
                      open->qualifier.s ? open->qualifier.s : "SYSNAME");
        }
    }
    imbed_scopes(r);
    r->cfg->blocks_resolved = 1;
}
