/* SPDX-License-Identifier: MIT */
/*
 * outfile.c - write a file atomically (outfile.h): a temporary file beside
 * the target, renamed over it only once whole, so that a failed run never
 * leaves half a file where a good one was.
 *
 * Where Linux gives one (O_TMPFILE, with /proc to name it by), the
 * temporary file has no name while it is written: a run killed part-way
 * (SIGKILL, the OOM killer, a power cut) leaves nothing behind in the
 * directory.  It is linked in under a temporary name only at commit and
 * renamed over the target at once.  Elsewhere it is created under that
 * name, which such a kill leaves (PATH.tmp.XXXXXX).
 *
 * Both kinds are created with open()'s mode argument, so that the kernel
 * applies the umask: reading the umask means setting it, which would race
 * with any other thread of the caller's that creates a file.
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
#include "emit/outfile.h"
#include "zvmc/runtime.h"

#define FLAGS_KNOWN_ (ZVMC_OUTFILE_SYNC | ZVMC_OUTFILE_KEEP_MODE)

static const char tmp_suffix_[] = ".tmp.XXXXXX";

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

/*
 * Give t->tmp a name beside the target that @make (linkat or open with
 * O_EXCL) accepts: the six X of the suffix from the clock, the process and
 * the attempt, another name while one exists.  0, or -1 with errno set.
 */
