/* SPDX-License-Identifier: MIT */
/*
 * The typed tree of a SYSTEM CONFIG file.
 *
 * A file is a list of statements.  Every statement keeps its record qualifier
 * (`NAME:`), its head keyword as written, every operand token with its span, and,
 * for the statements zvmc models, typed operands with their own spans.  BEGIN and
 * END are statements too; the `sysconfig-blocks` pass links every statement to
 * the block it sits in.  Everything lives in the parse arena.
 */
#ifndef ZVMC_PARSE_SYSCONFIG_AST_H
#define ZVMC_PARSE_SYSCONFIG_AST_H

#include <stdint.h>
#include "util/arena.h"
#include "util/loc.h"

/* A token as written: its @len bytes of text + span.  The text is the source's
 * own bytes (not NUL-terminated: print it with "%.*s"), except for a quoted
 * string, whose text is a NUL-terminated copy without the quotes and with ''
 * undoubled. */
typedef struct sc_tok {
    const char *text;
    uint32_t len;
    zvmc_loc loc;
} sc_tok;

/* A name operand: interned uppercase (NULL when absent) + span */
typedef struct sc_name {
    const char *s;
    zvmc_loc loc;
} sc_name;

typedef struct sc_num {
    uint64_t v;
    zvmc_loc loc;
    int present;
} sc_num;

typedef enum sc_kind {
    SC_GENERIC = 0,             /* any statement zvmc does not model */
    SC_SYSTEM_IDENTIFIER,
    SC_SYSTEM_IDENTIFIER_DEFAULT,
    SC_SSI,
    SC_SYSTEM_RESIDENCE,
    SC_CP_OWNED,
    SC_ACTIVATE_ISLINK,
    SC_RDEVICE,
    SC_XLINK_SYSTEM_INCLUDE,
    SC_XLINK_SYSTEM_EXCLUDE,
    SC_XLINK_VOLUME_INCLUDE,
    SC_XLINK_VOLUME_EXCLUDE,
    SC_XSPOOL_SYSTEM,
    SC_XSPOOL_XLIST_INPUT,
    SC_XSPOOL_XLIST_OUTPUT,
    SC_IMBED,
    SC_BEGIN,
    SC_END,
    SC_USER_VOLUME_LIST,
    SC_USER_VOLUME_INCLUDE,
    SC_RELOCATION_DOMAIN,
    SC_VMLAN,
    SC_DEFINE_VSWITCH,
    SC_KIND_COUNT
} sc_kind;

typedef struct sc_namelist {
    uint32_t n;
    sc_name *v;
} sc_namelist;

typedef struct sc_area {        /* System_Residence Checkpoint / Warmstart */
    int present;
    sc_name volid;
    int pages;                  /* 0: cylinders, 1: pages (FBA) */
    sc_num from, count;
} sc_area;

/* The operands of the rare statements whose operands would size the union of
 * sc_stmt (System_Identifier 104 bytes, System_Residence 176, a few of each per
 * file) live out of line: see sc_stmt.u. */
typedef struct sc_sysid {
    int lpar;
    sc_name lpar_name, machine_type, cpuid, sysname;
} sc_sysid;

typedef struct sc_sysres {
    sc_area checkpoint, warmstart;
} sc_sysres;

typedef struct sc_slot {
    sc_num slot;
    sc_name member;             /* "AVAILABLE" for a free slot */
} sc_slot;

typedef struct sc_stmt sc_stmt;

/* 200 bytes on LP64, without padding: the header is ordered so, and the union
 * is sized by the common kinds (rdev 88 bytes, then xspool, ssi, cpowned).
 * There are as many statements as records, ~19,000 in a 946 KB SYSTEM CONFIG. */
struct sc_stmt {
    sc_kind kind;
    zvmc_loc loc;               /* qualifier (if any) to last token */
    sc_name qualifier;          /* NAME: (s NULL when unqualified) */
    sc_tok head;                /* the statement keyword as written */
    uint32_t ntoks;             /* operand tokens, in order */
    uint32_t index;             /* position in the file's statement list */
    sc_tok *toks;
    const sc_stmt *block;       /* the BEGIN this statement sits in, or NULL */
    const sc_stmt *block_end;   /* for a BEGIN: its END, when balanced */
    /* The system(s) the statement applies to: the qualifier, else the block's
     * qualifier, else NULL (every system). Set by the sysconfig-blocks pass. */
    const char *applies_to;
    sc_stmt *next;
    union {
        /* Out of line, right after the statement in the same allocation
         * (sc_new_stmt): never NULL in a statement of that kind. */
        sc_sysid *sysid;
        sc_sysres *sysres;
        struct { sc_name sysname; } sysid_default;
        struct { sc_name name, pdr; uint32_t nslots; sc_slot *slots; } ssi;
        struct { sc_num slot; sc_name volid; int reserved, own, shared; } cpowned;
        struct { sc_namelist rdevs; sc_name node; } islink;
        struct { sc_name range; uint32_t first, last; int range_ok; sc_name eqid, type; } rdev;
        struct { sc_num slot; sc_name sysname; } xlink_inc;
        struct { sc_namelist names; sc_num cylinder; } xlist;  /* excludes, volume patterns, xlists */
        struct { sc_num slot; sc_name sysname; sc_name share_spool; } xspool;
        struct { sc_namelist names; } imbed;
        struct { sc_namelist volumes; } uservol;
        struct { sc_name name; sc_namelist members; } reldom;
        struct { sc_name macprefix, userprefix; } vmlan;
        struct { sc_name name; } vswitch;
    } u;
};

/* A comment that runs over more than one record, or is never closed (kept for
 * the comment-swallows-statements check). */
typedef struct sc_comment {
    zvmc_loc loc;
    uint32_t records;           /* records it touches */
    int terminated;             /* 0: runs to end of file */
    int box_opener;             /* opened by a decorative box-border record */
    int nested_openers;         /* comment openers seen inside it */
    struct sc_comment *next;
} sc_comment;

typedef struct sc_file {
    uint32_t file;              /* source index */
    sc_stmt *first, *last;
    uint32_t nstmts;
    sc_comment *comments;
    struct sc_file *next;
    /* IMBED (src/parse/sysconfig_imbed.c).  A file given to the context has no
     * parent and depth 0; an imbedded file has the IMBED statement that reads
     * it and the file that statement sits in. */
    const sc_stmt *imbed;
    struct sc_file *parent;
    unsigned depth;
    struct sc_file *first_child, *last_child, *sibling;
    /* Further IMBEDs of this file, which zvmc does not read again (the
     * begin-end pass compares the systems they apply to). */
    struct sc_reimbed *reimbeds;
} sc_file;

typedef struct sc_reimbed {
    const sc_stmt *imbed;
    struct sc_reimbed *next;
} sc_reimbed;

/* The SYSTEM CONFIG of a context: the files given to it, in the order given,
 * each followed by the files it imbeds (depth first, in IMBED order). */
typedef struct sc_config {
    arena arena;
    sc_file *files, *last_file;
    uint32_t nstmts;
    int blocks_resolved;
    sc_file *roots, *last_root;         /* the files given, linked by sibling */
    struct sc_imbed *imbed;             /* per-source state (sysconfig_imbed.c) */
} sc_config;

/* Walk every statement of every file of a config. */
#define sc_for_each_stmt(cfg, f, s) \
    for (const sc_file *f = (cfg)->files; f; f = f->next) \
        for (const sc_stmt *s = f->first; s; s = s->next)

const char *sc_kind_name(sc_kind k);

#endif
