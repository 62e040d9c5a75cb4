/* SPDX-License-Identifier: MIT */
/*
 * objdir_atomic.c - the atomic writer replaces a file whole or not at all.
 *
 * A write that fails part-way (the file size limit, RLIMIT_FSIZE, makes
 * fwrite/fflush fail after the temporary file exists), a rename that fails
 * (the target is a directory), a missing directory and, when not running as
 * root, an unwritable directory: each must return -ZVMC_ERR_IO, leave the
 * previous file byte-for-byte intact and leave no temporary file behind.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "objdir_files.h"
#include "objdir_fixture.h"

static char dir[] = "/tmp/zvmc-atomic-XXXXXX";

int main(void)
{
    static const uint8_t other[] = "not the same bytes";
    char path[80], sub[80], missing[96];
    size_t len;
    uint8_t *img = fx_image(0, &len);
    struct stat st;
    struct rlimit old, small;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/cluster.zvmo", dir);

    /* a first write creates the file, mode 0644 */
    CHECK_OK(zvmc_odb_write_file(path, img, len));
    expect_file(path, img, len, "the file");
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 07777, 0644);
    expect_no_temp_files(dir);

    /* a replacement keeps the old file's mode */
    CHECK(chmod(path, 0640) == 0);
    CHECK_OK(zvmc_odb_write_file(path, other, sizeof(other)));
    expect_file(path, other, sizeof(other), "the file");
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 07777, 0640);
    CHECK_OK(zvmc_odb_write_file(path, img, len));

    /* the write itself fails: the file size limit is below the image size */
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    small = old;
    small.rlim_cur = 512;
    signal(SIGXFSZ, SIG_IGN);
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    errno = 0;
    CHECK_RC(zvmc_odb_write_file(path, img, len), ZVMC_ERR_IO);
    CHECK_INT(errno, EFBIG);
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    expect_file(path, img, len, "the file");
    expect_no_temp_files(dir);

    /* the rename fails: the target is a directory */
    snprintf(sub, sizeof(sub), "%s/adir", dir);
    CHECK(mkdir(sub, 0755) == 0);
    CHECK_RC(zvmc_odb_write_file(sub, img, len), ZVMC_ERR_IO);
    CHECK(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
    expect_no_temp_files(dir);
    CHECK(rmdir(sub) == 0);

    /* the directory does not exist */
    snprintf(missing, sizeof(missing), "%s/no/such/dir.zvmo", dir);
    CHECK_RC(zvmc_odb_write_file(missing, img, len), ZVMC_ERR_IO);
    CHECK_INT(errno, ENOENT);

    /* the directory is not writable (root could write anyway) */
    if (geteuid() != 0) {
        CHECK(chmod(dir, 0555) == 0);
        CHECK_RC(zvmc_odb_write_file(path, other, sizeof(other)), ZVMC_ERR_IO);
        CHECK_INT(errno, EACCES);
        CHECK(chmod(dir, 0755) == 0);
        expect_file(path, img, len, "the file");
        expect_no_temp_files(dir);
    }

    CHECK_RC(zvmc_odb_write_file(NULL, img, len), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_write_file("", img, len), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_write_file(path, NULL, 1), ZVMC_ERR_INVAL);
    expect_file(path, img, len, "the file");

    CHECK(unlink(path) == 0 && rmdir(dir) == 0);
    free(img);
    return 0;
}
