/* SPDX-License-Identifier: MIT */
/*
 * The source directory (USER DIRECT) front end: the entry points the driver
 * calls, the state shared by the scanner (grammar/direct.l), the parser
 * (grammar/direct.y) and the tree builder, and helpers to read operands back.
 */
#ifndef ZVMC_PARSE_DIRECTORY_PARSE_H
#define ZVMC_PARSE_DIRECTORY_PARSE_H

#include <setjmp.h>
#include <stdint.h>
#include "core/ctx.h"
#include "parse/directory_ast.h"

/* Parse one source of the context into ctx->directory. 0, or ZVMC_ENOMEM. */
int directory_parse_source(zvmc_ctx *ctx, uint32_t file);
/* Free ctx->directory (NULL allowed). */
void directory_free(zvmc_ctx *ctx);
/* ctx->directory, created empty when there is none yet; NULL on ENOMEM. */
ud_directory *directory_get(zvmc_ctx *ctx);

/* Is s[0..n) a user ID, profile or subconfig name: 1-8 of A-Z 0-9 @ # $ _ -
 * in any case (S2, S3)? */
int ud_entry_name_ok(const char *s, size_t n);
/* Is @name (uppercase) one CP keeps for itself: SYSTEM, SYSTEMMP, LOGNxxxx,
 * LOGLxxxx, LOGVxxxx (a PROFILE may have it)? */
int ud_name_reserved(const char *name);

/* Data columns: DIRECTXA reads columns 1-72; 73-80 hold sequence numbers. */
#define UD_DATA_COLUMNS 72
#define UD_SEQ_COLUMNS 80

/* A token: a byte range of the source (never copied). */
typedef struct ud_tok {
    uint32_t off, len;
} ud_tok;

/* The statement keyword the scanner classified. */
typedef struct ud_head {
    ud_tok tok;
    int kind;                   /* ud_skind */
} ud_head;

typedef struct ud_parse {
    zvmc_ctx *ctx;
    ud_directory *dir;
    uint32_t file;
    const char *text;           /* the source, NUL-terminated */
    uint32_t len;
    int oom;
    int record_reported;        /* a syntax error was reported for this record */
    /* operands of the statement being read (reused) */
    ud_tok *ops;
    uint32_t nops, ops_cap;
    /* statements of the open entry (reused; copied to the arena when it closes) */
    ud_stmt *cur;
    uint32_t ncur, cur_cap;
    ud_entry *entry;            /* the open entry, or NULL */
    int supp_pending;           /* a suppression comment waits for its statement */
    ud_tok last_vol;            /* the last MDISK volume label read, and its index: */
    uint32_t last_vol_idx;      /* consecutive MDISKs are mostly on one volume */
    int supp_entry;             /* ...and it covers the open entry */
    /* Names met lately (profiles, link owners, volumes, LAN owners repeat from
     * user to user): a name of up to 8 bytes as written, and its interned form.
     * Direct-mapped: a hit costs a compare, not a hash and a probe of the
     * context's name table, which misses the cache on a large directory. */
    struct ud_recent { uint64_t key; const char *name; uint32_t len; } recent[256];
} ud_parse;

/* Text the scanner did not hand to flex (an over-long record): positions after
 * it shift by len. */
typedef struct ud_skip {
    uint32_t at, len;
} ud_skip;

/* The scanner's extra data. */
typedef struct ud_lexctx {
    ud_parse *p;
    uint32_t pos;               /* source offset of the next byte to match */
    uint32_t line_begin;        /* source offset of the current record */
    uint32_t feed;              /* source offset of the next byte for YY_INPUT */
    uint32_t verified_to;       /* records before this offset are within the limit */
    ud_skip *skips;
    uint32_t nskips, skip_i, skips_cap;
    int in_stmt;
    int seq_warned;             /* text after column 80 reported for this record */
    int seq_mode;               /* the rest of the record is in the ignored columns */
    ud_head head;               /* the current record's keyword, its token and location */
    int head_token;
    zvmc_loc head_loc;
    /* flex stops on allocation failure (YY_FATAL_ERROR must not return): the
     * scanner jumps back to the driver, which frees what flex holds, listed here */
    jmp_buf oom;
    void *held[16];
    unsigned nheld;
} ud_lexctx;

/* Keyword table (directory_keywords.c) */
/* The statement kind of a keyword (CP abbreviations allowed); UD_S_UNKNOWN. */
int ud_classify(const char *s, size_t n);
/* Does the word look like a statement keyword at all (letters, digits, -_@#$)? */
int ud_keyword_shaped(const char *s, size_t n);
/* The known keyword nearest to an unknown one ("did you mean"), or NULL. */
const char *ud_suggest(const char *s, size_t n);
/* Statement classes for placement rules */
int ud_allowed_in_subconfig(unsigned kind);
int ud_is_general(unsigned kind);

/* Called by the scanner and the grammar (directory_build.c) */
void ud_begin_stmt(ud_parse *p);
/* 1 for the bytes the scanner's {BLANK} matches (directory_operands.c) */
extern const unsigned char ud_blank_table[256];
int ud_grow_operands(ud_parse *p);
/* Add an operand of the current record; 0 when out of memory. */
static inline int ud_push_operand(ud_parse *p, uint32_t off, uint32_t len)
{
    if (p->nops == p->ops_cap && !ud_grow_operands(p))
        return 0;
    p->ops[p->nops].off = off;
    p->ops[p->nops].len = len;
    p->nops++;
    return 1;
}
void ud_finish_record(ud_parse *p, const ud_head *head);
void ud_syntax_error(ud_parse *p, zvmc_loc loc, const char *msg);
void ud_record_skipped(ud_parse *p, uint32_t begin, uint32_t len);

/* Operand decoding (directory_operands.c): fills the typed fields of @s from
 * the operands, reporting dir-operands / dir-manager-extension findings. */
void ud_decode(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops);
/* Parse a storage size: digits with an optional K/M/G/T/P/E suffix (any case);
 * 0 on success. */
int ud_parse_storage(const char *s, size_t n, uint64_t *bytes);
/* Is @c (upper case) one of CP's privilege classes, A-Z and 1-6? */
static inline int ud_is_privclass(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '1' && c <= '6');
}
/* Parse a virtual device address: 1-4 hexadecimal digits; 0 on success. */
int ud_parse_vaddr(const char *s, size_t n, uint16_t *out);

/* Reading operands back: split the record of @s into its operand tokens
 * (keyword excluded).  At most @max are stored; the count of all is returned. */
uint32_t ud_operands(const zvmc_ctx *ctx, const ud_entry *e, const ud_stmt *s, ud_tok *out,
                     uint32_t max);
/* The span of operand @i of @s (the whole statement when there is no such operand). */
zvmc_loc ud_operand_loc(const zvmc_ctx *ctx, const ud_entry *e, const ud_stmt *s, uint32_t i);
/* The index in dir->vols of interned volume label @vol, or 0 when no MDISK
 * names it. */
uint32_t ud_volume_find(const ud_directory *dir, const char *vol);
/* The text of a token of file @file. */
const char *ud_tok_text(const zvmc_ctx *ctx, uint32_t file, ud_tok t);
/* The text of @s (a statement of file @src) from its keyword, @s->len bytes;
 * the offsets the parser keeps (u.dev.net, ...) count from there.  NULL when
 * the source does not hold it.  It counts as a step of a walk (source_walk()). */
const char *ud_stmt_text(zvmc_source *src, const ud_stmt *s);

#endif
