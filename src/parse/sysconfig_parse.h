/* SPDX-License-Identifier: MIT */
/* The state shared by the SYSTEM CONFIG scanner and parser for one file. */
#ifndef ZVMC_PARSE_SYSCONFIG_PARSE_H
#define ZVMC_PARSE_SYSCONFIG_PARSE_H

#include <setjmp.h>
#include "core/ctx.h"
#include "parse/sysconfig_ast.h"

typedef struct sc_parse {
    zvmc_ctx *ctx;
    sc_config *cfg;
    sc_file *file;
    const char *text;           /* the source, NUL-terminated */
    uint32_t len;
    int errors;
    /* operand tokens of the statement being read */
    sc_tok *toks;
    uint32_t ntoks, toks_cap;
    /* the name list being read (sc_names_*), copied to the arena at its exact
     * length when the statement takes it */
    sc_name *names;
    uint32_t nnames, names_cap;
    int head_kind;              /* sc_kind of the current statement */
    const char *head_form;      /* syntax skeleton for messages */
    int oom;
} sc_parse;

/* The scanner's extra data. */
typedef struct sc_lexctx {
    sc_parse *p;
    uint32_t pos;               /* byte offset of the next character */
    int return_state;           /* start condition to resume after a comment */
    int last_comma;             /* the last token of the statement was a comma */
    int in_stmt;                /* a statement has started */
    int eof_done;
    int kwset;                  /* which operand keywords apply (an sc_kind) */
    /* the open comment */
    uint32_t c_begin, c_records;
    int c_box, c_nested;
    /* the open string */
    uint32_t s_begin, s_line_begin;
    char *sbuf;
    uint32_t slen, scap;
    /* flex calls YY_FATAL_ERROR when its own allocations fail and does not
     * expect it to return: it jumps back to the parse driver instead. */
    jmp_buf *fatal;
    /* What flex has allocated, so the fatal path can free it. */
    void *flex_mem[16];
    unsigned nflex_mem;
} sc_lexctx;

/* Keyword tables (sysconfig_keywords.c). */
int sc_classify_head(const char *s, size_t n, int *kind, const char **form);
int sc_classify_operand(int kind, const char *s, size_t n);
int sc_is_known_statement(const char *s, size_t n);
int sc_is_suboperand(const char *s, size_t n);

/* Called by the grammar. */
sc_stmt *sc_new_stmt(sc_parse *p, sc_kind kind, const sc_tok *head);
void sc_finish_stmt(sc_parse *p, sc_stmt *s, const sc_tok *qual, zvmc_loc loc);
sc_name sc_make_name(sc_parse *p, const sc_tok *t);
sc_num sc_make_num(sc_parse *p, const sc_tok *t);
/* A statement's list of names (one per statement, never nested): the grammar
 * starts it with its first name, pushes the others, and the statement takes it
 * into @l.  0 when out of memory (p->oom is set). */
int sc_names_start(sc_parse *p, sc_name n);
int sc_names_push(sc_parse *p, sc_name n);
int sc_names_take(sc_parse *p, sc_namelist *l);
/* Add SLOT @slot @member to SSI statement @s; 0 when out of memory. */
int sc_slot_add(sc_stmt *s, sc_parse *p, sc_num slot, sc_name member);
void sc_reset_stmt(sc_parse *p);
void sc_syntax_error(sc_parse *p, zvmc_loc loc, const char *msg);
/* Scanner helpers */
/* An operand token: @text is kept as given (the source's bytes) unless @copy,
 * when it is copied into the arena (a quoted string, built in the scanner's
 * buffer). */
int sc_push_tok(sc_parse *p, const char *text, uint32_t len, zvmc_loc loc, int copy, sc_tok *out);
void sc_add_comment(sc_parse *p, zvmc_loc loc, uint32_t records, int terminated, int box, int nested);

/* Parse one source of the context into ctx->config, with the files it imbeds.
 * 0, or ZVMC_ENOMEM. */
int sysconfig_parse_source(zvmc_ctx *ctx, uint32_t file);
/* Free ctx->config (NULL allowed). */
void sysconfig_free(zvmc_ctx *ctx);
/* Parse source @file into a new sc_file that is not linked into @cfg yet (the
 * caller links it); with @check_records, a record over the length limit is
 * reported and leaves the file empty.  0, or ZVMC_ENOMEM (*out may be set). */
int sc_parse_file(zvmc_ctx *ctx, sc_config *cfg, uint32_t file, int check_records, sc_file **out);

/* IMBED (sysconfig_imbed.c): following `IMBED fn ft` to the file fn.ft in the
 * directory of the including file, with cycle and depth detection and no
 * recursion (an explicit stack of at most ZVMC_MAX_IMBED_DEPTH + 1 frames). */
#define ZVMC_MAX_IMBED_DEPTH 16
/* The note at each IMBED of the chain that reads a finding's file. */
#define SC_IMBEDDED_FROM "imbedded from here"
/* Parse @file, given to the context, and every file it imbeds. */
int sc_imbed_parse_input(zvmc_ctx *ctx, sc_config *cfg, uint32_t file);
/* Whether source @file has been parsed already (as an imbedded file). */
int sc_imbed_parsed(const sc_config *cfg, uint32_t file);
/* Give every diagnostic located in an imbedded file the chain of IMBED
 * statements that reads it ("imbedded from here" notes, innermost first).
 * Idempotent; zvmc_run_checks calls it after the passes. */
void sysconfig_imbed_annotate(zvmc_ctx *ctx);
void sc_imbed_free(zvmc_ctx *ctx, sc_config *cfg);

#endif
