/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "core/diag.h"
#include "core/suppress.h"

#define NO_GROUP UINT32_MAX

/* The index slot of @file, made on first use; NULL when out of memory. */
static supp_file *file_slot(zvmc_ctx *ctx, uint32_t file)
{
    if (file >= ctx->nsupp_files) {
        uint32_t n = ctx->nsupp_files ? ctx->nsupp_files : 4;
        while (n <= file)
            n = n > UINT32_MAX / 2 ? file + 1 : n * 2;
        supp_file *v = zalloc_realloc(&ctx->alloc, ctx->supp_files, (size_t)n * sizeof *v);
        if (!v) {
            ctx->oom = 1;
            return NULL;
        }
        memset(v + ctx->nsupp_files, 0, (size_t)(n - ctx->nsupp_files) * sizeof *v);
        ctx->supp_files = v;
        ctx->nsupp_files = n;
    }
    return &ctx->supp_files[file];
}

const char *supp_find_marker(const char *text, size_t len, size_t *list_len)
{
    static const char key[] = "zvmc:";
    for (size_t i = 0; i + sizeof key - 1 <= len; i++) {
        if (memcmp(text + i, key, sizeof key - 1) != 0)
            continue;
        size_t j = i + sizeof key - 1;
        while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (len - j < 8 || memcmp(text + j, "disable=", 8) != 0)
            continue;
        j += 8;
        size_t k = j;
        while (k < len && text[k] != ' ' && text[k] != '\t' && text[k] != '\r' &&
               text[k] != '\n' && !(text[k] == '*' && k + 1 < len && text[k + 1] == '/'))
            k++;
        *list_len = k - j;
        return text + j;
    }
    return NULL;
}

/* The check table lives in src/check/registry.c; the diagnostics engine asks it
 * two questions: is a name a check, and is a check on by default. */
int check_known(const char *name, size_t len, const char **interned_name);
const char *check_nearest(const char *name, size_t len);

void supp_add(zvmc_ctx *ctx, const char *list, size_t len, zvmc_loc marker)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && list[j] != ',')
            j++;
        if (j > i) {
            const char *name = NULL;
            if (j - i == 3 && memcmp(list + i, "all", 3) == 0) {
                name = "all";
            } else if (!check_known(list + i, j - i, &name)) {
                zvmc_diag_int *d = diag_report(ctx, "unknown-check", ZVMC_SEV_WARNING, marker,
                    "the suppression names '%.*s', which is not a check; see "
                    "'zvmc check --list-checks'", (int)(j - i), list + i);
                const char *near = check_nearest(list + i, j - i);
                if (near)
                    diag_note(ctx, d, loc_none(), "did you mean '%s'?", near);
            }
            if (name) {
                zvmc_supp *s = arena_zalloc(&ctx->arena, sizeof *s);
                if (!s) {
                    ctx->oom = 1;
                    return;
                }
                s->check = name;
                s->marker = marker;
                s->scope = loc_none();
                if (loc_valid(marker)) {
                    supp_file *f = file_slot(ctx, marker.file);
                    if (!f)
                        return;
                    s->link = f->pending;
                    f->pending = s;
                }
                s->next = ctx->supps;
                ctx->supps = s;
            }
        }
        i = j + 1;
    }
}

/* Binding used to walk every suppression of the run at each statement, and a
 * finding every bound one: 80,000 USERs each under a marker took 23.6 s
 * (20,000: 1.6 s), 80,000 SYSTEM CONFIG statements each under one 4.8 s.  Now
 * a statement touches only its file's pending markers, and a finding only the
 * groups that can hold its place. */
