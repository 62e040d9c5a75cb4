/* SPDX-License-Identifier: MIT */
/*
 * The CSE to SSI converter's internals (the public side is <zvmc/convert.h>).
 *
 * The converter reads the input context's parsed trees and never changes them.
 * Every input statement gets one item.  Each output rewrites one input file:
 * the file's text is copied, except for edits (a range of whole records
 * replaced by generated text, possibly empty), so everything not edited keeps
 * its text, comments and place.  Generated text records anchors (which line of
 * it an item or an added line landed on), and the splice turns anchors and
 * copied statements into output line numbers.
 *
 * Files, one job each:
 *   convert.c          public API, the run's order of work
 *   convert_systems.c  CSE systems, --members, residence volumes
 *   convert_config.c   SYSTEM CONFIG dispositions and edits
 *   convert_ssi.c      the block that takes the CSE statements' place (SSI, ...)
 *   convert_islink.c   the ISFC link mesh and its skeletons
 *   convert_dir.c      directory: DIRECTORY statements, each entry's route
 *   convert_sysaffin.c SYSAFFIN sections and the DEDICATE/EQID merge test
 *   convert_entry.c    rendering an entry: merged USER, IDENTITY + SUBCONFIGs
 *   convert_links.c    minidisks that become local, and the LINKs to them
 *   convert_splice.c   edits applied to a source, output line numbers
 *   convert_text.c     text helpers, generated-text buffers, item setters
 *   convert_check.c    the outputs checked as zvmc check would
 *   convert_report.c   the report, text and JSON
 *   convert_write.c    atomic writes
 */
#ifndef ZVMC_EMIT_CONVERT_H
#define ZVMC_EMIT_CONVERT_H

#include <stdint.h>
#include "check/check.h"
#include "parse/directory_ast.h"
#include "util/ptrmap.h"
#include "util/strbuf.h"
#include "zvmc/convert.h"

/* ---- generated text -------------------------------------------------------------- */
enum { CV_ANCHOR_ITEM = 0, CV_ANCHOR_ADDED = 1 };

typedef struct cv_anchor {
    uint32_t kind;              /* CV_ANCHOR_* */
    uint32_t index;             /* item or added index */
    uint32_t line;              /* 0-based line of the generated text */
} cv_anchor;

typedef struct cv_gen {
    struct zvmc_convert *cv;
    strbuf sb;
    uint32_t line;              /* lines written so far */
    cv_anchor *anchors;
    uint32_t nanchors, cap;
} cv_gen;

/* An edit: source bytes [begin, end) (whole records) replaced by a text. */
typedef struct cv_edit {
    uint32_t begin, end;
    uint32_t seq;               /* order of addition: ties at one offset keep it */
    const char *text;
    uint32_t len;
    const cv_anchor *anchors;
    uint32_t nanchors;
} cv_edit;

typedef struct cv_output {
    zvmc_convert_output pub;
    uint32_t src;               /* the input source it rewrites */
    cv_edit *edits;
    uint32_t nedits, edits_cap;
    char *data;                 /* the result (allocator) */
} cv_output;

typedef struct cv_item {
    zvmc_convert_item pub;
    uint32_t src, begin;        /* where the statement starts */
    int out;                    /* the output it landed in, or -1 */
    uint32_t same_as;           /* lands where that item lands (UINT32_MAX: none) */
    uint32_t details_cap;
} cv_item;

typedef struct cv_added {
    zvmc_convert_added pub;
    int out;
} cv_added;

typedef struct cv_system {
    zvmc_convert_system pub;
    const char *name;           /* interned in the input context */
    const ud_dirstmt *dir;      /* its CSE DIRECTORY statement, or NULL */
    uint32_t entries_cap;
    ptrmap entry_set;           /* pub.entries, once there are CV_ENTRY_SET_MIN */
} cv_system;
/* Below this many entries a left-behind system's list is searched as it is. */
#define CV_ENTRY_SET_MIN 16

/* How an entry of the directory is written out. */
enum {
    CV_ROUTE_KEEP = 0,          /* unchanged */
    CV_ROUTE_MERGE,             /* SYSAFFIN lines dropped, one set of statements kept */
    CV_ROUTE_IDENTITY,          /* IDENTITY + one SUBCONFIG per member */
    CV_ROUTE_FALLBACK,          /* sections that cannot be converted: commented out */
};

