/* SPDX-License-Identifier: MIT */
/*
 * objdir_header.c - first validation layers: header, version window, blocks.
 *
 * Nothing past the header is read here.  Each test runs only once the bytes
 * it reads are known to be inside the buffer, so a file truncated anywhere
 * gets ZVMC_ERR_TRUNCATED rather than a read past its end.
 */
#include "runtime/objdir_internal.h"

/* Version window: which files this reader accepts. */
static int check_version_(uint32_t version, uint32_t last_comp)
{
    if (version < last_comp)
        return -ZVMC_ERR_BADVERSION;
    if (version < ZVMC_OBJDIR_OLDEST_VERSION)
        return -ZVMC_ERR_VERSION_TOO_OLD;
    if (last_comp > ZVMC_OBJDIR_VERSION)
        return -ZVMC_ERR_VERSION_TOO_NEW;
    return 0;
}

/*
 * Block table: each block 8-byte aligned, after the header, inside totalsize
 * (computed in 64 bits, so offset + size cannot wrap), and starting no
 * earlier than the previous block ends.  The fixed order means a reader
 * needs no sorting and two blocks can never share bytes.
 */
static int check_blocks_(const uint8_t *buf, uint32_t nblocks, uint32_t hdrsize,
             uint32_t totalsize, struct zvmc_objdir *od)
{
    uint64_t prev_end = hdrsize;

    for (uint32_t i = 0; i < nblocks; i++) {
        const uint8_t *e = buf + ZVMC_OD_H_BLOCKS + (size_t)i * ZVMC_OD_H_BLOCK_ENTRY;
        uint32_t off = zvmc_be32_ld(e), size = zvmc_be32_ld(e + 4);
        uint64_t end = (uint64_t)off + size;

        if (off % ZVMC_OD_ALIGN)
            return -ZVMC_ERR_ALIGNMENT;
        if (off < hdrsize || end > totalsize)
            return -ZVMC_ERR_BADOFFSET;
        if (off < prev_end)
            return -ZVMC_ERR_BADLAYOUT;
        prev_end = end;
        /* Blocks a newer compatible version appended are checked, not kept. */
        if (od && i < ZVMC_OD_NBLOCKS) {
            od->blk[i].p = buf + off;
            od->blk[i].size = size;
        }
    }
    return 0;
}

int zvmc_od_parse_header_(const uint8_t *buf, size_t len, struct zvmc_objdir *od)
{
    uint32_t version, last_comp, hdrsize, flags, totalsize, nblocks;
    int rc;

    if (!buf && len)
        return -ZVMC_ERR_INVAL;
    if (len < ZVMC_OD_H_MAGIC + 4)
        return -ZVMC_ERR_TRUNCATED;
    if (zvmc_be32_ld(buf + ZVMC_OD_H_MAGIC) != ZVMC_OD_MAGIC)
        return -ZVMC_ERR_BADMAGIC;
    if (len < ZVMC_OD_H_BLOCKS)
        return -ZVMC_ERR_TRUNCATED;

    totalsize = zvmc_be32_ld(buf + ZVMC_OD_H_TOTALSIZE);
    version = zvmc_be32_ld(buf + ZVMC_OD_H_VERSION);
    last_comp = zvmc_be32_ld(buf + ZVMC_OD_H_LAST_COMP);
    hdrsize = zvmc_be32_ld(buf + ZVMC_OD_H_HDRSIZE);
    flags = zvmc_be32_ld(buf + ZVMC_OD_H_FLAGS);
    nblocks = zvmc_be32_ld(buf + ZVMC_OD_H_NBLOCKS);

    rc = check_version_(version, last_comp);
    if (rc)
        return rc;
    /* Only a newer (compatible) version may append blocks. */
    if (nblocks < ZVMC_OD_NBLOCKS || (version <= ZVMC_OBJDIR_VERSION && nblocks != ZVMC_OD_NBLOCKS))
        return -ZVMC_ERR_BADHEADER;
    if ((uint64_t)hdrsize != ZVMC_OD_H_BLOCKS + (uint64_t)nblocks * ZVMC_OD_H_BLOCK_ENTRY)
        return -ZVMC_ERR_BADHEADER;
    /* a newer file's flags are refused too: zvmc_od_hdr_flags_known_() knows ours */
    if (flags & ~zvmc_od_hdr_flags_known_(version <= ZVMC_OBJDIR_VERSION ? version
                                                                         : ZVMC_OBJDIR_VERSION))
        return -ZVMC_ERR_BADHEADER;
    if (totalsize < hdrsize)
        return -ZVMC_ERR_BADHEADER;
    if (len < hdrsize || len < totalsize)
        return -ZVMC_ERR_TRUNCATED;

    rc = check_blocks_(buf, nblocks, hdrsize, totalsize, od);
    if (rc)
        return rc;
    if (od) {
        od->base = buf;
        od->totalsize = totalsize;
        od->version = version;
        od->flags = flags;
    }
    return 0;
}

int zvmc_objdir_check_header(const void *buf, size_t len)
{
    return zvmc_od_parse_header_(buf, len, NULL);
}
