/* SPDX-License-Identifier: MIT */
/*
 * CSE to SSI conversion: a CSE cluster's SYSTEM CONFIG and source directory
 * rewritten for an SSI cluster, with a migration report that accounts for
 * every input statement (carried over, converted, removed, or left for a
 * decision).  See docs/convert.md for the rules.
 *
 * Typical use, after zvmc_run_checks() on a context holding the CSE files:
 *
 *     zvmc_convert *cv = zvmc_convert_new(ctx);
 *     if (zvmc_convert_run(cv, &opts) == 0) {
 *         zvmc_convert_write(cv);                 (the outputs, atomically)
 *         zvmc_convert_report(cv, ZVMC_FORMAT_TEXT, my_write, stdout);
 *     } else {
 *         puts(zvmc_convert_message(cv));
 *     }
 *     zvmc_convert_free(cv);
 *
 * The converter never prints and never exits; it reads the context's parsed
 * files (which must outlive it) and owns everything it returns.
 */
#ifndef ZVMC_CONVERT_H
#define ZVMC_CONVERT_H

#include <stddef.h>
#include "zvmc/zvmc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ZVMC_EINPUT = -1201,        /* an input has errors that stop the conversion (syntax...) */
};

/* ---- Options -------------------------------------------------------------------- */
typedef struct zvmc_convert_opts {
    const char *cluster;                /* SSI cluster name: 1-8 letters and digits */
    const char *const *members;         /* CSE systems that become members, in slot order */
    size_t nmembers;                    /* 1 to the member limit of the context's z/VM level */
    const char *pdr_volume;             /* PDR volume, or NULL: CP's default (the parm disk's) */
    const char *const *res_volumes;     /* each member's residence volume for DIRECTORY SSI, */
    size_t nres_volumes;                /* in member order (0: found in the input) */
    zvmc_ctx *eqid_ctx;                 /* a checked context holding the SSI side's SYSTEM
                                         * CONFIG, for EQIDs the input lacks; or NULL */
    const char *out_dir;                /* where the outputs go (NULL: ".") */
} zvmc_convert_opts;

/* ---- Results -------------------------------------------------------------------- */
typedef enum zvmc_disposition {
    ZVMC_DISP_CARRIED = 0,      /* in the output unchanged */
    ZVMC_DISP_CONVERTED,        /* became something else (to_file:to_line) */
    ZVMC_DISP_REMOVED,          /* not in the output (why says what replaces it, if anything) */
    ZVMC_DISP_DECISION,         /* in the output as written, but the sysprog must decide */
} zvmc_disposition;

/* One input statement and what became of it. */
typedef struct zvmc_convert_item {
    const char *file;           /* the input file */
    unsigned line;              /* its first record */
    const char *statement;      /* its text, records joined, blanks collapsed */
    zvmc_disposition disposition;
    const char *to_file;        /* output name, or NULL (removed with no replacement) */
    unsigned to_line;           /* 1-based; 0 with to_file NULL */
    const char *why;            /* NULL for a plain carry */
    const char *const *details; /* per-user lines, the EQID mapping, a decision's options */
    size_t ndetails;
} zvmc_convert_item;

/* An output line that no input statement became: the SSI statement, an ISLINK
 * skeleton the sysprog must complete, ... */
typedef struct zvmc_convert_added {
    const char *to_file;
    unsigned to_line;
    const char *text;           /* its first record */
    const char *why;
    int decision;               /* nonzero: incomplete until the sysprog fills it in */
} zvmc_convert_added;

typedef struct zvmc_convert_output {
    const char *name;           /* "SYSTEM.CONFIG.ssi", "USER.DIRECT.ssi" */
    const char *path;           /* out_dir/name */
    zvmc_file_kind kind;
    int fragment;               /* a SYSTEM CONFIG fragment, to merge into the members' file */
    const char *data;
    size_t len;
} zvmc_convert_output;

/* A CSE system (from XLINK_System_Include, XSPOOL_SYSTEM or a CSE DIRECTORY). */
typedef struct zvmc_convert_system {
    const char *name;
    unsigned cse_slot;          /* its CSE slot, 0 when only a DIRECTORY statement names it */
    int slot;                   /* its SSI slot (1-based), or 0: left behind */
    const char *const *entries; /* left behind: directory entries with statements only it */
    size_t nentries;            /* (and other left-behind systems) used */
} zvmc_convert_system;

