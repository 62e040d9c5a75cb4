/* SPDX-License-Identifier: MIT */
/*
 * objdir_format.h - the on-disk layout of an object directory (internal).
 *
 * One definition shared by the writer (src/emit/objdir_serialize.c) and the
 * reader (src/runtime/).  docs/objdir-format.md is the same thing in prose;
 * change both together.
 *
 * Records are described as byte offsets, not C structs, so that no compiler
 * padding or host byte order can leak into the file.  Every field is a
 * big-endian 32-bit word (storage sizes are two words, high first).  Strings
 * are 32-bit offsets into the string pool; offset 0 is the empty string.
 */
#ifndef ZVMC_RUNTIME_OBJDIR_FORMAT_H
#define ZVMC_RUNTIME_OBJDIR_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "zvmc/runtime.h"

#define ZVMC_OD_MAGIC 0x5A564D4Fu   /* "ZVMO" */
#define ZVMC_OD_ALIGN 8u        /* every block starts on this boundary */
#define ZVMC_OD_NONE 0xFFFFFFFFu    /* "no index" (an extent without owner) */

/*
 * Header flags.  A flag is only ever defined for a property an older reader
 * must not ignore, so a reader rejects any flag it does not know, and a
 * file that sets one needs the version that defined it (last_comp_version).
 *
 * HASH_SEED (version 2): the user hash index is seeded.  Its first word is
 * the seed, the slots follow, and a name's home slot comes from
 * zvmc_od_hash_() with that seed.  A writer sets it only when the unseeded
 * hash cannot hold the names (names built to collide): every other file it
 * writes is a version-1 file, byte for byte what version 1 wrote.
 */
#define ZVMC_OD_HDR_HASH_SEED 0x1u
#define ZVMC_OD_HASH_SEED_VERSION 2u

/* The header flags a file of @version may set. */
static inline uint32_t zvmc_od_hdr_flags_known_(uint32_t version)
{
    return version >= ZVMC_OD_HASH_SEED_VERSION ? ZVMC_OD_HDR_HASH_SEED : 0u;
}

/*
 * The longest name (user, member, volser, domain, VSWITCH, link owner,
 * option).  z/VM's are 8 characters at most; the bound keeps the sort and
 * hash checks, which compare and hash names, linear in the file size.
 */
#define ZVMC_OD_MAX_NAME ((size_t)ZVMC_OBJDIR_MAX_NAME)

/*
 * Hash index: open addressing with linear probing, at most half full, and no
 * user more than this many slots past its home slot.  The bound keeps
 * lookups O(1) and keeps validation linear even for a hostile file.
 */
#define ZVMC_OD_HASH_MAX_PROBE 256u

/* Flag bits a version-1 file may set. */
#define ZVMC_OD_VIEW_FLAGS_KNOWN \
    (ZVMC_VIEW_RELOC_OFF | ZVMC_VIEW_CPU_DEDICATED | ZVMC_VIEW_MEMBER_SPECIFIC)
#define ZVMC_OD_MDISK_FLAGS_KNOWN ZVMC_MDISK_LOCAL

/* Header: fixed part, then one (offset, size) entry per block. */
enum {
    ZVMC_OD_H_MAGIC = 0,
    ZVMC_OD_H_TOTALSIZE = 4,
    ZVMC_OD_H_VERSION = 8,
    ZVMC_OD_H_LAST_COMP = 12,
    ZVMC_OD_H_HDRSIZE = 16,
    ZVMC_OD_H_FLAGS = 20,
    ZVMC_OD_H_CRC = 24,
    ZVMC_OD_H_NBLOCKS = 28,
    ZVMC_OD_H_BLOCKS = 32,
    ZVMC_OD_H_BLOCK_ENTRY = 8   /* offset, size */
};

