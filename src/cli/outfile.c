/* SPDX-License-Identifier: MIT */
/*
 * Output files written atomically: a temporary file beside the target, renamed
 * over it only when everything was written, so that a failed run never leaves
 * half a file (or an empty one) where a good one was.  "-" is stdout.  An
 * output that is one of the command's inputs is refused before anything is
 * read (cli_out_is_input()): `-o USER.DIRECT` is a slip of the fingers, and
 * replacing the source with what was made from it loses the source.
 *
 * The temporary file is the library's (zvmc_outfile_open(), <zvmc/zvmc.h>):
 * where Linux gives one (O_TMPFILE, and /proc to name it by), it has no name
 * until it is whole, so a run killed while writing leaves nothing behind;
 * elsewhere it leaves PATH.tmp.XXXXXX.  Outputs are not fsync'd (the object
 * directory's writer does that) and take the umask's mode, as any file a
 * command creates.
 */
#include <errno.h>
#include <fcntl.h>
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
    int rc = zvmc_outfile_open(path, 0, &o->out), fd = -1;
    if (rc != 0) {
        if (rc != ZVMC_EIO)     /* ZVMC_EIO leaves the system's errno */
            errno = rc == ZVMC_ENOMEM ? ENOMEM : EINVAL;
        return -1;
    }
    /* stdio on a second descriptor, closed before the commit names the file */
    if ((fd = fcntl(zvmc_outfile_fd(o->out), F_DUPFD_CLOEXEC, 0)) >= 0 &&
        (o->f = fdopen(fd, "w")) != NULL)
        return 0;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    zvmc_outfile_abort(o->out);
    memset(o, 0, sizeof *o);
    errno = saved;
    return -1;
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
    if (o->out) {
        if (rc == 0 && zvmc_outfile_commit(o->out) != 0) {
            rc = -1;
            saved = errno;
        } else if (rc != 0) {
            zvmc_outfile_abort(o->out);
        }
    }
    memset(o, 0, sizeof *o);
    errno = saved;
    return rc;
}
