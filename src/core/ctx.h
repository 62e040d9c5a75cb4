/* SPDX-License-Identifier: MIT */
/* The compilation context: inputs, options, the collected diagnostics and the
 * parse results.  Internal; embedders see only the opaque zvmc_ctx. */
#ifndef ZVMC_CORE_CTX_H
#define ZVMC_CORE_CTX_H

#include <stdint.h>
#include "zvmc/zvmc.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/intern.h"
#include "util/loc.h"
#include "util/symtab.h"

/* Limits that protect the host (docs/architecture.md, "Limits"). */
#define ZVMC_MAX_FILE_SIZE ZVMC_MAX_INPUT_SIZE  /* 1 GiB (<zvmc/zvmc.h>) */
#define ZVMC_MAX_RECORD 65536                    /* bytes in one record */

typedef struct zvmc_source {
    char *name;
    char *data;         /* NUL-terminated copy of the input */
    uint32_t len;
    zvmc_file_kind kind;
    uint32_t *lines;    /* offsets of every 64th line start (source.c); made on first use
                         * and extended only as far as a lookup needs */
    uint32_t nlines;    /* entries in lines */
    uint32_t scan_off;  /* the map covers every line starting before this offset... */
    uint32_t scan_line; /* ...which starts line scan_line (0-based) */
    int lines_done;     /* the map covers the whole source */
    int in_memory;      /* zvmc_add_buffer: no directory to find IMBEDs in */
    int mapped;         /* data is the file mapped (util/filemap.h), not a copy */
    uint32_t released;  /* mapped: a forward walk gave back the pages before this... */
    uint32_t next;      /* ...and takes its next step at this offset */
} zvmc_source;

typedef struct zvmc_diag_int {
    zvmc_diag pub;
    zvmc_loc loc;
    zvmc_note *notes;   /* arena */
    zvmc_loc *note_locs;
    size_t notes_cap;
} zvmc_diag_int;

struct sc_config;
struct ud_directory;
struct zvmc_supp;
struct supp_file;
struct check_run;

struct zvmc_ctx {
    zvmc_alloc alloc;
    arena arena;            /* lives as long as the context */
    interner names;         /* interned names */

    zvmc_source *sources;
    uint32_t nsources, sources_cap;

    /* options */
    symtab levels;          /* check name -> (zvmc_level + 1) */
    int werror;
    int map_files;          /* zvmc_set_map_files: map regular files, not copy them */
    unsigned max_errors;
    int zvm_version, zvm_release;
    const char *member;     /* NULL: every member */
    int no_imbed;           /* do not follow SYSTEM CONFIG IMBEDs */

    /* results */
    zvmc_diag_int **diags;
    size_t ndiags, diags_cap;
    unsigned counts[3];
    unsigned dropped_errors;
    int oom;                /* an allocation failed somewhere */
    struct zvmc_supp *supps;    /* inline suppressions (core/suppress.h) */
    struct supp_file *supp_files;   /* ...indexed by file */
    uint32_t nsupp_files;
    unsigned suppressed;        /* findings they silenced */
    int ran;

    struct check_run *run;          /* the passes' model, after zvmc_run_checks */
    struct sc_config *config;       /* merged SYSTEM CONFIG, or NULL */
    struct ud_directory *directory; /* merged source directory, or NULL */
};

const zvmc_alloc *ctx_alloc(const zvmc_ctx *ctx);
/* Intern a name folded to uppercase; NULL on ENOMEM (ctx->oom set). */
const char *ctx_intern_upper(zvmc_ctx *ctx, const char *s, size_t n);
const char *ctx_intern(zvmc_ctx *ctx, const char *s, size_t n);

/* Sources */
zvmc_source *ctx_source(const zvmc_ctx *ctx, uint32_t file);
int ctx_add_source(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                   zvmc_file_kind kind);
/* The same, taking ownership of @buf (capacity >= len + 1) instead of copying;
 * on failure the caller still owns it. */
int ctx_add_source_owned(zvmc_ctx *ctx, const char *name, char *buf, size_t len,
                         zvmc_file_kind kind);
int source_ensure_lines(zvmc_source *src, const zvmc_alloc *alloc);
void source_linecol(zvmc_source *src, uint32_t off, unsigned *line, unsigned *col);
/* Add a file mapped with filemap_map() as a source; the source unmaps it. */
int ctx_add_source_mapped(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                          zvmc_file_kind kind);
/* The source's memory, freed or unmapped (ctx free). */
void source_free_data(zvmc_ctx *ctx, zvmc_source *src);

/*
 * Giving back a mapped source's pages (zvmc_set_map_files(); util/filemap.h).
 * A walk that reads a source from start to end (the parser, the line map, a
 * pass over the entries in file order) calls source_walk() with where it is:
 * every SOURCE_WALK_STEP it gives back what lies more than SOURCE_WALK_KEEP
 * behind.  Reading a page given back is always right (it comes back from the
 * page cache), so a walk that turns back costs a fault, never a wrong byte.
 * Between phases the whole source goes (ctx_release_sources()), and the next
 * walk starts from the top.  A copied source ignores all of this.
 */
#define SOURCE_WALK_STEP ((uint32_t)4 << 20)
#define SOURCE_WALK_KEEP ((uint32_t)1 << 20)
void source_walk_step(zvmc_source *src, uint32_t off);
static inline void source_walk(zvmc_source *src, uint32_t off)
{
    if (src->mapped && off >= src->next)
        source_walk_step(src, off);
}
/* Give back a mapped source's pages, and start its next walk from the top. */
void source_release(zvmc_source *src);
/* The same for every source (after the parse, after each pass). */
void ctx_release_sources(zvmc_ctx *ctx);
/* The text of the line holding @off, without its newline. */
const char *source_line_text(zvmc_source *src, uint32_t off, size_t *len, uint32_t *start);

#endif
