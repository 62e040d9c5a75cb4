/* SPDX-License-Identifier: MIT */
/*
 * Per-member resolution of the source directory: every user as CP builds it
 * on each member of the cluster.
 *
 * The members come from the SYSTEM CONFIG's SSI statement when there is one,
 * else from the CSE DIRECTORY statements, else from a SYSTEM CONFIG's systems
 * (System_Identifier), else from the BUILD ON statements; with none of these
 * there is one unnamed system.
 *
 * Reading statements: an MDISK's volume on a member is ud_mdisk_volume() (it
 * resolves &SYSRES); a LINK * (UD_F_STAR, u.link.user NULL) links the user
 * whose view holds it.
 *
 * A user's definition on a member (a view) is a list of segments, each a run of
 * statements of one entry, in the order CP applies them: the INCLUDEd PROFILE,
 * the user's own entry, and for an IDENTITY the SUBCONFIG its BUILD names for
 * that member; SYSAFFIN sections that do not name the member are left out.
 * Statements are never copied: a segment points into its entry, and a user
 * whose definition is the same on every member (no SYSAFFIN, no BUILD ON a
 * member) has one view that every member shares.  Each segment records the
 * INCLUDE or BUILD statement that pulled it in, so a finding about a statement
 * from a profile or subconfig can point at both.
 *
 * The result lives in ctx->directory (its arena) and stays valid until the
 * context is freed; the relocation checks and `zvmc diskmap` read it.
 */
#ifndef ZVMC_CHECK_RESOLVE_H
#define ZVMC_CHECK_RESOLVE_H

#include "core/ctx.h"
#include "core/diag.h"
#include "parse/directory_ast.h"

typedef enum ud_member_source {
    UD_MEMBERS_NONE = 0,        /* one system, unnamed */
    UD_MEMBERS_CONFIG,          /* the SYSTEM CONFIG */
    UD_MEMBERS_CSE,             /* CSE DIRECTORY statements */
    UD_MEMBERS_BUILD,           /* BUILD ON member statements */
} ud_member_source;

typedef struct ud_seg {
    const ud_entry *owner;      /* the entry the statements are in */
    const ud_stmt *via;         /* INCLUDE or BUILD in the user's entry; NULL: the user's own */
    uint32_t first, n;          /* owner->stmts[first .. first + n - 1] */
} ud_seg;

/* 16 bytes, one per user (or per user and member): the user is the caller's
 * (res->users[u]), not kept here. */
typedef struct ud_view {
    const ud_seg *segs;
    uint32_t nsegs;
    uint32_t shared;            /* the same view on every member */
} ud_view;

typedef struct ud_resolved {
    const ud_directory *dir;
    ud_member_source source;
    const char **members;       /* interned; members[0] is NULL for the unnamed system */
    const char **sysres;        /* each member's system residence volume, or NULL */
    uint32_t nmembers;          /* >= 1 */
    int ssi;                    /* an SSI directory (DIRECTORY SSI, BUILD, or an SSI config) */
    int cse;                    /* CSE DIRECTORY statements */
    int fragment;               /* no DIRECTORY statement: entries as a manager hands them over */
    const ud_entry **users;     /* USER and IDENTITY entries (first definitions), file order */
    uint32_t nusers;
    const ud_view **views;      /* views[u]: the view every member shares, or the first
                                 * of nmembers views (one per member); see ud_view_of() */
    uint32_t *user_of;          /* entry index -> user index, or UINT32_MAX */
} ud_resolved;

/* The user's definition on member @m. */
static inline const ud_view *ud_view_of(const ud_resolved *r, uint32_t u, uint32_t m)
{
    const ud_view *v = r->views[u];
    return v->shared ? v : v + m;
}

/* Every statement of a view, with its segment. */
/* (A view may have no segment and a segment no statement, their pointers then
 * NULL: no arithmetic is done on them, as C forbids even NULL + 0.) */
#define ud_view_for_each(view, sg, s) \
    for (const ud_seg *sg = (view)->segs; (view)->nsegs && sg < (view)->segs + (view)->nsegs; \
         sg++) \
        for (const ud_stmt *s = sg->n ? sg->owner->stmts + sg->first : NULL; \
             s && s < sg->owner->stmts + sg->first + sg->n; s++)

/* Every statement of a view in the entries with one of the flags @eflags
 * (UD_EF_*): the others' segments are skipped without reading a statement. */
#define ud_view_for_each_in(view, eflags, sg, s) \
    for (const ud_seg *sg = (view)->segs; (view)->nsegs && sg < (view)->segs + (view)->nsegs; \
         sg++) \
        for (const ud_stmt *s = sg->n && (sg->owner->flags & (eflags)) \
                                    ? sg->owner->stmts + sg->first : NULL; \
             s && s < sg->owner->stmts + sg->first + sg->n; s++)

/* Does segment @sg hold statement @s? */
static inline int ud_seg_holds(const ud_seg *sg, const ud_stmt *s)
{
    return s >= sg->owner->stmts + sg->first && s < sg->owner->stmts + sg->first + sg->n;
}

/* Does view @v hold more than @n statements?  (Stops counting past @n.)  A
 * view that large is indexed rather than scanned per lookup. */
static inline int ud_view_larger_than(const ud_view *v, uint32_t n)
{
    uint32_t c = 0;
    for (uint32_t j = 0; j < v->nsegs && c <= n; j++)
        c += v->segs[j].n;
    return c > n;
}

/* The members (bit mask; members past 64 are not counted) whose view of user @u
 * holds statement @s. */
uint64_t ud_view_mask(const ud_resolved *r, uint32_t u, const ud_stmt *s);
/* Every member (bit mask) */
static inline uint64_t ud_all_members(const ud_resolved *r)
{
    return r->nmembers >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << r->nmembers) - 1);
}

/* The first entry of a name (USER, IDENTITY, PROFILE or SUBCONFIG), or NULL. */
const ud_entry *ud_lookup(const ud_directory *dir, const char *name);
/* The user index of a USER or IDENTITY name, or UINT32_MAX. */
uint32_t ud_user_index(const ud_directory *dir, const ud_resolved *r, const char *name);
/* The member index of a name, or -1. */
int ud_member_index(const ud_resolved *r, const char *name);
/* "member LTICVM2", or "this system" for the unnamed one (static or interned). */
const char *ud_member_label(const ud_resolved *r, uint32_t m, char *buf, size_t n);
/* The volume an MDISK of a view on member @m is on: &SYSRES becomes the
 * member's residence volume when it is known. */
const char *ud_mdisk_volume(const ud_resolved *r, uint32_t m, const ud_stmt *s);
/* Add a note at the INCLUDE or BUILD that pulled a segment's statements into
 * @user's definition (nothing for the user's own statements). */
void ud_note_origin(zvmc_ctx *ctx, zvmc_diag_int *d, const ud_entry *user, const ud_seg *seg);

/* Build ctx->directory->res (the dir-resolve pass calls this). 0, or ZVMC_ENOMEM. */
struct sc_model;
int ud_resolve(zvmc_ctx *ctx, const struct sc_model *model);

#endif
