/* SPDX-License-Identifier: MIT */
/*
 * The pass table: like dtc's checks.c, one const descriptor per named pass, run
 * in table order.  Resolution passes (which build the cluster model the checks
 * read) come first and run whenever their input exists; checks run when enabled.
 * Per-run state lives in check_run, never in the table, so a second compile in
 * the same process starts clean.
 */
#ifndef ZVMC_CHECK_CHECK_H
#define ZVMC_CHECK_CHECK_H

#include "core/ctx.h"
#include "core/diag.h"
#include "parse/sysconfig_ast.h"
#include "util/ptrmap.h"

/* What a pass needs before it can run. */
enum {
    NEEDS_NOTHING = 0,
    NEEDS_CONFIG = 1,           /* a SYSTEM CONFIG */
    NEEDS_DIRECTORY = 2,        /* a source directory */
};

typedef struct check_run check_run;
typedef void (*check_fn)(check_run *r);

typedef struct check_def {
    const char *name;
    const char *summary;
    int default_on;
    int resolver;               /* builds the model: runs whenever its input exists */
    int needs;                  /* NEEDS_* bits */
    check_fn fn;                /* NULL: findings come from the parser */
    const char *const *prereqs; /* names of passes that must run first, NULL-terminated */
} check_def;

/* One SSI member (or, without SSI, one system named by System_Identifier). */
typedef struct sc_member {
    const char *name;           /* interned uppercase */
    uint32_t slot;              /* SSI slot, 0 without SSI */
    zvmc_loc loc;               /* where it is defined */
} sc_member;

/* At most this many members are modelled, from a SYSTEM CONFIG or from the
 * directory (an SSI cluster has at most 8, a CSE complex 4; member masks hold
 * the first 64, and the relocation engine judges any number): the rest are
 * reported as an `input` error and left out, so that thousands of SLOTs,
 * System_Identifiers or BUILDs cannot make every per-member pass quadratic. */
#define SC_MODEL_MAX_MEMBERS 256
/* The `input` error for member @name (interned), the first past the limit. */
void report_member_limit(zvmc_ctx *ctx, const char *name, zvmc_loc loc);

/* The cluster as the SYSTEM CONFIG describes it (sysconfig-members pass). */
typedef struct sc_model {
    const sc_stmt *ssi;         /* the first SSI statement, or NULL */
    sc_member *members;
    uint32_t nmembers;          /* at most SC_MODEL_MAX_MEMBERS */
    uint32_t named;             /* members named, those left out included */
    /* every system name the file defines (members, System_Identifier names,
     * System_Identifier_Default): qualifiers must be one of these */
    const char **systems;
    uint32_t nsystems;
    ptrmap system_set;          /* the same names -> index in systems + 1 */
} sc_model;

struct cluster_devices;
struct reloc_engine;

/* The statements of one kind, in file order (sc_for_each_stmt()'s). */
typedef struct sc_kind_list {
    const sc_stmt *const *v;
    uint32_t n;
} sc_kind_list;

struct check_run {
    zvmc_ctx *ctx;
    sc_config *cfg;             /* may be NULL */
    sc_model model;
    struct cluster_devices *devices;    /* sysconfig-devices pass */
    struct reloc_engine *reloc;         /* made on first use (relocation.h) */
    int reloc_reported;                 /* check_reloc_reasons ran */
    const struct subrefs *subrefs;      /* dir_build.c: BUILDs per SUBCONFIG, made on first use */
    uint32_t suggest_left;      /* comparisons left for "did you mean" (suggest.c) */
    sc_kind_list kind_lists[SC_KIND_COUNT];     /* sc_stmts_of(), in the arena */
    int kind_lists_made;
    /* the names of the directory's entries by kind (ud_ekind), in the arena,
     * made on first use by ud_nearest_name() */
#define CHECK_ENTRY_KINDS 8
    const char *const *kind_names[CHECK_ENTRY_KINDS];
    uint32_t kind_count[CHECK_ENTRY_KINDS];
    arena arena;                /* scratch for this run */
};

