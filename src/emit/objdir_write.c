/* SPDX-License-Identifier: MIT */
/*
 * objdir_write.c - write an object directory image atomically: through
 * outfile.c (a temporary file beside the target, fsync'd, then renamed over
 * it; unnamed while written where Linux has O_TMPFILE), in write() calls
 * straight from the caller's memory.  Any failure removes the temporary
 * file and leaves the old object directory as it was: a failed compile never
 * replaces a good object directory.
 */
#include "emit/objdir_builder.h"
#include "emit/outfile.h"
#include "util/alloc.h"

int zvmc_odb_write_file_alloc(const zvmc_allocator *alloc, const char *path, const void *img,
                  size_t len)
{
    struct zvmc_outfile t;
    int rc;

    if (!img && len)
        return -ZVMC_ERR_INVAL;
    if ((rc = outfile_init(&t, alloc, path, ODB_OUTFILE_FLAGS)))
        return rc;
    if ((rc = outfile_write(&t, img, len))) {
        outfile_abort(&t);
        return rc;
    }
    return outfile_commit(&t);
}

int zvmc_odb_write_file(const char *path, const void *img, size_t len)
{
    return zvmc_odb_write_file_alloc(NULL, path, img, len);
}
