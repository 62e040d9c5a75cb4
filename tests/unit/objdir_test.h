/* SPDX-License-Identifier: MIT */
/*
 * objdir_test.h - assertion macros for the object directory tests.
 * A failed check prints file:line and what differed, then exits 1.
 */
#ifndef ZVMC_TESTS_OBJDIR_TEST_H
#define ZVMC_TESTS_OBJDIR_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zvmc/runtime.h"
#include "zvmc/zvmc.h"

#define TEST_UNUSED __attribute__((unused))

#define FAIL(...)                                                   \
    do {                                                        \
        fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);     \
        fprintf(stderr, __VA_ARGS__);                       \
        fputc('\n', stderr);                                \
        exit(1);                                            \
    } while (0)

#define CHECK(c)                                                    \
    do {                                                        \
        if (!(c))                                           \
            FAIL("check failed: %s", #c);               \
    } while (0)

#define CHECK_INT(a, b)                                                             \
    do {                                                                        \
        long long a_ = (long long)(a), b_ = (long long)(b);                 \
        if (a_ != b_)                                                       \
            FAIL("%s is %lld, expected %lld (%s)", #a, a_, b_, #b);     \
    } while (0)

#define CHECK_STR(a, b)                                                             \
    do {                                                                        \
        const char *a_ = (a), *b_ = (b);                                    \
        if (!a_ || strcmp(a_, b_))                                          \
            FAIL("%s is \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", b_); \
    } while (0)

/* e must return exactly -code (or 0 for ZVMC_OK); the message names both. */
#define CHECK_RC(e, code)                                                           \
    do {                                                                        \
        int r_ = (e);                                                       \
        if (r_ != -(int)(code))                                             \
            FAIL("%s returned %d (%s), expected -%s (%s)", #e, r_,      \
                 zvmc_strerror(r_), #code, zvmc_strerror(code));        \
    } while (0)

#define CHECK_OK(e) CHECK_RC(e, ZVMC_OK)

/* A zvmc_write_fn that appends to the malloc'd string *(char **)arg (NULL to
 * start); also for building inputs. */
static TEST_UNUSED int str_append(void *arg, const char *data, size_t len)
{
    char **buf = arg;
    size_t have = *buf ? strlen(*buf) : 0;
    char *p = realloc(*buf, have + len + 1);

    CHECK(p != NULL);
    memcpy(p + have, data, len);
    p[have + len] = '\0';
    *buf = p;
    return 0;
}

/* A context of the example cluster (the tests run from the top of the source
 * tree) and a directory of one USER per name of @names[0..n), checked. */
static TEST_UNUSED zvmc_ctx *checked_users(char (*names)[9], int n)
{
    char *dir = NULL, line[64];
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);

    CHECK(ctx != NULL);
    str_append(&dir, "DIRECTORY SSI 123 3390 VM2RES VM9RES VM5RES VM4RES\n", 51);
    for (int i = 0; i < n; i++) {
        int k = snprintf(line, sizeof line, "USER %.8s NOLOG 64M 128M G\n", names[i]);
        str_append(&dir, line, (size_t)k);
    }
    CHECK_OK(zvmc_add_file(ctx, "examples/ltics1/SYSTEM.CONFIG", ZVMC_FILE_SYSCONFIG));
    CHECK_OK(zvmc_add_buffer(ctx, "<direct>", dir, strlen(dir), ZVMC_FILE_DIRECTORY));
    CHECK_INT(zvmc_run_checks(ctx), 0);
    free(dir);
    return ctx;
}

#endif /* ZVMC_TESTS_OBJDIR_TEST_H */