typedef struct zvmc_convert_totals {
    size_t input, carried, converted, removed, decision;
    size_t added, added_decisions;
} zvmc_convert_totals;

typedef struct zvmc_convert zvmc_convert;

/**
 * zvmc_convert_new - a converter over a context's files
 * @ctx: a context after zvmc_run_checks(), holding the CSE SYSTEM CONFIG and/or
 *       source directory; it must outlive the converter
 * returns: the converter, or NULL when memory is exhausted
 */
zvmc_convert *zvmc_convert_new(zvmc_ctx *ctx);

/**
 * zvmc_convert_run - convert, build the report, and check the outputs
 * The outputs are checked as `zvmc check` would check them, in a context of
 * their own (zvmc_convert_check_context()).
 * returns: 0; ZVMC_EINVAL for options or inputs it cannot convert (the reason
 *          is in zvmc_convert_message()), also when called twice; ZVMC_EINPUT
 *          when an input context has errors that mean its files were not
 *          understood (syntax, input, dir-operands, begin-end); ZVMC_ENOMEM
 */
int zvmc_convert_run(zvmc_convert *cv, const zvmc_convert_opts *opts);

/** zvmc_convert_message - why zvmc_convert_run() failed ("" when it did not) */
const char *zvmc_convert_message(const zvmc_convert *cv);

/** zvmc_convert_output_count, zvmc_convert_output_get - the files produced */
size_t zvmc_convert_output_count(const zvmc_convert *cv);
const zvmc_convert_output *zvmc_convert_output_get(const zvmc_convert *cv, size_t i);

/** zvmc_convert_item_count, zvmc_convert_item_get - one item per input statement,
 *  SYSTEM CONFIG files first, each in file order */
size_t zvmc_convert_item_count(const zvmc_convert *cv);
const zvmc_convert_item *zvmc_convert_item_get(const zvmc_convert *cv, size_t i);

/** zvmc_convert_added_count, zvmc_convert_added_get - lines no statement became */
size_t zvmc_convert_added_count(const zvmc_convert *cv);
const zvmc_convert_added *zvmc_convert_added_get(const zvmc_convert *cv, size_t i);

/** zvmc_convert_system_count, zvmc_convert_system_get - the CSE systems, CSE slot order */
size_t zvmc_convert_system_count(const zvmc_convert *cv);
const zvmc_convert_system *zvmc_convert_system_get(const zvmc_convert *cv, size_t i);

/** zvmc_convert_totals - the counts; input = carried + converted + removed + decision */
void zvmc_convert_get_totals(const zvmc_convert *cv, zvmc_convert_totals *t);

/**
 * zvmc_convert_check_context - the context the outputs were checked in, for
 * rendering its diagnostics; NULL before a successful run
 */
zvmc_ctx *zvmc_convert_check_context(const zvmc_convert *cv);

/**
 * zvmc_convert_check_errors - errors the outputs' check found
 * @skeleton: set to the ssi-islink-mesh errors the ISLINK skeletons explain
 *            (they go away when the sysprog fills the skeletons in)
 * returns: the other errors; the conversion is good when it is 0
 */
unsigned zvmc_convert_check_errors(const zvmc_convert *cv, unsigned *skeleton);

/**
 * zvmc_convert_report - the migration report as text or JSON (docs/convert.md)
 * @format: ZVMC_FORMAT_TEXT or ZVMC_FORMAT_JSON
 * returns: 0; ZVMC_EIO when @write returned nonzero; ZVMC_EINVAL; ZVMC_ENOMEM
 */
int zvmc_convert_report(const zvmc_convert *cv, zvmc_format format, zvmc_write_fn write,
                        void *arg);

/**
 * zvmc_convert_write - write every output to its path, each atomically (a
 * temporary file in the same directory, flushed and synced, then renamed)
 * returns: 0; ZVMC_EIO (errno says why; outputs written before it stay);
 *          ZVMC_EINVAL before a successful run
 */
int zvmc_convert_write(const zvmc_convert *cv);

/**
 * zvmc_convert_write_report - the report to @path, atomically
 * returns: 0; ZVMC_EIO; ZVMC_EINVAL; ZVMC_ENOMEM
 */
int zvmc_convert_write_report(const zvmc_convert *cv, zvmc_format format, const char *path);

/** zvmc_convert_free - free a converter and everything it returned (NULL allowed) */
void zvmc_convert_free(zvmc_convert *cv);

#ifdef __cplusplus
}
#endif
#endif