/* The blocks, in the only order a file may hold them. */
enum zvmc_od_block {
    ZVMC_OD_B_CLUSTER,
    ZVMC_OD_B_MEMBERS,
    ZVMC_OD_B_SYSIDS,
    ZVMC_OD_B_CPOWNED,
    ZVMC_OD_B_EQIDS,
    ZVMC_OD_B_VSWITCHES,
    ZVMC_OD_B_DOMAINS,
    ZVMC_OD_B_USERS,
    ZVMC_OD_B_HASH,
    ZVMC_OD_B_VIEWMAP,
    ZVMC_OD_B_VIEWS,
    ZVMC_OD_B_MDISKS,
    ZVMC_OD_B_LINKS,
    ZVMC_OD_B_DEDICATES,
    ZVMC_OD_B_NICDEFS,
    ZVMC_OD_B_OPTIONS,
    ZVMC_OD_B_VOLUMES,
    ZVMC_OD_B_EXTENTS,
    ZVMC_OD_B_VERDICTS,
    ZVMC_OD_B_REASONS,
    ZVMC_OD_B_STRINGS,
    ZVMC_OD_NBLOCKS
};

#define ZVMC_OD_HDR_SIZE (ZVMC_OD_H_BLOCKS + ZVMC_OD_NBLOCKS * ZVMC_OD_H_BLOCK_ENTRY)

/* CLUSTER: exactly one record */
enum { ZVMC_OD_CL_NAME = 0, ZVMC_OD_CL_LEVEL = 4, ZVMC_OD_CL_MEMBERS = 8, ZVMC_OD_CL_USERS = 12,
       ZVMC_OD_CL_SIZE = 16 };

/* MEMBERS: (first, count) ranges into SYSIDS, CPOWNED, EQIDS, VSWITCHES */
enum { ZVMC_OD_M_NAME = 0, ZVMC_OD_M_SLOT = 4, ZVMC_OD_M_RES = 8,
       ZVMC_OD_M_SYSIDS = 12, ZVMC_OD_M_CPOWNED = 20, ZVMC_OD_M_EQIDS = 28,
       ZVMC_OD_M_VSWITCHES = 36, ZVMC_OD_M_SIZE = 44 };

enum { ZVMC_OD_SI_KIND = 0, ZVMC_OD_SI_ID = 4, ZVMC_OD_SI_CPUID = 8, ZVMC_OD_SI_SIZE = 12 };
enum { ZVMC_OD_CP_SLOT = 0, ZVMC_OD_CP_VOLID = 4, ZVMC_OD_CP_SIZE = 8 };
enum { ZVMC_OD_EQ_FIRST = 0, ZVMC_OD_EQ_LAST = 4, ZVMC_OD_EQ_EQID = 8, ZVMC_OD_EQ_TYPE = 12,
       ZVMC_OD_EQ_SIZE = 16 };
enum { ZVMC_OD_VS_NAME = 0, ZVMC_OD_VS_SIZE = 4 };
enum { ZVMC_OD_D_NAME = 0, ZVMC_OD_D_MASK = 4, ZVMC_OD_D_SIZE = 8 };

/*
 * USERS: sorted by name (strcmp).  VROW is the user's row of verdicts: the
 * m*(m-1) VERDICTS records from VROW * m*(m-1) on (0 when m < 2).  Users
 * whose verdicts are identical share a row.
 */
enum { ZVMC_OD_U_NAME = 0, ZVMC_OD_U_KIND = 4, ZVMC_OD_U_VROW = 8, ZVMC_OD_U_SIZE = 12 };

/* HASH: slots of (user index + 1), 0 = empty; with ZVMC_OD_HDR_HASH_SEED,
 * the seed word first, then the slots */
enum { ZVMC_OD_HS_SIZE = 4 };

/*
 * VIEWMAP: one word per (user, member), at user * m + member: the index of
 * the user's view on that member in VIEWS, or ZVMC_OD_NONE when the user is
 * not defined there.  Members on which a user is defined identically share
 * one view record (and its lists).
 */
enum { ZVMC_OD_VM_SIZE = 4 };

/* VIEWS: unique view records */
enum { ZVMC_OD_V_FLAGS = 0, ZVMC_OD_V_LOGON = 4, ZVMC_OD_V_MAX = 12, ZVMC_OD_V_PRIV = 20,
       ZVMC_OD_V_DOMAIN = 24, ZVMC_OD_V_CRYPTO = 28, ZVMC_OD_V_CRYPTO_DOMAINS = 32,
       ZVMC_OD_V_MDISKS = 36, ZVMC_OD_V_LINKS = 44, ZVMC_OD_V_DEDICATES = 52,
       ZVMC_OD_V_NICDEFS = 60, ZVMC_OD_V_OPTIONS = 68, ZVMC_OD_V_SIZE = 76 };

