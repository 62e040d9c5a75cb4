/* SPDX-License-Identifier: MIT */
/* The public entry points of <zvmc/compile.h>: compile, write, XML. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "core/ctx.h"
#include "emit/compile.h"
#include "util/hugepage.h"
#include "zvmc/compile.h"
#include "zvmc/relocate.h"

const char *zvmc_compile_errmsg(int code)
{
    switch (code) {
    case ZVMC_EERRORS: return "the inputs have errors; nothing was compiled (--force compiles anyway)";
    case ZVMC_ENOCLUSTER:
        return "a SYSTEM CONFIG naming the members (SSI or System_Identifier) and a source "
               "directory are both needed";
    case ZVMC_ENOTRUN: return "the checks have not run on this context";
    case ZVMC_ETOOBIG:
        return "too large for an object directory (more than 32 members, a member name longer "
               "than 64 characters, user names that collide in every seed of its hash index, or 4 GiB)";
    case ZVMC_ENOMEMBER: return "no member of that name";
    default: return zvmc_errmsg(code);
    }
}

static int ready(const zvmc_ctx *ctx, unsigned flags)
{
    if (!ctx->ran)
        return ZVMC_ENOTRUN;
    if (ctx->oom)
        return ZVMC_ENOMEM;
    if (zvmc_count(ctx, ZVMC_SEV_ERROR) && !(flags & ZVMC_COMPILE_FORCE))
        return ZVMC_EERRORS;
    if (!ctx->run || !ctx->config || !ctx->directory || !ctx->directory->res)
        return ZVMC_ENOCLUSTER;
    return 0;
}

int compile_build(zvmc_ctx *ctx, struct zvmc_odb **out)
{
    compile_state st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.run = ctx->run;
    st.res = ctx->directory->res;
    st.dev = ctx->run->devices;
    arena_init(&st.scratch, &ctx->alloc);
    st.b = zvmc_odb_new_alloc(&ctx->alloc);
    int rc = st.b ? 0 : ZVMC_ENOMEM;
    if (rc == 0)
        rc = compile_cluster(&st);
    if (rc == 0)    /* the user tables, sized once */
        rc = compile_rc(zvmc_odb_reserve(st.b, st.res->nusers, 0, 0));
    if (rc == 0)
        rc = compile_users(&st);
    if (rc == 0)
        rc = compile_volumes(&st);
    huge_free(&ctx->alloc, st.ext);
    arena_free_all(&st.scratch);
    if (rc < 0) {
        zvmc_odb_free(st.b);
        st.b = NULL;
    }
    *out = st.b;
    return rc;
}

/*
 * An image from zvmc_compile() is a huge_* block from the context's
 * allocator (zvmc_odb_serialize_lead()), with a copy of that allocator just
 * before it: zvmc_image_free() has no context, and the image may outlive the
 * one it came from.
 */
typedef union image_lead {
    zvmc_allocator alloc;
    max_align_t align;      /* keeps the image as aligned as the allocation */
} image_lead;

int zvmc_compile(zvmc_ctx *ctx, unsigned flags, unsigned char **image, size_t *len)
{
    if (!ctx || !image || !len)
        return ZVMC_EINVAL;
    *image = NULL;
    *len = 0;
    int rc = ready(ctx, flags);
    if (rc < 0)
        return rc;
    struct zvmc_odb *b;
    if ((rc = compile_build(ctx, &b)) < 0)
        return rc;
    /* serialized straight into the buffer handed out, then the builder goes */
    uint8_t *block;
    rc = compile_rc(zvmc_odb_serialize_lead(b, sizeof(image_lead), &block, len));
    zvmc_odb_free(b);
    if (rc == 0) {
        memcpy(block, &ctx->alloc, sizeof ctx->alloc);
        *image = block + sizeof(image_lead);
    }
    return rc;
}

void zvmc_image_free(unsigned char *image)
{
    if (!image)
        return;
    image_lead *lead = (image_lead *)(void *)(image - sizeof(image_lead));
    zvmc_allocator a = lead->alloc;
    huge_free(&a, lead);
}

int zvmc_image_write(const char *path, const unsigned char *image, size_t len)
{
    if (!path || (!image && len))
        return ZVMC_EINVAL;
    return compile_rc(zvmc_odb_write_file(path, image, len));
}

/* Serialized straight to the file: the image is never in memory whole. */
int zvmc_write_objdir(zvmc_ctx *ctx, unsigned flags, const char *path)
{
    if (!ctx || !path)
        return ZVMC_EINVAL;
    int rc = ready(ctx, flags);
    if (rc < 0)
        return rc;
    struct zvmc_odb *b;
    if ((rc = compile_build(ctx, &b)) < 0)
        return rc;
    rc = compile_rc(zvmc_odb_serialize_file(b, path));
    int saved = errno;
    zvmc_odb_free(b);
    errno = saved;
    return rc;
}

int zvmc_xml(zvmc_ctx *ctx, unsigned flags, zvmc_write_fn write, void *arg)
{
    if (!write)
        return ZVMC_EINVAL;
    unsigned char *img;
    size_t len;
    int rc = zvmc_compile(ctx, flags, &img, &len);
    if (rc < 0)
        return rc;
    struct zvmc_objdir *od;
    rc = zvmc_objdir_open_buffer(img, len, &od);
    if (rc < 0) {
        rc = compile_rc(rc);    /* the builder wrote what the runtime refuses: a bug */
    } else {
        rc = xml_write_objdir(od, write, arg);
        zvmc_objdir_close(od);
    }
    zvmc_image_free(img);
    return rc;
}
