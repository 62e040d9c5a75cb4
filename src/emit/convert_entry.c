/* SPDX-License-Identifier: MIT */
/*
 * Writing out an entry with SYSAFFIN sections (or on the XSPPOOL exclusion
 * list):
 *   merge     the SYSAFFIN records and the other members' copies go; the kept
 *             statements stay where they are, as written;
 *   identity  the entry is rebuilt: IDENTITY, its INCLUDE, a BUILD per member,
 *             the common statements, then a SUBCONFIG per member with that
 *             member's statements and the LINKs to local minidisks; comment
 *             records travel with the statement after them;
 *   fallback  (a PROFILE or an IDENTITY whose sections do not merge) the
 *             sections are commented out, each a decision.
 */
#include <stdio.h>
#include <string.h>
#include "check/resolve.h"
#include "emit/convert.h"
#include "parse/directory_parse.h"
#include "util/intern.h"

/* A CRYPTO that dedicates queues (APDED, or DOMAIN), as relocation.c reads it. */
static int crypto_dedicated(zvmc_convert *cv, const ud_entry *e, const ud_stmt *s)
{
    ud_tok t[1];
    if (s->kind != UD_S_CRYPTO || ud_operands(cv->ctx, e, s, t, 1) < 1)
        return 0;
    const char *w = ud_tok_text(cv->ctx, e->file, t[0]);
    return cv_abbrev(w, t[0].len, "APDEDICATED", 5) || cv_abbrev(w, t[0].len, "DOMAIN", 3);
}

static void crypto_decision(zvmc_convert *cv, uint32_t it, const char *name)
{
    cv_set(cv, it, ZVMC_DISP_DECISION, "dedicated crypto queues inside SYSAFFIN: each system "
           "had its own; zvmc does not change them");
    cv_detail(cv, it, "APVIRT (shared, virtual queues): write CRYPTO APVIRT in place of the "
              "sections' CRYPTO, and %s may stay a USER and relocate", name);
    cv_detail(cv, it, "or keep the dedicated queues: %s stays pinned (an IDENTITY, logged on "
              "to each member separately and possibly to several at once, or a USER kept "
              "on one member)", name);
}

/* The records of statement @j: where they start, and where the next begins. */
static uint32_t rec_begin(const zvmc_source *src, const ud_entry *e, uint32_t j)
{
    return cv_rec_start(src, e->stmts[j].begin);
}

static uint32_t rec_end(const zvmc_source *src, const ud_entry *e, uint32_t j)
{
    return cv_rec_next(src, e->stmts[j].begin + (e->stmts[j].len ? e->stmts[j].len - 1u : 0u));
}

/* ---- merge ------------------------------------------------------------------------------- */

/* The lowest member of a non-empty member mask. */
static unsigned low_bit(uint64_t m)
{
    unsigned b = 0;
    while (!((m >> b) & 1))
        b++;
    return b;
}

/* The kept statement that stands for each specific statement @j of another
 * member: the one in the same place of the kept member's list (the lists were
 * compared place by place), the place being counted in the list of the first
 * member @j's section names; 0 when there is none.  One pass, with a count per
 * member of the specific statements so far: asked statement by statement, an
 * entry with thousands of them was quadratic.  NULL on ENOMEM. */
static uint32_t *kept_twins(zvmc_convert *cv, const ud_entry *e, const cv_sections *sec,
                            uint64_t keep)
{
    uint32_t *twin = arena_zalloc(&cv->arena, e->nstmts * sizeof *twin);
    uint32_t *kept = arena_alloc(&cv->arena, e->nstmts * sizeof *kept);
    if (!twin || !kept)
        return NULL;
    uint32_t nkept = 0, seen[64] = { 0 };
    for (uint32_t k = 1; k < e->nstmts; k++)
        if (sec->in_section[k] == CV_SEC_SPECIFIC && (sec->mask[k] & keep))
            kept[nkept++] = k;
    for (uint32_t j = 1; j < e->nstmts; j++) {
        if (sec->in_section[j] != CV_SEC_SPECIFIC)
            continue;
        uint64_t m = sec->mask[j];
        if (m && !(m & keep)) {
            uint32_t nth = seen[low_bit(m)];
            twin[j] = nth < nkept ? kept[nth] : 0;
        }
        for (; m; m &= m - 1)
            seen[low_bit(m)]++;
    }
    return twin;
}

