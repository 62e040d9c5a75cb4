/* SPDX-License-Identifier: MIT */
/*
 * objdir_write.c - write an object directory image atomically.
 *
 * The image goes to a temporary file beside the target (so that rename()
 * stays within one file system and is atomic) in write() calls straight
 * from the caller's memory, is fsync'd, and only then renamed over the
 * target.  Any failure removes the temporary file and leaves the old object
 * directory as it was: a failed compile never replaces a good object
 * directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/objdir_builder.h"
#include "util/alloc.h"

/*
 * Make a rename in path's directory durable; best effort (not every fs can).
 * buf (at least strlen(path) + 2 bytes) receives the directory's name.
 */
static void sync_dir_(const char *path, char *buf)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    int fd;

    if (!slash)
        memcpy(buf, ".", 2);
    else if (n == 0)
        memcpy(buf, "/", 2);
    else {
        memcpy(buf, path, n);
        buf[n] = '\0';
    }
    fd = open(buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* All of buf to fd, straight from the caller's memory (no stdio copy). */
static int write_all_(int fd, const unsigned char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len > ((size_t)1 << 30) ? (size_t)1 << 30 : len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int zvmc_odb_write_file_alloc(const zvmc_allocator *alloc, const char *path, const void *img,
                  size_t len)
{
    static const char suffix[] = ".tmp.XXXXXX";
    const zvmc_alloc *a = alloc ? alloc : zalloc_default();
    size_t plen;
    char *tmp;
    struct stat st;
    mode_t mode;
    int fd, saved;

    if (!path || !*path || (!img && len))
        return -ZVMC_ERR_INVAL;
    plen = strlen(path);
    if (plen > SIZE_MAX - sizeof(suffix) || !(tmp = zalloc_malloc(a, plen + sizeof(suffix))))
        return -ZVMC_ERR_NOMEM;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, suffix, sizeof(suffix));
    mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;

    fd = mkstemp(tmp);  /* same directory as path, so rename is atomic */
    if (fd < 0) {
        saved = errno;
        zalloc_free(a, tmp);
        errno = saved;
        return -ZVMC_ERR_IO;
    }
    if (fchmod(fd, mode) < 0 || write_all_(fd, img, len) < 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    sync_dir_(path, tmp);
    zalloc_free(a, tmp);
    return 0;

fail:
    saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    zalloc_free(a, tmp);
    errno = saved;
    return -ZVMC_ERR_IO;
}

int zvmc_odb_write_file(const char *path, const void *img, size_t len)
{
    return zvmc_odb_write_file_alloc(NULL, path, img, len);
}
