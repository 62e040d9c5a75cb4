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

const char *ud_nearest_name(check_run *r, const char *name, unsigned kind)
{
    const ud_directory *dir = r->ctx->directory;
    suggest sg;
    suggest_init(&sg, name, 3);     /* one ordinary edit, or look-alikes */
    /* Callers ask only for findings that were recorded (the error limit bounds
     * them); the candidate cap keeps one search in a huge directory short, the
     * run's budget (suggest.c) all of them together. */
    uint32_t candidates = 0;
    for (uint32_t i = 0; i < dir->nentries && candidates < 5000; i++) {
        const ud_entry *e = dir->entries[i];
        if (e->kind != kind || !e->name || e->name == name)
            continue;
        candidates++;
        if (!suggest_try(r, &sg, e->name))
            break;
    }
    return sg.best;
}