/* Where a statement of an entry with sections stands. */
enum {
    CV_SEC_COMMON = 0,          /* every member's */
    CV_SEC_SPECIFIC,            /* in a section: the members it names */
    CV_SEC_SYSAFFIN,            /* the SYSAFFIN statement itself */
    CV_SEC_SYSRES,              /* an IDENTITY's common MDISK on &SYSRES: each member's own */
};
#define cv_specific(sec, j) \
    ((sec)->in_section[j] == CV_SEC_SPECIFIC || (sec)->in_section[j] == CV_SEC_SYSRES)

/* The SYSAFFIN sections of an entry (convert_sysaffin.c). */
typedef struct cv_sections {
    uint64_t *mask;             /* per statement: the members whose view holds it */
    uint8_t *in_section;        /* per statement: CV_SEC_* */
    uint32_t keep_member;       /* MERGE: the member whose statements are kept */
    int merge;                  /* the sections can merge (cv_sections_merge) */
} cv_sections;

struct zvmc_convert {
    zvmc_ctx *ctx;              /* the input */
    const zvmc_alloc *alloc;
    zvmc_convert_opts opts;
    arena arena;
    int ran, ok;
    char msg[512];

    const char **members;       /* interned, slot order */
    uint32_t nmembers;
    const char **res_vols;      /* each member's residence volume, or NULL */
    cv_system *systems;         /* CSE systems, CSE slot order */
    uint32_t nsystems;
    ptrmap system_index;        /* a system's name -> its index in systems + 1 */
    const char **xlist;         /* users on XSPOOL_XLIST_INPUT/OUTPUT (interned) */
    uint32_t nxlist;
    ptrmap xlist_set;           /* the same users, for cv_in_xlist() */

    cv_item *items;
    uint32_t nitems;
    uint32_t *cfg_base;         /* per source index: the item of its first statement */
    uint32_t *dir_base;         /* per entry index: the item of its first statement */
    uint8_t *route;             /* per entry index: CV_ROUTE_* */
    cv_sections **sections;     /* per entry index, for entries with SYSAFFIN */
    symtab locals;              /* "OWNER vaddr" -> member mask of local minidisks */
    symtab subnames;            /* SUBCONFIG names made up so far */
    symtab subname_next;        /* a variation pattern of SUBCONFIG names -> where its
                                 * search goes on (uint32_t *, arena) */
    int locals_ready;

    cv_output *outs;
    uint32_t nouts;
    cv_added *added;
    uint32_t nadded, added_cap;
    int fragment;               /* the SYSTEM CONFIG output is a fragment */
    int skeletons;              /* ISLINK skeletons were written */
    int oom;                    /* an allocation for the report failed */

    zvmc_ctx *check;            /* the outputs, checked */
    unsigned check_skeleton, check_other;
};
typedef struct zvmc_convert zvmc_convert;

/* ---- convert.c --------------------------------------------------------------------- */
/* The output that rewrites input source @src (made on first use); NULL on ENOMEM. */
cv_output *cv_output_for(zvmc_convert *cv, uint32_t src, zvmc_file_kind kind);

/* ---- convert_systems.c ------------------------------------------------------------ */
int cv_find_systems(zvmc_convert *cv);
/* Is user @name (interned) on an XSPOOL_XLIST? */
int cv_in_xlist(const zvmc_convert *cv, const char *name);
int cv_pick_members(zvmc_convert *cv);
int cv_member_index(const zvmc_convert *cv, const char *name);
/* A CSE system that is not a member. */
int cv_left_behind(const zvmc_convert *cv, const char *name);
/* Record that entry @entry had statements only left-behind @system used. */
void cv_note_left_entry(zvmc_convert *cv, const char *system, const char *entry);

/* ---- convert_config.c, convert_ssi.c, convert_islink.c ---------------------------- */
int cv_convert_config(zvmc_convert *cv);
/* Write the block that takes the CSE statements' place into @g. */
void cv_ssi_block(zvmc_convert *cv, cv_gen *g, int with_islinks);
/* Members' pairs with no link, as skeleton lines (with the added entries). */
void cv_islink_skeletons(zvmc_convert *cv, cv_gen *g);
/* Has every ordered member pair a carried ACTIVATE ISLINK? */
int cv_islink_complete(const zvmc_convert *cv);

/* ---- convert_dir.c, convert_sysaffin.c, convert_entry.c, convert_links.c ---------- */
int cv_convert_directory(zvmc_convert *cv);
/* Analyse an entry's sections; NULL on ENOMEM. */
cv_sections *cv_sections_of(zvmc_convert *cv, const ud_entry *e);
/* An IDENTITY's MDISKs on &SYSRES are on each member's own residence volume:
 * they become member-local, in every SUBCONFIG (the paper's MAINT 190). */
