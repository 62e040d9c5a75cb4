/* SPDX-License-Identifier: MIT */
/*
 * objdir_write.c - write an object directory image atomically.
 *
 * The image goes to a temporary file beside the target (so that rename()
 * stays within one file system and is atomic), is flushed and fsync'd, and
 * only then renamed over the target.  Any failure removes the temporary file
 * and leaves the old object directory as it was: a failed compile never
 * replaces a good object directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/objdir_builder.h"

/* Make a rename in path's directory durable; best effort (not every fs can). */
static void sync_dir_(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    char *dir = malloc(n + 1);
    int fd;

    if (!dir)
        return;
    if (!slash)
        memcpy(dir, ".", 2);
    else if (n == 0)
        memcpy(dir, "/", 2);
    else {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

int zvmc_odb_write_file(const char *path, const void *img, size_t len)
{
    static const char suffix[] = ".tmp.XXXXXX";
    size_t plen;
    char *tmp;
    struct stat st;
    mode_t mode;
    FILE *f = NULL;
    int fd, saved;

    if (!path || !*path || (!img && len))
        return -ZVMC_ERR_INVAL;
    plen = strlen(path);
    tmp = malloc(plen + sizeof(suffix));
    if (!tmp)
        return -ZVMC_ERR_NOMEM;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof(suffix));
    mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;

    fd = mkstemp(tmp);  /* same directory as path, so rename is atomic */
    if (fd < 0) {
        saved = errno;
        free(tmp);
        errno = saved;
        return -ZVMC_ERR_IO;
    }
    if (fchmod(fd, mode) < 0 || !(f = fdopen(fd, "wb")))
        goto fail;
    fd = -1;    /* f owns it now */
    if ((len && fwrite(img, 1, len, f) != len) || fflush(f) != 0 || fsync(fileno(f)) != 0)
        goto fail;
    if (fclose(f) != 0) {
        f = NULL;
        goto fail;
    }
    f = NULL;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    sync_dir_(path);
    return 0;

fail:
    saved = errno;
    if (f)
        fclose(f);
    else if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = saved;
    return -ZVMC_ERR_IO;
}
