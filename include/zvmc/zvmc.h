/* SPDX-License-Identifier: MIT */
/*
 * zvmc: an embeddable compiler and linter for IBM z/VM configuration.
 *
 * The library reads SYSTEM CONFIG and source user directories, runs named checks
 * over them and collects diagnostics in a list the caller reads.  It never prints,
 * never exits, keeps no global mutable state and frees everything it allocates:
 * one zvmc_ctx is one independent compilation, and contexts may be used from
 * different threads at once.
 *
 * Typical use:
 *
 *     zvmc_ctx *ctx = zvmc_ctx_new(NULL);
 *     zvmc_add_file(ctx, "SYSTEM.CONFIG", ZVMC_FILE_AUTO);
 *     int errors = zvmc_run_checks(ctx);
 *     zvmc_render(ctx, ZVMC_FORMAT_TEXT, 0, my_write, stdout);
 *     zvmc_ctx_free(ctx);
 */
#ifndef ZVMC_ZVMC_H
#define ZVMC_ZVMC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ZVMC_VERSION_MAJOR 0
#define ZVMC_VERSION_MINOR 1
#define ZVMC_VERSION_PATCH 0
#define ZVMC_VERSION_STRING "0.1.0"

/**
 * zvmc_version - the library version, e.g. "0.1.0"
 */
const char *zvmc_version(void);

/* ---- Error codes (negative return values of the compiler library) ---------- */
/* Success is 0 (ZVMC_OK, defined in <zvmc/runtime.h> with the runtime's codes). */
enum {
    ZVMC_ENOMEM = -1001,        /* an allocation failed */
    ZVMC_EIO = -1002,           /* a file could not be read or written */
    ZVMC_EINVAL = -1003,        /* an argument is not valid */
    ZVMC_EUNKNOWN_CHECK = -1004,/* no check has that name */
    ZVMC_ETOOBIG = -1005,       /* an input exceeds a limit (file size) */
    ZVMC_EKIND = -1006,         /* the kind of an input file cannot be told */
};

/**
 * zvmc_errmsg - text for a ZVMC_E* code
 * returns: a static string; "unknown error" for codes it does not know
 */
const char *zvmc_errmsg(int code);

/* ---- Allocation --------------------------------------------------------------- */
/**
 * struct zvmc_allocator - how the library obtains memory
 * Every allocation of a context goes through these; a NULL return is handled
 * (the call that needed it fails with ZVMC_ENOMEM and frees what it had).
 */
typedef struct zvmc_allocator {
    void *(*malloc)(void *ud, size_t size);
    void *(*realloc)(void *ud, void *ptr, size_t size);
    void (*free)(void *ud, void *ptr);
    void *ud;
} zvmc_allocator;

/* ---- Context ------------------------------------------------------------------ */
typedef struct zvmc_ctx zvmc_ctx;

/**
 * zvmc_ctx_new - create a compilation context
 * @alloc: allocator to use, or NULL for malloc/realloc/free.  It is copied.
 * returns: the context, or NULL when memory is exhausted
 */
zvmc_ctx *zvmc_ctx_new(const zvmc_allocator *alloc);

/**
 * zvmc_ctx_free - free a context and everything it owns (NULL is allowed)
 */
void zvmc_ctx_free(zvmc_ctx *ctx);

/* ---- Inputs ------------------------------------------------------------------- */
/* The largest input, in bytes: a larger one is refused (ZVMC_ETOOBIG). */
#define ZVMC_MAX_INPUT_SIZE ((size_t)1 << 30)   /* 1 GiB */

typedef enum zvmc_file_kind {
    ZVMC_FILE_AUTO = 0,     /* tell from the content */
    ZVMC_FILE_SYSCONFIG,    /* SYSTEM CONFIG */
    ZVMC_FILE_DIRECTORY,    /* source user directory (USER DIRECT) */
} zvmc_file_kind;

