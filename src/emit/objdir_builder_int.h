/* SPDX-License-Identifier: MIT */
/*
 * objdir_builder_int.h - the builder's in-memory model, shared by
 * objdir_builder.c (which fills it) and objdir_serialize.c (which serializes it).
 *
 * Records are kept as the runtime's own public structs; their string fields
 * point at interned strings (struct odb_str_), so each distinct string is
 * held once and the serializer finds its pool offset in O(1).
 */
#ifndef ZVMC_EMIT_OBJDIR_BUILDER_INT_H
#define ZVMC_EMIT_OBJDIR_BUILDER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* uthash must report out-of-memory to us (the element's hh.tbl stays NULL), not exit. */
#define HASH_NONFATAL_OOM 1
#include <uthash.h>

#include "emit/objdir_builder.h"

/* An interned string; s[] is what records point at. */
struct odb_str_ {
    UT_hash_handle hh;
    uint32_t off;       /* pool offset during a serialize, else stale */
    char s[];
};

/* A growable array of fixed-size elements. */
struct odb_vec_ {
    void *data;
    size_t n, cap;
};

#define ODB_AT(vec, type, i) (((type *)(vec).data)[i])

struct odb_member_ {
    const char *name, *res;
    uint32_t slot;
    struct odb_vec_ sysids;     /* struct zvmc_sysid */
    struct odb_vec_ cpowned;    /* struct zvmc_cpowned */
    struct odb_vec_ eqids;      /* struct zvmc_eqid */
    struct odb_vec_ vswitches;  /* const char * */
};

struct odb_view_ {
    bool present;
    struct zvmc_view v;     /* scalar fields; counts unused */
    struct odb_vec_ mdisks;     /* struct zvmc_mdisk */
    struct odb_vec_ links;      /* struct zvmc_link */
    struct odb_vec_ dedicates;  /* struct zvmc_dedicate */
    struct odb_vec_ nicdefs;    /* struct zvmc_nicdef */
    struct odb_vec_ options;    /* const char * */
};

enum odb_verdict_state_ { ODB_UNDECIDED = 0, ODB_ELIGIBLE, ODB_REFUSED };

struct odb_verdict_ {
    enum odb_verdict_state_ state;
    struct odb_vec_ reasons;    /* struct zvmc_reason */
};

struct odb_user_ {
    const char *name;
    enum zvmc_user_kind kind;
    uint32_t file_index;        /* position in the sorted user table */
    struct odb_view_ *views;    /* [member count] */
    struct odb_verdict_ *verdicts;  /* [m * (m - 1)], by zvmc_od_pair_() */
};

struct odb_volume_ {
    const char *volser;
    uint32_t mask;
    struct odb_vec_ extents;    /* struct zvmc_extent, owner = user handle */
};

/* A name already taken, for duplicate detection. */
struct odb_name_ {
    UT_hash_handle hh;
    char key[];
};

struct zvmc_odb {
    const char *cluster_name, *zvm_level;
    struct odb_vec_ members;    /* struct odb_member_ */
    struct odb_vec_ domains;    /* struct zvmc_domain */
    struct odb_vec_ users;      /* struct odb_user_ */
    struct odb_vec_ volumes;    /* struct odb_volume_ */
    bool members_frozen;        /* set by the first domain, volume or user */
    struct odb_str_ *strings;   /* interned strings (uthash) */
    struct odb_name_ *user_names;   /* upper-cased user names taken */
    struct odb_name_ *volsers;  /* volsers taken */
};

/* The pool offset slot of an interned string, or NULL for "" (offset 0). */
static inline struct odb_str_ *odb_str_entry_(const char *s)
{
    if (!s || !*s)
        return NULL;
    return (struct odb_str_ *)(void *)((char *)(uintptr_t)s - offsetof(struct odb_str_, s));
}

#endif /* ZVMC_EMIT_OBJDIR_BUILDER_INT_H */
