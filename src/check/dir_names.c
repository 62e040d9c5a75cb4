/* SPDX-License-Identifier: MIT */
/* dir-duplicate and dir-undefined-profile: names that clash or lead nowhere. */
#include "check/dir_checks.h"
#include "parse/directory_parse.h"

static int named_kind(unsigned k)
{
    return k == UD_E_USER || k == UD_E_IDENTITY || k == UD_E_PROFILE || k == UD_E_SUBCONFIG;
}

/* User IDs, profile names and subconfig names share one name space (S2, S3). */
void check_dir_duplicate(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!named_kind(e->kind) || !e->name)
            continue;
        const ud_entry *first = ud_lookup(dir, e->name);
        if (!first || first == e)
            continue;
        zvmc_loc at = ud_operand_loc(ctx, e, &e->stmts[0], 0);
        zvmc_diag_int *d;
        if (first->kind == e->kind)
            d = diag_report(ctx, "dir-duplicate", ZVMC_SEV_ERROR, at,
                            "%s %s is defined a second time: DIRECTXA rejects a directory with "
                            "two entries of one name; merge them or rename one",
                            ud_ekind_name(e->kind), e->name);
        else
            d = diag_report(ctx, "dir-duplicate", ZVMC_SEV_ERROR, at,
                            "%s %s has the name of a %s: user IDs, profile names and subconfig "
                            "names must all differ; rename one",
                            ud_ekind_name(e->kind), e->name, ud_ekind_name(first->kind));
        diag_note(ctx, d, ud_operand_loc(ctx, first, &first->stmts[0], 0),
                  "%s %s is first defined here", ud_ekind_name(first->kind), first->name);
    }
}

/* INCLUDE names a profile that is not defined.  In a fragment (no DIRECTORY
 * statement: entries handed over one at a time by a directory manager) the
 * profile may be elsewhere, so only a name that is defined as something else
 * is reported. */
void check_dir_undefined_profile(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!(e->flags & UD_EF_INCLUDE))
            continue;
        for (uint32_t j = 0; j < e->nstmts; j++) {
            const ud_stmt *s = &e->stmts[j];
            if (s->kind != UD_S_INCLUDE || (s->flags & UD_F_BAD) || !s->u.ref.name)
                continue;
            const ud_entry *p = ud_lookup(dir, s->u.ref.name);
            if (p && p->kind == UD_E_PROFILE)
                continue;
            zvmc_loc at = ud_operand_loc(ctx, e, s, 0);
            if (p) {
                zvmc_diag_int *d = diag_report(ctx, "dir-undefined-profile", ZVMC_SEV_ERROR, at,
                                               "INCLUDE %s names a %s, not a PROFILE: INCLUDE "
                                               "takes the name of a PROFILE entry",
                                               s->u.ref.name, ud_ekind_name(p->kind));
                diag_note(ctx, d, ud_operand_loc(ctx, p, &p->stmts[0], 0), "%s %s is defined here",
                          ud_ekind_name(p->kind), p->name);
                continue;
            }
            if (res->fragment)
                continue;
            zvmc_diag_int *d = diag_report(ctx, "dir-undefined-profile", ZVMC_SEV_ERROR, at,
                                           "INCLUDE %s: no PROFILE %s is defined in this "
                                           "directory, so DIRECTXA cannot build %s %s",
                                           s->u.ref.name, s->u.ref.name, ud_ekind_name(e->kind),
                                           e->name ? e->name : "");
            const char *near = d ? ud_nearest_name(r, s->u.ref.name, UD_E_PROFILE) : NULL;
            if (near) {
                diag_note(ctx, d, at, "did you mean %s?", near);
                diag_fixit(ctx, d, near);
            }
        }
    }
}