/**
 * zvmc_set_map_files - map the regular files zvmc_add_file() reads, not copy them
 * A mapped file's pages are given back to the kernel as the parser and the
 * checks pass them (they stay in the page cache and come back from there when
 * read again), so a large directory does not stay resident whole: a
 * 100,000-guest check peaks about a third lower.  Off by default, because a
 * mapped file that another process truncates while the context holds it ends
 * the process with SIGBUS, and one rewritten in place shows the new bytes.
 * Turn it on where the inputs are not written while the context lives (the
 * CLI does); files added before the call are not affected.  Where mapping is
 * not available (not Linux, an empty file, a size that is a multiple of the
 * page size, a pipe) the file is read as without it.
 */
void zvmc_set_map_files(zvmc_ctx *ctx, int on);

/**
 * zvmc_add_file - read a file and queue it for checking
 * @path: file to read
 * @kind: its kind, or ZVMC_FILE_AUTO to detect it from the content
 * returns: 0; ZVMC_EIO when it cannot be read (a diagnostic says why);
 *          ZVMC_ETOOBIG over the size limit; ZVMC_ENOMEM
 */
int zvmc_add_file(zvmc_ctx *ctx, const char *path, zvmc_file_kind kind);

/**
 * zvmc_add_buffer - queue an in-memory input
 * @name: the name diagnostics give it (e.g. "<string>")
 * @data, @len: the text; copied, need not be NUL-terminated
 * returns: 0; ZVMC_ETOOBIG; ZVMC_ENOMEM; ZVMC_EINVAL for a NULL name
 */
int zvmc_add_buffer(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                    zvmc_file_kind kind);

/* ---- Options -------------------------------------------------------------------- */
typedef enum zvmc_level {
    ZVMC_LEVEL_OFF = 0,     /* the check does not run */
    ZVMC_LEVEL_ON,          /* runs; findings keep their own severity */
    ZVMC_LEVEL_ERROR,       /* runs; warnings it finds are errors */
} zvmc_level;

/**
 * zvmc_set_check - turn a named check on or off, or make its warnings errors
 * Turning a check on turns on the checks it needs; turning it off turns off the
 * checks that need it (as dtc does).
 * returns: 0; ZVMC_EUNKNOWN_CHECK when no check has that name
 */
int zvmc_set_check(zvmc_ctx *ctx, const char *name, zvmc_level level);

/** zvmc_set_werror - make every warning an error (like gcc -Werror) */
void zvmc_set_werror(zvmc_ctx *ctx, int on);

/**
 * zvmc_set_zvm_level - the z/VM level the configuration is for, "V.R" (e.g. "7.2")
 * It decides, among others, how many SSI members are allowed.  Default: newest.
 * returns: 0; ZVMC_EINVAL when it is not V.R with a known version
 */
int zvmc_set_zvm_level(zvmc_ctx *ctx, const char *vr);

/**
 * zvmc_set_member - limit member-view checks to one system, like CPSYNTAX's
 * SYSTEM option.  NULL means every member.
 * returns: 0; ZVMC_ENOMEM
 */
int zvmc_set_member(zvmc_ctx *ctx, const char *name);

/**
 * zvmc_set_max_errors - stop recording errors after @n (0: no limit; default 50)
 * A final note says how many were left out.
 */
void zvmc_set_max_errors(zvmc_ctx *ctx, unsigned n);

/**
 * zvmc_set_follow_imbed - follow SYSTEM CONFIG IMBED statements (default: on)
 * On, `IMBED fn ft` in a SYSTEM CONFIG read by zvmc_add_file() reads the file
 * fn.ft, fn.ft.fm or `fn ft` (in any case) from the including file's directory,
 * as CP reads it from the parm disk, else the input of that name; a file is read
 * once, cycles and more than 16 levels are errors (docs/imbed.md).  Inputs added
 * with zvmc_add_buffer() have no directory and never follow IMBEDs.  Off, IMBED
 * statements are only parsed, and imbedded files may be added as inputs.
 */
void zvmc_set_follow_imbed(zvmc_ctx *ctx, int on);

