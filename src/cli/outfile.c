/* SPDX-License-Identifier: MIT */
/*
 * Output files written atomically: a temporary file beside the target, renamed
 * over it only when everything was written, so that a failed run never leaves
 * half a file (or an empty one) where a good one was.  "-" is stdout.  An
 * output that is one of the command's inputs is refused before anything is
 * read (cli_out_is_input()): `-o USER.DIRECT` is a slip of the fingers, and
 * replacing the source with what was made from it loses the source.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"

int cli_out_is_input(const char *cmd, const char *opt, const char *out, const char *in)
{
    struct stat so, si;
    if (!out || !in || !strcmp(out, "-") || stat(out, &so) != 0 || stat(in, &si) != 0 ||
        so.st_dev != si.st_dev || so.st_ino != si.st_ino)
        return 0;
    fprintf(stderr, "zvmc %s: %s %s names an input file: writing it would replace the input; "
            "give another file\n", cmd, opt, out);
    return 1;
}

int cli_out_open(cli_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!strcmp(path, "-")) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->tmp = malloc(n + sizeof ".XXXXXX");
    if (!o->tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".XXXXXX", sizeof ".XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd >= 0) {
        /* mkstemp makes the file 0600; an output is shared like any other file. */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) == 0)
            o->f = fdopen(fd, "w");
    }
    if (!o->f) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        errno = saved;
        return -1;
    }
    return 0;
}

int cli_out_close(cli_out *o, int ok)
{
    int rc = ok ? 0 : -1, saved = 0;
    if (fflush(o->f) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (o->f != stdout && fclose(o->f) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (o->tmp) {
        if (rc == 0 && rename(o->tmp, o->path) != 0) {
            rc = -1;
            saved = errno;
        }
        if (rc != 0)
            unlink(o->tmp);
        free(o->tmp);
    }
    memset(o, 0, sizeof *o);
    errno = saved;
    return rc;
}
