/* SPDX-License-Identifier: MIT */
/*
 * plan_internal.h - the placement and the evacuation plan (internal to
 * src/runtime/): memory through the caller's allocator, a string pool,
 * the records behind the public accessors, and a buffered writer for the
 * renderers.  docs/planner.md describes the algorithm and the formats.
 */
#ifndef ZVMC_RUNTIME_PLAN_INTERNAL_H
#define ZVMC_RUNTIME_PLAN_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "zvmc/runtime.h"

/* ---- memory (plan_alloc.c) ------------------------------------------------ */

/* The allocator of a placement or plan: the caller's, or malloc/realloc/free. */
void zvmc_pl_alloc_init_(struct zvmc_plan_allocator *dst, const struct zvmc_plan_allocator *src);
void *zvmc_pl_malloc_(const struct zvmc_plan_allocator *a, size_t size);
void zvmc_pl_free_(const struct zvmc_plan_allocator *a, void *p);

/*
 * Make room for need elements of size elem in *arr (capacity *cap, grown
 * by doubling); 0 or -ZVMC_ERR_NOMEM (the array is left as it was).
 */
int zvmc_pl_reserve_(const struct zvmc_plan_allocator *a, void **arr, size_t *cap, size_t need,
             size_t elem);

/* A pool of NUL-terminated strings, named by offset (stable across growth). */
struct zvmc_pl_pool_ {
    char *p;
    size_t len, cap;
};

/* Append a string (len bytes, then NUL); its offset, or -ZVMC_ERR_NOMEM / -ZVMC_ERR_TOOBIG. */
long zvmc_pl_pool_add_(const struct zvmc_plan_allocator *a, struct zvmc_pl_pool_ *pool,
               const char *s, size_t len);
