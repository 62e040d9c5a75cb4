/* SPDX-License-Identifier: MIT */
/*
 * objdir_write.c - write an object directory image atomically.
 *
 * The image goes to a temporary file in the target's directory (so that
 * rename() stays within one file system and is atomic) in write() calls
 * straight from the caller's memory, is fsync'd, and only then renamed over
 * the target.  Any failure removes the temporary file and leaves the old
 * object directory as it was: a failed compile never replaces a good object
 * directory.
 *
 * Where Linux gives one (O_TMPFILE, with /proc to name it by), the
 * temporary file has no name while it is written: a run killed part-way
 * (SIGKILL, the OOM killer, a power cut) leaves nothing behind in the
 * directory.  It is linked in under a temporary name only once written and
 * synced, and renamed over the target at once.  Elsewhere it is a mkstemp()
 * file beside the target, which such a kill leaves (NAME.tmp.XXXXXX).
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE     /* O_TMPFILE */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "emit/objdir_builder.h"
#include "emit/objdir_tmpfile.h"
#include "util/alloc.h"

/* The directory part of path into buf (at least strlen(path) + 2 bytes). */
static void dir_of_(const char *path, char *buf)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;

    if (!slash)
        memcpy(buf, ".", 2);
    else if (n == 0)
        memcpy(buf, "/", 2);
    else {
        memcpy(buf, path, n);
        buf[n] = '\0';
    }
}

/*
 * Make a rename in path's directory durable; best effort (not every fs can).
 * buf (at least strlen(path) + 2 bytes) receives the directory's name.
 */
static void sync_dir_(const char *path, char *buf)
{
    int fd;

    dir_of_(path, buf);
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

static const char tmp_suffix_[] = ".tmp.XXXXXX";

#ifdef O_TMPFILE
/* The name /proc gives an open file by. */
static void proc_name_(int fd, char buf[32])
{
    snprintf(buf, 32, "/proc/self/fd/%d", fd);
}

/*
 * An unnamed file in t->path's directory, or -1: the kernel or the file
 * system has no O_TMPFILE, or there is no /proc to link it in by at commit
 * (then the caller falls back to a named file, and any error is that one's).
 */
static int open_unnamed_(struct odb_tmpfile *t)
{
    char proc[32];
    int fd;

    dir_of_(t->path, t->tmp);
    fd = open(t->tmp, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    proc_name_(fd, proc);
    if (access(proc, F_OK) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * Give the unnamed file a temporary name beside the target (t->tmp), for
 * the rename: the six X of the suffix from the clock, the process and the
 * attempt, another name while that one exists.  0, or -1 with errno set.
 */
static int link_unnamed_(struct odb_tmpfile *t)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t plen = strlen(t->path);
    char proc[32];
    struct timespec ts;

    proc_name_(t->fd, proc);
    memcpy(t->tmp, t->path, plen);
    memcpy(t->tmp + plen, tmp_suffix_, sizeof(tmp_suffix_));
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    for (uint32_t attempt = 0; attempt < 100; attempt++) {
        uint64_t v = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20 ^
                     (uint64_t)attempt * 0x9E3779B97F4A7C15u;
        char *x = t->tmp + plen + sizeof(tmp_suffix_) - 7;

        for (int i = 0; i < 6; i++, v /= 36)
            x[i] = digits[v % 36];
        if (linkat(AT_FDCWD, proc, AT_FDCWD, t->tmp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}
#endif

int odb_tmpfile_open_how_(struct odb_tmpfile *t, const zvmc_allocator *alloc, const char *path,
                          int unnamed)
{
    size_t plen;
    struct stat st;
    mode_t mode;
    int saved;

    t->alloc = alloc ? alloc : zalloc_default();
    t->path = path;
    t->tmp = NULL;
    t->fd = -1;
    t->unnamed = 0;
    if (!path || !*path)
        return -ZVMC_ERR_INVAL;
    plen = strlen(path);
    if (plen > SIZE_MAX - sizeof(tmp_suffix_) ||
        !(t->tmp = zalloc_malloc(t->alloc, plen + sizeof(tmp_suffix_))))
        return -ZVMC_ERR_NOMEM;
    mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;

#ifdef O_TMPFILE
    if (unnamed && (t->fd = open_unnamed_(t)) >= 0)
        t->unnamed = 1;
#else
    (void)unnamed;
#endif
    if (t->fd < 0) {
        memcpy(t->tmp, path, plen);
        memcpy(t->tmp + plen, tmp_suffix_, sizeof(tmp_suffix_));
        t->fd = mkstemp(t->tmp);    /* same directory as path, so rename is atomic */
    }
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

int odb_tmpfile_open(struct odb_tmpfile *t, const zvmc_allocator *alloc, const char *path)
{
    return odb_tmpfile_open_how_(t, alloc, path, 1);
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

    if (fsync(fd) != 0) {
        odb_tmpfile_abort(t);
        return -ZVMC_ERR_IO;
    }
#ifdef O_TMPFILE
    if (t->unnamed) {
        if (link_unnamed_(t) != 0) {
            odb_tmpfile_abort(t);
            return -ZVMC_ERR_IO;
        }
        t->unnamed = 0;     /* named now: an abort removes the name */
    }
#endif
    t->fd = -1;
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
        close(t->fd);   /* an unnamed file goes with its last descriptor */
    if (t->tmp) {
        if (!t->unnamed)
            unlink(t->tmp);
        zalloc_free(t->alloc, t->tmp);
    }
    t->fd = -1;
    t->tmp = NULL;
    t->unnamed = 0;
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
