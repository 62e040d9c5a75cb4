/* SPDX-License-Identifier: MIT */
/*
 * objdir_tmpfile.h - a file replaced whole or not at all (objdir_write.c).
 *
 * The new content goes to a temporary file in the target's directory (so
 * that rename() stays within one file system and is atomic): an unnamed one
 * where Linux's O_TMPFILE works there, so that a killed run leaves nothing,
 * else NAME.tmp.XXXXXX.  Commit fsyncs it, gives an unnamed file its
 * temporary name, renames it over the target and fsyncs the directory; abort
 * (or any failed commit) removes it and leaves an existing target as it was.
 * The new file takes the old file's permission bits, or 0644.
 */
#ifndef ZVMC_EMIT_OBJDIR_TMPFILE_H
#define ZVMC_EMIT_OBJDIR_TMPFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util/alloc.h"

struct odb_tmpfile {
    const zvmc_alloc *alloc;
    const char *path;       /* the target (the caller's string) */
    char *tmp;              /* the temporary file's name (a buffer for it, while
                             * the file is unnamed) */
    int fd;                 /* the temporary file, or -1 */
    int unnamed;            /* the file has no name yet (O_TMPFILE) */
};

/* 0, -ZVMC_ERR_INVAL (no path), -ZVMC_ERR_NOMEM or -ZVMC_ERR_IO (errno kept);
 * on failure nothing is left to abort. */
int odb_tmpfile_open(struct odb_tmpfile *t, const zvmc_allocator *alloc, const char *path);
/* The same, with @unnamed 0 to take the named file even where an unnamed one
 * would do (the tests compare the two). */
int odb_tmpfile_open_how_(struct odb_tmpfile *t, const zvmc_allocator *alloc, const char *path,
                          int unnamed);
/* Append, or write at an offset: 0 or -ZVMC_ERR_IO (errno kept). */
int odb_tmpfile_write(struct odb_tmpfile *t, const void *buf, size_t len);
int odb_tmpfile_pwrite(struct odb_tmpfile *t, const void *buf, size_t len, uint64_t off);
/* 0, or -ZVMC_ERR_IO (errno kept) with the temporary file removed. */
int odb_tmpfile_commit(struct odb_tmpfile *t);
/* Remove the temporary file; errno is kept. */
void odb_tmpfile_abort(struct odb_tmpfile *t);

#endif /* ZVMC_EMIT_OBJDIR_TMPFILE_H */
