/* SPDX-License-Identifier: MIT */
/*
 * objdir_atomic.c - the atomic writer replaces a file whole or not at all.
 *
 * A write that fails part-way (the file size limit, RLIMIT_FSIZE, makes
 * fwrite/fflush fail after the temporary file exists), a rename that fails
 * (the target is a directory), a missing directory and, when not running as
 * root, an unwritable directory: each must return -ZVMC_ERR_IO, leave the
 * previous file byte-for-byte intact and leave no temporary file behind;
 * with the unnamed temporary file (O_TMPFILE) and with the named one the
 * writer falls back to.  A writer killed part-way leaves the target intact,
 * and, where the directory takes an unnamed file, nothing else either.  The
 * mode: the old file's (ZVMC_OUTFILE_KEEP_MODE, the object directory's), or
 * the umask's.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE     /* O_TMPFILE, to ask the directory as the writer does */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emit/outfile.h"
#include "objdir_files.h"
#include "objdir_fixture.h"

static char dir[] = "/tmp/zvmc-atomic-XXXXXX";

/* zvmc_odb_write_file(), with the unnamed temporary file or the named one. */
static int write_how(const char *path, const void *img, size_t len, int unnamed)
{
    struct zvmc_outfile t;
    int rc = outfile_init_how_(&t, NULL, path, ODB_OUTFILE_FLAGS, unnamed);

    if (rc)
        return rc;
    if ((rc = outfile_write(&t, img, len))) {
        outfile_abort(&t);
        return rc;
    }
    return outfile_commit(&t);
}

/* Does dir take an unnamed file?  (tmpfs and the usual Linux file systems do.) */
static int dir_takes_unnamed(void)
{
#ifdef O_TMPFILE
    int fd = open(dir, O_TMPFILE | O_WRONLY, 0600);

    if (fd >= 0 && access("/proc/self/fd", F_OK) == 0) {
        close(fd);
        return 1;
    }
    if (fd >= 0)
        close(fd);
#endif
    return 0;
}

/*
 * A writer killed part-way: a child opens the temporary file, writes half the
 * image and dies (_exit, neither commit nor abort, as SIGKILL would leave it).
 * The target keeps its bytes; an unnamed file leaves no name behind, a named
 * one is left (and removed here).
 */
static void killed_writer(const char *path, const uint8_t *img, size_t len, int unnamed)
{
    int before = dir_entries(dir), status;
    pid_t pid = fork();

    CHECK(pid >= 0);
    if (pid == 0) {
        struct zvmc_outfile t;

        if (outfile_init_how_(&t, NULL, path, ODB_OUTFILE_FLAGS, unnamed) != 0 ||
            outfile_write(&t, img, len / 2) != 0)
            _exit(2);
        /* the file is not in the directory while it is written */
        _exit(t.unnamed != unnamed ? 3 : dir_entries(dir) == before ? 0 : 4);
    }
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3)
        FAIL("the writer took the %s temporary file", unnamed ? "named" : "unnamed");
    if (unnamed)
        CHECK_INT(WEXITSTATUS(status), 0);
    else
        CHECK_INT(WEXITSTATUS(status), 4);    /* the named file is there... */
    expect_file(path, img, len, "the file after a killed writer");
    if (unnamed) {
        CHECK_INT(dir_entries(dir), before);
        return;
    }
    /* ...and stays: remove it */
    DIR *d = opendir(dir);
    struct dirent *e;
    char tmp[300];
    int left = 0;

    CHECK(d != NULL);
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp.")) {
            snprintf(tmp, sizeof(tmp), "%s/%s", dir, e->d_name);
            CHECK(unlink(tmp) == 0);
            left++;
        }
    closedir(d);
    CHECK_INT(left, 1);
}

