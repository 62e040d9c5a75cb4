/* SPDX-License-Identifier: MIT */
/*
 * compile_oom.c - zvmc compile when memory runs out.  The example cluster
 * (examples/ltics1/) is checked with an allocator that counts, then compiled
 * with the Nth allocation of the compile failing, for every N of a compile
 * that needs none to fail:
 *
 *  - zvmc_compile() returns ZVMC_ENOMEM and hands back no image;
 *  - zvmc_write_objdir() returns ZVMC_ENOMEM, leaves the object directory
 *    that was there byte for byte, and no temporary file beside it;
 *  - the context, freed, leaves nothing allocated (and LeakSanitizer or
 *    valgrind, when they run the suite, see no leak).
 *
 * Also: every allocation of a compile goes through the context's allocator,
 * the image's included, and an image outlives its context (zvmc_image_free()
 * needs none).  Runs from the top of the source tree.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "zvmc/compile.h"
#include "zvmc/zvmc.h"

#define CONFIG "examples/ltics1/SYSTEM.CONFIG"
#define DIRECT "examples/ltics1/USER.DIRECT"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* An allocator that counts its calls and live blocks, and fails call fail_at. */
typedef struct counting {
    long calls;         /* malloc and realloc calls so far */
    long fail_at;       /* this call fails; -1: none */
    long live;          /* blocks not freed */
    long failed;        /* calls that failed */
} counting;

static int give(counting *c)
{
    if (c->calls++ == c->fail_at) {
        c->failed++;
        return 0;
    }
    return 1;
}

static void *c_malloc(void *ud, size_t size)
{
    counting *c = ud;
    void *p = give(c) ? malloc(size) : NULL;
    c->live += p != NULL;
    return p;
}

static void *c_realloc(void *ud, void *old, size_t size)
{
    counting *c = ud;
    if (!give(c))
        return NULL;
    void *p = realloc(old, size);
    c->live += p && !old;
    return p;
}

static void c_free(void *ud, void *p)
{
    counting *c = ud;
    c->live -= p != NULL;
    free(p);
}

/* A context of the example, checked through c (which fails nothing yet). */
static zvmc_ctx *checked(counting *c)
{
    zvmc_allocator a = { c_malloc, c_realloc, c_free, c };
    c->fail_at = -1;
    zvmc_ctx *ctx = zvmc_ctx_new(&a);
    if (!ctx || zvmc_add_file(ctx, CONFIG, ZVMC_FILE_SYSCONFIG) ||
        zvmc_add_file(ctx, DIRECT, ZVMC_FILE_DIRECTORY) || zvmc_run_checks(ctx) != 0) {
        fprintf(stderr, "cannot check the example (run from the top of the tree)\n");
        exit(1);
    }
    return ctx;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    *len = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
        *len = (size_t)n;
    fclose(f);
    return buf;
}

/* Files in dir other than "." , ".." and keep. */
static int strangers(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, keep);
    closedir(d);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/zvmc-compile-oom-XXXXXX", path[64];
    static const unsigned char old[] = "the object directory that was there";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/cluster.zvmo", dir);

    /* A compile that fails nothing: how many allocations it makes, all of
     * them through the context's allocator, the image's included. */
    counting c = { 0, -1, 0, 0 };
    zvmc_ctx *ctx = checked(&c);
    long base = c.calls, live = c.live;
    unsigned char *img = NULL;
    size_t len = 0;
    EXPECT(zvmc_compile(ctx, 0, &img, &len) == 0, "compile the example");
    long compile_calls = c.calls - base;
    EXPECT(img && len > 4 && !memcmp(img, "ZVMO", 4), "an object directory image");
    EXPECT(c.live == live + 1, "one block (the image) outlives the compile, not %ld",
           c.live - live);
    zvmc_ctx_free(ctx);
    EXPECT(c.live == 1, "the image outlives its context");
    unsigned char *want = malloc(len);     /* to compare the streamed file with */
    EXPECT(want != NULL, "a copy of the image");
    if (want)
        memcpy(want, img, len);
    zvmc_image_free(img);   /* through the allocator it came from */
    EXPECT(c.live == 0, "%ld blocks left", c.live);

    c = (counting){ 0, -1, 0, 0 };
    ctx = checked(&c);
    base = c.calls;
    EXPECT(zvmc_write_objdir(ctx, 0, path) == 0, "write the example");
    long write_calls = c.calls - base;
    zvmc_ctx_free(ctx);
    EXPECT(c.live == 0, "%ld blocks left", c.live);
    size_t wlen;
    unsigned char *written = slurp(path, &wlen);
    EXPECT(written && wlen == len, "the file holds the image (%zu bytes, not %zu)", wlen, len);
    EXPECT(written && want && wlen == len && !memcmp(written, want, len),
           "the streamed file holds the image's bytes");
    free(written);
    free(want);
    EXPECT(compile_calls > 10 && write_calls > compile_calls, "%ld and %ld allocations",
           compile_calls, write_calls);

    /* zvmc_compile(), failing at each allocation in turn */
    for (long n = 0; n < compile_calls; n++) {
        c = (counting){ 0, -1, 0, 0 };
        ctx = checked(&c);
        c.fail_at = c.calls + n;
        img = (unsigned char *)"x";
        len = 1;
        int rc = zvmc_compile(ctx, 0, &img, &len);
        EXPECT(rc == ZVMC_ENOMEM, "allocation %ld of %ld failed: rc %d", n, compile_calls, rc);
        EXPECT(c.failed == 1, "allocation %ld was not made", n);
        EXPECT(img == NULL && len == 0, "allocation %ld failed: an image handed back", n);
        if (rc == 0)
            zvmc_image_free(img);
        zvmc_ctx_free(ctx);
        EXPECT(c.live == 0, "allocation %ld failed: %ld blocks leaked", n, c.live);
    }

    /* zvmc_write_objdir() over an existing file, failing at each allocation */
    FILE *f = fopen(path, "wb");
    EXPECT(f && fwrite(old, 1, sizeof old, f) == sizeof old, "write the old file");
    if (f)
        fclose(f);
    for (long n = 0; n < write_calls; n++) {
        c = (counting){ 0, -1, 0, 0 };
        ctx = checked(&c);
        c.fail_at = c.calls + n;
        int rc = zvmc_write_objdir(ctx, 0, path);
        EXPECT(rc == ZVMC_ENOMEM, "allocation %ld of %ld failed: rc %d", n, write_calls, rc);
        zvmc_ctx_free(ctx);
        EXPECT(c.live == 0, "allocation %ld failed: %ld blocks leaked", n, c.live);
        size_t got_len;
        unsigned char *got = slurp(path, &got_len);
        EXPECT(got && got_len == sizeof old && !memcmp(got, old, sizeof old),
               "allocation %ld failed: the old file changed", n);
        free(got);
        EXPECT(strangers(dir, "cluster.zvmo") == 0, "allocation %ld failed: a file left beside it",
               n);
    }
    printf("%ld allocations in a compile, %ld in a compile and write; each failed in turn\n",
           compile_calls, write_calls);

    unlink(path);
    rmdir(dir);
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
