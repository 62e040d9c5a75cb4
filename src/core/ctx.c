/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include "core/ctx.h"
#include "core/diag.h"
#include "core/suppress.h"
#include "util/filemap.h"
#include "util/hugepage.h"
#include "util/names.h"
#include "parse/directory_parse.h"
#include "parse/sysconfig_parse.h"
#include "check/check.h"

const char *zvmc_version(void) { return ZVMC_VERSION_STRING; }

const char *zvmc_errmsg(int code)
{
    switch (code) {
    case 0: return "success";
    case ZVMC_ENOMEM: return "out of memory";
    case ZVMC_EIO: return "input/output error";
    case ZVMC_EINVAL: return "invalid argument";
    case ZVMC_EUNKNOWN_CHECK: return "no check has that name";
    case ZVMC_ETOOBIG: return "input exceeds the size limit";
    case ZVMC_EKIND: return "cannot tell what kind of file this is";
    case ZVMC_ENOMEMBER_VIEW: return "the SYSTEM CONFIG defines no system of that name";
    default: return "unknown error";
    }
}

const zvmc_alloc *ctx_alloc(const zvmc_ctx *ctx) { return &ctx->alloc; }

zvmc_ctx *zvmc_ctx_new(const zvmc_allocator *alloc)
{
    const zvmc_alloc *a = alloc ? alloc : zalloc_default();
    zvmc_ctx *ctx = zalloc_calloc(a, 1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->alloc = *a;
    arena_init(&ctx->arena, &ctx->alloc);
    interner_init(&ctx->names, &ctx->alloc);
    symtab_init(&ctx->levels, &ctx->alloc);
    ctx->max_errors = 50;
    ctx->zvm_version = 7;   /* newest level we know: 7.4 */
    ctx->zvm_release = 4;
    return ctx;
}


void zvmc_ctx_free(zvmc_ctx *ctx)
{
    if (!ctx)
        return;
    check_run_free(ctx);    /* before the trees it points into */
    sysconfig_free(ctx);
    directory_free(ctx);
    for (uint32_t i = 0; i < ctx->nsources; i++) {
        source_free_data(ctx, &ctx->sources[i]);
        zalloc_free(&ctx->alloc, ctx->sources[i].lines);
    }
    zalloc_free(&ctx->alloc, ctx->sources);
    zalloc_free(&ctx->alloc, ctx->diags);
    supp_free(ctx);
    interner_free(&ctx->names);
    symtab_free(&ctx->levels);
    arena_free_all(&ctx->arena);
    zvmc_alloc a = ctx->alloc;
    zalloc_free(&a, ctx);
}

static const char *intern(zvmc_ctx *ctx, const char *s, size_t n, int upper)
{
    char tmp[256];
    const char *key = s;
    if (upper) {
        if (n >= sizeof tmp)
            n = sizeof tmp - 1;     /* names longer than this are errors anyway */
        for (size_t i = 0; i < n; i++)
            tmp[i] = ascii_upper(s[i]);
        key = tmp;
    }
    const char *name = interner_get(&ctx->names, &ctx->arena, key, n);
    if (!name)
        ctx->oom = 1;
    return name;
}

const char *ctx_intern_upper(zvmc_ctx *ctx, const char *s, size_t n) { return intern(ctx, s, n, 1); }
const char *ctx_intern(zvmc_ctx *ctx, const char *s, size_t n) { return intern(ctx, s, n, 0); }

static void too_big(zvmc_ctx *ctx, const char *name)
{
    diag_report(ctx, "input", ZVMC_SEV_ERROR, loc_none(), "%s: file is larger than the %zu MiB limit",
                name, ZVMC_MAX_FILE_SIZE >> 20);
}

int zvmc_add_buffer(zvmc_ctx *ctx, const char *name, const char *data, size_t len,
                    zvmc_file_kind kind)
{
    if (!ctx || !name || (!data && len))
        return ZVMC_EINVAL;
    int rc = ctx_add_source(ctx, name, data ? data : "", len, kind);
    if (rc == ZVMC_ETOOBIG)
        too_big(ctx, name);
    if (rc == 0)
        ctx->sources[ctx->nsources - 1].in_memory = 1;
    return rc;
}

int zvmc_add_file(zvmc_ctx *ctx, const char *path, zvmc_file_kind kind)
{
    if (!ctx || !path)
        return ZVMC_EINVAL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_report(ctx, "input", ZVMC_SEV_ERROR, loc_none(), "cannot open '%s': %s", path,
                    strerror(errno));
        return ZVMC_EIO;
    }
    /* Read straight into the buffer the context keeps: sized from fstat when the
     * file is a regular file, grown for pipes and the like. */
    struct stat st;
    /* Room for the whole file, its NUL, and one byte more, so that the read
     * which meets end-of-file needs no growth (growing would copy the file). */
    size_t cap = (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0)
               ? (size_t)st.st_size + 2 : 65536;
    if (cap > ZVMC_MAX_FILE_SIZE + 2)
        cap = ZVMC_MAX_FILE_SIZE + 2;
    if (ctx->map_files && S_ISREG(st.st_mode) && (uintmax_t)st.st_size <= ZVMC_MAX_FILE_SIZE) {
        const char *m = filemap_map(fileno(f), (size_t)st.st_size);
        if (m) {
            fclose(f);
            int rc = ctx_add_source_mapped(ctx, path, m, (size_t)st.st_size, kind);
            if (rc != 0)
                filemap_unmap(m, (size_t)st.st_size);
            return rc;
        }
    }
    char *buf = huge_alloc(&ctx->alloc, cap);
    size_t len = 0;
    int rc = buf ? 0 : ZVMC_ENOMEM;
    while (rc == 0) {
        if (len + 1 >= cap) {
            if (cap > ZVMC_MAX_FILE_SIZE) {
                rc = ZVMC_ETOOBIG;
                break;
            }
            size_t ncap = cap * 2;
            char *n = huge_realloc(&ctx->alloc, buf, len, ncap);
            if (!n) {
                rc = ZVMC_ENOMEM;
                break;
            }
            buf = n;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - 1 - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                diag_report(ctx, "input", ZVMC_SEV_ERROR, loc_none(), "cannot read '%s': %s",
                            path, strerror(errno));
                rc = ZVMC_EIO;
            }
            break;
        }
    }
    fclose(f);
    if (rc == 0 && len > ZVMC_MAX_FILE_SIZE)
        rc = ZVMC_ETOOBIG;
    if (rc == 0)
        rc = ctx_add_source_owned(ctx, path, buf, len, kind);
    if (rc == ZVMC_ETOOBIG)
        too_big(ctx, path);
    if (rc != 0)
        huge_free(&ctx->alloc, buf);
    return rc;
}

void zvmc_set_werror(zvmc_ctx *ctx, int on) { ctx->werror = on != 0; }
void zvmc_set_map_files(zvmc_ctx *ctx, int on) { ctx->map_files = on != 0; }
void zvmc_set_max_errors(zvmc_ctx *ctx, unsigned n) { ctx->max_errors = n; }
void zvmc_set_follow_imbed(zvmc_ctx *ctx, int on) { ctx->no_imbed = on == 0; }

int zvmc_set_zvm_level(zvmc_ctx *ctx, const char *vr)
{
    int v, r;
    char tail;
    if (!vr || sscanf(vr, "%d.%d%c", &v, &r, &tail) != 2 || v < 5 || v > 7 || r < 0 || r > 9)
        return ZVMC_EINVAL;
    ctx->zvm_version = v;
    ctx->zvm_release = r;
    return 0;
}

int zvmc_set_member(zvmc_ctx *ctx, const char *name)
{
    if (!name) {
        ctx->member = NULL;
        return 0;
    }
    const char *m = ctx_intern_upper(ctx, name, strlen(name));
    if (!m)
        return ZVMC_ENOMEM;
    ctx->member = m;
    return 0;
}
