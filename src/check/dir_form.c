/* SPDX-License-Identifier: MIT */
/* dir-directory-form and dir-sysaffin-ssi: the directory's CSE or SSI shape. */
#include <string.h>
#include "check/dir_checks.h"
#include "util/ptrmap.h"
#include "parse/directory_parse.h"

/* Why this directory is an SSI one: a note at the statement that says so. */
static void note_ssi_reason(check_run *r, zvmc_diag_int *d)
{
    const ud_directory *dir = r->ctx->directory;
    for (const ud_dirstmt *ds = dir->dirs; ds; ds = ds->next)
        if (ds->form == UD_DIR_SSI) {
            diag_note(r->ctx, d, ds->loc, "DIRECTORY SSI makes this an SSI directory");
            return;
        }
    if (r->cfg && r->model.ssi) {
        diag_note(r->ctx, d, r->model.ssi->loc,
                  "the SYSTEM CONFIG defines the SSI cluster this directory is for");
        return;
    }
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!(e->flags & UD_EF_BUILD))
            continue;
        for (uint32_t j = 0; j < e->nstmts; j++)
            if (e->stmts[j].kind == UD_S_BUILD) {
                diag_note(r->ctx, d, ud_stmt_loc(e, &e->stmts[j]),
                          "BUILD statements make this an SSI directory");
                return;
            }
    }
}

/* SYSAFFIN is not supported in an SSI cluster or an SSI-ready directory (seed
 * paper, z/VM 6.2). */
void check_dir_sysaffin_ssi(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    if (!dir->res->ssi)
        return;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!(e->flags & UD_EF_SYSAFFIN))
            continue;
        for (uint32_t j = 0; j < e->nstmts; j++) {
            const ud_stmt *s = &e->stmts[j];
            if (s->kind != UD_S_SYSAFFIN)
                continue;
            zvmc_diag_int *d = diag_report(
                ctx, "dir-sysaffin-ssi", ZVMC_SEV_ERROR, ud_stmt_loc(e, s),
                "SYSAFFIN is not supported in an SSI directory: make %s %s an IDENTITY and move "
                "each system's statements into a SUBCONFIG named by 'BUILD ON member USING "
                "SUBCONFIG name', or, for devices with EQIDs, drop the sections and let the "
                "guest relocate", ud_ekind_name(e->kind), e->name ? e->name : "");
            note_ssi_reason(r, d);
            break;      /* once per entry: the fix is per entry */
        }
    }
}

static int vol_in(const char *vol, const char *const *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (v[i] == vol)
            return 1;
    return 0;
}

/* The span of operand @i of a DIRECTORY statement. */
static zvmc_loc dirstmt_operand_loc(const zvmc_ctx *ctx, const ud_dirstmt *d, uint32_t i)
{
    ud_entry e;
    ud_stmt s;
    memset(&e, 0, sizeof e);
    memset(&s, 0, sizeof s);
    e.file = d->loc.file;
    s.begin = d->loc.begin;
    s.len = (uint8_t)(d->loc.end - d->loc.begin);
    return ud_operand_loc(ctx, &e, &s, i);
}

/* The System_Residence statement of a member in the SYSTEM CONFIG. */
static zvmc_loc sysres_loc(check_run *r, const char *member)
{
    zvmc_loc at = loc_none();
    sc_kind_list sysres = sc_stmts_of(r, SC_SYSTEM_RESIDENCE);
    for (uint32_t k = 0; k < sysres.n; k++)
        if (sc_applies(sysres.v[k], member))
            at = sysres.v[k]->loc;
    return at;
}

/* The SSI volume list against each member's System_Residence volume. */
static void compare_ssi_volumes(check_run *r, const ud_dirstmt *ssi)
{
    zvmc_ctx *ctx = r->ctx;
    const ud_resolved *res = ctx->directory->res;
    if (res->source != UD_MEMBERS_CONFIG)
        return;
    for (uint32_t m = 0; m < res->nmembers; m++) {
        const char *vol = res->sysres[m];
        if (!vol || vol_in(vol, ssi->vols, ssi->nvols))
            continue;
        zvmc_diag_int *d = diag_report(ctx, "dir-directory-form", ZVMC_SEV_WARNING, ssi->loc,
                                       "DIRECTORY SSI does not list %s, the residence volume of "
                                       "member %s: DIRECTXA on %s has no volume to write the "
                                       "object directory to; add %s to the list",
                                       vol, res->members[m], res->members[m], vol);
        diag_note(ctx, d, sysres_loc(r, res->members[m]), "the System_Residence statement for "
                  "%s names %s", res->members[m], vol);
    }
    int any_sysres = 0;
    for (uint32_t m = 0; m < res->nmembers; m++)
        any_sysres |= res->sysres[m] != NULL;
    for (uint32_t i = 0; i < ssi->nvols && any_sysres; i++) {
        int known = 0;
        for (uint32_t m = 0; m < res->nmembers; m++)
            known |= res->sysres[m] == ssi->vols[i];
        if (known)
            continue;
        diag_report(ctx, "dir-directory-form", ZVMC_SEV_WARNING,
                    dirstmt_operand_loc(ctx, ssi, i + 3),
                    "%s is not the System_Residence volume of any member in the SYSTEM CONFIG",
                    ssi->vols[i]);
    }
}