/* Every case, with the unnamed temporary file or the named one. */
static void scenarios(const char *path, const uint8_t *img, size_t len, int unnamed)
{
    static const uint8_t other[] = "not the same bytes";
    char sub[80], missing[96];
    struct stat st;
    struct rlimit old, small;

    /* a first write creates the file, mode 0644 */
    CHECK_OK(write_how(path, img, len, unnamed));
    expect_file(path, img, len, "the file");
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 07777, 0644);
    expect_no_temp_files(dir);

    /* a replacement keeps the old file's mode */
    CHECK(chmod(path, 0640) == 0);
    CHECK_OK(write_how(path, other, sizeof(other), unnamed));
    expect_file(path, other, sizeof(other), "the file");
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 07777, 0640);
    CHECK_OK(write_how(path, img, len, unnamed));

    /* without ZVMC_OUTFILE_KEEP_MODE (the client's outputs): 0666 less the
     * umask, which the kernel applies to either kind of file */
    {
        struct zvmc_outfile t;
        mode_t mask = umask(077);

        CHECK_OK(outfile_init_how_(&t, NULL, path, 0, unnamed));
        CHECK_INT(t.unnamed, unnamed);
        CHECK_OK(outfile_write(&t, img, len));
        CHECK_OK(outfile_commit(&t));
        umask(mask);
        CHECK(stat(path, &st) == 0);
        CHECK_INT(st.st_mode & 07777, 0600);
        CHECK(chmod(path, 0644) == 0);
        expect_file(path, img, len, "the file");
    }

    /* the write itself fails: the file size limit is below the image size */
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    small = old;
    small.rlim_cur = 512;
    signal(SIGXFSZ, SIG_IGN);
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    errno = 0;
    CHECK_RC(write_how(path, img, len, unnamed), ZVMC_ERR_IO);
    CHECK_INT(errno, EFBIG);
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    expect_file(path, img, len, "the file");
    expect_no_temp_files(dir);

    /* the rename fails: the target is a directory */
    snprintf(sub, sizeof(sub), "%s/adir", dir);
    CHECK(mkdir(sub, 0755) == 0);
    CHECK_RC(write_how(sub, img, len, unnamed), ZVMC_ERR_IO);
    CHECK(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
    expect_no_temp_files(dir);
    CHECK(rmdir(sub) == 0);

    /* the directory does not exist */
    snprintf(missing, sizeof(missing), "%s/no/such/dir.zvmo", dir);
    CHECK_RC(write_how(missing, img, len, unnamed), ZVMC_ERR_IO);
    CHECK_INT(errno, ENOENT);

    /* the directory is not writable (root could write anyway) */
    if (geteuid() != 0) {
        CHECK(chmod(dir, 0555) == 0);
        CHECK_RC(write_how(path, other, sizeof(other), unnamed), ZVMC_ERR_IO);
        CHECK_INT(errno, EACCES);
        CHECK(chmod(dir, 0755) == 0);
        expect_file(path, img, len, "the file");
        expect_no_temp_files(dir);
    }
    killed_writer(path, img, len, unnamed);
    expect_no_temp_files(dir);
}

int main(void)
{
    char path[80];
    size_t len;
    uint8_t *img = fx_image(0, &len);

    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/cluster.zvmo", dir);
    scenarios(path, img, len, 0);
    CHECK(unlink(path) == 0);
    if (dir_takes_unnamed()) {
        scenarios(path, img, len, 1);
        CHECK(unlink(path) == 0);
    } else {
        printf("objdir_atomic: %s takes no unnamed file (O_TMPFILE): the named one only\n", dir);
    }

    /* the public writer */
    CHECK_OK(zvmc_odb_write_file(path, img, len));
    expect_file(path, img, len, "the file");
    expect_no_temp_files(dir);
    CHECK_INT(dir_entries(dir), 1);

    CHECK_RC(zvmc_odb_write_file(NULL, img, len), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_write_file("", img, len), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_write_file(path, NULL, 1), ZVMC_ERR_INVAL);
    expect_file(path, img, len, "the file");

    CHECK(unlink(path) == 0 && rmdir(dir) == 0);
    free(img);
    return 0;
}
