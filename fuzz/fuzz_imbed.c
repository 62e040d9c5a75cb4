/* SPDX-License-Identifier: MIT */
/*
 * fuzz_imbed.c - libFuzzer harness: a SYSTEM CONFIG read from files, with the
 * files it IMBEDs (src/parse/sysconfig_imbed.c: finding `fn ft` beside the
 * file that imbeds it, in any case, cycles, depth, a file imbedded twice),
 * then every check, a renderer and every member's view, as fuzz_sysconfig.c
 * does for one buffer.  An input is sections, each a line "%%NAME" and the
 * file's records:
 *
 *   %%SYSTEM.CONFIG
 *   IMBED LOCAL CONFIG
 *   %%LOCAL.CONFIG
 *   System_Identifier LPAR LPA SYSA
 *
 * The sections are written, under their names (at most MAX_FILES of them,
 * names cut to NAME_MAX_LEN bytes of A-Z a-z 0-9 . $ # @ + - _, anything else
 * made '_'), into a temporary directory of the input's own (on /dev/shm when
 * there is one, removed with the input); the first is the file given to the
 * context.  Any crash,
 * leak, hang or sanitizer report is a bug; the input then goes to
 * tests/fuzz-regressions/imbed/, which `make check` and the fuzz runs replay.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

#define MAX_FILES 8
#define NAME_MAX_LEN 40

/* Each input's files go to a directory of its own, made and removed with the
 * input: one kept for the whole run was left behind when a run was
 * interrupted (libFuzzer leaves on SIGINT without running atexit handlers). */
#define DIR_LEN 256

static int name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr(".$#@+-_", c) != NULL);     /* strchr finds the NUL too */
}

/* Write the sections; their paths go to @paths.  The number written. */
static int write_files(const char *dir, const char *text, size_t len,
                       char paths[][DIR_LEN + NAME_MAX_LEN + 2])
{
    int n = 0;
    size_t i = 0;
    while (i + 2 <= len && n < MAX_FILES) {
        if (!(text[i] == '%' && text[i + 1] == '%' && (i == 0 || text[i - 1] == '\n'))) {
            i++;
            continue;
        }
        size_t name = i + 2, eol = name;
        while (eol < len && text[eol] != '\n')
            eol++;
        char fn[NAME_MAX_LEN + 1];
        size_t k = 0;
        for (size_t j = name; j < eol && k < NAME_MAX_LEN; j++)
            fn[k++] = name_char(text[j]) ? text[j] : '_';
        if (k == 0 || (k <= 2 && fn[0] == '.'))
            k = (size_t)snprintf(fn, sizeof fn, "F%d", n);
        fn[k] = '\0';
        size_t start = eol < len ? eol + 1 : len, end = start;
        while (end < len && !(text[end] == '%' && end + 1 < len && text[end + 1] == '%' &&
                              text[end - 1] == '\n'))
            end++;
        snprintf(paths[n], sizeof paths[n], "%s/%s", dir, fn);
        int fd = open(paths[n], O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0)
            abort();    /* the directory is ours */
        if (end > start && write(fd, text + start, end - start) != (ssize_t)(end - start))
            abort();
        close(fd);
        n++;
        i = end;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[DIR_LEN];
    if (!fz_temp_dir(dir, sizeof dir, "imbed"))
        abort();
    char paths[MAX_FILES][DIR_LEN + NAME_MAX_LEN + 2];
    int n = write_files(dir, (const char *)data, size, paths);
    zvmc_ctx *ctx = n ? zvmc_ctx_new(NULL) : NULL;
    if (ctx && fz_all_checks(ctx) == 0 &&
        zvmc_add_file(ctx, paths[0], ZVMC_FILE_SYSCONFIG) == 0 && zvmc_run_checks(ctx) >= 0) {
        fz_render(ctx, data, size);
        fz_views(ctx);
    }
    zvmc_ctx_free(ctx);
    for (int i = 0; i < n; i++)
        unlink(paths[i]);
    rmdir(dir);
    return 0;
}
