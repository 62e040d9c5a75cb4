/* SPDX-License-Identifier: MIT */
/*
 * The USER / IDENTITY statement's own operands:
 *   dir-storage   malformed sizes; logon storage above the maximum (DIRECTXA's
 *                 HCPDIR1776E); storage plus COMMAND DEFINE STORAGE RESERVED
 *                 above the maximum (a warning: CP refuses the DEFINE at logon)
 *   dir-privclass privilege classes outside A-Z and 1-6
 * Operands are read back from the record (USER userid password stor mstor classes).
 */
#include <stdio.h>
#include "check/dir_checks.h"
#include "parse/directory_parse.h"
#include "util/names.h"

static int is_user(const ud_entry *e)
{
    return (e->kind == UD_E_USER || e->kind == UD_E_IDENTITY) && e->nstmts &&
           !(e->stmts[0].flags & UD_F_BAD);
}

/* "4096M" or "64G": the size as written, for messages */
static void fmt_size(char *buf, size_t n, uint64_t b)
{
    static const char units[] = "KMGTPE";
    int u = -1;
    while (b && b % 1024 == 0 && u < 5) {
        b /= 1024;
        u++;
    }
    if (u < 0)
        snprintf(buf, n, "%llu bytes", (unsigned long long)b);
    else
        snprintf(buf, n, "%llu%c", (unsigned long long)b, units[u]);
}

/* A storage operand of the head: 0 when absent, 1 when read, -1 when malformed (reported). */
static int head_size(zvmc_ctx *ctx, const ud_entry *e, const ud_tok *ops, uint32_t n, uint32_t i,
                     const char *what, uint64_t *out)
{
    if (i >= n)
        return 0;
    const char *t = ud_tok_text(ctx, e->file, ops[i]);
    if (ud_parse_storage(t, ops[i].len, out) == 0)
        return 1;
    zvmc_loc at = { e->file, ops[i].off, ops[i].off + ops[i].len };
    zvmc_diag_int *d = diag_report(ctx, "dir-storage", ZVMC_SEV_ERROR, at,
                                   "%s '%.*s' is not a storage size: write a number with K, M "
                                   "or G, e.g. 512M or 4G", what, (int)ops[i].len, t);
    /* `USER  pwd 1G 1G G`: with the user ID missing, every operand moves left. */
    uint64_t b;
    if (n >= 2 && ud_parse_storage(ud_tok_text(ctx, e->file, ops[1]), ops[1].len, &b) == 0 &&
        ascii_upper(ud_tok_text(ctx, e->file, ops[1])[ops[1].len - 1]) >= 'A')
        diag_note(ctx, d, (zvmc_loc){ e->file, ops[0].off, ops[0].off + ops[0].len },
                  "is the user ID missing? then every operand has moved left: '%.*s' is read "
                  "as the user ID and the storage '%.*s' as the password",
                  (int)ops[0].len, ud_tok_text(ctx, e->file, ops[0]), (int)ops[1].len,
                  ud_tok_text(ctx, e->file, ops[1]));
    return -1;
}

/* STORAGE, MAXSTORAGE and COMMAND DEFINE STORAGE RESERVED in the user's definition */
typedef struct stor {
    uint64_t bytes;
    const ud_stmt *s;
    const ud_seg *sg;
} stor;