int cv_entry_merge(zvmc_convert *cv, cv_output *o, const ud_entry *e)
{
    const cv_sections *sec = cv->sections[e->index];
    const zvmc_source *src = cv_source(cv, e->file);
    uint64_t keep = (uint64_t)1 << sec->keep_member;
    uint8_t *dropped = arena_zalloc(&cv->arena, e->nstmts);
    const uint32_t *twin = kept_twins(cv, e, sec, keep);
    if (!dropped || !twin)
        return ZVMC_ENOMEM;
    const char *kept = cv->members[sec->keep_member];
    for (uint32_t j = 1; j < e->nstmts; j++) {
        uint32_t it = cv_dir_item(cv, e, &e->stmts[j]);
        if (sec->in_section[j] == CV_SEC_SYSAFFIN) {
            if (e->stmts[j].flags & UD_F_STAR)
                cv_set(cv, it, ZVMC_DISP_REMOVED, "the sections merge: nothing is per-system "
                       "any more");
            else if (sec->mask[j])
                cv_set(cv, it, ZVMC_DISP_REMOVED, "the sections merge into one set of "
                       "statements (see the entry)");
            else
                cv_set(cv, it, ZVMC_DISP_REMOVED, "it names no member: its section is left "
                       "behind");
        } else if (sec->in_section[j] == CV_SEC_SPECIFIC && !(sec->mask[j] & keep)) {
            uint32_t k = twin[j];
            if (!k) {
                cv_set(cv, it, ZVMC_DISP_REMOVED, "in a section for left-behind systems only");
            } else {
                const ud_stmt *x = &e->stmts[k], *y = &e->stmts[j];
                cv->items[it].same_as = cv_dir_item(cv, e, x);
                if (y->kind == UD_S_DEDICATE && x->u.dev.rdev != y->u.dev.rdev)
                    cv_set(cv, it, ZVMC_DISP_CONVERTED, "device %04X is equivalent (same EQID) "
                           "to %s's %04X, whose DEDICATE serves every member", y->u.dev.rdev,
                           kept, x->u.dev.rdev);
                else
                    cv_set(cv, it, ZVMC_DISP_CONVERTED, "the same statement as %s's, which "
                           "serves every member", kept);
            }
        } else {
            if (sec->in_section[j] == CV_SEC_SPECIFIC && crypto_dedicated(cv, e, &e->stmts[j]))
                crypto_decision(cv, it, e->name ? e->name : "the guest");
            continue;
        }
        dropped[j] = 1;
        int rc = cv_replace(cv, o, rec_begin(src, e, j), rec_end(src, e, j), NULL);
        if (rc)
            return rc;
    }
    uint32_t head = cv_dir_item(cv, e, &e->stmts[0]);
    int any = 0, dedicates = 0;
    for (uint32_t j = 1; j < e->nstmts; j++) {
        any |= sec->in_section[j] == CV_SEC_SPECIFIC && (sec->mask[j] & keep);
        dedicates |= sec->in_section[j] == CV_SEC_SPECIFIC && e->stmts[j].kind == UD_S_DEDICATE;
    }
    if (any) {
        cv_set(cv, head, ZVMC_DISP_CARRIED, "its SYSAFFIN sections %s: one %s with %s's "
               "statements%s", dedicates ? "differ only in the real devices of DEDICATEs with "
               "the same EQIDs" : "are the same on every member", ud_ekind_name(e->kind), kept,
               dedicates ? ", relocatable (LGR) between them (the EQID mapping below)" : "");
        if (dedicates) {
            cv_detail(cv, head, "log it on to %s and relocate it: logged on elsewhere directly, "
                      "it would get %s's device numbers, which are not the equivalent devices "
                      "there", kept, kept);
            cv_detail(cv, head, "LGR of dedicated FCP or OSA devices needs OPTION "
                      "CHPIDVIRTUALIZATION ONE (zvmc check -Wreloc-chpidv)");
        }
    } else {
        cv_set(cv, head, ZVMC_DISP_CARRIED, "its SYSAFFIN sections name no member: it keeps its "
               "common statements");
    }
    cv_flag_local_links(cv, e, dropped);
    return 0;
}

/* ---- identity ---------------------------------------------------------------------------- */