static int unique_name_(struct zvmc_outfile *t, int (*make)(struct zvmc_outfile *t, int mode),
                        int mode)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t plen = strlen(t->path);
    struct timespec ts;

    memcpy(t->tmp, t->path, plen);
    memcpy(t->tmp + plen, tmp_suffix_, sizeof(tmp_suffix_));
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    for (uint32_t attempt = 0; attempt < 100; attempt++) {
        uint64_t v = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20 ^
                     (uint64_t)attempt * 0x9E3779B97F4A7C15u;
        char *x = t->tmp + plen + sizeof(tmp_suffix_) - 7;

        for (int i = 0; i < 6; i++, v /= 36)
            x[i] = digits[v % 36];
        if (make(t, mode) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

/* The named kind: create t->tmp, new, with @mode (less the umask). */
static int create_named_(struct zvmc_outfile *t, int mode)
{
    t->fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    return t->fd < 0 ? -1 : 0;
}

#ifdef O_TMPFILE
/* The name /proc gives an open file by. */
static void proc_name_(int fd, char buf[32])
{
    snprintf(buf, 32, "/proc/self/fd/%d", fd);
}

/*
 * An unnamed file in t->path's directory, with @mode (less the umask), or
 * -1: the kernel or the file system has no O_TMPFILE, or there is no /proc
 * to link it in by at commit (then the caller falls back to a named file,
 * and any error is that one's).
 */
static int open_unnamed_(struct zvmc_outfile *t, int mode)
{
    char proc[32];
    int fd;

    dir_of_(t->path, t->tmp);
    fd = open(t->tmp, O_TMPFILE | O_WRONLY | O_CLOEXEC, (mode_t)mode);
    if (fd < 0)
        return -1;
    proc_name_(fd, proc);
    if (access(proc, F_OK) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int link_named_(struct zvmc_outfile *t, int mode)
{
    char proc[32];

    (void)mode;
    proc_name_(t->fd, proc);
    return linkat(AT_FDCWD, proc, AT_FDCWD, t->tmp, AT_SYMLINK_FOLLOW);
}
#endif

int outfile_init_how_(struct zvmc_outfile *t, const zvmc_allocator *alloc, const char *path,
                      unsigned flags, int unnamed)
{
    size_t plen;
    struct stat st;
    int mode = 0666, keep = (flags & ZVMC_OUTFILE_KEEP_MODE) != 0;

    t->alloc = alloc ? alloc : zalloc_default();
    t->path = path;
    t->tmp = NULL;
    t->fd = -1;
    t->unnamed = 0;
    t->flags = flags;
    if (!path || !*path || (flags & ~FLAGS_KNOWN_))
        return -ZVMC_ERR_INVAL;
    plen = strlen(path);
    if (plen > SIZE_MAX - sizeof(tmp_suffix_) ||
        !(t->tmp = zalloc_malloc(t->alloc, plen + sizeof(tmp_suffix_))))
        return -ZVMC_ERR_NOMEM;
    /* kept: the old file's bits, set below whatever the umask; the file is
     * private until then */
    if (keep)
        mode = stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : 0644;

#ifdef O_TMPFILE
    if (unnamed && (t->fd = open_unnamed_(t, keep ? 0600 : mode)) >= 0)
        t->unnamed = 1;
#else
    (void)unnamed;
#endif
    /* same directory as path, so the rename is atomic; create_named_()
     * leaves t->fd -1 when no name could be made */
    if (t->fd < 0)
        (void)unique_name_(t, create_named_, keep ? 0600 : mode);
    if (t->fd < 0) {
        int saved = errno;

        zalloc_free(t->alloc, t->tmp);
        t->tmp = NULL;
        errno = saved;
        return -ZVMC_ERR_IO;
    }
    if (keep && fchmod(t->fd, (mode_t)mode) < 0) {
        outfile_abort(t);
        return -ZVMC_ERR_IO;
    }
    return 0;
}

int outfile_init(struct zvmc_outfile *t, const zvmc_allocator *alloc, const char *path,
                 unsigned flags)
{
    return outfile_init_how_(t, alloc, path, flags, 1);
}

/* All of buf, straight from the caller's memory (no stdio copy): at @off,
 * or appended when @off is negative.  0 or -ZVMC_ERR_IO (errno set). */
static int write_all_(int fd, const unsigned char *p, size_t len, int64_t off)
{
    while (len) {
        size_t chunk = len > ((size_t)1 << 30) ? (size_t)1 << 30 : len;
        ssize_t n = off < 0 ? write(fd, p, chunk) : pwrite(fd, p, chunk, (off_t)off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -ZVMC_ERR_IO;
        }
        p += n;
        len -= (size_t)n;
        if (off >= 0)
            off += n;
    }
    return 0;
}

int outfile_write(struct zvmc_outfile *t, const void *buf, size_t len)
{
    return write_all_(t->fd, buf, len, -1);
}

int outfile_pwrite(struct zvmc_outfile *t, const void *buf, size_t len, uint64_t off)
{
    if (off > (uint64_t)INT64_MAX - len) {
        errno = EFBIG;
        return -ZVMC_ERR_IO;
    }
    return write_all_(t->fd, buf, len, (int64_t)off);
}

int outfile_commit(struct zvmc_outfile *t)
{
    int fd = t->fd, sync = (t->flags & ZVMC_OUTFILE_SYNC) != 0;

    if (sync && fsync(fd) != 0) {
        outfile_abort(t);
        return -ZVMC_ERR_IO;
    }
#ifdef O_TMPFILE
    if (t->unnamed) {
        if (unique_name_(t, link_named_, 0) != 0) {
            outfile_abort(t);
            return -ZVMC_ERR_IO;
        }
        t->unnamed = 0;     /* named now: an abort removes the name */
    }
#endif
    t->fd = -1;
    if (close(fd) != 0 || rename(t->tmp, t->path) != 0) {
        outfile_abort(t);
        return -ZVMC_ERR_IO;
    }
    if (sync)
        sync_dir_(t->path, t->tmp);
    zalloc_free(t->alloc, t->tmp);
    t->tmp = NULL;
    return 0;
}

void outfile_abort(struct zvmc_outfile *t)
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

/*
 * The public interface: the same, on a heap object that owns a copy of the
 * path.
 */

int zvmc_outfile_open(const char *path, unsigned flags, zvmc_outfile **out)
{
    const zvmc_alloc *a = zalloc_default();
    struct zvmc_outfile *t;
    char *copy;
    size_t n;
    int rc;

    if (!out)
        return ZVMC_EINVAL;
    *out = NULL;
    if (!path || !*path)
        return ZVMC_EINVAL;
    n = strlen(path) + 1;
    t = zalloc_malloc(a, sizeof(*t));
    copy = zalloc_malloc(a, n);
    if (!t || !copy) {
        zalloc_free(a, t);
        zalloc_free(a, copy);
        return ZVMC_ENOMEM;
    }
    memcpy(copy, path, n);
    if ((rc = outfile_init(t, a, copy, flags)) != 0) {
        int saved = errno;

        zalloc_free(a, t);
        zalloc_free(a, copy);
        errno = saved;
        return compile_rc(rc);
    }
    *out = t;
    return 0;
}

int zvmc_outfile_fd(const zvmc_outfile *out)
{
    return out ? out->fd : -1;
}

int zvmc_outfile_write(void *out, const char *data, size_t len)
{
    if (!out || (!data && len))
        return ZVMC_EINVAL;
    return compile_rc(outfile_write(out, data, len));
}

/* Free what zvmc_outfile_open() allocated; errno is kept. */
static void outfile_free_(struct zvmc_outfile *t)
{
    const zvmc_alloc *a = t->alloc;
    int saved = errno;

    zalloc_free(a, (void *)(uintptr_t)t->path);
    zalloc_free(a, t);
    errno = saved;
}

int zvmc_outfile_commit(zvmc_outfile *out)
{
    int rc;

    if (!out)
        return ZVMC_EINVAL;
    rc = outfile_commit(out);
    outfile_free_(out);
    return compile_rc(rc);
}

void zvmc_outfile_abort(zvmc_outfile *out)
{
    if (!out)
        return;
    outfile_abort(out);
    outfile_free_(out);
}