void check_dir_storage(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *res = dir->res;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!is_user(e))
            continue;
        /* the definition as CP builds it: STORAGE / MAXSTORAGE statements win */
        uint32_t u = res->user_of[e->index];
        stor sst = { 0, NULL, NULL }, smx = { 0, NULL, NULL }, rsv = { 0, NULL, NULL };
        if (u != UINT32_MAX) {
            const ud_view *v = ud_view_of(res, u, 0);
            ud_view_for_each(v, sg, s) {
                stor *slot = s->kind == UD_S_STORAGE ? &sst : s->kind == UD_S_MAXSTORAGE ? &smx
                           : s->kind == UD_S_COMMAND && s->u.storage.bytes ? &rsv : NULL;
                if (!slot)
                    continue;
                if (s->kind != UD_S_COMMAND && !s->u.storage.bytes) {
                    zvmc_diag_int *d = diag_report(ctx, "dir-storage", ZVMC_SEV_ERROR,
                                                   ud_operand_loc(ctx, sg->owner, s, 0),
                                                   "%s takes a storage size, e.g. 512M or 4G",
                                                   ud_skind_name(s->kind));
                    ud_note_origin(ctx, d, e, sg);
                    continue;
                }
                slot->bytes = s->u.storage.bytes;
                slot->s = s;
                slot->sg = sg;
            }
        }
        if ((e->stmts[0].flags & UD_F_PLAIN_HEAD) && !sst.s && !smx.s && !rsv.s)
            continue;       /* the head alone is fine, and nothing overrides it */
        ud_tok ops[4];
        uint32_t n = ud_operands(ctx, e, &e->stmts[0], ops, 4);
        if (n > 4)
            n = 4;
        uint64_t st = 0, mx = 0;
        int hs = head_size(ctx, e, ops, n, 2, "logon storage", &st);
        int hm = head_size(ctx, e, ops, n, 3, "maximum storage", &mx);
        int have_st = sst.s ? 1 : hs, have_mx = smx.s ? 1 : hm;
        if (sst.s)
            st = sst.bytes;
        if (smx.s)
            mx = smx.bytes;
        if (have_st != 1 || have_mx != 1)
            continue;
        if (st <= mx && !(rsv.s && rsv.bytes > mx - st))
            continue;       /* the common case: nothing to say, nothing to format */
        char a[32], b[32], c[32];
        fmt_size(a, sizeof a, st);
        fmt_size(b, sizeof b, mx);
        zvmc_loc at = sst.s ? ud_stmt_loc(sst.sg->owner, sst.s)
                            : (zvmc_loc){ e->file, ops[2].off, ops[2].off + ops[2].len };
        if (st > mx) {
            zvmc_diag_int *d = diag_report(ctx, "dir-storage", ZVMC_SEV_ERROR, at,
                                           "logon storage %s is above the maximum %s: DIRECTXA "
                                           "rejects this (HCPDIR1776E); raise the maximum or "
                                           "lower the logon storage", a, b);
            if (smx.s)
                diag_note(ctx, d, ud_stmt_loc(smx.sg->owner, smx.s), "the maximum is set here");
            continue;
        }
        if (rsv.s && rsv.bytes > mx - st) {
            fmt_size(c, sizeof c, rsv.bytes);
            zvmc_diag_int *d = diag_report(ctx, "dir-storage", ZVMC_SEV_WARNING,
                                           ud_operand_loc(ctx, rsv.sg->owner, rsv.s, 3),
                                           "logon storage %s plus %s RESERVED is above the "
                                           "maximum %s: CP refuses the DEFINE STORAGE at logon",
                                           a, c, b);
            ud_note_origin(ctx, d, e, rsv.sg);
        }
    }
}

void check_dir_privclass(check_run *r)
{
    if (!ud_run_res(r))
        return;
    zvmc_ctx *ctx = r->ctx;
    const ud_directory *dir = ctx->directory;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (!is_user(e) || (e->stmts[0].flags & UD_F_PLAIN_HEAD))
            continue;
        ud_tok ops[5];
        if (ud_operands(ctx, e, &e->stmts[0], ops, 5) < 5)
            continue;
        const char *t = ud_tok_text(ctx, e->file, ops[4]);
        for (uint32_t k = 0; k < ops[4].len; k++) {
            char c = ascii_upper(t[k]);
            if (ud_is_privclass(c))
                continue;
            zvmc_loc at = { e->file, ops[4].off + k, ops[4].off + k + 1 };
            if (c >= '0' && c <= '9')
                diag_report(ctx, "dir-privclass", ZVMC_SEV_WARNING, at,
                            "privilege class '%c': CP's classes are A-Z and 1-6", c);
            else
                diag_report(ctx, "dir-privclass", ZVMC_SEV_ERROR, at,
                            "'%c' is not a privilege class in '%.*s': classes are the letters "
                            "A-Z and the digits 1-6", t[k], (int)ops[4].len, t);
            break;
        }
    }
}