/* The head record with USER rewritten IDENTITY, kept within the 72 data columns
 * by taking blanks out of the operands' padding; sequence columns stay. */
static void head_line(cv_gen *g, const zvmc_source *src, const ud_entry *e)
{
    uint32_t b = rec_begin(src, e, 0), end = rec_end(src, e, 0);
    if (end > b && src->data[end - 1] == '\n')
        end--;
    uint32_t kwe = e->stmts[0].begin;
    while (kwe < end && src->data[kwe] != ' ' && src->data[kwe] != '\t')
        kwe++;
    uint32_t data_end = end - b > 72 ? b + 72 : end;
    strbuf sb;
    sb_init(&sb, g->cv->alloc);
    sb_append(&sb, src->data + b, e->stmts[0].begin - b);
    sb_puts(&sb, "IDENTITY");
    size_t want = sb.len + (data_end - kwe);
    for (uint32_t i = kwe; i < data_end; i++) {
        if (want > 72 && src->data[i] == ' ' && i + 1 < data_end && src->data[i + 1] == ' ' &&
            sb.len && sb.data[sb.len - 1] == ' ') {
            want--;
            continue;
        }
        sb_putc(&sb, src->data[i]);
    }
    if (end > data_end) {
        while (sb.len < 72 && !sb.failed)
            sb_putc(&sb, ' ');
        sb_append(&sb, src->data + data_end, end - data_end);
    }
    if (sb.failed)
        g->sb.failed = 1;
    else
        cv_gen_line(g, sb.data, sb.len);
    sb_free(&sb);
}

/* ---- SUBCONFIG names ---------------------------------------------------------------------
 *
 * NAME-n for member n: the entry's name cut to what the suffix leaves of 8
 * characters (the base).  When that is taken (by an entry of the directory, or
 * a SUBCONFIG made before), the name's last characters instead, which tell
 * LINUX001 from LINUX002 where the first ones do not (NUX002-1).  When that is
 * taken too, variations of the base, level by level: level k writes a k-digit
 * base-36 counter (0-9, then A-Z) after as much of the base as leaves room for
 * it, so level 1 replaces the last character of a 6-character base (LINUX0-1,
 * LINUX1-1, ... LINUXZ-1) and adds one to a shorter base (TCPIP0-1, ...), and
 * the last level is all counter.  The names of a level depend only on its
 * pattern (LINUX*-1), so where the search of a pattern stopped is remembered:
 * every name is tried at most once per run, and N entries of one base cost
 * O(N), not O(N^2).
 */

#define SUB_MAX 8               /* characters of a SUBCONFIG name */

/* @name as this run's next SUBCONFIG name, when it is a valid entry name that
 * no entry of the directory and no SUBCONFIG made before has: recorded, and
 * returned interned.  NULL when it is not free, or on ENOMEM (cv->oom).  A
 * candidate is interned only once it is taken: a name never interned is no
 * entry's. */
static const char *claim(zvmc_convert *cv, const char *name)
{
    size_t n = strlen(name);
    if (!ud_entry_name_ok(name, n) || ud_name_reserved(name))
        return NULL;
    const char *known = interner_find(&cv->ctx->names, name, n);
    if ((known && ud_lookup(cv->ctx->directory, known)) || symtab_get(&cv->subnames, name, n))
        return NULL;
    const char *in = known ? known : ctx_intern_upper(cv->ctx, name, n);
    int is_new;
    symtab_slot *slot = in ? symtab_put(&cv->subnames, in, n, &is_new) : NULL;
    if (!slot) {
        cv->oom = 1;
        return NULL;
    }
    slot->value = (void *)in;
    return in;
}

/* Where the search of level @k's pattern (@keep characters of @base, @k
 * counter digits, @suffix) goes on: its next counter, 0 when new.  The
 * pattern writes the counter as '*', which no name holds.  NULL on ENOMEM. */
static uint32_t *pattern_next(zvmc_convert *cv, const char *base, size_t keep, unsigned k,
                              const char *suffix)
{
    char pat[2 * SUB_MAX];
    int n = snprintf(pat, sizeof pat, "%.*s%.*s%s", (int)keep, base, (int)k, "********",
                     suffix);
    uint32_t *next = symtab_get(&cv->subname_next, pat, (size_t)n);
    if (next)
        return next;
    /* the key must outlive the table: copied before it goes in */
    char *key = arena_strndup(&cv->arena, pat, (size_t)n);
    next = arena_zalloc(&cv->arena, sizeof *next);
    int is_new;
    symtab_slot *slot = key && next ? symtab_put(&cv->subname_next, key, (size_t)n, &is_new)
                                    : NULL;
    if (!slot)
        return NULL;
    slot->value = next;
    return next;
}

