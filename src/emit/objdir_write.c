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
#include "emit/objdir_tmpfile.h"
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

int odb_tmpfile_open(struct odb_tmpfile *t, const zvmc_allocator *alloc, const char *path)
{
    static const char suffix[] = ".tmp.XXXXXX";
    size_t plen;
    struct stat st;
    mode_t mode;
    int saved;

    t->alloc = alloc ? alloc : zalloc_default();
    t->path = path;
    t->tmp = NULL;
    t->fd = -1;
    if (!path || !*path)
        return -ZVMC_ERR_INVAL;
    plen = strlen(path);
    if (plen > SIZE_MAX - sizeof(suffix) ||
        !(t->tmp = zalloc_malloc(t->alloc, plen + sizeof(suffix))))
        return -ZVMC_ERR_NOMEM;
    memcpy(t->tmp, path, plen);
    memcpy(t->tmp + plen, suffix, sizeof(suffix));
    mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;

    t->fd = mkstemp(t->tmp);    /* same directory as path, so rename is atomic */
    if (t->fd < 0) {
        saved = errno;
        zalloc_free(t->alloc, t->tmp);
        t->tmp = NULL;
        errno = saved;
        return -ZVMC_ERR_IO;
    }
    if (fchmod(t->fd, mode) < 0) {
        odb_tmpfile_abort(t);
        return -ZVMC_ERR_IO;
    }
    return 0;
}

int odb_tmpfile_write(struct odb_tmpfile *t, const void *buf, size_t len)
{
    return write_all_(t->fd, buf, len) < 0 ? -ZVMC_ERR_IO : 0;
}

int odb_tmpfile_pwrite(struct odb_tmpfile *t, const void *buf, size_t len, uint64_t off)
{
    const unsigned char *p = buf;

    if (off > (uint64_t)INT64_MAX - len) {
        errno = EFBIG;
        return -ZVMC_ERR_IO;
    }
    while (len) {
        ssize_t n = pwrite(t->fd, p, len, (off_t)off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -ZVMC_ERR_IO;
        }
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

int odb_tmpfile_commit(struct odb_tmpfile *t)
{
    int fd = t->fd;

    t->fd = -1;
    if (fsync(fd) != 0) {
        t->fd = fd;
        odb_tmpfile_abort(t);
        return -ZVMC_ERR_IO;
    }
    if (close(fd) != 0 || rename(t->tmp, t->path) != 0) {
        odb_tmpfile_abort(t);
        return -ZVMC_ERR_IO;
    }
    sync_dir_(t->path, t->tmp);
    zalloc_free(t->alloc, t->tmp);
    t->tmp = NULL;
    return 0;
}

void odb_tmpfile_abort(struct odb_tmpfile *t)
{
    int saved = errno;

    if (t->fd >= 0)
        close(t->fd);
    if (t->tmp) {
        unlink(t->tmp);
        zalloc_free(t->alloc, t->tmp);
    }
    t->fd = -1;
    t->tmp = NULL;
    errno = saved;
}

int zvmc_odb_write_file_alloc(const zvmc_allocator *alloc, const char *path, const void *img,
                  size_t len)
{
    struct odb_tmpfile t;
    int rc;

    if (!img && len)
        return -ZVMC_ERR_INVAL;
    if ((rc = odb_tmpfile_open(&t, alloc, path)))
        return rc;
    if ((rc = odb_tmpfile_write(&t, img, len))) {
        odb_tmpfile_abort(&t);
        return rc;
    }
    return odb_tmpfile_commit(&t);
}

int zvmc_odb_write_file(const char *path, const void *img, size_t len)
{
    return zvmc_odb_write_file_alloc(NULL, path, img, len);
}
