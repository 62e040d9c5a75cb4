/* SPDX-License-Identifier: MIT */
/*
 * threads.c - contexts in different threads at once (<zvmc/zvmc.h> promises
 * it: the library keeps no global mutable state).  THREADS threads each run,
 * ROUNDS times, the whole pipeline on contexts of their own: parse and check
 * a cluster with findings and render them as text and JSON; check, compile
 * and relocate the clean example; open the image with the runtime and dump it
 * as JSON.  Every thread must produce the bytes a run alone produced first.
 * `make check` runs it as it is; `make check-tsan` runs it under
 * ThreadSanitizer, which fails on any data race between the threads.
 * Runs from the top of the source tree.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zvmc/compile.h"
#include "zvmc/relocate.h"
#include "zvmc/runtime.h"
#include "zvmc/zvmc.h"

#define CONFIG "examples/ltics1/SYSTEM.CONFIG"
#define PRINTED "examples/ltics1/SYSTEM.CONFIG.printed"
#define DIRECT "examples/ltics1/USER.DIRECT"
#define THREADS 4
#define ROUNDS 3

/* The outputs of one run, as one FNV-1a hash and a length. */
typedef struct digest {
    uint64_t hash;
    size_t len;
    int failed;         /* a call returned an error: what it was is printed */
} digest;

static int take(void *arg, const char *data, size_t len)
{
    digest *d = arg;
    for (size_t i = 0; i < len; i++)
        d->hash = (d->hash ^ (unsigned char)data[i]) * 0x100000001b3u;
    d->len += len;
    return 0;
}

static void note_failure(digest *d, const char *what, int rc)
{
    fprintf(stderr, "threads: %s: %d\n", what, rc);
    d->failed = 1;
}

static int matrix_row(void *arg, const char *user, int identity, const char *from,
                      const char *to, const zvmc_reloc_item *items, size_t n)
{
    digest *d = arg;
    take(d, user, strlen(user));
    take(d, identity ? "I" : "U", 1);
    take(d, from, strlen(from));
    take(d, to, strlen(to));
    for (size_t i = 0; i < n; i++)
        take(d, items[i].message, strlen(items[i].message));
    return 0;
}

/* A context of @config and the example's directory, checked: the number of
 * errors in *errors; NULL (noted in @d) when out of memory. */
static zvmc_ctx *checked(digest *d, const char *config, int *errors)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx) {
        note_failure(d, "zvmc_ctx_new", 0);
        return NULL;
    }
    zvmc_add_file(ctx, config, ZVMC_FILE_SYSCONFIG);
    zvmc_add_file(ctx, DIRECT, ZVMC_FILE_DIRECTORY);
    *errors = zvmc_run_checks(ctx);
    return ctx;
}

/* One run of the pipeline, into @d. */
static void pipeline(digest *d)
{
    int rc, errors;
    /* a cluster with findings: the diagnostics, rendered */
    zvmc_ctx *bad = checked(d, PRINTED, &errors);
    if (!bad)
        return;
    if (errors <= 0)
        note_failure(d, "the printed config has no errors", errors);
    if ((rc = zvmc_render(bad, ZVMC_FORMAT_TEXT, 0, take, d)) != 0 ||
        (rc = zvmc_render(bad, ZVMC_FORMAT_JSON, 0, take, d)) != 0)
        note_failure(d, "zvmc_render", rc);
    zvmc_ctx_free(bad);

    /* the clean example: relocation matrix, compile, runtime, dump */
    zvmc_ctx *ctx = checked(d, CONFIG, &errors);
    if (!ctx)
        return;
    if (errors != 0)
        note_failure(d, "the example has errors", errors);
    if ((rc = zvmc_relocate_matrix(ctx, NULL, matrix_row, d)) < 0)
        note_failure(d, "zvmc_relocate_matrix", rc);
    unsigned char *img = NULL;
    size_t len = 0;
    if ((rc = zvmc_compile(ctx, 0, &img, &len)) != 0) {
        note_failure(d, "zvmc_compile", rc);
    } else {
        take(d, (const char *)img, len);
        struct zvmc_objdir *od;
        if ((rc = zvmc_objdir_open_buffer(img, len, &od)) != 0) {
            note_failure(d, "zvmc_objdir_open_buffer", rc);
        } else {
            if ((rc = zvmc_dump(od, ZVMC_DUMP_JSON, NULL, take, d)) != 0)
                note_failure(d, "zvmc_dump", rc);
            zvmc_objdir_close(od);
        }
    }
    zvmc_image_free(img);
    zvmc_ctx_free(ctx);
}

typedef struct job {
    pthread_t tid;
    digest d[ROUNDS];
} job;

static void *run(void *arg)
{
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++) {
        j->d[r].hash = 0xcbf29ce484222325u;
        pipeline(&j->d[r]);
    }
    return NULL;
}

int main(void)
{
    digest alone = { 0xcbf29ce484222325u, 0, 0 };
    pipeline(&alone);
    if (alone.failed || alone.len < 100000) {
        fprintf(stderr, "threads: the run alone failed or wrote too little (%zu bytes)\n",
                alone.len);
        return 1;
    }
    static job jobs[THREADS];
    for (int t = 0; t < THREADS; t++)
        if (pthread_create(&jobs[t].tid, NULL, run, &jobs[t]) != 0) {
            fprintf(stderr, "threads: pthread_create failed\n");
            return 1;
        }
    int failures = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(jobs[t].tid, NULL);
        for (int r = 0; r < ROUNDS; r++) {
            const digest *d = &jobs[t].d[r];
            if (d->failed || d->hash != alone.hash || d->len != alone.len) {
                fprintf(stderr, "threads: thread %d, round %d: %zu bytes, hash %016llx; "
                        "alone: %zu bytes, hash %016llx\n", t, r, d->len,
                        (unsigned long long)d->hash, alone.len, (unsigned long long)alone.hash);
                failures++;
            }
        }
    }
    if (failures)
        return 1;
    printf("threads: %d threads x %d rounds, each %zu bytes as alone\n", THREADS, ROUNDS,
           alone.len);
    return 0;
}
