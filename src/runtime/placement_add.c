/* SPDX-License-Identifier: MIT */
/*
 * placement_add.c - record one running guest: check its user id, find it
 * in the object directory, check it is defined on its member, take the
 * directory's logon storage when none was given, and settle duplicates
 * (a USER runs on one member at a time; a VMRELOCATE STATUS line, newer
 * than a QUERY NAMES listing, overrides it).
 */
#include <string.h>

#include "runtime/plan_internal.h"

/* Letters, digits and @ # $ _ - : what a user id may hold (UNCONFIRMED: _ and -). */
static int userid_char_(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '@' || c == '#' || c == '$' || c == '_' || c == '-';
}

static const char *member_name_(const struct zvmc_placement *pl, int m)
{
    return zvmc_pl_member_name_(pl->od, m);
}

/* Settle an earlier entry x of the same user; 1 when the new one is used up. */
static int duplicate_(struct zvmc_pl_parse_ *ps, struct zvmc_pl_entry_ *x, const char *name,
              int identity, int member, const uint64_t *storage,
              enum zvmc_placement_source source, uint64_t bytes)
{
    char a[32], b[32];

    if (x->member == member) {
        if (storage && x->storage_given && x->storage != *storage) {
            zvmc_pl_size_str_(x->storage, a, sizeof(a));
            zvmc_pl_size_str_(*storage, b, sizeof(b));
            zvmc_pl_bad_(ps, "%s on %s already has %s (placed at line %u), not %s", name,
                     member_name_(ps->pl, member), a, (unsigned)x->line, b);
        } else if (storage && !x->storage_given) {
            x->storage = *storage;  /* a size given later completes a QUERY NAMES entry */
            x->storage_given = 1;
        }
        return 1;
    }
    if (identity)
        return 0;   /* an IDENTITY runs one instance on each member */
    if (source == ZVMC_PLACEMENT_VMRELOCATE && x->source != ZVMC_PLACEMENT_VMRELOCATE) {
        x->member = member;     /* in flight: it is about to run on its target */
        if (storage || !x->storage_given) {
            x->storage = bytes;
            x->storage_given = storage != NULL;
        }
        x->source = (uint8_t)source;
        x->line = ps->line;
        return 1;
    }
    if (x->source == ZVMC_PLACEMENT_VMRELOCATE && source != ZVMC_PLACEMENT_VMRELOCATE)
        return 1;
    zvmc_pl_bad_(ps, "%s is already placed on %s (line %u); a USER runs on one member at a time",
             name, member_name_(ps->pl, x->member), (unsigned)x->line);
    return 1;
}

/* The user's index and storage on member; 0, or 1 when the line was reported bad. */
static int resolve_(struct zvmc_pl_parse_ *ps, const char *name, int member,
            const uint64_t *storage, int *user, int *identity, uint64_t *bytes)
{
    const struct zvmc_objdir *od = ps->pl->od;
    struct zvmc_user u;
    struct zvmc_view v;

    *user = zvmc_user_find(od, name);
    *identity = 0;
    *bytes = storage ? *storage : 0;
    if (*user < 0) {
        *user = -1;     /* not in the object directory: the planner says so */
        return 0;
    }
    if (zvmc_user_get(od, *user, &u) || !(u.member_mask & (1u << member))) {
        zvmc_pl_bad_(ps, "%s is not defined for member %s in the object directory", name,
                 member_name_(ps->pl, member));
        return 1;
    }
    *identity = u.kind == ZVMC_USER_IDENTITY;
    if (!storage && zvmc_view_get(od, *user, member, &v) == 0)
        *bytes = v.logon_storage;
    return 0;
}

int zvmc_pl_add_(struct zvmc_pl_parse_ *ps, const char *word, size_t len, int member,
         const uint64_t *storage, enum zvmc_placement_source source)
{
    struct zvmc_placement *pl = ps->pl;
    struct zvmc_pl_entry_ *e;
    char name[16];
    int user, identity, rc;
    uint64_t bytes;
    long off;
    void *arr;

    if (len == 0 || len > 8)
        return zvmc_pl_bad_(ps, "'%.*s' is not a user id (1 to 8 letters, digits, @ # $ _ -)",
                    (int)(len > 64 ? 64 : len), word);
    for (size_t i = 0; i < len; i++) {
        if (!userid_char_(word[i]))
            return zvmc_pl_bad_(ps, "'%.*s' is not a user id (1 to 8 letters, digits, @ # $ _ -)",
                        (int)len, word);
        name[i] = (word[i] >= 'a' && word[i] <= 'z') ? (char)(word[i] - 32) : word[i];
    }
    name[len] = '\0';
    if (resolve_(ps, name, member, storage, &user, &identity, &bytes))
        return 0;
    for (int32_t x = user >= 0 ? pl->head[user] : -1; x >= 0; x = pl->e[x].next)
        if (duplicate_(ps, &pl->e[x], name, identity, member, storage, source, bytes))
            return 0;
    arr = pl->e;
    rc = zvmc_pl_reserve_(&pl->alloc, &arr, &pl->cap, pl->n + 1, sizeof(*pl->e));
    pl->e = arr;
    if (rc)
        return rc;
    off = zvmc_pl_pool_add_(&pl->alloc, &pl->pool, name, len);
    if (off < 0)
        return (int)off;
    e = &pl->e[pl->n];
    *e = (struct zvmc_pl_entry_){ .user = user, .member = member, .name = (uint32_t)off,
                      .line = ps->line, .next = -1, .storage = bytes,
                      .storage_given = storage != NULL, .source = (uint8_t)source };
    if (user >= 0) {
        int32_t *link = &pl->head[user];

        while (*link >= 0)
            link = &pl->e[*link].next;
        *link = (int32_t)pl->n;
    }
    pl->n++;
    return 0;
}
