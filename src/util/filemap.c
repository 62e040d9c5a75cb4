/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE     /* MADV_DONTNEED */
#include <stdint.h>
#include "util/filemap.h"
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define HAVE_FILEMAP 1
#else
#define HAVE_FILEMAP 0
#endif

#if HAVE_FILEMAP
static size_t page_size(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096;
}
#endif

const char *filemap_map(int fd, size_t len)
{
#if HAVE_FILEMAP
    if (len == 0 || len % page_size() == 0)
        return NULL;    /* no zero byte after the data (see filemap.h) */
    /* MAP_POPULATE: the text check before the parse reads every byte anyway,
     * and one call maps them for less than a fault every 64 KiB */
    void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    return m == MAP_FAILED ? NULL : (const char *)m;
#else
    (void)fd;
    (void)len;
    return NULL;
#endif
}

void filemap_unmap(const char *data, size_t len)
{
#if HAVE_FILEMAP
    if (data)
        (void)munmap((void *)(uintptr_t)data, len);
#else
    (void)data;
    (void)len;
#endif
}

void filemap_release(const char *data, size_t len, size_t lo, size_t hi)
{
#if HAVE_FILEMAP
    size_t ps = page_size();
    if (!data || hi > len)
        hi = len;
    if (hi == len)      /* the last page, partial, goes too */
        hi = (len + ps - 1) / ps * ps;
    lo = (lo + ps - 1) / ps * ps;
    hi = hi / ps * ps;
    if (data && hi > lo)
        (void)madvise((void *)(uintptr_t)(data + lo), hi - lo, MADV_DONTNEED);
#else
    (void)data;
    (void)len;
    (void)lo;
    (void)hi;
#endif
}