/* ---- Running -------------------------------------------------------------------- */
/**
 * zvmc_run_checks - parse every queued input and run the enabled checks
 * May be called once per context.
 * returns: the number of errors found (>= 0); ZVMC_ENOMEM; ZVMC_EINVAL when
 *          called twice
 */
int zvmc_run_checks(zvmc_ctx *ctx);

/* ---- Diagnostics ---------------------------------------------------------------- */
typedef enum zvmc_severity {
    ZVMC_SEV_NOTE = 0,
    ZVMC_SEV_WARNING,
    ZVMC_SEV_ERROR,
} zvmc_severity;

typedef struct zvmc_note {
    const char *file;           /* NULL when the note has no location */
    unsigned line, column;      /* 1-based; 0 when there is no location */
    const char *message;
} zvmc_note;

typedef struct zvmc_diag {
    const char *check;          /* check name, e.g. "eqid-one-sided" */
    zvmc_severity severity;
    const char *file;           /* NULL for a diagnostic about no one file */
    unsigned line, column;      /* 1-based start */
    unsigned end_line, end_column; /* 1-based, inclusive end */
    const char *message;
    const char *fixit;          /* replacement text for the span, or NULL */
    size_t n_notes;
    const zvmc_note *notes;
} zvmc_diag;

/** zvmc_diag_count - number of diagnostics collected */
size_t zvmc_diag_count(const zvmc_ctx *ctx);
/** zvmc_diag_at - the @i'th diagnostic, in report order; NULL when out of range */
const zvmc_diag *zvmc_diag_at(const zvmc_ctx *ctx, size_t i);
/** zvmc_count - how many diagnostics of @sev were collected */
unsigned zvmc_count(const zvmc_ctx *ctx, zvmc_severity sev);

/**
 * zvmc_diag_source_text - the source records a diagnostic's span lies on
 * @i: the diagnostic's index, as for zvmc_diag_at()
 * @len: receives the length of the text
 * The text runs from the start of the span's first record to the end of its
 * last, without the final newline (records in between keep theirs).  It points
 * into the context's input (its copy, or the file mapped: zvmc_set_map_files())
 * and lives as long as the context.
 * returns: the text; NULL (and *@len 0) when the diagnostic has no file or @i
 *          is out of range
 */
const char *zvmc_diag_source_text(const zvmc_ctx *ctx, size_t i, size_t *len);

/** A predicate over the diagnostics: nonzero keeps diagnostic @i. */
typedef int (*zvmc_diag_keep_fn)(void *arg, const zvmc_ctx *ctx, size_t i);

/**
 * zvmc_diag_filter - drop the diagnostics @keep rejects, after zvmc_run_checks()
 * @keep is called once for every diagnostic, in report order, before any is
 * dropped, so it may read them by index.  The counts of zvmc_count() follow.
 * The zvmc_set_max_errors() limit then applies again to the errors that remain
 * (set it to 0 before running so that none is lost before filtering, and to
 * the limit wanted before filtering); the closing max-errors note is redone.
 * returns: the number of diagnostics @keep rejected (>= 0); ZVMC_EINVAL before
 *          zvmc_run_checks() or with a NULL argument; ZVMC_ENOMEM
 */
int zvmc_diag_filter(zvmc_ctx *ctx, zvmc_diag_keep_fn keep, void *arg);

typedef enum zvmc_format {
    ZVMC_FORMAT_TEXT = 0,       /* gcc/clang style with source line and caret */
    ZVMC_FORMAT_JSON,           /* see docs/diagnostics-json.md */
    ZVMC_FORMAT_SARIF,          /* SARIF 2.1.0 */
    ZVMC_FORMAT_CPSYNTAX,       /* errors only, as CPSYNTAX prints them (docs/cpsyntax.md) */
} zvmc_format;

#define ZVMC_RENDER_COLOR 1u    /* ANSI colours in text output */

/** A sink for rendered output; return 0, or nonzero to stop rendering. */
typedef int (*zvmc_write_fn)(void *arg, const char *data, size_t len);

