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
    r->cfg->blocks_resolved = 1;
}
