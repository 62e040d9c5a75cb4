/* SPDX-License-Identifier: MIT */
/* The library API on SYSTEM CONFIG input: results from a buffer equal results
 * from a file, contexts are independent, and every allocation failure unwinds
 * (the allocator fails the Nth allocation, for every N of a full run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zvmc/zvmc.h"

#define EXAMPLE "tests/golden/sysconfig/ltics1-mended.config"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

/* An allocator that fails the Nth allocation (0: never) and counts them. */
typedef struct failing {
    long n, count;
    long live;
} failing;

static void *f_malloc(void *ud, size_t size)
{
    failing *f = ud;
    if (f->n && ++f->count == f->n)
        return NULL;
    if (!f->n)
        f->count++;
    void *p = malloc(size);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ud, void *ptr, size_t size)
{
    failing *f = ud;
    if (f->n && ++f->count == f->n)
        return NULL;
    if (!f->n)
        f->count++;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        f->live++;
    return p;
}

static void f_free(void *ud, void *ptr)
{
    failing *f = ud;
    if (ptr)
        f->live--;
    free(ptr);
}

static int run_with(failing *f, const char *data, size_t len)
{
    zvmc_allocator a = { f_malloc, f_realloc, f_free, f };
    zvmc_ctx *ctx = zvmc_ctx_new(&a);
    if (!ctx)
        return ZVMC_ENOMEM;
    int rc = zvmc_add_buffer(ctx, EXAMPLE, data, len, ZVMC_FILE_AUTO);
    if (rc == 0)
        rc = zvmc_run_checks(ctx);
    zvmc_ctx_free(ctx);
    return rc;
}

int main(void)
{
    size_t len;
    char *data = slurp(EXAMPLE, &len);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", EXAMPLE);
        return 1;
    }

    /* From a file and from a buffer: the same findings. */
    zvmc_ctx *a = zvmc_ctx_new(NULL), *b = zvmc_ctx_new(NULL);
    EXPECT(zvmc_add_file(a, EXAMPLE, ZVMC_FILE_AUTO) == 0, "add_file");
    EXPECT(zvmc_add_buffer(b, EXAMPLE, data, len, ZVMC_FILE_SYSCONFIG) == 0, "add_buffer");
    EXPECT(zvmc_run_checks(a) == 0, "no errors from the file");
    EXPECT(zvmc_run_checks(b) == 0, "no errors from the buffer");
    EXPECT(zvmc_run_checks(a) == ZVMC_EINVAL, "a context runs once");
    EXPECT(zvmc_diag_count(a) == 8, "8 findings, got %zu", zvmc_diag_count(a));
    EXPECT(zvmc_count(a, ZVMC_SEV_WARNING) == 8, "8 warnings");
    EXPECT(zvmc_diag_count(a) == zvmc_diag_count(b), "same count");
    for (size_t i = 0; i < zvmc_diag_count(a) && i < zvmc_diag_count(b); i++) {
        const zvmc_diag *x = zvmc_diag_at(a, i), *y = zvmc_diag_at(b, i);
        EXPECT(!strcmp(x->check, y->check) && x->line == y->line && x->column == y->column &&
               !strcmp(x->message, y->message), "diagnostic %zu differs", i);
    }
    const zvmc_diag *d = zvmc_diag_at(a, 4);
    EXPECT(d && !strcmp(d->check, "eqid-one-sided") && d->line == 133 && d->column == 22 &&
           d->end_column == 26 && d->fixit && !strcmp(d->fixit, "F0X00") && d->n_notes == 1 &&
           d->notes[0].line == 102, "the FOX00 finding and its fix-it");
    EXPECT(zvmc_diag_at(a, 99) == NULL, "out of range");

    /* Settings are per context: turning the check off in one leaves the other. */
    zvmc_ctx *c = zvmc_ctx_new(NULL);
    EXPECT(zvmc_set_check(c, "eqid-one-sided", ZVMC_LEVEL_OFF) == 0, "set_check");
    EXPECT(zvmc_set_check(c, "no-such-check", ZVMC_LEVEL_OFF) == ZVMC_EUNKNOWN_CHECK, "unknown");
    EXPECT(zvmc_add_buffer(c, "x", data, len, ZVMC_FILE_SYSCONFIG) == 0, "add");
    EXPECT(zvmc_run_checks(c) == 0 && zvmc_diag_count(c) == 0, "check off: no findings");
    EXPECT(zvmc_set_zvm_level(c, "7.x") == ZVMC_EINVAL, "bad level");
    zvmc_ctx_free(a);
    zvmc_ctx_free(b);
    zvmc_ctx_free(c);

    /* Rendering to a callback that fails reports ZVMC_EIO. */
    zvmc_ctx *e = zvmc_ctx_new(NULL);
    zvmc_add_buffer(e, "x", data, len, ZVMC_FILE_SYSCONFIG);
    zvmc_run_checks(e);
    EXPECT(zvmc_render(e, ZVMC_FORMAT_JSON, 0, NULL, NULL) == ZVMC_EINVAL, "no writer");
    zvmc_ctx_free(e);

    /* Out of memory at every allocation of a full run: each run fails cleanly or
     * succeeds, and frees everything it took. */
    failing count = { 0, 0, 0 };
    EXPECT(run_with(&count, data, len) == 0, "counting run");
    EXPECT(count.live == 0, "counting run leaked %ld blocks", count.live);
    long total = count.count, enomem = 0;
    for (long n = 1; n <= total; n++) {
        failing f = { n, 0, 0 };
        int rc = run_with(&f, data, len);
        if (rc == ZVMC_ENOMEM)
            enomem++;
        EXPECT(rc == ZVMC_ENOMEM || rc >= 0, "allocation %ld: rc %d", n, rc);
        EXPECT(f.live == 0, "allocation %ld failed: %ld blocks leaked", n, f.live);
    }
    EXPECT(enomem > 0, "no injected failure was reported");
    printf("%ld allocations in a run; %ld of the injected failures reported ZVMC_ENOMEM\n",
           total, enomem);
    free(data);
    return failures ? 1 : 0;
}
