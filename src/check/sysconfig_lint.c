/* SPDX-License-Identifier: MIT */
/* Record-level and statement-level lint for SYSTEM CONFIG: unknown statements,
 * lost continuation commas, comments that hide statements, qualifiers naming
 * no system or given twice, and CSE statements left in an SSI configuration. */
#include <string.h>
#include "check/check.h"
#include "parse/sysconfig_parse.h"
#include "util/names.h"

void check_unknown_statement(check_run *r)
{
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_GENERIC || sc_is_known_statement(s->head.text, s->head.len) ||
            sc_is_suboperand(s->head.text, s->head.len))
            continue;
        diag_report(r->ctx, "unknown-statement", ZVMC_SEV_WARNING, s->head.loc,
                    "'%.*s' is not a SYSTEM CONFIG statement zvmc knows; if CP does not know it "
                    "either, CPSYNTAX reports it as an invalid statement (HCPSYK6701E)",
                    (int)s->head.len, s->head.text);
    }
}

void check_missing_comma(check_run *r)
{
    for (const sc_file *f = r->cfg->files; f; f = f->next) {
        const sc_stmt *prev = NULL;
        for (const sc_stmt *s = f->first; s; prev = s, s = s->next) {
            if (s->kind != SC_GENERIC || sc_is_known_statement(s->head.text, s->head.len) ||
                !sc_is_suboperand(s->head.text, s->head.len))
                continue;
            zvmc_diag_int *d = diag_report(r->ctx, "missing-comma", ZVMC_SEV_ERROR, s->head.loc,
                "'%.*s' starts a record but is an operand, not a statement: CP reads it as a new, "
                "invalid statement (HCPSYK6701E)", (int)s->head.len, s->head.text);
            if (prev) {
                zvmc_loc end = { prev->loc.file, prev->loc.end, prev->loc.end };
                diag_note(r->ctx, d, end,
                          "the %.*s statement ends here; end this record with a comma to "
                          "continue it onto the next", (int)prev->head.len, prev->head.text);
            }
        }
    }
}

/* Does a record inside a comment read as a statement?  Copy its first word (after
 * an optional NAME: qualifier) into @word. */
static int record_is_statement(const char *p, const char *end, char *word, size_t wlen)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p == '*' || (*p == '/' && p + 1 < end && p[1] == '*'))
        return 0;
    const char *w = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r')
        p++;
    size_t n = (size_t)(p - w);
    if (n > 1 && w[n - 1] == ':') {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        w = p;
        while (p < end && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r')
            p++;
        n = (size_t)(p - w);
    }
    if (n == 0 || n >= wlen || !sc_is_known_statement(w, n))
        return 0;
    memcpy(word, w, n);
    word[n] = '\0';
    return 1;
}

void check_comment_swallows(check_run *r)
{
    for (const sc_file *f = r->cfg->files; f; f = f->next) {
        const zvmc_source *src = ctx_source(r->ctx, f->file);
        for (const sc_comment *c = f->comments; c; c = c->next) {
            /* A deliberate comment-out opens with a plain opener; what hides statements by
             * accident is a decorative box line, nested openers, or no close at all. */
            if (!c->box_opener && !c->nested_openers && c->terminated)
                continue;
            const char *text = src->data;
            const char *p = memchr(text + c->loc.begin, '\n', c->loc.end - c->loc.begin);
            unsigned hidden = 0;
            zvmc_loc first = loc_none();
            char word[64], first_word[64] = "";
            while (p && p < text + c->loc.end) {
                const char *rec = p + 1;
                const char *eol = memchr(rec, '\n', (size_t)(text + src->len - rec));
                if (!eol)
                    eol = text + src->len;
                /* the closing record counts only up to the close */
                const char *stop = eol < text + c->loc.end ? eol : text + c->loc.end;
                if (record_is_statement(rec, stop, word, sizeof word)) {
                    if (!hidden++) {
                        first.file = f->file;
                        first.begin = (uint32_t)(rec - text);
                        first.end = (uint32_t)(stop - text);
                        memcpy(first_word, word, sizeof word);
                    }
                }
                p = eol < text + c->loc.end ? eol : NULL;
            }
            if (!hidden)
                continue;
            zvmc_loc opener = { f->file, c->loc.begin, c->loc.begin + 2 };
            zvmc_diag_int *d = diag_report(r->ctx, "comment-swallows-statements",
                ZVMC_SEV_WARNING, opener,
                "this comment %s and hides %u statement%s from CP",
                c->terminated ? "runs on over several records" : "is never closed",
                hidden, hidden == 1 ? "" : "s");
            diag_note(r->ctx, d, first, "the first hidden statement (%s) is here", first_word);
            if (c->terminated) {
                zvmc_loc close = { f->file, c->loc.end - 2, c->loc.end };
                diag_note(r->ctx, d, close, "the comment ends only here");
            }
            if (c->box_opener)
                diag_note(r->ctx, d, loc_none(),
                          "the opening record looks like a box border: end it with '*/' (e.g. "
                          "'/*****/') so that it is a comment of its own");
        }
    }
}

