/* SPDX-License-Identifier: MIT */
/* Helpers shared by the directory checks (see dir_checks.h). */
#include <stdio.h>
#include <string.h>
#include "check/dir_checks.h"
#include "util/names.h"

void pass_dir_resolve(check_run *r)
{
    if (ud_resolve(r->ctx, r->cfg ? &r->model : NULL) != 0)
        r->ctx->oom = 1;
}

void ud_seen_init(ud_seen *s, check_run *r)
{
    symtab_init(&s->t, &r->ctx->alloc);
    s->a = &r->arena;
}

void ud_seen_free(ud_seen *s)
{
    symtab_free(&s->t);
}

int ud_seen_first(ud_seen *s, zvmc_ctx *ctx, const void *a, const void *b)
{
    const void *key[2] = { a, b };
    int is_new;
    symtab_slot *slot = symtab_put(&s->t, (const char *)key, sizeof key, &is_new);
    if (!slot) {
        ctx->oom = 1;
        return 0;
    }
    if (!is_new)
        return 0;
    /* The table keeps the key pointer: give it storage that outlives the call. */
    char *copy = arena_alloc(s->a, sizeof key);
    if (!copy) {
        slot->key = "";
        slot->len = 0;
        ctx->oom = 1;
        return 0;
    }
    memcpy(copy, key, sizeof key);
    slot->key = copy;
    slot->value = copy;
    return 1;
}

const char *ud_member_list(const ud_resolved *res, uint64_t mask, char *buf, size_t n)
{
    size_t len = 0;
    uint32_t count = 0, total = 0;
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++)
        if (mask & ((uint64_t)1 << m))
            total++;
    buf[0] = '\0';
    for (uint32_t m = 0; m < res->nmembers && m < 64; m++) {
        if (!(mask & ((uint64_t)1 << m)))
            continue;
        count++;
        const char *sep = count == 1 ? "" : count == total ? " and " : ", ";
        int w = snprintf(buf + len, n - len, "%s%s", sep, res->members[m] ? res->members[m] : "?");
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
    }
    return buf;
}

/* The names of the entries of @kind, in directory order, listed in the run's
 * arena on first use: a search scans those alone, not every entry (a search
 * for the IDENTITYs of a directory of 80,000 USERs, once per dangling LINK,
 * made dir-link-target quadratic).  NULL on ENOMEM (ctx->oom). */
_Static_assert(UD_E_POOL < CHECK_ENTRY_KINDS, "check_run.kind_names has a list for every kind");

static const char *const *names_of_kind(check_run *r, unsigned kind, uint32_t *n)
{
    const ud_directory *dir = r->ctx->directory;
    if (!r->kind_names[kind]) {
        uint32_t count = 0;
        for (uint32_t i = 0; i < dir->nentries; i++)
            count += dir->entries[i]->kind == kind && dir->entries[i]->name;
        const char **v = arena_alloc(&r->arena, ((size_t)count + 1) * sizeof *v);
        if (!v) {
            r->ctx->oom = 1;
            return NULL;
        }
        count = 0;
        for (uint32_t i = 0; i < dir->nentries; i++)
            if (dir->entries[i]->kind == kind && dir->entries[i]->name)
                v[count++] = dir->entries[i]->name;
        r->kind_names[kind] = v;
        r->kind_count[kind] = count;
    }
    *n = r->kind_count[kind];
    return r->kind_names[kind];
}

const char *ud_nearest_name(check_run *r, const char *name, unsigned kind)
{
    uint32_t n;
    const char *const *names;
    if (kind >= CHECK_ENTRY_KINDS || r->suggest_left == 0 || !(names = names_of_kind(r, kind, &n)))
        return NULL;
    suggest sg;
    suggest_init(&sg, name, 3);     /* one ordinary edit, or look-alikes */
    /* Callers ask only for findings that were recorded; the candidate cap
     * keeps one search in a huge directory short, the run's budget
     * (suggest.c) all of them together. */
    for (uint32_t i = 0, candidates = 0; i < n && candidates < 5000; i++) {
        if (names[i] == name)
            continue;
        candidates++;
        if (!suggest_try(r, &sg, names[i]))
            break;
    }
    return sg.best;
}