enum { ZVMC_OD_MD_VADDR = 0, ZVMC_OD_MD_DEVTYPE = 4, ZVMC_OD_MD_VOLSER = 8, ZVMC_OD_MD_START = 12,
       ZVMC_OD_MD_SIZE_ = 16, ZVMC_OD_MD_UNIT = 20, ZVMC_OD_MD_KIND = 24, ZVMC_OD_MD_MODE = 28,
       ZVMC_OD_MD_FLAGS = 32, ZVMC_OD_MD_SIZE = 36 };
enum { ZVMC_OD_L_OWNER = 0, ZVMC_OD_L_OWNER_VADDR = 4, ZVMC_OD_L_VADDR = 8, ZVMC_OD_L_MODE = 12,
       ZVMC_OD_L_SIZE = 16 };
enum { ZVMC_OD_DD_VADDR = 0, ZVMC_OD_DD_RDEV = 4, ZVMC_OD_DD_EQID = 8, ZVMC_OD_DD_DEVTYPE = 12,
       ZVMC_OD_DD_SIZE = 16 };
enum { ZVMC_OD_N_VADDR = 0, ZVMC_OD_N_TYPE = 4, ZVMC_OD_N_CONN = 8, ZVMC_OD_N_LAN_OWNER = 12,
       ZVMC_OD_N_NAME = 16, ZVMC_OD_N_SIZE = 20 };
enum { ZVMC_OD_O_TEXT = 0, ZVMC_OD_O_SIZE = 4 };

/* VOLUMES: sorted by volser (strcmp) */
enum { ZVMC_OD_VO_VOLSER = 0, ZVMC_OD_VO_MASK = 4, ZVMC_OD_VO_EXTENTS = 8, ZVMC_OD_VO_SIZE = 16 };
enum { ZVMC_OD_X_START = 0, ZVMC_OD_X_SIZE_ = 4, ZVMC_OD_X_OWNER = 8, ZVMC_OD_X_VADDR = 12,
       ZVMC_OD_X_SIZE = 16 };

/*
 * VERDICTS: rows of m*(m-1) records, one per ordered member pair in
 * zvmc_od_pair_() order; each is the (first, count) range of its reasons.
 * A relocation is eligible exactly when its range is empty.
 */
enum { ZVMC_OD_VD_REASONS = 0, ZVMC_OD_VD_SIZE = 8 };
enum { ZVMC_OD_R_CODE = 0, ZVMC_OD_R_VADDR = 4, ZVMC_OD_R_MESSAGE = 8, ZVMC_OD_R_SIZE = 12 };

/* A (first, count) range is two consecutive words at the field's offset. */

/* Bytes per record of each block (1 for the string pool). */
static inline uint32_t zvmc_od_recsize_(enum zvmc_od_block b)
{
    static const uint8_t size[ZVMC_OD_NBLOCKS] = {
        [ZVMC_OD_B_CLUSTER] = ZVMC_OD_CL_SIZE,    [ZVMC_OD_B_MEMBERS] = ZVMC_OD_M_SIZE,
        [ZVMC_OD_B_SYSIDS] = ZVMC_OD_SI_SIZE,     [ZVMC_OD_B_CPOWNED] = ZVMC_OD_CP_SIZE,
        [ZVMC_OD_B_EQIDS] = ZVMC_OD_EQ_SIZE,      [ZVMC_OD_B_VSWITCHES] = ZVMC_OD_VS_SIZE,
        [ZVMC_OD_B_DOMAINS] = ZVMC_OD_D_SIZE,     [ZVMC_OD_B_USERS] = ZVMC_OD_U_SIZE,
        [ZVMC_OD_B_HASH] = ZVMC_OD_HS_SIZE,   [ZVMC_OD_B_VIEWMAP] = ZVMC_OD_VM_SIZE,
        [ZVMC_OD_B_VIEWS] = ZVMC_OD_V_SIZE,
        [ZVMC_OD_B_MDISKS] = ZVMC_OD_MD_SIZE,     [ZVMC_OD_B_LINKS] = ZVMC_OD_L_SIZE,
        [ZVMC_OD_B_DEDICATES] = ZVMC_OD_DD_SIZE, [ZVMC_OD_B_NICDEFS] = ZVMC_OD_N_SIZE,
        [ZVMC_OD_B_OPTIONS] = ZVMC_OD_O_SIZE,     [ZVMC_OD_B_VOLUMES] = ZVMC_OD_VO_SIZE,
        [ZVMC_OD_B_EXTENTS] = ZVMC_OD_X_SIZE,     [ZVMC_OD_B_VERDICTS] = ZVMC_OD_VD_SIZE,
        [ZVMC_OD_B_REASONS] = ZVMC_OD_R_SIZE,     [ZVMC_OD_B_STRINGS] = 1,
    };
    return size[b];
}

