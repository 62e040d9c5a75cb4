/* SPDX-License-Identifier: MIT */
/*
 * A regular file mapped read-only, whose pages can be given back.
 *
 * Why: a source directory is read from start to end once by the parser and
 * afterwards only here and there (an operand read back, the line of a
 * finding).  Copied into memory it stays resident whole: 36 MB of a
 * 100,000-guest check's 113 MB.  Mapped, the pages a walk has passed can be
 * given back to the kernel (filemap_release()); they stay in the page cache,
 * where they were anyway, and come back on the next touch from there, without
 * a read.
 *
 * The price, and why a context maps only when asked (zvmc_set_map_files()):
 * a mapped file that another process truncates while it is mapped ends the
 * process with SIGBUS on the next touch of a page past the new end, and one
 * changed in place shows the change.  A short-lived command reading files
 * nobody writes (the CLI, CI) can take that; a long-lived program that rewrites
 * its inputs should not.
 */
#ifndef ZVMC_UTIL_FILEMAP_H
#define ZVMC_UTIL_FILEMAP_H
#include <stddef.h>

/* Map @len bytes of the regular file open on @fd, read-only.  The byte after
 * the last (data[len]) must read as NUL, as for a copied source: that holds
 * only when len is not a multiple of the page size (the rest of the last page
 * reads as zeros), so NULL is returned otherwise, and when mapping is not
 * available or fails; the caller then reads the file instead. */
const char *filemap_map(int fd, size_t len);
/* Unmap what filemap_map() returned (NULL is allowed). */
void filemap_unmap(const char *data, size_t len);
/* Give back the whole pages within [lo, hi) of a mapping of @len bytes:
 * they leave the process's resident set, and a later read maps them again
 * from the page cache.  Only advice: nothing else changes. */
void filemap_release(const char *data, size_t len, size_t lo, size_t hi);
#endif
