/* SPDX-License-Identifier: MIT */
/*
 * The directory side: every entry's route (kept, merged, IDENTITY, or
 * commented-out sections), then the DIRECTORY statements and the entries'
 * edits.  Entries without SYSAFFIN that are not on the XSPPOOL exclusion list
 * are not touched: their records are copied as they are.
 */
#include <stdio.h>
#include <string.h>
#include "check/resolve.h"
#include "emit/convert.h"

static int decide_routes(zvmc_convert *cv, const ud_directory *dir)
{
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        int xl = e->kind == UD_E_USER && cv_in_xlist(cv, e->name);
        cv->route[i] = xl ? CV_ROUTE_IDENTITY : CV_ROUTE_KEEP;
        /* records before the first entry (dir-placement reports a SYSAFFIN there) and
         * entries without a name are left as they are */
        if ((!(e->flags & UD_EF_SYSAFFIN) && !xl) || e->kind == UD_E_NONE || !e->name)
            continue;
        /* every IDENTITY needs its sections, if only to say it has none */
        if (!(cv->sections[i] = cv_sections_of(cv, e)))
            return ZVMC_ENOMEM;
        if (!xl && (e->flags & UD_EF_SYSAFFIN)) {
            if (cv_sections_merge(cv, e, cv->sections[i]))
                cv->route[i] = CV_ROUTE_MERGE;
            else
                cv->route[i] = e->kind == UD_E_USER ? CV_ROUTE_IDENTITY : CV_ROUTE_FALLBACK;
        }
        if (cv->route[i] == CV_ROUTE_IDENTITY)
            cv_sections_sysres(e, cv->sections[i]);
    }
    return 0;
}

static void dir_disposition(zvmc_convert *cv, cv_gen *g, uint32_t it, const ud_dirstmt *d,
                            int have_ssi, uint32_t line)
{
    if (have_ssi) {
        cv_set(cv, it, ZVMC_DISP_REMOVED, "the directory's DIRECTORY SSI statement covers every "
               "member");
    } else if (d->form == UD_DIR_CSE && d->sysname && cv_member_index(cv, d->sysname) < 0) {
        cv_set(cv, it, ZVMC_DISP_REMOVED, "%s is left behind: it is not one of the members",
               d->sysname);
    } else {
        cv_set(cv, it, ZVMC_DISP_CONVERTED, "one DIRECTORY SSI statement lists every member's "
               "residence volume; DIRECTXA on a member needs no CPU ID to find its own");
        cv_gen_anchor(g, CV_ANCHOR_ITEM, it, line);
    }
}

/* The DIRECTORY statements: CSE (one per system) and single-system ones become
 * one DIRECTORY SSI where the first of them was. */
static int convert_directory_stmts(zvmc_convert *cv, const ud_directory *dir)
{
    const ud_dirstmt *first = NULL, *model = NULL, *ssi = NULL;
    for (const ud_dirstmt *d = dir->dirs; d; d = d->next) {
        if (d->form == UD_DIR_SSI && !ssi)
            ssi = d;
        if ((d->form == UD_DIR_CSE || d->form == UD_DIR_PLAIN) && !first)
            first = d;
        if (d->form == UD_DIR_CSE && d->sysname && cv_member_index(cv, d->sysname) == 0)
            model = d;
    }
    if (!first)
        return 0;
    if (!model)
        model = first;
    if (!ssi) {
        for (uint32_t m = 0; m < cv->nmembers; m++)
            if (!cv->res_vols[m]) {
                snprintf(cv->msg, sizeof cv->msg, "no residence volume is known for member %s: "
                         "give every member's with --res-volumes", cv->members[m]);
                return ZVMC_EINVAL;
            }
    }
    cv_gen g;
    cv_gen_init(&g, cv);
    uint32_t line = 0;
    if (!ssi) {
        const zvmc_source *ms = cv_source(cv, model->loc.file);
        const char *w[4];
        uint32_t wl[4];
        uint32_t n = cv_words(ms->data + model->loc.begin, model->loc.end - model->loc.begin,
                              w, wl, 4);
        strbuf sb;
        sb_init(&sb, cv->alloc);
        sb_printf(&sb, "DIRECTORY SSI %.*s %.*s", n > 1 ? (int)wl[1] : 3, n > 1 ? w[1] : "123",
                  n > 2 ? (int)wl[2] : 4, n > 2 ? w[2] : "3390");
        for (uint32_t m = 0; m < cv->nmembers; m++)
            sb_printf(&sb, " %s", cv->res_vols[m]);
        line = cv_gen_line(&g, sb_cstr(&sb), sb.len);
        sb_free(&sb);
    }
    /* dispositions and anchors first: the DIRECTORY SSI line takes them all, and
     * goes where the first statement it replaces was */
    const ud_dirstmt *at = NULL;
    for (int pass = 0, rc = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < dir->nentries; i++) {
            const ud_entry *e = dir->entries[i];
            for (uint32_t j = 0; j < e->nstmts; j++) {
                const ud_stmt *s = &e->stmts[j];
                const ud_dirstmt *d = s->kind == UD_S_DIRECTORY ? dir->dirs : NULL;
                while (d && !(d->loc.file == e->file && d->loc.begin == s->begin))
                    d = d->next;
                if (!d || d->form == UD_DIR_SSI || d->form == UD_DIR_BAD)
                    continue;
                /* one inside an entry that is rebuilt goes with the entry (dir-placement
                 * already says it is misplaced) */
                if (cv->route[i] == CV_ROUTE_IDENTITY ||
                    (cv->sections[i] && cv->sections[i]->in_section[j] != CV_SEC_COMMON))
                    continue;
                uint32_t it = cv_dir_item(cv, e, s);
                if (pass == 0) {
                    dir_disposition(cv, &g, it, d, ssi != NULL, line);
                    if (!at)
                        at = d;
                    continue;
                }
                const zvmc_source *src = cv_source(cv, e->file);
                cv_output *o = cv_output_for(cv, e->file, ZVMC_FILE_DIRECTORY);
                uint32_t b = cv_rec_start(src, s->begin), end = cv_rec_next(src, s->begin);
                if ((rc = o ? cv_replace(cv, o, b, end, d == at ? &g : NULL) : ZVMC_ENOMEM)) {
                    cv_gen_free(&g);
                    return rc;
                }
            }
        }
    }
    cv_gen_free(&g);
    return 0;
}

