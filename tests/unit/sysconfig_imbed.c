/* SPDX-License-Identifier: MIT */
/* SYSTEM CONFIG IMBED (src/parse/sysconfig_imbed.c): files read from a directory
 * follow their IMBEDs, with the chain on every finding in an imbedded file; an
 * input that is also imbedded is read once, whatever the order of the inputs;
 * buffers and zvmc_set_follow_imbed(ctx, 0) do not follow; and every allocation
 * failure of a run that reads imbedded files unwinds (the allocator fails the
 * Nth allocation, for every N of a full run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zvmc/zvmc.h"
#include "parse/sysconfig_parse.h"

#define DIR_ "tests/golden/sysconfig/imbed/"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

/* An allocator that fails the Nth allocation (0: never) and counts them. */
typedef struct failing {
    long n, count, live;
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

/* Run the checks over @files (NULL-terminated); the context, or NULL. */
static zvmc_ctx *run(const char *const *files, int follow, int *rc)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return NULL;
    zvmc_set_follow_imbed(ctx, follow);
    for (; *files; files++)
        EXPECT(zvmc_add_file(ctx, *files, ZVMC_FILE_AUTO) == 0, "add %s", *files);
    *rc = zvmc_run_checks(ctx);
    return ctx;
}

static size_t count(const zvmc_ctx *ctx, const char *check, zvmc_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        n += !strcmp(d->check, check) && d->severity == sev;
    }
    return n;
}

static const zvmc_diag *find(const zvmc_ctx *ctx, const char *check, const char *file,
                             unsigned line)
{
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        if (!strcmp(d->check, check) && d->file && !strcmp(d->file, file) && d->line == line)
            return d;
    }
    return NULL;
}

static size_t chain_notes(const zvmc_diag *d)
{
    size_t n = 0;
    for (size_t k = 0; d && k < d->n_notes; k++)
        n += !strcmp(d->notes[k].message, "imbedded from here");
    return n;
}

static int same_diag(const zvmc_diag *x, const zvmc_diag *y)
{
    return !strcmp(x->check, y->check) && !strcmp(x->file, y->file) && x->line == y->line &&
           x->column == y->column && !strcmp(x->message, y->message);
}

/* Every finding of @a (but those of @skip_check) is in @b, as often. */
static int findings_in(const zvmc_ctx *a, const zvmc_ctx *b, const char *skip_check)
{
    for (size_t i = 0; i < zvmc_diag_count(a); i++) {
        const zvmc_diag *x = zvmc_diag_at(a, i);
        if (!strcmp(x->check, skip_check))
            continue;
        size_t na = 0, nb = 0;
        for (size_t k = 0; k < zvmc_diag_count(a); k++)
            na += same_diag(x, zvmc_diag_at(a, k));
        for (size_t k = 0; k < zvmc_diag_count(b); k++)
            nb += same_diag(x, zvmc_diag_at(b, k));
        if (na != nb)
            return 0;
    }
    return 1;
}

/* The same findings (check, file, line, column, message), in any order: the
 * files are other sources when given in another order. */
static int same_findings(const zvmc_ctx *a, const zvmc_ctx *b, const char *skip_check)
{
    return findings_in(a, b, skip_check) && findings_in(b, a, skip_check);
}

static void test_follow(void)
{
    int rc;
    const char *basic[] = { DIR_ "basic/SYSTEM.CONFIG", NULL };
    zvmc_ctx *ctx = run(basic, 1, &rc);
    EXPECT(rc == 3, "3 errors in the imbedded files, got %d", rc);
    /* Two levels down: the chain has two notes, innermost first. */
    const zvmc_diag *d = find(ctx, "syntax", DIR_ "basic/DEVICES.CONFIG.A", 5);
    EXPECT(d && chain_notes(d) == 2 && !strcmp(d->notes[1].file, DIR_ "basic/volumes.config") &&
           d->notes[1].line == 10 && !strcmp(d->notes[2].file, DIR_ "basic/SYSTEM.CONFIG") &&
           d->notes[2].line == 12, "the chain of the syntax error in DEVICES.CONFIG.A");
    /* A pass finding gets its chain from sysconfig_imbed_annotate (zvmc_run_checks
     * calls it after the passes); calling it again adds nothing. */
    d = find(ctx, "missing-comma", DIR_ "basic/volumes.config", 9);
    EXPECT(d != NULL, "missing-comma in volumes.config");
    sysconfig_imbed_annotate(ctx);
    sysconfig_imbed_annotate(ctx);
    EXPECT(chain_notes(d) == 1 && !strcmp(d->notes[d->n_notes - 1].file,
                                           DIR_ "basic/SYSTEM.CONFIG"),
           "missing-comma: one chain note, got %zu", chain_notes(d));
    EXPECT(chain_notes(find(ctx, "syntax", DIR_ "basic/DEVICES.CONFIG.A", 5)) == 2,
           "annotating again adds no note");
    zvmc_ctx_free(ctx);

    /* Off: the imbedded files are not read. */
    ctx = run(basic, 0, &rc);
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *x = zvmc_diag_at(ctx, i);
        EXPECT(!x->file || !strcmp(x->file, DIR_ "basic/SYSTEM.CONFIG"), "%s:%u read with "
               "--no-imbed", x->file, x->line);
        EXPECT(strcmp(x->check, "input") != 0, "an input finding with --no-imbed");
    }
    zvmc_ctx_free(ctx);
}

