/* SPDX-License-Identifier: MIT */
/*
 * outfile.c - the public atomic output file (<zvmc/zvmc.h>, zvmc_outfile_*):
 * what a directory manager embedding zvmc writes its own outputs with, and
 * what the client writes every output with.
 *
 * A commit puts the new bytes in place, with the umask's mode or, with
 * ZVMC_OUTFILE_KEEP_MODE, the old file's; an abort and a failed commit leave
 * the old file as it was and nothing else in the directory; writes through
 * the descriptor (stdio on a duplicate) count as writes; bad arguments are
 * ZVMC_EINVAL, a missing directory ZVMC_EIO with errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "objdir_files.h"
#include "objdir_test.h"
#include "zvmc/zvmc.h"

static char dir[] = "/tmp/zvmc-outfile-XXXXXX";
static char path[300], other[300];

static void put(const char *p, const char *text, mode_t mode)
{
    FILE *f = fopen(p, "w");

    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK(fclose(f) == 0);
    CHECK(chmod(p, mode) == 0);
}

static void expect(const char *p, const char *text, mode_t mode)
{
    char buf[256];
    struct stat st;
    FILE *f = fopen(p, "r");
    size_t n;

    CHECK(f != NULL);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    CHECK_STR(buf, text);
    CHECK(stat(p, &st) == 0);
    CHECK_INT(st.st_mode & 07777, mode);
}

/* Open @p, write @text, commit: the result of the commit. */
static int replace(const char *p, unsigned flags, const char *text)
{
    zvmc_outfile *o;

    CHECK_INT(zvmc_outfile_open(p, flags, &o), 0);
    CHECK(o != NULL && zvmc_outfile_fd(o) >= 0);
    CHECK_INT(zvmc_outfile_write(o, text, strlen(text)), 0);
    return zvmc_outfile_commit(o);
}

int main(void)
{
    zvmc_outfile *o;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/out.txt", dir);
    snprintf(other, sizeof(other), "%s/sub", dir);
    umask(027);

    /* a new file: the umask's mode */
    CHECK_INT(replace(path, 0, "first\n"), 0);
    expect(path, "first\n", 0640);
    CHECK_INT(dir_entries(dir), 1);

    /* replacing one: the umask's mode again, or the old one's when kept */
    CHECK(chmod(path, 0600) == 0);
    CHECK_INT(replace(path, 0, "second\n"), 0);
    expect(path, "second\n", 0640);
    CHECK(chmod(path, 0604) == 0);
    CHECK_INT(replace(path, ZVMC_OUTFILE_KEEP_MODE | ZVMC_OUTFILE_SYNC, "third\n"), 0);
    expect(path, "third\n", 0604);
    CHECK_INT(dir_entries(dir), 1);

    /* an abort leaves the old file and nothing else */
    CHECK_INT(zvmc_outfile_open(path, 0, &o), 0);
    CHECK_INT(zvmc_outfile_write(o, "lost\n", 5), 0);
    zvmc_outfile_abort(o);
    expect(path, "third\n", 0604);
    CHECK_INT(dir_entries(dir), 1);

    /* stdio through a duplicate of the descriptor, closed before the commit */
    CHECK_INT(zvmc_outfile_open(path, 0, &o), 0);
    {
        FILE *f = fdopen(dup(zvmc_outfile_fd(o)), "w");

        CHECK(f != NULL);
        CHECK(fprintf(f, "via %s\n", "stdio") > 0);
        CHECK(fclose(f) == 0);
    }
    CHECK_INT(zvmc_outfile_write(o, "and write\n", 10), 0);
    CHECK_INT(zvmc_outfile_commit(o), 0);
    expect(path, "via stdio\nand write\n", 0640);

    /* a commit that cannot rename (a directory is in the way): ZVMC_EIO,
     * and no temporary file left */
    CHECK(mkdir(other, 0700) == 0);
    put(path, "kept\n", 0644);
    CHECK_INT(replace(other, 0, "never\n"), ZVMC_EIO);
    CHECK_INT(dir_entries(dir), 2);
    expect(path, "kept\n", 0644);
    CHECK(rmdir(other) == 0);

    /* a missing directory: ZVMC_EIO with errno */
    snprintf(other, sizeof(other), "%s/missing/out.txt", dir);
    errno = 0;
    CHECK_INT(zvmc_outfile_open(other, 0, &o), ZVMC_EIO);
    CHECK_INT(errno, ENOENT);
    CHECK(o == NULL);

    /* arguments */
    CHECK_INT(zvmc_outfile_open(NULL, 0, &o), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_open("", 0, &o), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_open(path, 0x80, &o), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_open(path, 0, NULL), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_commit(NULL), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_write(NULL, "x", 1), ZVMC_EINVAL);
    CHECK_INT(zvmc_outfile_fd(NULL), -1);
    zvmc_outfile_abort(NULL);
    CHECK_INT(dir_entries(dir), 1);

    CHECK(unlink(path) == 0);
    CHECK(rmdir(dir) == 0);
    printf("outfile: commit, modes, abort, stdio, a failed rename, bad arguments\n");
    return 0;
}