/**
 * zvmc_render - write every diagnostic in @format through @write
 * returns: 0; ZVMC_EIO when @write returned nonzero; ZVMC_ENOMEM; ZVMC_EINVAL
 */
int zvmc_render(const zvmc_ctx *ctx, zvmc_format format, unsigned flags,
                zvmc_write_fn write, void *arg);

/* ---- Member views ----------------------------------------------------------------- */
/** Called once per statement of a view: its file, first line and source text. */
typedef int (*zvmc_view_fn)(void *arg, const char *file, unsigned line, const char *text,
                            size_t len);

#define ZVMC_ENOMEMBER_VIEW (-1007)  /* the SYSTEM CONFIG defines no system of that name */

/**
 * zvmc_config_view - the statements of the SYSTEM CONFIG that apply to one system,
 * in file order, after zvmc_run_checks(): unqualified ones, the system's qualified
 * ones and the contents of its BEGIN/END blocks (as CPSYNTAX's SYSTEM option)
 * returns: 0; the callback's nonzero value; ZVMC_ENOMEMBER_VIEW when no SSI slot,
 *          System_Identifier or System_Identifier_Default names @member;
 *          ZVMC_EINVAL before zvmc_run_checks() or with a NULL argument; ZVMC_ENOMEM
 */
int zvmc_config_view(zvmc_ctx *ctx, const char *member, zvmc_view_fn fn, void *arg);

/* ---- Checks --------------------------------------------------------------------- */
typedef struct zvmc_check_info {
    const char *name;
    const char *summary;        /* one line */
    int default_on;
} zvmc_check_info;

/** zvmc_check_count, zvmc_check_get - the table of checks, in run order */
size_t zvmc_check_count(void);
const zvmc_check_info *zvmc_check_get(size_t i);

/* ---- Output files --------------------------------------------------------------- */
/*
 * A file replaced whole or not at all, as zvmc writes its own (the object
 * directory, converted sources) and its client every output: the bytes go to
 * a temporary file in the target's directory (unnamed where Linux has
 * O_TMPFILE, so that a run killed while writing leaves nothing behind; else
 * PATH.tmp.XXXXXX), and commit renames it over the target, so that a reader
 * sees the old file or the new one, never part of one.  Not for "-": write
 * standard output directly.
 */
typedef struct zvmc_outfile zvmc_outfile;

#define ZVMC_OUTFILE_SYNC 1u        /* fsync the file before the rename, the directory after */
#define ZVMC_OUTFILE_KEEP_MODE 2u   /* the old file's permission bits (0644 for a new file),
                                     * instead of 0666 less the umask */

/**
 * zvmc_outfile_open - start replacing @path
 * @flags: ZVMC_OUTFILE_* or 0
 * returns: 0 with *@out set; ZVMC_EINVAL (NULL or empty @path, unknown flag);
 *          ZVMC_ENOMEM; ZVMC_EIO when the temporary file cannot be made (errno
 *          says why)
 */
int zvmc_outfile_open(const char *path, unsigned flags, zvmc_outfile **out);

/** zvmc_outfile_fd - the temporary file's descriptor (for stdio: fdopen a dup() of it,
 *  and fclose that before the commit); -1 for NULL */
int zvmc_outfile_fd(const zvmc_outfile *out);

/** zvmc_outfile_write - append: a zvmc_write_fn (@out is the zvmc_outfile);
 *  returns 0; ZVMC_EIO (errno says why); ZVMC_EINVAL */
int zvmc_outfile_write(void *out, const char *data, size_t len);

/**
 * zvmc_outfile_commit - put the file in place of @path, and free @out
 * returns: 0; ZVMC_EIO (errno says why) with the temporary file removed and
 *          @path as it was; ZVMC_EINVAL for NULL
 */
int zvmc_outfile_commit(zvmc_outfile *out);

/** zvmc_outfile_abort - remove the temporary file, leave @path as it was, free @out
 *  (NULL is allowed); errno is kept */
void zvmc_outfile_abort(zvmc_outfile *out);

#ifdef __cplusplus
}
#endif
#endif