void cv_sections_sysres(const ud_entry *e, cv_sections *sec);
/* Can the sections merge into one set (identical, or DEDICATEs whose devices
 * have the same EQIDs)?  Details go to the entry's head item. */
int cv_sections_merge(zvmc_convert *cv, const ud_entry *e, cv_sections *sec);
int cv_entry_merge(zvmc_convert *cv, cv_output *o, const ud_entry *e);
int cv_entry_identity(zvmc_convert *cv, cv_output *o, const ud_entry *e);
int cv_entry_fallback(zvmc_convert *cv, cv_output *o, const ud_entry *e);
/* The SUBCONFIG name for member @m of an IDENTITY (NAME-n, shortened to 8;
 * docs/convert.md says the rule); NULL when every name is taken, or on ENOMEM
 * (cv->oom). */
const char *cv_subconfig_name(zvmc_convert *cv, const ud_entry *e, uint32_t m);
int cv_collect_locals(zvmc_convert *cv);
/* The members where LINK @s reaches a minidisk that is now in a SUBCONFIG of
 * its owner (0: not a local minidisk). */
uint64_t cv_link_local(const zvmc_convert *cv, const ud_stmt *s);
/* After the splice: each exclusion-list user and where it went. */
void cv_xlist_details(zvmc_convert *cv);
/* Mark the LINKs of a USER or PROFILE that reach local minidisks as decisions. */
void cv_flag_local_links(zvmc_convert *cv, const ud_entry *e, const uint8_t *dropped);

/* ---- convert_splice.c --------------------------------------------------------------- */
/* Replace [begin, end) of @o's source by @g's text (NULL: nothing); @g is reset. */
int cv_replace(zvmc_convert *cv, cv_output *o, uint32_t begin, uint32_t end, cv_gen *g);
int cv_splice(zvmc_convert *cv, cv_output *o);

/* The end of a statement's text: its last token or its keyword, whichever is
 * later (a qualified statement without operands ends at its keyword). */
static inline uint32_t cv_stmt_end(const sc_stmt *s)
{
    return s->loc.end > s->head.loc.end ? s->loc.end : s->head.loc.end;
}

/* ---- convert_text.c ----------------------------------------------------------------- */
const zvmc_source *cv_source(const zvmc_convert *cv, uint32_t src);
/* The offset of the start of the record holding @off, and of the next record. */
uint32_t cv_rec_start(const zvmc_source *s, uint32_t off);
uint32_t cv_rec_next(const zvmc_source *s, uint32_t off);
/* Split @n bytes at @p into blank-separated words; returns the count of all
 * words, storing at most @max. */
uint32_t cv_words(const char *p, uint32_t n, const char **w, uint32_t *wl, uint32_t max);
/* Is the record starting at @off blank? */
int cv_rec_blank(const zvmc_source *s, uint32_t off);
/* Does token @t (@n bytes) abbreviate @word to at least @min letters? */
int cv_abbrev(const char *t, size_t n, const char *word, size_t min);
char *cv_printf(zvmc_convert *cv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void cv_gen_init(cv_gen *g, zvmc_convert *cv);
void cv_gen_free(cv_gen *g);
/* Append a record (without its newline); return its 0-based line. */
uint32_t cv_gen_line(cv_gen *g, const char *text, size_t len);
uint32_t cv_gen_printf(cv_gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append the source records [begin, end) as they are. */
void cv_gen_copy(cv_gen *g, const zvmc_source *s, uint32_t begin, uint32_t end);
void cv_gen_anchor(cv_gen *g, uint32_t kind, uint32_t index, uint32_t line);

/* Items */
uint32_t cv_cfg_item(const zvmc_convert *cv, const sc_stmt *s, uint32_t src);
uint32_t cv_dir_item(const zvmc_convert *cv, const ud_entry *e, const ud_stmt *s);
void cv_set(zvmc_convert *cv, uint32_t item, zvmc_disposition d, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void cv_detail(zvmc_convert *cv, uint32_t item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A line no statement became; returns its index for anchoring. */
uint32_t cv_add(zvmc_convert *cv, int decision, const char *text, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "A, B and C" */
const char *cv_name_list(zvmc_convert *cv, const char *const *names, uint32_t n);

/* ---- convert_check.c, convert_report.c ------------------------------------------------ */
int cv_check_outputs(zvmc_convert *cv);
int cv_report_text(const zvmc_convert *cv, strbuf *sb);
int cv_report_json(const zvmc_convert *cv, strbuf *sb);

#endif
