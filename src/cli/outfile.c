/* SPDX-License-Identifier: MIT */
/*
 * Output files written atomically: a temporary file beside the target, renamed
 * over it only when everything was written, so that a failed run never leaves
 * half a file (or an empty one) where a good one was.  "-" is stdout.  An
 * output that is one of the command's inputs is refused before anything is
 * read (cli_out_is_input()): `-o USER.DIRECT` is a slip of the fingers, and
 * replacing the source with what was made from it loses the source.
 *
 * Where Linux gives one (O_TMPFILE, and /proc to name it by), the temporary
 * file has no name until it is whole: a run killed while writing leaves
 * nothing behind; elsewhere it leaves PATH.XXXXXX.  The library's object
 * directory writer does the same (src/emit/objdir_write.c; the client has
 * its own, as it uses only the public API).
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE     /* O_TMPFILE */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"

#define TMP_SUFFIX ".XXXXXX"

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

#ifdef O_TMPFILE
/* An unnamed file in the directory of @path (@buf, of strlen(path) + 2 bytes,
 * receives the directory's name), or -1: no O_TMPFILE there, or no /proc. */
static int open_unnamed(const char *path, char *buf)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        strcpy(buf, ".");
    else if (slash == path)
        strcpy(buf, "/");
    else {
        memcpy(buf, path, (size_t)(slash - path));
        buf[slash - path] = '\0';
    }
    int fd = open(buf, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    char proc[32];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (fd >= 0 && access(proc, F_OK) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* Link the unnamed file @fd in as o->tmp (PATH.XXXXXX, the X from the clock,
 * the process and the attempt): 0, or -1 with errno set. */
static int link_unnamed(cli_out *o, int fd)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t n = strlen(o->path);
    char proc[32];
    struct timespec ts;
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    memcpy(o->tmp, o->path, n);
    memcpy(o->tmp + n, TMP_SUFFIX, sizeof TMP_SUFFIX);
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    for (uint64_t attempt = 0; attempt < 100; attempt++) {
        uint64_t v = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20 ^
                     attempt * 0x9E3779B97F4A7C15u;
        for (size_t i = 1; i < sizeof TMP_SUFFIX - 1; i++, v /= 36)
            o->tmp[n + i] = digits[v % 36];
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}
#endif

int cli_out_open(cli_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!strcmp(path, "-")) {
        o->f = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->tmp = malloc(n + sizeof TMP_SUFFIX);
    if (!o->tmp) {
        errno = ENOMEM;
        return -1;
    }
    int fd = -1;
#ifdef O_TMPFILE
    fd = open_unnamed(path, o->tmp);
    o->unnamed = fd >= 0;
#endif
    if (fd < 0) {
        memcpy(o->tmp, path, n);
        memcpy(o->tmp + n, TMP_SUFFIX, sizeof TMP_SUFFIX);
        fd = mkstemp(o->tmp);
    }
    if (fd >= 0) {
        /* a new file is 0600; an output is shared like any other file. */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) == 0)
            o->f = fdopen(fd, "w");
    }
    if (!o->f) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
            if (!o->unnamed)
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
#ifdef O_TMPFILE
    /* named only once whole (a failed run's file goes with its descriptor) */
    if (o->unnamed && rc == 0) {
        if (link_unnamed(o, fileno(o->f)) == 0) {
            o->unnamed = 0;
        } else {
            rc = -1;
            saved = errno;
        }
    }
#endif
    if (o->f != stdout && fclose(o->f) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (o->tmp) {
        if (rc == 0 && rename(o->tmp, o->path) != 0) {
            rc = -1;
            saved = errno;
        }
        if (rc != 0 && !o->unnamed)
            unlink(o->tmp);
        free(o->tmp);
    }
    memset(o, 0, sizeof *o);
    errno = saved;
    return rc;
}