int cv_convert_directory(zvmc_convert *cv)
{
    const ud_directory *dir = cv->ctx->directory;
    if (!dir || !dir->nentries)
        return 0;
    cv->route = arena_zalloc(&cv->arena, dir->nentries);
    cv->sections = arena_zalloc(&cv->arena, dir->nentries * sizeof *cv->sections);
    if (!cv->route || !cv->sections)
        return ZVMC_ENOMEM;
    int rc = decide_routes(cv, dir);
    if (!rc)
        rc = cv_collect_locals(cv);
    if (!rc)
        rc = convert_directory_stmts(cv, dir);     /* needs the routes */
    for (uint32_t i = 0; i < dir->nentries && !rc; i++) {
        const ud_entry *e = dir->entries[i];
        cv_output *o = cv_output_for(cv, e->file, ZVMC_FILE_DIRECTORY);
        if (!o)
            return ZVMC_ENOMEM;
        switch (cv->route[i]) {
        case CV_ROUTE_MERGE: rc = cv_entry_merge(cv, o, e); break;
        case CV_ROUTE_IDENTITY: rc = cv_entry_identity(cv, o, e); break;
        case CV_ROUTE_FALLBACK: rc = cv_entry_fallback(cv, o, e); break;
        default:
            if (e->kind == UD_E_USER || e->kind == UD_E_PROFILE)
                cv_flag_local_links(cv, e, NULL);
            break;
        }
    }
    return rc;
}

/* After the splice: each user of the XSPPOOL exclusion lists, and where it went. */
void cv_xlist_details(zvmc_convert *cv)
{
    const ud_directory *dir = cv->ctx->directory;
    if (!cv->ctx->config)
        return;
    sc_for_each_stmt(cv->ctx->config, f, s) {
        if (s->kind != SC_XSPOOL_XLIST_INPUT && s->kind != SC_XSPOOL_XLIST_OUTPUT)
            continue;
        uint32_t it = cv_cfg_item(cv, s, f->file);
        for (uint32_t k = 0; k < s->u.xlist.names.n; k++) {
            const char *u = s->u.xlist.names.v[k].s;
            const ud_entry *e = dir && dir->nentries ? ud_lookup(dir, u) : NULL;
            if (!dir || !dir->nentries) {
                cv_detail(cv, it, "%s: no directory was given; make it an IDENTITY there", u);
            } else if (!e || (e->kind != UD_E_USER && e->kind != UD_E_IDENTITY)) {
                cv_detail(cv, it, "%s: not in the directory, nothing to convert", u);
            } else if (e->kind == UD_E_IDENTITY) {
                cv_detail(cv, it, "%s: already an IDENTITY", u);
            } else {
                const cv_item *h = &cv->items[cv_dir_item(cv, e, &e->stmts[0])];
                cv_detail(cv, it, "%s: IDENTITY %s at %s:%u", u, u,
                          h->pub.to_file ? h->pub.to_file : "?", h->pub.to_line);
            }
        }
    }
}