/* Big-endian loads and stores, byte-wise: safe at any alignment. */
static inline uint32_t zvmc_be32_ld(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t zvmc_be64_ld(const uint8_t *p)
{
    return (uint64_t)zvmc_be32_ld(p) << 32 | zvmc_be32_ld(p + 4);
}

static inline void zvmc_be32_st(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void zvmc_be64_st(uint8_t *p, uint64_t v)
{
    zvmc_be32_st(p, (uint32_t)(v >> 32));
    zvmc_be32_st(p + 4, (uint32_t)v);
}

/* ASCII upper case; z/VM names are ASCII and the locale must not matter. */
static inline unsigned char zvmc_od_upper_(unsigned char c)
{
    return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 'a' + 'A') : c;
}

/* Name equality: ASCII case-insensitive, as z/VM compares user and system names. */
static inline int zvmc_od_name_eq_(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    while (*p && zvmc_od_upper_(*p) == zvmc_od_upper_(*q)) {
        p++;
        q++;
    }
    return zvmc_od_upper_(*p) == zvmc_od_upper_(*q);
}

/*
 * The user hash index's function: FNV-1a (32-bit) of the seed's four bytes
 * (big-endian), then of the upper-cased name; seed 0 hashes no seed bytes,
 * which is the unseeded hash of a version-1 file.
 */
static inline uint32_t zvmc_od_hash_(uint32_t seed, const char *name)
{
    uint32_t h = 2166136261u;

    for (int k = 24; seed && k >= 0; k -= 8) {
        h ^= (seed >> k) & 0xFFu;
        h *= 16777619u;
    }
    for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
        h ^= zvmc_od_upper_(*s);
        h *= 16777619u;
    }
    return h;
}

/* The number of ordered member pairs, m*(m-1): the records in a verdict row. */
static inline uint32_t zvmc_od_pairs_(uint32_t m)
{
    return m ? m * (m - 1) : 0;
}

/* Index of the ordered pair (from, to), from != to, among m*(m-1) pairs. */
static inline uint32_t zvmc_od_pair_(uint32_t m, uint32_t from, uint32_t to)
{
    return from * (m - 1) + (to < from ? to : to - 1);
}

/* crc32c.c: CRC-32C (Castagnoli) of len bytes, continuing from crc: with the
 * CPU's CRC32 instruction where there is one (x86-64 with SSE4.2), else
 * zvmc_crc32c_table_(), which gives the same result everywhere. */
uint32_t zvmc_crc32c_(uint32_t crc, const void *buf, size_t len);
uint32_t zvmc_crc32c_table_(uint32_t crc, const void *buf, size_t len);

/*
 * The checksum of an image: CRC-32C over all totalsize bytes, with the four
 * bytes of the checksum field itself read as zero.
 */
static inline uint32_t zvmc_od_checksum_(const uint8_t *img, size_t totalsize)
{
    static const uint8_t zero[4];
    uint32_t crc = zvmc_crc32c_(0, img, ZVMC_OD_H_CRC);

    crc = zvmc_crc32c_(crc, zero, sizeof(zero));
    return zvmc_crc32c_(crc, img + ZVMC_OD_H_CRC + 4, totalsize - ZVMC_OD_H_CRC - 4);
}

#endif /* ZVMC_RUNTIME_OBJDIR_FORMAT_H */