/* An input also imbedded is read once, as imbedded, before or after the file
 * that imbeds it: the findings are those of the imbedding file alone. */
static void test_inputs_also_imbedded(void)
{
    int rc1, rc2, rc3;
    const char *alone[] = { DIR_ "qualified/SYSTEM.CONFIG", NULL };
    const char *after[] = { DIR_ "qualified/SYSTEM.CONFIG", DIR_ "qualified/SYSB.CONFIG",
                            DIR_ "qualified/COMMON.CONFIG", NULL };
    const char *before[] = { DIR_ "qualified/COMMON.CONFIG", DIR_ "qualified/SYSA.CONFIG",
                             DIR_ "qualified/SYSB.CONFIG", DIR_ "qualified/SYSTEM.CONFIG", NULL };
    zvmc_ctx *a = run(alone, 1, &rc1), *b = run(after, 1, &rc2), *c = run(before, 1, &rc3);
    EXPECT(rc1 == 0 && rc2 == 0 && rc3 == 0, "no errors: %d %d %d", rc1, rc2, rc3);
    EXPECT(count(a, "cpowned-slot-conflict", ZVMC_SEV_ERROR) == 0, "qualified IMBEDs apply "
           "to their member");
    EXPECT(count(a, "input", ZVMC_SEV_WARNING) == 1, "COMMON CONFIG imbedded twice");
    EXPECT(count(a, "begin-end", ZVMC_SEV_WARNING) == 1, "SYSB: inside SYSA CONFIG");
    EXPECT(count(b, "input", ZVMC_SEV_NOTE) == 2, "two notes: inputs given after");
    EXPECT(count(c, "input", ZVMC_SEV_NOTE) == 3, "three notes: inputs given before");
    EXPECT(same_findings(a, b, "input") && count(b, "input", ZVMC_SEV_WARNING) == 1,
           "inputs after: the same findings");
    EXPECT(same_findings(a, c, "input") && count(c, "input", ZVMC_SEV_WARNING) == 1,
           "inputs before: the same findings");
    zvmc_ctx_free(a);
    zvmc_ctx_free(b);
    zvmc_ctx_free(c);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    *len = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    return buf;
}

/* A buffer has no directory: one note, however many IMBEDs. */
static void test_buffer(void)
{
    size_t len;
    char *data = slurp(DIR_ "qualified/SYSTEM.CONFIG", &len);
    EXPECT(data != NULL, "read the fixture");
    if (!data)
        return;
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    EXPECT(zvmc_add_buffer(ctx, DIR_ "qualified/SYSTEM.CONFIG", data, len,
                           ZVMC_FILE_SYSCONFIG) == 0, "add_buffer");
    EXPECT(zvmc_run_checks(ctx) >= 0, "run");
    EXPECT(count(ctx, "input", ZVMC_SEV_NOTE) == 1, "one note for four IMBEDs, got %zu",
           count(ctx, "input", ZVMC_SEV_NOTE));
    const zvmc_diag *d = find(ctx, "input", DIR_ "qualified/SYSTEM.CONFIG", 7);
    EXPECT(d && strstr(d->message, "buffer"), "the note is at the first IMBED");
    zvmc_ctx_free(ctx);
    free(data);
}

/* Every IMBED path at once: nesting, a qualified IMBED, a file imbedded twice,
 * inputs also imbedded (before and after), a cycle, the depth limit, a missing
 * file and malformed operands. */
static const char *const oom_files[] = {
    DIR_ "qualified/SYSA.CONFIG", DIR_ "qualified/SYSTEM.CONFIG", DIR_ "qualified/COMMON.CONFIG",
    DIR_ "basic/SYSTEM.CONFIG", DIR_ "cycle2/A.CONFIG", DIR_ "deep/L0.CONFIG",
    DIR_ "missing/SYSTEM.CONFIG", NULL,
};

static int run_with(failing *f)
{
    zvmc_allocator a = { f_malloc, f_realloc, f_free, f };
    zvmc_ctx *ctx = zvmc_ctx_new(&a);
    if (!ctx)
        return ZVMC_ENOMEM;
    int rc = 0;
    for (const char *const *p = oom_files; *p && rc == 0; p++)
        rc = zvmc_add_file(ctx, *p, ZVMC_FILE_AUTO);
    if (rc == 0)
        rc = zvmc_run_checks(ctx);
    if (rc >= 0)
        sysconfig_imbed_annotate(ctx);
    zvmc_ctx_free(ctx);
    return rc;
}

static void test_oom(void)
{
    failing count_run = { 0, 0, 0 };
    int rc = run_with(&count_run);
    EXPECT(rc > 0, "counting run: errors expected, got %d", rc);
    EXPECT(count_run.live == 0, "counting run leaked %ld blocks", count_run.live);
    long total = count_run.count, enomem = 0;
    for (long n = 1; n <= total; n++) {
        failing f = { n, 0, 0 };
        rc = run_with(&f);
        if (rc == ZVMC_ENOMEM)
            enomem++;
        EXPECT(rc == ZVMC_ENOMEM || rc >= 0, "allocation %ld: rc %d", n, rc);
        EXPECT(f.live == 0, "allocation %ld failed: %ld blocks leaked", n, f.live);
    }
    EXPECT(enomem > 0, "no run reported ZVMC_ENOMEM");
    printf("%ld allocations, %ld runs reported ZVMC_ENOMEM\n", total, enomem);
}

int main(void)
{
    test_follow();
    test_inputs_also_imbedded();
    test_buffer();
    test_oom();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
