/* SPDX-License-Identifier: MIT */
/*
 * objdir_oom.c - out of memory at every allocation, in turn, while building,
 * serializing (to memory and to a file), opening and querying: each failure
 * must come back as -ZVMC_ERR_NOMEM (or NULL from zvmc_odb_new), and nothing
 * may leak.
 *
 * This program replaces malloc, calloc, realloc and free with counting
 * versions over glibc's __libc_* functions, so it skips (exit 77) where
 * that cannot work: under a sanitizer or valgrind, which own the allocator,
 * or off glibc.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit/objdir_builder_int.h"
#include "objdir_synth.h"
#include "objdir_test.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZVMC_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ZVMC_ASAN 1
#endif

#if defined(ZVMC_ASAN) || !defined(__GLIBC__)
int main(void)
{
    return 77;
}
#else

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static long budget = -1;    /* allocations left before failing; -1: no limit */
static long live;       /* blocks currently allocated */

static int allow_(void)
{
    if (budget == 0) {
        errno = ENOMEM;
        return 0;
    }
    if (budget > 0)
        budget--;
    return 1;
}

void *malloc(size_t n)
{
    void *p = allow_() ? __libc_malloc(n) : NULL;

    live += p != NULL;
    return p;
}

void *calloc(size_t n, size_t size)
{
    void *p = allow_() ? __libc_calloc(n, size) : NULL;

    live += p != NULL;
    return p;
}

void *realloc(void *old, size_t n)
{
    void *p;

    if (!allow_())
        return NULL;
    p = __libc_realloc(old, n);
    live += !old && p;
    return p;
}

void free(void *p)
{
    live -= p != NULL;
    __libc_free(p);
}

/* Build, serialize, open and query with the current budget; 1 if all succeeded. */
static int attempt(void)
{
    struct zvmc_odb *b = synth_build(3, 40);
    struct zvmc_objdir *od;
    struct zvmc_reason *r;
    uint8_t *img;
    size_t len, n;
    int rc;

    if (!b)
        return 0;
    rc = zvmc_odb_serialize(b, &img, &len);
    zvmc_odb_free(b);
    if (rc) {
        CHECK_RC(rc, ZVMC_ERR_NOMEM);
        return 0;
    }
    rc = zvmc_objdir_open_buffer(img, len, &od);
    if (rc) {
        CHECK_RC(rc, ZVMC_ERR_NOMEM);
        free(img);
        return 0;
    }
    CHECK_INT(zvmc_user_find(od, "LNX00039"), 39);
    rc = zvmc_reloc_check(od, 0, 0, 1, &r, &n); /* user 0 is refused: allocates */
    if (rc < 0) {
        CHECK_RC(rc, ZVMC_ERR_NOMEM);
        CHECK(r == NULL && n == 0);
    } else {
        CHECK_INT(rc, 0);
        CHECK_INT(n, 1);
        zvmc_reloc_reasons_free(r);
    }
    zvmc_objdir_close(od);
    free(img);
    return rc == 0;
}

/*
 * Serializing straight to a file over an existing one, failing at each
 * allocation in turn: -ZVMC_ERR_NOMEM, nothing leaked, the old file intact
 * and no temporary file left; then the file is the image.
 */
static void file_attempts(void)
{
    static const char old[] = "the previous object directory";
    char dir[] = "/tmp/zvmc-oom-XXXXXX", path[64], got[sizeof(old)];
    struct zvmc_odb *b = synth_build(3, 40);
    uint8_t *img, *back;
    size_t len;
    long k, baseline;
    FILE *f;

    CHECK(b != NULL && mkdtemp(dir) != NULL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    snprintf(path, sizeof(path), "%s/out.zvmo", dir);
    for (k = 0;; k++) {
        int rc;

        CHECK((f = fopen(path, "wb")) != NULL && fwrite(old, 1, sizeof(old), f) == sizeof(old));
        fclose(f);
        baseline = live;
        budget = k;
        rc = odb_serialize_file_(b, path, 128);
        budget = -1;
        if (live != baseline)
            FAIL("file, failing allocation %ld: %ld blocks leaked", k, live - baseline);
        if (rc == 0)
            break;
        CHECK_RC(rc, ZVMC_ERR_NOMEM);
        CHECK((f = fopen(path, "rb")) != NULL && fread(got, 1, sizeof(got), f) == sizeof(old));
        CHECK(fgetc(f) == EOF && memcmp(got, old, sizeof(old)) == 0);
        fclose(f);
    }
    CHECK(k > 10);   /* the failures ran through the code (19 allocations in 2026-12) */
    CHECK((f = fopen(path, "rb")) != NULL);
    back = malloc(len + 1);
    CHECK(back && fread(back, 1, len + 1, f) == len && memcmp(back, img, len) == 0);
    fclose(f);
    free(back);
    free(img);
    zvmc_odb_free(b);
    CHECK(unlink(path) == 0);
    CHECK(rmdir(dir) == 0);     /* fails if a temporary file is left */
}

int main(void)
{
    const char *preload = getenv("LD_PRELOAD");
    long k, baseline = live;

    if (preload && strstr(preload, "vgpreload"))    /* valgrind replaces malloc */
        return 77;

    for (k = 0;; k++) {
        int ok;

        budget = k;
        ok = attempt();
        budget = -1;
        if (live != baseline)
            FAIL("failing allocation %ld: %ld blocks leaked", k, live - baseline);
        if (ok)
            break;
    }
    CHECK(k > 30); /* the failures really ran through the code (47 allocations in 2026-11) */
    file_attempts();
    return 0;
}
#endif
