/* SPDX-License-Identifier: MIT */
/*
 * Source directory (USER DIRECT) grammar.
 *
 * A directory is a body of records that belong to no entry (DIRECTORY
 * statements, normally), then entries.  An entry is opened by USER, IDENTITY,
 * PROFILE, SUBCONFIG, GLOBALDEFS or POOL (E_HEAD) and holds every following
 * record up to the next such statement.  A record is a keyword and positional
 * operands, and reaches the parser as one token.  The scanner collects the
 * operands: a statement has no operand syntax beyond words, and handing each of
 * the millions of words of a large directory to the parser costs time for
 * nothing.  The tree builder
 * decodes and checks them (directory_build.c, directory_operands.c), so a
 * statement with missing or malformed operands is a dir-operands finding, not
 * a syntax error.  Order rules (INCLUDE first, BUILD only in an IDENTITY, what
 * a SUBCONFIG may hold) are the dir-placement check's business: the grammar
 * accepts any order, as DIRECTXA reads it.
 *
 * A record that does not start with a keyword (BAD, reported by the scanner) is
 * left out; parsing goes on with the next one, inside the same entry.  Values live
 * in the source buffer and the directory's arena, so no %destructor is needed.
 */
%define api.pure full
%define api.prefix {zvmc_ud_yy}
%define api.location.type {zvmc_loc}
%locations
%param {yyscan_t scanner}
%parse-param {ud_parse *p}
%expect 0

%code requires {
#include "parse/directory_parse.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
/* A location is a byte range; a rule spans its first to its last symbol. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
        if (N) { (Cur).file = YYRHSLOC(Rhs, 1).file; (Cur).begin = YYRHSLOC(Rhs, 1).begin; \
                 (Cur).end = YYRHSLOC(Rhs, N).end; } \
        else { (Cur).file = YYRHSLOC(Rhs, 0).file; (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end; } \
    } while (0)
}

%code {
#include "direct.lex.h"
static void zvmc_ud_yyerror(const zvmc_loc *loc, yyscan_t scanner, ud_parse *p, const char *msg);
}

%union {
    ud_head head;
}

/* One token per record, sent when the record ends (the scanner has collected
 * its operands by then); its kind is the kind of the record's keyword. */
%token <head> E_HEAD "entry statement (USER, IDENTITY, PROFILE, SUBCONFIG...)"
%token <head> S_HEAD "statement"
%token <head> BAD "record that does not start with a statement keyword"

%%

directory
    : body entries
    ;

entries
    : %empty
    | entries entry
    ;

entry
    : entry_head body
    ;

/* The record that opens an entry: the builder closes the open entry first. */
entry_head
    : E_HEAD                    { ud_finish_record(p, &$1); }
    ;

/* A record that does not start with a keyword has been reported by the
 * scanner; it is left out. */
body
    : %empty
    | body S_HEAD               { ud_finish_record(p, &$2); }
    | body BAD                  { (void)$2; }
    ;

%%

static void zvmc_ud_yyerror(const zvmc_loc *loc, yyscan_t scanner, ud_parse *p, const char *msg)
{
    (void)scanner;
    /* The scanner has said what is wrong with a bad keyword; out of memory is
     * reported once, by the driver. */
    if (p->record_reported || p->oom)
        return;
    ud_syntax_error(p, *loc, msg);
}