/* "Did you mean" searches (suggest.c): a run compares at most SUGGEST_BUDGET
 * name pairs for them, so that many findings against many names cannot make
 * a check quadratic. */
#define SUGGEST_BUDGET 5000000u
typedef struct suggest {
    const char *name;           /* the name that was not found */
    size_t len;
    unsigned best_d;            /* lookalike_distance() of best; at first, the limit */
    const char *best;           /* the nearest candidate below the limit, or NULL */
} suggest;
/* Start a search for @name's nearest candidate at lookalike_distance() < @limit. */
void suggest_init(suggest *sg, const char *name, unsigned limit);
/* Compare @cand (ties: the first tried wins).  0 when the run's budget is
 * spent: stop searching. */
int suggest_try(check_run *r, suggest *sg, const char *cand);

/* Helpers for the SYSTEM CONFIG passes */
/* The config's statements of @kind, listed on first use (sysconfig_index.c):
 * for passes that look at one kind in each member's view.  Empty without a
 * config, or on ENOMEM (ctx->oom set). */
sc_kind_list sc_stmts_of(check_run *r, sc_kind kind);
/* Does statement @s apply to system @member (interned)?  NULL member: every. */
static inline int sc_applies(const sc_stmt *s, const char *member)
{
    return s->applies_to == NULL || s->applies_to == member;
}
/* A finding about statements @a and @b (the same one, for a finding about one
 * statement), found while walking the member views one by one: report it in
 * this view?  Unqualified statements are in every view, so a finding about
 * them alone is reported in the first view only. */
static inline int sc_report_in_view(const sc_stmt *a, const sc_stmt *b, int first_view)
{
    return first_view || a->applies_to || b->applies_to;
}
int model_is_member(const sc_model *m, const char *name);
/* How many SSI members the context's z/VM level allows (4, or 8 from 7.3). */
unsigned ssi_member_limit(const zvmc_ctx *ctx);
int model_is_system(const sc_model *m, const char *name);
/* A system of the file whose name differs from @name only in look-alike
 * characters (SY5A for SYSA), or NULL: a typo more likely than a system that is
 * missing. */
const char *model_lookalike_system(const zvmc_ctx *ctx, const sc_model *m, const char *name);
/* Members to run member-view checks for (honours zvmc_set_member). */
int run_wants_member(const check_run *r, const char *member);

/* The passes (one per named check; see registry.c for the table) */
void pass_sysconfig_blocks(check_run *r);
void pass_sysconfig_members(check_run *r);
void check_unknown_statement(check_run *r);
void check_missing_comma(check_run *r);
void check_qualifier_unknown_system(check_run *r);
void check_qualifier_twice(check_run *r);
void check_cse_slot_conflict(check_run *r);
void check_system_name(check_run *r);
void check_volume_label(check_run *r);
void check_system_identifier_conflict(check_run *r);
void check_ssi_member_count(check_run *r);
void check_ssi_slot_duplicate(check_run *r);
void check_ssi_system_identifier(check_run *r);
void check_ssi_system_residence(check_run *r);
void check_cpowned_slot_conflict(check_run *r);
void check_ssi_pdr_cpowned(check_run *r);
void check_ssi_islink_mesh(check_run *r);
void check_islink_device(check_run *r);
void check_eqid_type_conflict(check_run *r);
void check_eqid_one_sided(check_run *r);
void check_rdev_eqid_conflict(check_run *r);
void check_cse_in_ssi(check_run *r);
void check_relocation_domain(check_run *r);
void check_dir_mdisk_volume(check_run *r);
void check_comment_swallows(check_run *r);
void check_vmlan_prefix(check_run *r);
void check_vswitch_attributes(check_run *r);

const check_def *check_find(const char *name, size_t *index);
/* Free ctx->run, the model the passes built (zvmc_ctx_free calls it). */
void check_run_free(zvmc_ctx *ctx);
int check_default_on(const char *name);
int check_known(const char *name, size_t len, const char **interned_name);
const char *check_nearest(const char *name, size_t len);

#endif
