/* SPDX-License-Identifier: MIT */
/*
 * objdir_open.c - open an object directory from memory or from a file.
 *
 * Validation runs in layers, each trusting only what the previous proved:
 *   1. header and block table (objdir_header.c): reads nothing past them;
 *   2. the CRC-32C over totalsize bytes: now known to be inside the buffer;
 *   3. every record (objdir_check.c, objdir_hash.c).
 * The checksum comes before the records so that accidental damage is
 * reported as such; the record checks do not rely on it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/objdir_internal.h"

static int validate_(struct zvmc_objdir *od, const uint8_t *buf, size_t len)
{
    int rc = zvmc_od_parse_header_(buf, len, od);

    if (rc)
        return rc;
    if (zvmc_od_checksum_(od->base, od->totalsize) != zvmc_be32_ld(od->base + ZVMC_OD_H_CRC))
        return -ZVMC_ERR_BADCHECKSUM;
    return zvmc_od_check_records_(od);
}

int zvmc_objdir_open_buffer(const void *buf, size_t len, struct zvmc_objdir **odp)
{
    struct zvmc_objdir *od;
    int rc;

    if (!odp)
        return -ZVMC_ERR_INVAL;
    *odp = NULL;
    if (!buf && len)
        return -ZVMC_ERR_INVAL;
    od = calloc(1, sizeof(*od));
    if (!od)
        return -ZVMC_ERR_NOMEM;
    rc = validate_(od, buf, len);
    if (rc) {
        free(od);
        return rc;
    }
    *odp = od;
    return 0;
}

/* Map the whole file read-only; *map is NULL for an empty file. */
static int map_file_(const char *path, void **map, size_t *len)
{
    struct stat st;
    int fd, saved;

    *map = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -ZVMC_ERR_IO;
    if (fstat(fd, &st) < 0)
        goto io_error;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        goto io_error;
    }
    if ((uintmax_t)st.st_size > SIZE_MAX) {
        close(fd);
        return -ZVMC_ERR_TOOBIG;
    }
    if (st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

        if (p == MAP_FAILED)
            goto io_error;
        *map = p;
        *len = (size_t)st.st_size;
    }
    close(fd);  /* the mapping outlives the descriptor */
    return 0;

io_error:
    saved = errno;
    close(fd);
    errno = saved;
    return -ZVMC_ERR_IO;
}

int zvmc_objdir_open(const char *path, struct zvmc_objdir **odp)
{
    void *map;
    size_t len;
    int rc;

    if (!odp)
        return -ZVMC_ERR_INVAL;
    *odp = NULL;
    if (!path)
        return -ZVMC_ERR_INVAL;
    rc = map_file_(path, &map, &len);
    if (rc)
        return rc;
    rc = zvmc_objdir_open_buffer(map, len, odp);
    if (rc) {
        if (map)
            munmap(map, len);
        return rc;
    }
    (*odp)->map = map;
    (*odp)->map_len = len;
    return 0;
}

void zvmc_objdir_close(struct zvmc_objdir *od)
{
    if (!od)
        return;
    if (od->map)
        munmap(od->map, od->map_len);
    free(od);
}