void check_qualifier_unknown_system(check_run *r)
{
    if (r->model.nsystems == 0)
        return;     /* a fragment that defines no system: nothing to judge by */
    sc_for_each_stmt(r->cfg, f, s) {
        const char *q = s->qualifier.s;
        if (!q || model_is_system(&r->model, q))
            continue;
        zvmc_diag_int *d = diag_report(r->ctx, "qualifier-unknown-system", ZVMC_SEV_WARNING,
            s->qualifier.loc,
            "qualifier %s names no system this file defines: the statement applies to no "
            "member and CP skips it", q);
        const char *best = model_lookalike_system(r->ctx, &r->model, q);
        if (best) {
            diag_note(r->ctx, d, loc_none(), "did you mean %s?", best);
            diag_fixit(r->ctx, d, best);
        }
    }
}

/* SYSA: SYSB: statement.  A record takes one qualifier (docs/zvm-reference.md
 * 1.6 shows one; that CP reads a second as the statement is UNCONFIRMED):
 * where the first names the system, "SYSB:" is the statement, an invalid one. */
void check_qualifier_twice(check_run *r)
{
    sc_for_each_stmt(r->cfg, f, s) {
        if (s->kind != SC_GENERIC || !s->qualifier.s || s->head.len < 2 ||
            s->head.text[s->head.len - 1] != ':')
            continue;
        zvmc_diag_int *d = diag_report(r->ctx, "qualifier-twice", ZVMC_SEV_WARNING, s->head.loc,
            "a second record qualifier: a record takes one system name, so on %s CP reads "
            "'%.*s' as the statement, an invalid one (HCPSYK6701E), and no other member runs "
            "the record (UNCONFIRMED rule)", s->qualifier.s, (int)s->head.len, s->head.text);
        diag_note(r->ctx, d, loc_none(), "to run the statement on both systems, write it twice, "
                  "once after each qualifier");
    }
}

void check_cse_in_ssi(check_run *r)
{
    if (!r->model.ssi)
        return;
    sc_for_each_stmt(r->cfg, f, s) {
        const char *why = NULL;
        zvmc_severity sev = ZVMC_SEV_WARNING;
        switch (s->kind) {
        case SC_XLINK_SYSTEM_EXCLUDE:
            sev = ZVMC_SEV_ERROR;
            why = "CP does not accept XLINK_System_Exclude together with an SSI statement; "
                  "remove it";
            break;
        case SC_XLINK_SYSTEM_INCLUDE:
        case SC_XSPOOL_SYSTEM:
            why = "CSE statement in an SSI configuration: the SSI statement's slots replace "
                  "it; remove it";
            break;
        case SC_XLINK_VOLUME_INCLUDE:
        case SC_XLINK_VOLUME_EXCLUDE:
            why = "CSE statement in an SSI configuration: SSI protects every volume without "
                  "a CSE area; remove it";
            break;
        case SC_XSPOOL_XLIST_INPUT:
        case SC_XSPOOL_XLIST_OUTPUT:
            why = "CSE statement in an SSI configuration: to let a user log on to several "
                  "members, make it an IDENTITY in the directory; remove this statement";
            break;
        default:
            continue;
        }
        zvmc_diag_int *d = diag_report(r->ctx, "cse-in-ssi", sev, s->loc, "%s", why);
        diag_note(r->ctx, d, r->model.ssi->loc, "the SSI statement is here");
    }
}
