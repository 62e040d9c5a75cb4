/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder.h - build an object directory in memory, serialize it to the
 * documented binary format (docs/objdir-format.md), and write it atomically.
 * Internal to the compiler library; the runtime reads what this writes.
 *
 * Usage, in this order:
 *   b = zvmc_odb_new();              (or zvmc_odb_new_alloc(&allocator))
 *   zvmc_odb_set_cluster(b, "LTICS1", "6.2");
 *   m = zvmc_odb_add_member(b, "LTICVM2", 1, "VM2RES");   (all members first)
 *   zvmc_odb_reserve(b, users, volumes, extents);          (optional, any time)
 *   zvmc_odb_member_sysid/cpowned/eqid/vswitch(b, m, ...);
 *   zvmc_odb_add_domain(b, ...); v = zvmc_odb_add_volume(b, "LXW001", mask);
 *   u = zvmc_odb_add_user(b, "LITSWAS1", ZVMC_USER_USER);
 *   zvmc_odb_set_view(b, u, m, &view);                     (defines u on m)
 *   zvmc_odb_view_mdisk/link/dedicate/nicdef/option(b, u, m, ...);
 *   or zvmc_odb_view_same(b, u, m, k);  (u on m as u on member k)
 *   zvmc_odb_reloc_eligible() or zvmc_odb_reloc_reason() for every ordered
 *     member pair of every user;
 *   zvmc_odb_volume_extent(b, v, &extent);                 (owner: a user handle)
 *   zvmc_odb_serialize(b, &img, &len);   (objdir_serialize.c)
 *   zvmc_odb_write_file(path, img, len); (objdir_write.c)
 *   free(img); zvmc_odb_free(b);          (img: the allocator's free)
 *
 * Every add/set function takes the same record type the runtime hands back
 * (struct zvmc_mdisk, ...).  Strings are copied (interned once each), so the
 * caller's strings need not outlive the call.  Handles (member, user, volume)
 * are the int the add function returned, in the order of the calls; users and
 * volumes are sorted by name only in the file.
 *
 * Calls may come in any order the rules above allow, but the builder is
 * fastest and leanest when each view is filled in one go (set, lists, set
 * again) and each user's verdicts are decided together: the view and the
 * verdicts being filled are kept open, and turned into their compact,
 * shared form when a call moves on to another (objdir_builder_int.h).
 * Every allocation, the image's included, goes through the allocator given
 * to zvmc_odb_new_alloc() (malloc/realloc/free for zvmc_odb_new()).
 *
 * All functions return >= 0 on success or a negative -ZVMC_ERR_* code:
 * -ZVMC_ERR_INVAL for a bad argument (NULL, unknown handle, empty name, enum
 * out of range, duplicate name, a call out of order) and -ZVMC_ERR_NOMEM.
 * A failed call leaves the builder as it was.
 */
#ifndef ZVMC_EMIT_OBJDIR_BUILDER_H
#define ZVMC_EMIT_OBJDIR_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#include "zvmc/runtime.h"
#include "zvmc/zvmc.h"

struct zvmc_odb;

/* A new, empty builder, or NULL when out of memory. */
struct zvmc_odb *zvmc_odb_new(void);

/* The same, allocating through @alloc (copied; NULL: malloc/realloc/free). */
struct zvmc_odb *zvmc_odb_new_alloc(const zvmc_allocator *alloc);

/*
 * A hint: about @users users, @volumes volumes and @extents extents will be
 * added (on top of those already there), so that the tables (the string
 * table for the users' names) are sized once instead of grown.  0, or -ZVMC_ERR_NOMEM (the builder is then as it was,
 * and still usable).
 */
int zvmc_odb_reserve(struct zvmc_odb *b, size_t users, size_t volumes, size_t extents);

/* Free a builder and everything it holds; NULL is a no-op. */
void zvmc_odb_free(struct zvmc_odb *b);

/* Cluster name and z/VM level (either may be NULL or "" for none). */
int zvmc_odb_set_cluster(struct zvmc_odb *b, const char *name, const char *zvm_level);

/*
 * Add an SSI member; returns its handle (0, 1, ... in call order, which is
 * also its index and mask bit in the file).  At most ZVMC_OBJDIR_MAX_MEMBERS,
 * names unique ignoring case, and only before the first domain, volume or
 * user is added (they refer to the member set).
 */
int zvmc_odb_add_member(struct zvmc_odb *b, const char *name, uint32_t slot,
                        const char *res_volume);

/* Append to a member's System_Identifier, CP_Owned, EQID and VSWITCH lists. */
int zvmc_odb_member_sysid(struct zvmc_odb *b, int member, const struct zvmc_sysid *s);
int zvmc_odb_member_cpowned(struct zvmc_odb *b, int member, const struct zvmc_cpowned *c);
int zvmc_odb_member_eqid(struct zvmc_odb *b, int member, const struct zvmc_eqid *e);
int zvmc_odb_member_vswitch(struct zvmc_odb *b, int member, const char *name);

/* A relocation domain; its mask may name only members already added. */
int zvmc_odb_add_domain(struct zvmc_odb *b, const struct zvmc_domain *d);

/* A volume (volser unique, exact case); returns its handle. */
int zvmc_odb_add_volume(struct zvmc_odb *b, const char *volser, uint32_t member_mask);

/* An extent on a volume; e->owner is a user handle or -1. */
int zvmc_odb_volume_extent(struct zvmc_odb *b, int vol, const struct zvmc_extent *e);

/* A USER or IDENTITY (name unique ignoring case); returns its handle. */
int zvmc_odb_add_user(struct zvmc_odb *b, const char *name, enum zvmc_user_kind kind);

/*
 * Define the user on a member: flags (ZVMC_VIEW_*), storage, privilege
 * classes, relocation domain and crypto come from *v; its *_count fields
 * are ignored.  Calling it again replaces those fields and keeps the lists.
 */
int zvmc_odb_set_view(struct zvmc_odb *b, int user, int member, const struct zvmc_view *v);

/*
 * Define the user on @member exactly as it is on member @as (which must be
 * set): the same fields and lists, one record in the file.  Calls on either
 * view afterwards change that view only.
 */
int zvmc_odb_view_same(struct zvmc_odb *b, int user, int member, int as);

/* Append to the lists of a view set with zvmc_odb_set_view(). */
int zvmc_odb_view_mdisk(struct zvmc_odb *b, int user, int member, const struct zvmc_mdisk *md);
int zvmc_odb_view_link(struct zvmc_odb *b, int user, int member, const struct zvmc_link *l);
int zvmc_odb_view_dedicate(struct zvmc_odb *b, int user, int member, const struct zvmc_dedicate *d);
int zvmc_odb_view_nicdef(struct zvmc_odb *b, int user, int member, const struct zvmc_nicdef *n);
int zvmc_odb_view_option(struct zvmc_odb *b, int user, int member, const char *option);

/*
 * The relocation verdict of user from member `from` to member `to`: either
 * eligible, or refused with one or more reasons (vaddr ZVMC_NO_VADDR when
 * the reason is not about a device).  Every ordered pair of every user must
 * be decided before serializing; marking a refused pair eligible, or adding
 * a reason to an eligible one, is -ZVMC_ERR_INVAL.  Keep the user id out of
 * the message (the reader knows which user it asked about): users whose
 * verdicts are equal then share one row in the file.
 */
int zvmc_odb_reloc_eligible(struct zvmc_odb *b, int user, int from, int to);
/* Every move of @user from member @from is eligible: zvmc_odb_reloc_eligible()
 * to each other member, in one call. */
int zvmc_odb_reloc_eligible_from(struct zvmc_odb *b, int user, int from);
int zvmc_odb_reloc_reason(struct zvmc_odb *b, int user, int from, int to,
              enum zvmc_reloc_reason code, uint32_t vaddr, const char *message);

/*
 * Serialize to an image (*img, *len) from the builder's allocator (malloc
 * for zvmc_odb_new()); the caller frees it.  The same
 * model always gives the same bytes, whatever order users and volumes were
 * added in.  Identical views of one user and identical verdict rows are
 * stored once.  May be called more than once.
 *
 * returns 0, -ZVMC_ERR_INVAL (a verdict left undecided), -ZVMC_ERR_NOMEM, or
 * -ZVMC_ERR_TOOBIG (the image would exceed 4 GiB, or a hash index within the
 * probe bound cannot be built).
 */
int zvmc_odb_serialize(struct zvmc_odb *b, uint8_t **img, size_t *len);

/*
 * The same, with @lead bytes of the caller's before the image: *block is a
 * huge_* block from the builder's allocator (free it with huge_free(), see
 * util/hugepage.h; never free() or zalloc_free()), the image starts at
 * *block + @lead.  @lead must keep the image 8-byte aligned.
 */
int zvmc_odb_serialize_lead(struct zvmc_odb *b, size_t lead, uint8_t **block, size_t *len);

/*
 * Serialize straight to a file, atomically as zvmc_odb_write_file() writes
 * one: the same bytes as zvmc_odb_serialize() gives, but the image is never
 * in memory whole (it goes out through a window of ODB_STREAM_WINDOW bytes,
 * the header last), so a compile's peak memory does not include it.
 *
 * returns what zvmc_odb_serialize() and zvmc_odb_write_file() return.
 */
int zvmc_odb_serialize_file(struct zvmc_odb *b, const char *path);

/*
 * Write an image to path atomically: a temporary file in the same directory,
 * write() straight from img, fsync, rename, then fsync of the directory.  On any
 * failure the temporary file is removed and an existing file at path is left
 * untouched.  The new file takes the old file's permission bits, or 0644.
 *
 * returns 0, -ZVMC_ERR_INVAL (NULL argument) or -ZVMC_ERR_IO (errno is kept)
 * or -ZVMC_ERR_NOMEM.
 */
int zvmc_odb_write_file(const char *path, const void *img, size_t len);

/* The same, allocating (the temporary file's name) through @alloc (NULL: malloc). */
int zvmc_odb_write_file_alloc(const zvmc_allocator *alloc, const char *path, const void *img,
                  size_t len);

/* A builder's or writer's return (-ZVMC_ERR_*) as a library code (ZVMC_E*):
 * the one conversion, for compile and for the public zvmc_outfile_*(). */
static inline int compile_rc(int odb_rc)
{
    switch (odb_rc) {
    case 0: return 0;
    case -ZVMC_ERR_NOMEM: return ZVMC_ENOMEM;
    case -ZVMC_ERR_TOOBIG: return ZVMC_ETOOBIG;
    case -ZVMC_ERR_IO: return ZVMC_EIO;
    default: return odb_rc >= 0 ? 0 : ZVMC_EINVAL;
    }
}

#endif /* ZVMC_EMIT_OBJDIR_BUILDER_H */
