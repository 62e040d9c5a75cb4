/* SPDX-License-Identifier: MIT */
/*
 * The SYSTEM CONFIG's statements by kind, for the passes that look at one
 * kind in each member's view.  Walking every statement once per member made
 * those passes cost statements x members: a file of 128,000 statements that
 * names 256 systems took 6.7 s, most of it in three passes looking for RDEV,
 * ACTIVATE ISLINK and CP_Owned statements it did not have.
 */
#include "check/check.h"

sc_kind_list sc_stmts_of(check_run *r, sc_kind kind)
{
    sc_kind_list none = { NULL, 0 };
    if (!r->cfg || (unsigned)kind >= SC_KIND_COUNT)
        return none;
    if (!r->kind_lists_made) {
        r->kind_lists_made = 1;
        uint32_t count[SC_KIND_COUNT] = { 0 };
        sc_for_each_stmt(r->cfg, f, s)
            count[s->kind]++;
        for (unsigned k = 0; k < SC_KIND_COUNT; k++) {
            if (!count[k])
                continue;
            const sc_stmt **v = arena_alloc(&r->arena, count[k] * sizeof *v);
            if (!v) {
                r->ctx->oom = 1;
                return none;
            }
            r->kind_lists[k].v = v;
        }
        sc_for_each_stmt(r->cfg, f, s) {
            sc_kind_list *l = &r->kind_lists[s->kind];
            ((const sc_stmt **)l->v)[l->n++] = s;
        }
    }
    return r->kind_lists[kind];
}
