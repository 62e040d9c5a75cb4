/* SPDX-License-Identifier: MIT */
/*
 * The source directory passes: dir-resolve (per-member resolution, see
 * resolve.h) and the dir-* checks, one function per named check, registered in
 * registry.c.  Also the minidisk extents of every member's view, shared by
 * dir-mdisk-overlap, dir-volume-extent and `zvmc diskmap`.
 */
#ifndef ZVMC_CHECK_DIR_CHECKS_H
#define ZVMC_CHECK_DIR_CHECKS_H

#include "check/check.h"
#include "check/resolve.h"

void pass_dir_resolve(check_run *r);
/* The resolution the checks read; NULL when dir-resolve could not build it
 * (out of memory): then every dir-* check does nothing. */
static inline const ud_resolved *ud_run_res(const check_run *r)
{
    return r->ctx->directory ? r->ctx->directory->res : NULL;
}
void check_dir_duplicate(check_run *r);
void check_dir_undefined_profile(check_run *r);
void check_dir_build_member(check_run *r);
void check_dir_build_subconfig(check_run *r);
void check_dir_subconfig_orphan(check_run *r);
void check_dir_subconfig_shared(check_run *r);
void check_dir_identity_build_missing(check_run *r);
void check_dir_build_mixed(check_run *r);
void check_dir_sysaffin_ssi(check_run *r);
void check_dir_directory_form(check_run *r);
void check_dir_vaddr_duplicate(check_run *r);
void check_dir_link_target(check_run *r);
void check_dir_mdisk_overlap(check_run *r);
void check_dir_volume_extent(check_run *r);
void check_dir_storage(check_run *r);
void check_dir_privclass(check_run *r);
void check_dir_placement(check_run *r);

/* ---- minidisk extents (dir_extents.c) -------------------------------------- */

/* How an extent takes part in overlap detection */
enum {
    UD_XT_REAL = 0,             /* an ordinary minidisk */
    UD_XT_FULLPACK,             /* starts at 0 and covers the volume: overlays by design */
    UD_XT_ALLOCMAP,             /* owned by a NOLOG $-user ($ALLOC$, $TEMP$...): a map entry */
};

/* 24 bytes: a 100,000-user directory has some 250,000 of them, at the peak of
 * a check.  The volume is a number, not a pointer, to stay at 24. */
typedef struct ud_extent {
    const ud_stmt *s;           /* the MDISK; the extent starts at s->u.mdisk.start */
    uint32_t vol;               /* volume id (a member's &SYSRES resolved): equal ids,
                                 * same volume; its label is ud_extent_volser() */
    uint32_t start;             /* s->u.mdisk.start, kept here: sorting and sweeping
                                 * compare it often, and s is rarely in cache */
    uint32_t end;               /* inclusive; UINT32_MAX - 1 for END on a volume of unknown size */
    uint32_t user : 30;         /* user index (ud_resolved.users) */
    uint32_t cls : 2;           /* UD_XT_* */
} ud_extent;

/* Extents in every member's view: those in every view once (common), and per
 * member those that are not (from a SUBCONFIG, a SYSAFFIN section, or on
 * &SYSRES).  Each list is sorted by volume, start, end. */
typedef struct ud_extents {
    ud_extent *common;
    uint32_t ncommon;
    ud_extent **spec;           /* [nmembers] */
    uint32_t *nspec;
    uint32_t nmembers;
    /* Volume ids: below ndirvols an index in dir->vols (the labels MDISKs
     * name), from there a member's residence volume that no MDISK names. */
    const char *const *dirvols;
    uint32_t ndirvols;
    const char **resvols;       /* [nmembers] at most */
    uint32_t *resid;            /* [nmembers]: the id of each member's &SYSRES, or 0 */
} ud_extents;

/* The label of volume id @id of @x (interned). */
static inline const char *ud_extents_volser(const ud_extents *x, uint32_t id)
{
    return id < x->ndirvols ? x->dirvols[id] : x->resvols[id - x->ndirvols];
}

/* 0, or ZVMC_ENOMEM.  Free with ud_extents_free(). */
int ud_extents_collect(zvmc_ctx *ctx, const ud_resolved *res, ud_extents *x);
void ud_extents_free(zvmc_ctx *ctx, ud_extents *x);
/* The cylinder (or block) count of a volume: given by the caller (diskmap
 * --volume), else implied by a device type that has one size; 0 if unknown. */
uint32_t ud_volume_size(const ud_directory *dir, const char *vol, unsigned devclass);
/* "cylinders" or "blocks" for an extent's device */
const char *ud_extent_unit(const ud_extent *x);
/* The segment that brings an extent's MDISK into its user's view on member @m
 * (for the entry it is in and the INCLUDE or BUILD that pulled it in). */
const ud_seg *ud_extent_seg(const ud_resolved *res, const ud_extent *x, uint32_t m);

/* ---- shared helpers (dir_util.c) -------------------------------------------- */

/* A set of reported keys (pairs of pointers), so that one finding reached from
 * several members' views or several users is reported once. */
typedef struct ud_seen {
    symtab t;
    arena *a;
} ud_seen;
void ud_seen_init(ud_seen *s, check_run *r);
void ud_seen_free(ud_seen *s);
/* 1 the first time a pair is seen, 0 after; 0 also on ENOMEM (ctx->oom set). */
int ud_seen_first(ud_seen *s, zvmc_ctx *ctx, const void *a, const void *b);
/* A list of member names for a message ("LTICVM2, LTICVM9 and LTICVM5"),
 * from a bit mask of member indexes; written into @buf. */
const char *ud_member_list(const ud_resolved *res, uint64_t mask, char *buf, size_t n);
/* The nearest name among entries of @kind ("did you mean"), or NULL. */
const char *ud_nearest_name(check_run *r, const char *name, unsigned kind);

#endif