/* The same, formatted (the text is cut at 511 bytes). */
long zvmc_pl_pool_fmt_(const struct zvmc_plan_allocator *a, struct zvmc_pl_pool_ *pool,
               const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static inline const char *zvmc_pl_str_(const struct zvmc_pl_pool_ *pool, uint32_t off)
{
    return off < pool->len ? pool->p + off : "";
}

/* "2G", "1536M", "100K" or "123" (bytes): the largest exact unit. */
void zvmc_pl_size_str_(uint64_t bytes, char *buf, size_t n);

/* ---- the placement (placement_*.c) ---------------------------------------- */

struct zvmc_pl_entry_ {
    int user;               /* user index or -1 */
    int member;
    uint32_t name;          /* pool offset of the user id */
    uint32_t line;
    int32_t next;           /* next entry of the same user, or -1 */
    uint64_t storage;
    uint8_t storage_given;
    uint8_t source;         /* enum zvmc_placement_source */
};

struct zvmc_placement {
    const struct zvmc_objdir *od;
    struct zvmc_plan_allocator alloc;
    struct zvmc_pl_entry_ *e;
    size_t n, cap;
    struct zvmc_pl_pool_ pool;
    int32_t *head;          /* per user index: its first entry, or -1 */
};

/* The parser's state while it reads one text. */
struct zvmc_pl_parse_ {
    struct zvmc_placement *pl;
    const struct zvmc_placement_opts *opts;
    int query_member;       /* opts->query_member resolved, or -1 */
    int status_cols[6];     /* VMRELOCATE STATUS column of user, from, to, by, elapsed, status */
    unsigned line;
    unsigned bad;           /* lines reported */
    int nomem;              /* an allocation failed: stop */
};

/* Report a bad line (through opts->on_error) and count it; returns 0. */
int zvmc_pl_bad_(struct zvmc_pl_parse_ *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Add a guest: resolve the user, check it is defined on member, take the
 * logon storage when storage is NULL, and detect duplicates.  name is
 * len bytes, not NUL-terminated.  0 (also when the line was reported bad)
 * or -ZVMC_ERR_NOMEM.
 */
int zvmc_pl_add_(struct zvmc_pl_parse_ *ps, const char *name, size_t len, int member,
         const uint64_t *storage, enum zvmc_placement_source source);

/* A blank-separated word of a line. */
struct zvmc_pl_word_ {
    const char *p;
    size_t len;
};

/* Split a line into words (at most max); the count found, which may exceed max. */
size_t zvmc_pl_words_(const char *line, size_t len, struct zvmc_pl_word_ *w, size_t max);

/* The member whose name is the word (ASCII case-insensitive), or -1. */
int zvmc_pl_member_(const struct zvmc_objdir *od, const struct zvmc_pl_word_ *w);

/* placement_cp.c: a line of QUERY NAMES output (it holds " - "). */
int zvmc_pl_query_names_(struct zvmc_pl_parse_ *ps, const char *line, size_t len);
/* placement_cp.c: a VMRELOCATE STATUS header (1: it was one) or row (words >= 5). */
int zvmc_pl_status_header_(struct zvmc_pl_parse_ *ps, const struct zvmc_pl_word_ *w, size_t n);
int zvmc_pl_status_row_(struct zvmc_pl_parse_ *ps, const struct zvmc_pl_word_ *w, size_t n);

/* ---- the plan (plan_*.c) ----------------------------------------------------- */

enum zvmc_pl_fate_ { PL_MOVE = 1, PL_IDENTITY, PL_SHUTDOWN, PL_UNPLACED };

/* A guest on an emptied member, while it is planned. */
struct zvmc_pl_guest_ {
    int user;               /* -1: not in the object directory */
    int from;
    int to;                 /* target while placed, else -1 */
    uint32_t name;          /* plan pool offset */
    const char *pname;      /* the name in the placement: only while planning */
    uint32_t ok_mask;       /* eligible targets outside the emptied members */
    uint32_t emptied_ok;    /* eligible members that are being emptied */
    int targets;            /* popcount(ok_mask) */
    uint64_t storage;
    enum zvmc_pl_fate_ fate;
};

struct zvmc_pl_reason_ {
    int to;
    struct zvmc_reason r;
};

struct zvmc_pl_shut_ {
    uint32_t guest;         /* index into guests */
    uint32_t first, count;  /* range of reasons */
};

struct zvmc_pl_unplaced_ {
    uint32_t guest;
    uint32_t why;           /* pool offset */
};

struct zvmc_plan {
    const struct zvmc_objdir *od;
    struct zvmc_plan_allocator alloc;
    struct zvmc_plan_policy policy;
    struct zvmc_plan_capacity cap;
    uint32_t empty_mask;
    int members;
    uint64_t added[ZVMC_OBJDIR_MAX_MEMBERS];    /* storage moved to each member */
    int moves_in[ZVMC_OBJDIR_MAX_MEMBERS];
    struct zvmc_pl_pool_ pool;

    struct zvmc_pl_guest_ *g;       /* every guest on an emptied member */
    size_t ng, gcap;
    uint32_t *order;                /* the moves: guest indexes, in step order */
    size_t nmoves;
    uint32_t *ident;                /* identities: guest indexes */
    size_t nident, identcap;
    struct zvmc_pl_shut_ *shut;
    size_t nshut, shutcap;
    struct zvmc_pl_reason_ *reason;
    size_t nreason, reasoncap;
    struct zvmc_pl_unplaced_ *unpl;
    size_t nunpl, unplcap;
};

/* plan_evacuate.c: the free storage left on member m (UINT64_MAX: unlimited). */
uint64_t zvmc_pl_room_(const struct zvmc_plan *plan, int m);

/* plan_place.c: give every PL_MOVE candidate a target, or make it PL_UNPLACED. */
int zvmc_pl_place_(struct zvmc_plan *plan);

/* plan_steps.c: the per-step figures of the policy. */
uint32_t zvmc_pl_est_seconds_(const struct zvmc_plan_policy *p, uint64_t storage);
uint32_t zvmc_pl_maxtotal_(const struct zvmc_plan_policy *p, uint32_t est);

/* plan_query.c: the public view of step i. */
void zvmc_pl_move_(const struct zvmc_plan *plan, size_t i, struct zvmc_plan_move *out);

/* ---- output (plan_write.c) ----------------------------------------------------- */

struct zvmc_pl_out_ {
    zvmc_plan_write_fn fn;
    void *arg;
    int err;                /* fn failed: write nothing more */
    size_t len;
    char buf[4096];
};

void zvmc_pl_out_init_(struct zvmc_pl_out_ *o, zvmc_plan_write_fn fn, void *arg);
void zvmc_pl_put_(struct zvmc_pl_out_ *o, const char *s, size_t len);
void zvmc_pl_puts_(struct zvmc_pl_out_ *o, const char *s);
void zvmc_pl_printf_(struct zvmc_pl_out_ *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A JSON string, quoted and escaped. */
void zvmc_pl_json_str_(struct zvmc_pl_out_ *o, const char *s);
/* Flush; 0 or -ZVMC_ERR_IO. */
int zvmc_pl_out_end_(struct zvmc_pl_out_ *o);

/* "1h02m03s", "1m22s", "45s" */
void zvmc_pl_duration_(uint64_t seconds, char *buf, size_t n);
/* The names of the members in mask, in index order, separated by sep. */
void zvmc_pl_members_(struct zvmc_pl_out_ *o, const struct zvmc_objdir *od, uint32_t mask,
              const char *sep);

/* A member's name ("?" for a bad index). */
const char *zvmc_pl_member_name_(const struct zvmc_objdir *od, int m);

int zvmc_pl_write_text_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o);
int zvmc_pl_write_json_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o);
int zvmc_pl_write_rexx_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o);

#endif /* ZVMC_RUNTIME_PLAN_INTERNAL_H */
