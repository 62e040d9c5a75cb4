/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder_int.h - the builder's in-memory model, shared by
 * objdir_builder.c (which fills it) and objdir_serialize.c (which serializes it).
 *
 * Lean by design: a 100,000-guest cluster is a few hundred thousand records,
 * so nothing is allocated per user, per view or per string.
 *
 *  - Strings are interned once each into the builder's arena and named by a
 *    32-bit id (0 is the empty string).  Records hold ids, never pointers.
 *  - Every list record is kept as the file's own record: the same 32-bit
 *    words in the same order, with string ids where the file has pool
 *    offsets.  Serializing a record is storing its words big-endian, with
 *    each string id replaced by its pool offset (odb_strmask_()).
 *  - A view is an immutable blob of words in the arena (odb_view_words_):
 *    the file's view record (flags .. crypto domains), the five list
 *    counts, then the list records.  A user's identical views on several
 *    members point at one blob.  The view being filled (the "open" view) is
 *    mutable; it becomes a blob when the caller moves on to another view.
 *  - A user's relocation verdicts are one immutable row of words in the
 *    arena, shared by every user with the same verdicts (a cluster has a
 *    handful of distinct rows).  The user whose verdicts are being decided
 *    (the "open" verdicts) is mutable, as for views.
 *  - Tables (strings, rows) are open-addressing hash tables of ids.
 *
 * Every allocation goes through the builder's allocator (zvmc_odb_new_alloc()).
 */
#ifndef ZVMC_EMIT_OBJDIR_BUILDER_INT_H
#define ZVMC_EMIT_OBJDIR_BUILDER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emit/objdir_builder.h"
#include "util/alloc.h"
#include "util/arena.h"

#define ODB_NONE UINT32_MAX

/* An interned string, in the arena; its id is its index in b->strs. */
struct odb_str_ {
    uint32_t hash, len;
    uint32_t user;      /* 1 + the user whose upper-cased name this is; 0: none */
    uint32_t vol;       /* 1 + the volume of this volser; 0: none */
    char s[];
};

/* A growable array, through the builder's allocator. */
struct odb_vec_ {
    void *data;
    size_t n, cap;      /* in elements */
};

#define ODB_AT(vec, type, i) (((type *)(vec).data)[i])

/* Words per record of the lists kept as file records (string ids in place). */
enum {
    ODB_SYSID_W = 3,    /* kind, id, cpuid */
    ODB_CPOWNED_W = 2,  /* slot, volid */
    ODB_EQID_W = 4,     /* first, last, eqid, type */
    ODB_VSWITCH_W = 1,  /* name */
    ODB_DOMAIN_W = 2,   /* name, mask */
    ODB_MDISK_W = 9,    /* vaddr, devtype, volser, start, size, unit, kind, mode, flags */
    ODB_LINK_W = 4,     /* owner, owner_vaddr, vaddr, mode */
    ODB_DEDICATE_W = 4, /* vaddr, rdev, eqid, devtype */
    ODB_NICDEF_W = 5,   /* vaddr, type, conn, lan_owner, name */
    ODB_OPTION_W = 1,   /* text */
    ODB_REASON_W = 3,   /* code, vaddr, message */
    ODB_EXTENT_W = 4,   /* start, size, owner (user handle or ODB_NONE), vaddr */
};

/*
 * A view blob: ODB_VIEW_HEAD words as the file's view record holds them
 * (flags, logon high, logon low, max high, max low, privclasses, domain,
 * crypto, crypto domains), the five list counts, then the records of each
 * list in turn.
 */
enum { ODB_VIEW_HEAD = 9, ODB_VIEW_FIXED = ODB_VIEW_HEAD + 5, ODB_VIEW_LISTS = 5 };
enum { ODB_VH_FLAGS, ODB_VH_LOGON_HI, ODB_VH_LOGON_LO, ODB_VH_MAX_HI, ODB_VH_MAX_LO,
       ODB_VH_PRIV, ODB_VH_DOMAIN, ODB_VH_CRYPTO, ODB_VH_CRYPTO_DOMAINS };

/* Words per record of view list l, in blob order (mdisks, links, ...). */
static inline uint32_t odb_list_w_(int l)
{
    static const uint8_t w[ODB_VIEW_LISTS] = {
        ODB_MDISK_W, ODB_LINK_W, ODB_DEDICATE_W, ODB_NICDEF_W, ODB_OPTION_W,
    };

    return w[l];
}

/* Which words of a record are string ids, as a bit mask (bit i: word i). */
enum {
    ODB_SYSID_S = 0x6, ODB_CPOWNED_S = 0x2, ODB_EQID_S = 0xC, ODB_VSWITCH_S = 0x1,
    ODB_DOMAIN_S = 0x1, ODB_MDISK_S = 0x86, ODB_LINK_S = 0x9, ODB_DEDICATE_S = 0xC,
    ODB_NICDEF_S = 0x18, ODB_OPTION_S = 0x1, ODB_REASON_S = 0x4, ODB_VIEWHEAD_S = 0x160,
};

/* The string mask of view list l. */
static inline uint32_t odb_list_s_(int l)
{
    static const uint8_t s[ODB_VIEW_LISTS] = {
        ODB_MDISK_S, ODB_LINK_S, ODB_DEDICATE_S, ODB_NICDEF_S, ODB_OPTION_S,
    };

    return s[l];
}