/* The first free variation of @base (@len characters) with @suffix, in
 * @width characters before it; NULL when there is none, or on ENOMEM. */
static const char *variation(zvmc_convert *cv, const char *base, size_t len, size_t width,
                             const char *suffix)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    uint32_t count = 1;         /* 36^k: at most 36^6 (the suffix is 2 or more) */
    for (unsigned k = 1; k <= width; k++) {
        count *= 36;
        size_t keep = len < width - k ? len : width - k;
        uint32_t *next = pattern_next(cv, base, keep, k, suffix);
        if (!next) {
            cv->oom = 1;
            return NULL;
        }
        while (*next < count) {
            char name[2 * SUB_MAX];
            memcpy(name, base, keep);
            for (unsigned d = 0, c = (*next)++; d < k; d++, c /= 36)
                name[keep + k - 1 - d] = digits[c % 36];
            snprintf(name + keep + k, sizeof name - keep - k, "%s", suffix);
            const char *got = claim(cv, name);
            if (got || cv->oom)
                return got;
        }
    }
    return NULL;
}

const char *cv_subconfig_name(zvmc_convert *cv, const ud_entry *e, uint32_t m)
{
    char suffix[8], name[2 * SUB_MAX];
    snprintf(suffix, sizeof suffix, "-%u", m + 1);
    size_t len = strlen(e->name), width = SUB_MAX - strlen(suffix);
    size_t base = len < width ? len : width;
    snprintf(name, sizeof name, "%.*s%s", (int)base, e->name, suffix);
    const char *got = claim(cv, name);
    if (!got && !cv->oom && len > width) {
        snprintf(name, sizeof name, "%s%s", e->name + len - width, suffix);
        got = claim(cv, name);
    }
    if (!got && !cv->oom)
        got = variation(cv, e->name, base, width, suffix);
    return got;
}

typedef struct idctx {
    zvmc_convert *cv;
    const ud_entry *e;
    const cv_sections *sec;
    const zvmc_source *src;
    cv_gen *g;
    uint8_t *emitted;           /* per statement: written once already */
} idctx;

/* Comment records travel with the statement after them: those of statement
 * @j are the records between it and the statement before it that is written
 * out; a SYSAFFIN is not, and hands its comment records on (without itself). */
static void put_lead(const idctx *x, uint32_t j)
{
    uint32_t p = j - 1;
    while (p > 0 && x->sec->in_section[p] == CV_SEC_SYSAFFIN)
        p--;
    for (uint32_t q = p + 1; q <= j; q++) {
        uint32_t from = rec_end(x->src, x->e, q - 1), to = rec_begin(x->src, x->e, q);
        if (from < to)
            cv_gen_copy(x->g, x->src, from, to);
    }
}

/* Write statement @j (with its comment records, the first time). */
static void put(idctx *x, uint32_t j)
{
    uint32_t b = rec_begin(x->src, x->e, j);
    if (!x->emitted[j]) {
        put_lead(x, j);
        cv_gen_anchor(x->g, CV_ANCHOR_ITEM, cv_dir_item(x->cv, x->e, &x->e->stmts[j]),
                      x->g->line);
    }
    cv_gen_copy(x->g, x->src, b, rec_end(x->src, x->e, j));
    x->emitted[j] = 1;
}