void supp_bind_pending(zvmc_ctx *ctx, uint32_t file, zvmc_loc scope)
{
    if (file >= ctx->nsupp_files || !ctx->supp_files[file].pending || !loc_valid(scope))
        return;     /* (a scope in no file binds nothing: the markers keep waiting) */
    zvmc_supp *first = ctx->supp_files[file].pending;
    ctx->supp_files[file].pending = NULL;
    for (zvmc_supp *s = first; s; s = s->link)
        s->scope = scope;
    supp_file *f = file_slot(ctx, scope.file);
    if (!f)
        return;
    if (f->ngroups == f->cap) {
        uint32_t cap = f->cap ? f->cap * 2 : 16;
        supp_group *v = cap > f->cap ? zalloc_realloc(&ctx->alloc, f->groups, (size_t)cap * sizeof *v)
                                     : NULL;
        if (!v) {
            ctx->oom = 1;
            return;
        }
        f->groups = v;
        f->cap = cap;
    }
    uint32_t parent = NO_GROUP;
    if (f->ngroups && scope.begin < f->groups[f->ngroups - 1].scope.begin)
        f->unsorted = 1;
    if (!f->unsorted) {
        /* The earlier groups holding scope.begin are the last one and those
         * on its chain (each holds the begin of the one it is the parent of,
         * and the begins only grow); those passed over end before every later
         * begin, so each is passed over once. */
        parent = f->ngroups ? f->ngroups - 1 : NO_GROUP;
        while (parent != NO_GROUP && f->groups[parent].scope.end < scope.begin)
            parent = f->groups[parent].parent;
    }
    supp_group *g = &f->groups[f->ngroups++];
    g->scope = scope;
    g->parent = parent;
    g->first = first;
}

/* The first group of @f (sorted) that begins after @begin, or at it when
 * !@after. */
static uint32_t first_at(const supp_file *f, uint32_t begin, int after)
{
    uint32_t lo = 0, hi = f->ngroups;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t b = f->groups[mid].scope.begin;
        if (b < begin || (after && b == begin))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void end_group(supp_group *g, uint32_t begin, uint32_t end)
{
    if (g->scope.begin != begin || g->scope.end != UINT32_MAX)
        return;
    g->scope.end = end;
    for (zvmc_supp *s = g->first; s; s = s->link)
        s->scope.end = end;
}

void supp_end_open(zvmc_ctx *ctx, uint32_t file, uint32_t begin, uint32_t end)
{
    if (file >= ctx->nsupp_files)
        return;
    supp_file *f = &ctx->supp_files[file];
    uint32_t i = f->unsorted ? 0 : first_at(f, begin, 0);
    for (; i < f->ngroups && (f->unsorted || f->groups[i].scope.begin == begin); i++)
        end_group(&f->groups[i], begin, end);
}

static int group_names(const supp_group *g, const char *check)
{
    for (const zvmc_supp *s = g->first; s; s = s->link)
        if (s->check == check || strcmp(s->check, "all") == 0 || strcmp(s->check, check) == 0)
            return 1;
    return 0;
}

static int group_covers(const supp_group *g, const char *check, zvmc_loc loc)
{
    return loc.begin >= g->scope.begin && loc.begin <= g->scope.end && group_names(g, check);
}

int supp_covers(const zvmc_ctx *ctx, const char *check, zvmc_loc loc)
{
    if (!loc_valid(loc) || loc.file >= ctx->nsupp_files)
        return 0;
    const supp_file *f = &ctx->supp_files[loc.file];
    if (f->unsorted) {
        for (uint32_t i = 0; i < f->ngroups; i++)
            if (group_covers(&f->groups[i], check, loc))
                return 1;
        return 0;
    }
    /* A group that covers loc begins at or before it, so at or before the
     * last such group, and so holds that group's begin: it is that group or
     * on its chain. */
    uint32_t i = first_at(f, loc.begin, 1);
    for (uint32_t g = i ? i - 1 : NO_GROUP; g != NO_GROUP; g = f->groups[g].parent)
        if (group_covers(&f->groups[g], check, loc))
            return 1;
    return 0;
}

void supp_free(zvmc_ctx *ctx)
{
    for (uint32_t i = 0; i < ctx->nsupp_files; i++)
        zalloc_free(&ctx->alloc, ctx->supp_files[i].groups);
    zalloc_free(&ctx->alloc, ctx->supp_files);
    ctx->supp_files = NULL;
    ctx->nsupp_files = 0;
}