/* The number of words of a view blob. */
static inline size_t odb_view_words_(const uint32_t *blob)
{
    size_t n = ODB_VIEW_FIXED;

    for (int l = 0; l < ODB_VIEW_LISTS; l++)
        n += (size_t)blob[ODB_VIEW_HEAD + l] * odb_list_w_(l);
    return n;
}

struct odb_member_ {
    uint32_t name, res, slot;
    struct odb_vec_ sysids, cpowned, eqids, vswitches;  /* uint32_t words */
};

struct odb_user_ {
    uint32_t name;          /* string id */
    uint32_t kind;          /* enum zvmc_user_kind */
    uint32_t row;           /* verdict row id; ODB_NONE: no verdict decided yet */
    uint32_t file_index;    /* position in the sorted user table, during a serialize */
};

struct odb_volume_ {
    uint32_t volser;        /* string id */
    uint32_t mask;
};

struct odb_extent_ {
    uint32_t vol;           /* volume handle */
    uint32_t w[ODB_EXTENT_W];
};

/* A verdict row: per ordered pair, one word (reasons << 2 | state) and then
 * its reasons (ODB_REASON_W words each). */
enum odb_verdict_state_ { ODB_UNDECIDED = 0, ODB_ELIGIBLE, ODB_REFUSED };

struct odb_row_ {
    uint32_t hash;
    uint32_t nwords;
    uint32_t w[];
};

/* The view being filled. */
struct odb_open_view_ {
    uint32_t user, member;  /* ODB_NONE: none open */
    uint32_t head[ODB_VIEW_HEAD];
    struct odb_vec_ list[ODB_VIEW_LISTS];   /* uint32_t words */
};

/* The verdicts being decided. */
struct odb_open_verdicts_ {
    uint32_t user;          /* ODB_NONE: none open */
    uint8_t *state;         /* [pairs] */
    struct odb_vec_ reasons;    /* uint32_t words: pair, code, vaddr, message */
};

/* An open-addressing table of ids (0 = empty slot), each with its hash, so
 * that a probe reads the entry itself only when the hashes agree. */
struct odb_slot_ {
    uint32_t id, hash;
};

struct odb_table_ {
    struct odb_slot_ *slot;
    uint32_t cap;           /* a power of two, or 0 */
    uint32_t n;
};

/* The last string interned from a caller's pointer, by pointer: compilers
 * hand the same interned or static strings over and over.  A hit is still
 * checked against the content, so a reused buffer is never mistaken. */
struct odb_pcache_ {
    const char *p;
    uint32_t id;
};

#define ODB_PCACHE 1024     /* a power of two */

struct zvmc_odb {
    zvmc_alloc alloc;
    arena mem;              /* strings, view blobs, verdict rows */
    uint32_t cluster_name, zvm_level;   /* string ids */
    struct odb_member_ members[ZVMC_OBJDIR_MAX_MEMBERS];
    uint32_t nmembers;
    bool members_frozen;    /* set by the first domain, volume or user */
    struct odb_vec_ domains;    /* uint32_t words */
    struct odb_vec_ users;      /* struct odb_user_ */
    struct odb_vec_ views;      /* const uint32_t *: [user * nmembers + member], NULL: not set */
    struct odb_vec_ volumes;    /* struct odb_volume_ */
    struct odb_vec_ extents;    /* struct odb_extent_, in call order */
    struct odb_vec_ strs;       /* struct odb_str_ *; [0] (NULL) is "" */
    struct odb_table_ strtab;   /* string ids by content */
    struct odb_pcache_ pcache[ODB_PCACHE];
    size_t str_bytes;       /* sum of len + 1 over the strings */
    struct odb_vec_ rows;       /* struct odb_row_ * */
    struct odb_table_ rowtab;   /* row ids + 1 by content */
    struct odb_vec_ scratch;    /* uint32_t words: a row being keyed */
    struct odb_open_view_ ov;
    struct odb_open_verdicts_ overd;
    uint32_t eligible_row;      /* the row of a user eligible for every move, once
                                 * there is one (most users): found without keying */
    uint32_t seed;              /* of the tables' hash (util/hashseed.h) */
};

/* Grow v to room for need elements of size bytes; 0 or -ZVMC_ERR_NOMEM. */
int odb_vec_reserve_(struct zvmc_odb *b, struct odb_vec_ *v, size_t size, size_t need);
/* Put the open view and the open verdicts into their immutable form. */
int odb_close_view_(struct zvmc_odb *b);
int odb_close_verdicts_(struct zvmc_odb *b);

/* zvmc_odb_serialize_file() with a window of @window bytes (tests use small
 * ones, so that every block crosses a window's end); 256 KiB by default. */
#define ODB_STREAM_WINDOW ((size_t)256 << 10)
int odb_serialize_file_(struct zvmc_odb *b, const char *path, size_t window);

/* CRC-32C of the bytes A then B, from those of A and of B and B's length. */
uint32_t odb_crc32c_combine_(uint32_t crc_a, uint32_t crc_b, uint64_t len_b);

/* The string of an id (NULL for 0, the empty string). */
static inline struct odb_str_ *odb_str_(const struct zvmc_odb *b, uint32_t id)
{
    return ODB_AT(b->strs, struct odb_str_ *, id);
}

#endif /* ZVMC_EMIT_OBJDIR_BUILDER_INT_H */
