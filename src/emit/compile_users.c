/* SPDX-License-Identifier: MIT */
/*
 * Every USER and IDENTITY of the resolved directory, in directory order (the
 * builder sorts them by name): the user, its view on every member, then its
 * relocation verdicts.
 */
#include <string.h>
#include "emit/compile.h"
#include "parse/directory_parse.h"
#include "util/names.h"

/* USER userid password [storage [maxstorage [classes]]] */
static void head(const compile_state *st, const ud_entry *e, uhead *h)
{
    ud_tok ops[5];
    uint32_t n = e->nstmts ? ud_operands(st->ctx, e, &e->stmts[0], ops, 5) : 0;
    h->logon = h->max = 0;
    strcpy(h->priv, "G");   /* CP's default class */
    if (n > 2)
        (void)ud_parse_storage(ud_tok_text(st->ctx, e->file, ops[2]), ops[2].len, &h->logon);
    if (n > 3)
        (void)ud_parse_storage(ud_tok_text(st->ctx, e->file, ops[3]), ops[3].len, &h->max);
    if (n > 4 && ops[4].len && ops[4].len <= ZVMC_OBJDIR_MAX_NAME) {
        const char *t = ud_tok_text(st->ctx, e->file, ops[4]);
        for (uint32_t i = 0; i < ops[4].len; i++)
            h->priv[i] = ascii_upper(t[i]);
        h->priv[ops[4].len] = '\0';
    }
}

int compile_users(compile_state *st)
{
    const ud_resolved *res = st->res;
    reloc_engine *e = reloc_engine_new(st->run);
    if (!e)
        return ZVMC_ENOMEM;
    st->reloc = e;
    int rc = 0;
    for (uint32_t u = 0; u < res->nusers && rc == 0; u++) {
        const ud_entry *ue = res->users[u];
        if (!ue->name || strlen(ue->name) > ZVMC_OBJDIR_MAX_NAME)
            continue;
        int hu = zvmc_odb_add_user(st->b, ue->name, ue->kind == UD_E_IDENTITY
                                                        ? ZVMC_USER_IDENTITY : ZVMC_USER_USER);
        if ((rc = compile_rc(hu)) < 0)
            break;
        uhead h;
        head(st, ue, &h);
        size_t first = st->next;
        /* A view is read from the statements once: a member that resolves the
         * user to the same statements as an earlier member, where nothing
         * depended on the member, gets that member's view (one record in the
         * file either way; most USERs are the same everywhere). */
        int indep = -1;     /* a member whose view depends on nothing else */
        for (uint32_t m = 0; m < st->m && rc == 0; m++) {
            int dep;
            if (indep >= 0 && ud_view_of(res, u, m) == ud_view_of(res, u, (uint32_t)indep)) {
                rc = compile_rc(zvmc_odb_view_same(st->b, hu, (int)m, indep));
                continue;
            }
            rc = compile_view(st, u, hu, m, &h, &dep);
            if (rc == 0 && !dep && indep < 0)
                indep = (int)m;
        }
        compile_user_extents_done(st, first);
        if (rc == 0)
            rc = compile_verdicts(st, e, u, hu);
        reloc_engine_reset_messages(e);     /* the builder keeps its own copies */
    }
    st->reloc = NULL;
    reloc_engine_free(e);
    return rc;
}
