/* SPDX-License-Identifier: MIT */
/*
 * compile.h - the compiler's back end: the checked model (ctx->run, the
 * resolved directory, the relocation engine) into an object directory
 * builder (objdir_builder.h).  One file per job:
 *   compile.c          the public entry points (<zvmc/compile.h>)
 *   compile_cluster.c  members, System_Identifier, CP_Owned, EQIDs, VSWITCHes, domains
 *   compile_view.c     one user's view on one member
 *   compile_users.c    every user: views, then verdicts (compile_reloc.c)
 *   compile_reloc.c    the relocation verdicts, decided by relocation.c's engine
 *   compile_volumes.c  volumes and the extents of the minidisks on them
 * docs/compile.md says what each field is taken from.
 */
#ifndef ZVMC_EMIT_COMPILE_H
#define ZVMC_EMIT_COMPILE_H

#include <stdint.h>
#include "check/check.h"
#include "check/cluster_devices.h"
#include "check/relocation.h"
#include "check/resolve.h"
#include "emit/objdir_builder.h"
#include "zvmc/compile.h"

/* An extent of a minidisk, collected while the views are built. */
typedef struct cextent {
    const char *volser;
    const char *owner_name;     /* for the sort */
    uint64_t vkey;              /* the volser's first 8 bytes, big-endian: sorts as
                                 * strcmp does (compile_add_extent() sets it) */
    uint32_t start, size;
    int owner;                  /* builder user handle */
    uint32_t vaddr;
} cextent;

/* What a user's USER or IDENTITY statement says (the same on every member). */
typedef struct uhead {
    uint64_t logon, max;        /* bytes; 0 when not given */
    char priv[ZVMC_OBJDIR_MAX_NAME + 1];    /* upper case; "G" when not given */
} uhead;

typedef struct compile_state {
    zvmc_ctx *ctx;
    check_run *run;
    const ud_resolved *res;
    const cluster_devices *dev; /* NULL without the sysconfig-devices model */
    struct zvmc_odb *b;
    uint32_t m;                 /* members: res->members, also builder handles */
    int cfg[ZVMC_OBJDIR_MAX_MEMBERS];   /* member -> r->model index, or -1 */
    cextent *ext;               /* every user's extents */
    size_t next, extcap;
    arena scratch;              /* strings that outlive one statement */
    reloc_engine *reloc;        /* compile_users()'s: verdicts, and the views' settings */
} compile_state;

int compile_cluster(compile_state *st);
int compile_users(compile_state *st);
/* The view of resolved user @u on member @m, given to the builder as user @hu;
 * *member_dep says whether anything in it depends on the member (an IDENTITY,
 * &SYSRES, a DEDICATE), i.e. whether the same statements on another member
 * could give another view. */
int compile_view(compile_state *st, uint32_t u, int hu, uint32_t m, const uhead *h,
                 int *member_dep);
/* Every ordered member pair of resolved user @u (builder handle @hu). */
int compile_verdicts(compile_state *st, reloc_engine *e, uint32_t u, int hu);
int compile_volumes(compile_state *st);
/* Remember an extent for compile_volumes(); 0 or ZVMC_ENOMEM. */
int compile_add_extent(compile_state *st, const cextent *x);
/* A user's views are done: drop the duplicates among its extents (from @first). */
void compile_user_extents_done(compile_state *st, size_t first);

/* Fill a new builder from a checked context: 0, or a ZVMC_E* code. */
int compile_build(zvmc_ctx *ctx, struct zvmc_odb **out);

/* The XML writer (xml_writer.c): an opened object directory as XML. */
int xml_write_objdir(const struct zvmc_objdir *od, zvmc_write_fn write, void *arg);

#endif
