/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "core/diag.h"
#include "core/suppress.h"

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
                s->next = ctx->supps;
                ctx->supps = s;
            }
        }
        i = j + 1;
    }
}

void supp_bind_pending(zvmc_ctx *ctx, uint32_t file, zvmc_loc scope)
{
    for (zvmc_supp *s = ctx->supps; s; s = s->next)
        if (s->marker.file == file && !loc_valid(s->scope))
            s->scope = scope;
}

int supp_covers(const zvmc_ctx *ctx, const char *check, zvmc_loc loc)
{
    if (!loc_valid(loc))
        return 0;
    for (const zvmc_supp *s = ctx->supps; s; s = s->next) {
        if (s->scope.file != loc.file || loc.begin < s->scope.begin || loc.begin > s->scope.end)
            continue;
        if (s->check == check || strcmp(s->check, "all") == 0 || strcmp(s->check, check) == 0)
            return 1;
    }
    return 0;
}
