/* SPDX-License-Identifier: MIT */
/*
 * fuzz_directory.c - libFuzzer harness: the source directory parser,
 * per-member resolution, every check (all of them on, relocation included),
 * a renderer (fuzz_common.h) and the relocation matrix.  An input holding
 * a line "%%" is a SYSTEM CONFIG (before it) and a directory (after it), so
 * that the cluster-level passes that need both (member views, EQIDs,
 * relocation) are fuzzed too, and so is the compiler: the cluster is
 * compiled (with ZVMC_COMPILE_FORCE, errors or not), the runtime must accept
 * the image it writes, every query runs over it (tests/unit/objdir_walk.h),
 * and it is dumped in one of the zvmc_dump() forms (fz_dump, picked by a hash
 * of the input, as the renderer is); one input in 8 is also streamed to a
 * file, which must hold the same bytes.  Every input also gets its disk map
 * (`zvmc diskmap`, text or JSON).  Any crash, leak, hang, sanitizer
 * report or refused image is a bug; the input then goes to
 * tests/fuzz-regressions/directory/, which `make check` replays
 * (tests/scripts/fuzz_regressions.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "emit/compile.h"
#include "emit/diskmap.h"
#include "emit/objdir_builder_int.h"
#include "objdir_walk.h"
#include "zvmc/compile.h"
#include "zvmc/relocate.h"

/* The first verdict of the matrix, asked again through zvmc_relocate_test(). */
typedef struct first_verdict {
    const char *user, *from, *to;
    size_t n, verdicts;
} first_verdict;

static int on_verdict(void *arg, const char *user, int identity, const char *from,
                      const char *to, const zvmc_reloc_item *items, size_t n)
{
    first_verdict *f = arg;
    (void)identity;
    if (!user || !from || !to || (n && !items))
        abort();
    for (size_t i = 0; i < n; i++)
        if (!items[i].check)
            abort();
    if (f->verdicts++ == 0) {
        f->user = user;
        f->from = from;
        f->to = to;
        f->n = n;
    }
    return 0;
}

/* The whole matrix, then its first verdict alone: both must say the same. */
static void relocation(zvmc_ctx *ctx)
{
    first_verdict f = { NULL, NULL, NULL, 0, 0 };
    for (size_t i = 0; i < zvmc_reloc_member_count(ctx); i++)
        if (!zvmc_reloc_member(ctx, i))
            abort();
    if (zvmc_relocate_matrix(ctx, NULL, on_verdict, &f) != 0 || !f.verdicts)
        return;
    const zvmc_reloc_item *items;
    size_t n;
    int rc = zvmc_relocate_test(ctx, f.user, f.from, f.to, &items, &n);
    if (rc >= 0 && (n != f.n || (rc == 1) != (n == 0)))
        abort();
}

/*
 * The same cluster serialized straight to a file (what `zvmc compile -o`
 * does) through the smallest window, so that every block crosses a window's
 * end: the file must hold the in-memory image byte for byte.
 */
static void stream_and_compare(zvmc_ctx *ctx, const unsigned char *img, size_t len)
{
    char dir[256], path[300];
    if (!fz_temp_dir(dir, sizeof dir, "stream"))
        return;
    snprintf(path, sizeof path, "%s/out.zvmo", dir);
    struct zvmc_odb *b;
    int rc = compile_build(ctx, &b);
    if (rc == 0) {
        rc = odb_serialize_file_(b, path, 128);
        zvmc_odb_free(b);
        if (rc == 0) {
            FILE *f = fopen(path, "rb");
            unsigned char *back = malloc(len + 1);
            size_t got = f && back ? fread(back, 1, len + 1, f) : 0;
            if (!f || !back || got != len || memcmp(back, img, len) != 0) {
                fprintf(stderr, "fuzz_directory: the streamed file differs from the image\n");
                abort();
            }
            fclose(f);
            free(back);
            unlink(path);
        } else if (rc != -ZVMC_ERR_NOMEM && rc != -ZVMC_ERR_IO) {
            fprintf(stderr, "fuzz_directory: zvmc_odb_serialize_file: %d\n", rc);
            abort();
        }
    } else if (rc != ZVMC_ENOMEM) {
        fprintf(stderr, "fuzz_directory: compile_build: %s\n", zvmc_compile_errmsg(rc));
        abort();
    }
    rmdir(dir);
}

/* Compile the checked cluster; the runtime must open what the compiler wrote
 * (anything else is a compiler bug) and answer every query on it. */
static void compile(zvmc_ctx *ctx, uint32_t hash)
{
    unsigned char *img;
    size_t len;
    int rc = zvmc_compile(ctx, ZVMC_COMPILE_FORCE, &img, &len);
    if (rc == ZVMC_ENOCLUSTER || rc == ZVMC_ETOOBIG || rc == ZVMC_ENOMEM)
        return;     /* no cluster to compile, or a limit: nothing written */
    if (rc != 0 || !img) {
        fprintf(stderr, "fuzz_directory: zvmc_compile: %s\n", zvmc_compile_errmsg(rc));
        abort();
    }
    struct zvmc_objdir *od = NULL;
    rc = zvmc_objdir_open_buffer(img, len, &od);
    if (rc != 0) {
        fprintf(stderr, "fuzz_directory: the runtime refuses the compiled image: %s\n",
                zvmc_strerror(rc));
        abort();
    }
    int line = objdir_walk(od);
    if (line) {
        fprintf(stderr, "fuzz_directory: invariant at objdir_walk.h:%d broken\n", line);
        abort();
    }
    fz_dump(od, hash);
    zvmc_objdir_close(od);
    if ((hash >> 8) % 8 == 0)   /* one input in 8: the file costs more than the rest */
        stream_and_compare(ctx, img, len);
    zvmc_image_free(img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return 0;
    const char *text = (const char *)data;
    size_t cfg_len, dir;
    int rc = fz_all_checks(ctx);
    if (rc == 0 && fz_split(data, size, &cfg_len, &dir)) {
        rc = zvmc_add_buffer(ctx, "fuzz.config", text, cfg_len, ZVMC_FILE_SYSCONFIG);
        if (rc == 0)
            rc = zvmc_add_buffer(ctx, "fuzz.direct", text + dir, size - dir, ZVMC_FILE_DIRECTORY);
    } else if (rc == 0) {
        rc = zvmc_add_buffer(ctx, "fuzz.direct", text, size, ZVMC_FILE_DIRECTORY);
    }
    if (rc == 0 && zvmc_run_checks(ctx) >= 0) {
        relocation(ctx);
        fz_render(ctx, data, size);
        uint32_t h = fz_hash(data, size) >> 8;      /* bits the renderer does not use */
        compile(ctx, h);
        rc = zvmc_diskmap_render(ctx, (h >> 4) & 1 ? ZVMC_FORMAT_JSON : ZVMC_FORMAT_TEXT,
                                 fz_discard, NULL);
        if (rc != 0 && rc != ZVMC_ENOMEM)
            abort();
    }
    zvmc_ctx_free(ctx);
    return 0;
}