void check_dir_directory_form(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    const ud_dirstmt *first_ssi = NULL, *first_cse = NULL, *first_plain = NULL;
    /* the first CSE DIRECTORY of each system: a map, not a scan of the earlier
     * statements for each (100,000 of them took 6.9 s) */
    ptrmap first_for = { 0 };
    for (const ud_dirstmt *d = dir->dirs; d; d = d->next) {
        switch (d->form) {
        case UD_DIR_SSI:
            if (first_ssi) {
                zvmc_diag_int *dg = diag_report(ctx, "dir-directory-form", ZVMC_SEV_ERROR, d->loc,
                                                "a second DIRECTORY SSI statement: one statement "
                                                "lists every member's residence volume");
                diag_note(ctx, dg, first_ssi->loc, "the first DIRECTORY SSI is here");
            } else {
                first_ssi = d;
            }
            break;
        case UD_DIR_CSE: {
            ptrmap_slot *sl = d->sysname ? ptrmap_put(&first_for, ctx_alloc(ctx), d->sysname)
                                         : NULL;
            if (d->sysname && !sl) {
                ctx->oom = 1;
            } else if (sl && sl->value) {
                const ud_dirstmt *o = (const ud_dirstmt *)(uintptr_t)sl->value;
                zvmc_diag_int *dg = diag_report(
                    ctx, "dir-directory-form", ZVMC_SEV_ERROR, d->loc,
                    "a second CSE DIRECTORY statement for system %s: each system has one",
                    d->sysname);
                diag_note(ctx, dg, o->loc, "the first one for %s is here", d->sysname);
            } else if (sl) {
                sl->value = (uint64_t)(uintptr_t)d;
            }
            if (!first_cse)
                first_cse = d;
            break;
        }
        case UD_DIR_PLAIN:
            if (!first_plain)
                first_plain = d;
            break;
        default:
            break;
        }
    }
    ptrmap_free(&first_for, ctx_alloc(ctx));
    if (first_ssi && (first_cse || first_plain)) {
        const ud_dirstmt *o = first_cse ? first_cse : first_plain;
        const ud_dirstmt *later = o->loc.begin > first_ssi->loc.begin || o->loc.file >
                                  first_ssi->loc.file ? o : first_ssi;
        const ud_dirstmt *other = later == o ? first_ssi : o;
        zvmc_diag_int *d = diag_report(ctx, "dir-directory-form", ZVMC_SEV_ERROR, later->loc,
                                       "this directory mixes DIRECTORY SSI with the %s form: an "
                                       "SSI cluster uses the one DIRECTORY SSI statement only; "
                                       "delete the %s statements",
                                       first_cse ? "CSE (one per system)" : "single-system",
                                       first_cse ? "CSE" : "single-system");
        diag_note(ctx, d, other->loc, "the other form is used here");
    } else if (first_cse && r->cfg && r->model.ssi) {
        zvmc_diag_int *d = diag_report(ctx, "dir-directory-form", ZVMC_SEV_ERROR, first_cse->loc,
                                       "CSE DIRECTORY statements in a directory for an SSI "
                                       "cluster: replace them with one 'DIRECTORY SSI vaddr "
                                       "devtype' statement listing each member's residence "
                                       "volume");
        diag_note(ctx, d, r->model.ssi->loc, "the SYSTEM CONFIG defines the SSI cluster here");
    } else if (first_plain && !first_cse && r->cfg && r->model.ssi && r->model.nmembers > 1) {
        zvmc_diag_int *d = diag_report(ctx, "dir-directory-form", ZVMC_SEV_WARNING,
                                       first_plain->loc,
                                       "a single-system DIRECTORY statement in a directory for "
                                       "an SSI cluster of %u members: use 'DIRECTORY SSI vaddr "
                                       "devtype' with each member's residence volume",
                                       r->model.nmembers);
        diag_note(ctx, d, r->model.ssi->loc, "the SYSTEM CONFIG defines the SSI cluster here");
    }
    if (first_ssi)
        compare_ssi_volumes(r, first_ssi);
    if (res->fragment) {
        /* One note, so that the checks it turns off are not silently off. */
        if (!dir->nentries) {
            for (uint32_t i = 0; i < ctx->nsources; i++) {
                int rejected = 0;
                for (uint32_t k = 0; k < dir->nrejected; k++)
                    rejected |= dir->rejected[k] == i;
                if (ctx->sources[i].kind != ZVMC_FILE_DIRECTORY || rejected)
                    continue;
                zvmc_loc at = { i, 0, 0 };
                diag_report(ctx, "dir-directory-form", ZVMC_SEV_WARNING, at,
                            "%s holds no directory statements: no DIRECTORY statement, no "
                            "entries", ctx->sources[i].name);
            }
            return;
        }
        const ud_entry *e = dir->entries[0];
        diag_report(ctx, "dir-directory-form", ZVMC_SEV_NOTE,
                    e->nstmts ? ud_stmt_loc(e, &e->stmts[0]) : loc_none(),
                    "no DIRECTORY statement: zvmc reads this as a fragment (entries as a "
                    "directory manager hands them over), so INCLUDEs and LINKs to entries not in "
                    "it are not checked; DIRECTXA needs a DIRECTORY statement before the first "
                    "entry");
    }
}
