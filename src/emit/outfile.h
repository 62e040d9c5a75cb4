/* SPDX-License-Identifier: MIT */
/*
 * outfile.h - a file replaced whole or not at all (outfile.c): the one
 * implementation behind the object directory's writer (objdir_write.c, the
 * streaming serializer), the converter's outputs and, through the public
 * zvmc_outfile_*() of <zvmc/zvmc.h>, every output file of the client.
 *
 * The new content goes to a temporary file in the target's directory (so
 * that rename() stays within one file system and is atomic): an unnamed one
 * where Linux's O_TMPFILE works there, so that a killed run leaves nothing,
 * else PATH.tmp.XXXXXX.  Commit (with ZVMC_OUTFILE_SYNC, after an fsync)
 * gives an unnamed file its temporary name and renames it over the target;
 * abort, or any failed commit, removes it and leaves the target as it was.
 * The mode: with ZVMC_OUTFILE_KEEP_MODE the old file's permission bits (0644
 * for a new one), else 0666 less the umask, as for any file a program creates.
 */
#ifndef ZVMC_EMIT_OUTFILE_H
#define ZVMC_EMIT_OUTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util/alloc.h"
#include "zvmc/zvmc.h"

/* How an object directory (and a converted source) is written: durable, and
 * with the permissions of the file it replaces. */
#define ODB_OUTFILE_FLAGS (ZVMC_OUTFILE_SYNC | ZVMC_OUTFILE_KEEP_MODE)

struct zvmc_outfile {
    const zvmc_alloc *alloc;
    const char *path;       /* the target */
    char *tmp;              /* the temporary file's name (a buffer for it, while
                             * the file is unnamed) */
    int fd;                 /* the temporary file, or -1 */
    int unnamed;            /* the file has no name yet (O_TMPFILE) */
    unsigned flags;         /* ZVMC_OUTFILE_* */
};

/* Start @t (the caller's): 0, -ZVMC_ERR_INVAL (no path, an unknown flag),
 * -ZVMC_ERR_NOMEM or -ZVMC_ERR_IO (errno kept); on failure nothing is left
 * to abort.  @path must outlive @t. */
int outfile_init(struct zvmc_outfile *t, const zvmc_allocator *alloc, const char *path,
                 unsigned flags);
/* The same, with @unnamed 0 to take the named file even where an unnamed one
 * would do (the tests compare the two). */
int outfile_init_how_(struct zvmc_outfile *t, const zvmc_allocator *alloc, const char *path,
                      unsigned flags, int unnamed);
/* Append, or write at an offset: 0 or -ZVMC_ERR_IO (errno kept). */
int outfile_write(struct zvmc_outfile *t, const void *buf, size_t len);
int outfile_pwrite(struct zvmc_outfile *t, const void *buf, size_t len, uint64_t off);
/* 0, or -ZVMC_ERR_IO (errno kept) with the temporary file removed. */
int outfile_commit(struct zvmc_outfile *t);
/* Remove the temporary file; errno is kept. */
void outfile_abort(struct zvmc_outfile *t);

#endif /* ZVMC_EMIT_OUTFILE_H */
