/* SPDX-License-Identifier: MIT */
/*
 * objdir_files.h - what the tests of the object directory writers ask of the
 * files they write: the whole file back, its bytes those expected, the names
 * in its directory, and no temporary file ("*.tmp.*") left beside it.
 */
#ifndef ZVMC_TESTS_OBJDIR_FILES_H
#define ZVMC_TESTS_OBJDIR_FILES_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_test.h"

/* The whole file (malloc'd, *len its size), or NULL if it cannot be read. */
static TEST_UNUSED uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

/* The file at path holds exactly want_len bytes, those of want; what says
 * which file, in a failure's message. */
static TEST_UNUSED void expect_file(const char *path, const uint8_t *want, size_t want_len,
                                    const char *what)
{
    size_t len = 0;
    uint8_t *got = slurp(path, &len);

    if (!got)
        FAIL("%s: %s cannot be read", what, path);
    if (len != want_len)
        FAIL("%s: the file has %zu bytes, the image %zu", what, len, want_len);
    for (size_t i = 0; i < len; i++)
        if (got[i] != want[i])
            FAIL("%s: byte %zu is 0x%02X, the image's 0x%02X", what, i, got[i], want[i]);
    free(got);
}

/* The number of names in dir (. and .. aside). */
static TEST_UNUSED int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    CHECK(d != NULL);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

/* No "*.tmp.*" left in dir. */
static TEST_UNUSED void expect_no_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    CHECK(d != NULL);
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp."))
            FAIL("temporary file %s/%s left behind", dir, e->d_name);
    closedir(d);
}

#endif /* ZVMC_TESTS_OBJDIR_FILES_H */
