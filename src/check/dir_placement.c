/* SPDX-License-Identifier: MIT */
/*
 * dir-placement: statements where CP does not take them.
 *
 * Errors (the rule is CONFIRMED):
 *   - a statement before the first entry (other than DIRECTORY) belongs to no entry;
 *   - BUILD outside an IDENTITY entry.
 * Warnings (UNCONFIRMED rules, see docs/directory.md):
 *   - DIRECTORY after the first entry;
 *   - INCLUDE anywhere but right after USER/IDENTITY, twice, or in another kind of entry;
 *   - BUILD after statements other than INCLUDE;
 *   - in a SUBCONFIG, a statement that describes the whole virtual machine;
 *   - a general statement (OPTION, IPL, MACHINE...) after a device statement
 *     (IBM: MDISK "must follow any general statements");
 *   - GLOBALDEFS after the first USER, IDENTITY or PROFILE; GLOBALOPTS outside GLOBALDEFS.
 */
#include <stdio.h>
#include "check/dir_checks.h"
#include "parse/directory_parse.h"

#define KW(s) ud_skind_name((s)->kind)

static void report(check_run *r, zvmc_severity sev, const ud_entry *e, const ud_stmt *s,
                   const char *msg, const ud_stmt *other, const char *note)
{
    zvmc_diag_int *d = diag_report(r->ctx, "dir-placement", sev, ud_stmt_loc(e, s), "%s", msg);
    if (other && note)
        diag_note(r->ctx, d, ud_stmt_loc(e, other), "%s", note);
}

static void check_entry(check_run *r, const ud_entry *e, int users_seen)
{
    zvmc_ctx *ctx = r->ctx;
    char msg[320], note[160];
    if (e->kind == UD_E_NONE) {
        for (uint32_t i = 0; i < e->nstmts; i++) {
            const ud_stmt *s = &e->stmts[i];
            if (s->kind == UD_S_DIRECTORY)
                continue;
            diag_report(ctx, "dir-placement", ZVMC_SEV_ERROR, ud_stmt_loc(e, s),
                        "%s comes before the first USER, IDENTITY or PROFILE entry, so it "
                        "belongs to no entry; move it into the entry it is meant for", KW(s));
        }
        return;
    }
    if (e->kind == UD_E_GLOBALDEFS && users_seen)
        report(r, ZVMC_SEV_WARNING, e, &e->stmts[0],
               "GLOBALDEFS comes after user entries: the global definitions go before the "
               "first PROFILE, USER or IDENTITY", NULL, NULL);
    const char *ename = e->name ? e->name : "";
    const ud_stmt *include = NULL, *device = NULL, *other = NULL;
    int general_reported = 0;
    for (uint32_t i = 1; i < e->nstmts; i++) {
        const ud_stmt *s = &e->stmts[i];
        switch (s->kind) {
        case UD_S_DIRECTORY:
            report(r, ZVMC_SEV_WARNING, e, s, "DIRECTORY statements go before the first entry, "
                   "not inside one", NULL, NULL);
            continue;
        case UD_S_INCLUDE:
            if (e->kind != UD_E_USER && e->kind != UD_E_IDENTITY) {
                snprintf(msg, sizeof msg, "INCLUDE in a %s: only USER and IDENTITY entries "
                         "include a profile (profiles do not nest)", ud_ekind_name(e->kind));
                report(r, ZVMC_SEV_WARNING, e, s, msg, NULL, NULL);
            } else if (include) {
                report(r, ZVMC_SEV_WARNING, e, s, "a second INCLUDE: an entry includes one "
                       "profile", include, "the first INCLUDE is here");
            } else if (i != 1) {
                snprintf(msg, sizeof msg, "INCLUDE must come right after the %s statement "
                         "(DIRECTXA reports a statement sequence error, HCPDIR752E)",
                         ud_ekind_name(e->kind));
                report(r, ZVMC_SEV_WARNING, e, s, msg, NULL, NULL);
            }
            include = s;
            continue;
        case UD_S_BUILD:
            if (e->kind != UD_E_IDENTITY) {
                snprintf(msg, sizeof msg, "BUILD belongs in an IDENTITY entry: %s %s cannot "
                         "take a SUBCONFIG; make it an IDENTITY, or delete the BUILD",
                         ud_ekind_name(e->kind), ename);
                report(r, ZVMC_SEV_ERROR, e, s, msg, NULL, NULL);
            } else if (other) {
                snprintf(note, sizeof note, "the first statement that is not INCLUDE or BUILD "
                         "is this %s", KW(other));
                report(r, ZVMC_SEV_WARNING, e, s, "BUILD statements come first in an IDENTITY "
                       "(after its INCLUDE)", other, note);
            }
            continue;
        case UD_S_GLOBALOPTS:
            if (e->kind != UD_E_GLOBALDEFS)
                report(r, ZVMC_SEV_WARNING, e, s, "GLOBALOPTS belongs in the GLOBALDEFS entry",
                       NULL, NULL);
            break;
        default:
            break;
        }
        if (!other && s->kind != UD_S_SYSAFFIN)
            other = s;
        if (e->kind == UD_E_SUBCONFIG && !ud_allowed_in_subconfig(s->kind) &&
            s->kind != UD_S_UNKNOWN) {
            snprintf(msg, sizeof msg, "%s in SUBCONFIG %s: a SUBCONFIG holds a member's own "
                     "devices (MDISK, LINK, DEDICATE...); put %s in the IDENTITY entry", KW(s),
                     ename, KW(s));
            report(r, ZVMC_SEV_WARNING, e, s, msg, NULL, NULL);
        }
        if (ud_is_device(s->kind) && !device)
            device = s;
        else if (device && ud_is_general(s->kind) && !general_reported) {
            snprintf(msg, sizeof msg, "%s after %s: general statements come before the device "
                     "statements of an entry (IBM: MDISK must follow any general statements); "
                     "move it up", KW(s), KW(device));
            snprintf(note, sizeof note, "the first device statement of %s %s", ud_ekind_name(
                     e->kind), ename);
            report(r, ZVMC_SEV_WARNING, e, s, msg, device, note);
            general_reported = 1;
        }
    }
}

void check_dir_placement(check_run *r)
{
    if (!ud_run_res(r))
        return;
    const ud_directory *dir = r->ctx->directory;
    int users_seen = 0;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        check_entry(r, e, users_seen);
        if (e->kind == UD_E_USER || e->kind == UD_E_IDENTITY || e->kind == UD_E_PROFILE)
            users_seen = 1;
    }
}