static unsigned bits(uint64_t m)
{
    unsigned n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

int cv_entry_identity(zvmc_convert *cv, cv_output *o, const ud_entry *e)
{
    const cv_sections *sec = cv->sections[e->index];
    cv_gen g;
    cv_gen_init(&g, cv);
    idctx x = { cv, e, sec, cv_source(cv, e->file), &g, arena_zalloc(&cv->arena, e->nstmts) };
    const char **sub = arena_zalloc(&cv->arena, cv->nmembers * sizeof *sub);
    uint32_t *subline = arena_zalloc(&cv->arena, cv->nmembers * sizeof *subline);
    if (!x.emitted || !sub || !subline) {
        cv_gen_free(&g);
        return ZVMC_ENOMEM;
    }
    for (uint32_t m = 0; m < cv->nmembers; m++)
        if (!(sub[m] = cv_subconfig_name(cv, e, m))) {
            cv_gen_free(&g);
            if (cv->oom)
                return ZVMC_ENOMEM;
            snprintf(cv->msg, sizeof cv->msg, "no free SUBCONFIG name for %s", e->name);
            return ZVMC_EINVAL;
        }
    uint32_t head = cv_dir_item(cv, e, &e->stmts[0]);
    cv_gen_anchor(&g, CV_ANCHOR_ITEM, head, g.line);
    head_line(&g, x.src, e);
    x.emitted[0] = 1;
    /* INCLUDE first, then the BUILDs (dir-placement's order) */
    for (uint32_t j = 1; j < e->nstmts; j++)
        if (e->stmts[j].kind == UD_S_INCLUDE && sec->in_section[j] == CV_SEC_COMMON)
            put(&x, j);
    for (uint32_t m = 0; m < cv->nmembers; m++)
        cv_gen_printf(&g, "BUILD ON %s USING SUBCONFIG %s", cv->members[m], sub[m]);
    /* common statements stay in the IDENTITY, except LINKs to local minidisks */
    uint8_t *to_subs = arena_zalloc(&cv->arena, e->nstmts);
    if (!to_subs) {
        cv_gen_free(&g);
        return ZVMC_ENOMEM;
    }
    for (uint32_t j = 1; j < e->nstmts; j++) {
        if (sec->in_section[j] != CV_SEC_COMMON || x.emitted[j])
            continue;
        if (cv_link_local(cv, &e->stmts[j]))
            to_subs[j] = 1;
        else
            put(&x, j);
    }
    /* a SUBCONFIG per member */
    for (uint32_t m = 0; m < cv->nmembers; m++) {
        subline[m] = cv_gen_printf(&g, "SUBCONFIG %s", sub[m]);
        for (uint32_t j = 1; j < e->nstmts; j++) {
            uint64_t bit = (uint64_t)1 << m;
            int local = to_subs[j] && (cv_link_local(cv, &e->stmts[j]) & bit);
            int mine = cv_specific(sec, j) && (sec->mask[j] & bit);
            if (local || mine)
                put(&x, j);
        }
    }
    /* what each statement became */
    const char *kind = e->kind == UD_E_USER ? "USER" : ud_ekind_name(e->kind);
    if (cv_in_xlist(cv, e->name))
        cv_set(cv, head, ZVMC_DISP_CONVERTED, "%s %s is on the XSPPOOL exclusion list, so it "
               "could be logged on to several CSE systems at once: an IDENTITY with a "
               "SUBCONFIG per member does that in SSI (an IDENTITY cannot relocate)", kind,
               e->name);
    else
        cv_set(cv, head, ZVMC_DISP_CONVERTED, "its SYSAFFIN sections differ in more than the "
               "devices of DEDICATEs with the same EQIDs: an IDENTITY with a SUBCONFIG per "
               "member (the paper's EREP); warning: an IDENTITY may be logged on to several "
               "members at once, and cannot relocate");
    for (uint32_t m = 0; m < cv->nmembers; m++)
        cv_detail(cv, head, "BUILD ON %s USING SUBCONFIG %s", cv->members[m], sub[m]);
    for (uint32_t j = 1; j < e->nstmts; j++) {
        const ud_stmt *s = &e->stmts[j];
        uint32_t it = cv_dir_item(cv, e, s);
        int first = -1;
        for (uint32_t m = 0; m < cv->nmembers && m < 64 && first < 0; m++)
            if ((sec->mask[j] >> m) & 1)
                first = (int)m;
        if (sec->in_section[j] == CV_SEC_SYSAFFIN) {
            if (s->flags & UD_F_STAR)
                cv_set(cv, it, ZVMC_DISP_REMOVED, "it ends the per-system sections: what follows "
                       "is common, in the IDENTITY");
            else if (first < 0)
                cv_set(cv, it, ZVMC_DISP_REMOVED, "it names no member: its section is left "
                       "behind");
            else {
                cv_set(cv, it, ZVMC_DISP_CONVERTED, "its section became SUBCONFIG %s (%s)%s",
                       sub[first], cv->members[first],
                       bits(sec->mask[j]) > 1 ? " and the SUBCONFIGs of the "
                       "other members it names" : "");
                cv_gen_anchor(&g, CV_ANCHOR_ITEM, it, subline[first]);
            }
        } else if (to_subs[j]) {
            uint64_t where = cv_link_local(cv, s), all = 0;
            const char *names[64];
            uint32_t n = 0;
            for (uint32_t m = 0; m < cv->nmembers && m < 64; m++) {
                all |= (uint64_t)1 << m;
                if ((where >> m) & 1)
                    names[n++] = sub[m];
            }
            cv_set(cv, it, ZVMC_DISP_CONVERTED, "a link to a local minidisk (%s %04X is in %s's "
                   "SUBCONFIGs): a LINK to it belongs in this entry's SUBCONFIGs%s%s",
                   s->u.link.user, s->u.link.target, s->u.link.user,
                   where == all ? "" : ", those of the members where it exists: ",
                   where == all ? "" : cv_name_list(cv, names, n));
        } else if (sec->in_section[j] == CV_SEC_SYSRES) {
            cv_set(cv, it, ZVMC_DISP_CONVERTED, "a minidisk on &SYSRES is on each member's own "
                   "residence volume: member-local, so it goes into every SUBCONFIG (from %s)",
                   sub[0]);
        } else if (cv_specific(sec, j) && first < 0) {
            cv_set(cv, it, ZVMC_DISP_REMOVED, "in a section for left-behind systems only");
        } else if (cv_specific(sec, j)) {
            if (crypto_dedicated(cv, e, s))
                crypto_decision(cv, it, e->name);
            else if (!ud_allowed_in_subconfig(s->kind))
                cv_set(cv, it, ZVMC_DISP_DECISION, "%s differs per system, but a SUBCONFIG "
                       "takes device statements only: keep one value in the IDENTITY, or "
                       "leave it in the SUBCONFIG and let DIRECTXA say", ud_skind_name(s->kind));
            else
                cv_set(cv, it, ZVMC_DISP_CONVERTED, "moved into SUBCONFIG %s (%s)%s", sub[first],
                       cv->members[first], bits(sec->mask[j]) > 1
                       ? " and the SUBCONFIGs of the other members its section names" : "");
        }
    }
    int rc = cv_replace(cv, o, rec_begin(x.src, e, 0), rec_end(x.src, e, e->nstmts - 1), &g);
    cv_gen_free(&g);
    return rc;
}

/* ---- fallback ---------------------------------------------------------------------------- */

int cv_entry_fallback(zvmc_convert *cv, cv_output *o, const ud_entry *e)
{
    const cv_sections *sec = cv->sections[e->index];
    const zvmc_source *src = cv_source(cv, e->file);
    cv_gen g;
    cv_gen_init(&g, cv);
    int rc = 0;
    cv_set(cv, cv_dir_item(cv, e, &e->stmts[0]), ZVMC_DISP_CARRIED, "its SYSAFFIN sections do "
           "not merge (below) and a %s cannot become an IDENTITY: they are commented out, "
           "each a decision", ud_ekind_name(e->kind));
    for (uint32_t j = 1; j < e->nstmts && !rc; j++) {
        if (sec->in_section[j] == CV_SEC_COMMON)
            continue;
        uint32_t it = cv_dir_item(cv, e, &e->stmts[j]);
        uint32_t b = rec_begin(src, e, j), end = rec_end(src, e, j);
        /* '*' in column 1 makes the record a comment, as it is */
        sb_putc(&g.sb, '*');
        cv_gen_copy(&g, src, b, end);
        cv_gen_anchor(&g, CV_ANCHOR_ITEM, it, 0);
        cv_set(cv, it, ZVMC_DISP_DECISION, "SYSAFFIN in a %s whose sections do not merge: SSI "
               "has no per-member %s, so zvmc commented it out", ud_ekind_name(e->kind),
               ud_ekind_name(e->kind));
        cv_detail(cv, it, "put what each member needs into the SUBCONFIGs of the IDENTITYs "
                  "concerned (for a PROFILE: of those that include it), then delete these "
                  "comment records");
        rc = cv_replace(cv, o, b, end, &g);
    }
    cv_gen_free(&g);
    return rc;
}
