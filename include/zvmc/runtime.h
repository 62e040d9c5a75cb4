/* SPDX-License-Identifier: MIT */
/*
 * zvmc/runtime.h - read a compiled z/VM object directory.
 *
 * The runtime is to zvmc what libfdt is to dtc: a small library, depending on
 * libc only, that opens an object directory written by `zvmc compile`,
 * validates it completely before the first access, and answers questions from
 * it.  The format is described in docs/objdir-format.md.
 *
 * Conventions:
 *  - Functions return an index or count >= 0 on success, or a negative
 *    error code -ZVMC_ERR_*.  zvmc_strerror() turns a code into text.
 *  - Users, members, volumes and domains are named by their index (an int);
 *    the *_find() functions map a name to an index.
 *  - Strings handed back point into the object directory and stay valid
 *    until zvmc_objdir_close().  They are never NULL: an absent optional
 *    string (no EQID, no LAN owner, ...) reads as "".
 *  - An opened object directory is never modified, so any number of threads
 *    may query it at once.  The runtime keeps no global state, never prints
 *    and never exits.
 */
#ifndef ZVMC_RUNTIME_H
#define ZVMC_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**********************************************************************/
/* Versions and error codes                                           */
/**********************************************************************/

/* The newest format version this runtime writes and reads.  A writer
 * writes the oldest version that holds its file: 1, unless the names
 * needed a seeded hash index (2; docs/objdir-format.md, "Versioning"). */
#define ZVMC_OBJDIR_VERSION 2
/* The oldest format version this runtime still reads. */
#define ZVMC_OBJDIR_OLDEST_VERSION 1

/* The most members an SSI cluster may have in an object directory. */
#define ZVMC_OBJDIR_MAX_MEMBERS 32

/* The longest name (user id, member, volser, domain, ...) the format holds, in bytes. */
#define ZVMC_OBJDIR_MAX_NAME 64

/* Error codes; functions return them negated (-ZVMC_ERR_NOTFOUND). */
enum zvmc_err {
    ZVMC_OK = 0,
    ZVMC_ERR_NOTFOUND,          /* no user, member, volume or domain of that name */
    ZVMC_ERR_ABSENT,            /* the user is not defined on that member */
    ZVMC_ERR_INVAL,             /* bad argument: NULL, index out of range, from == to */
    ZVMC_ERR_NOMEM,             /* out of memory */
    ZVMC_ERR_IO,                /* open/stat/mmap/write failed; errno tells why */
    ZVMC_ERR_TOOBIG,            /* larger than the format (4 GiB) or the address space */
    ZVMC_ERR_TRUNCATED,         /* the buffer ends before the header or totalsize says */
    ZVMC_ERR_BADMAGIC,          /* not an object directory */
    ZVMC_ERR_BADVERSION,        /* version < last_comp_version: incoherent header */
    ZVMC_ERR_VERSION_TOO_NEW,   /* written for a newer reader (last_comp_version > ours) */
    ZVMC_ERR_VERSION_TOO_OLD,   /* a format version this runtime no longer reads */
    ZVMC_ERR_BADHEADER,         /* header size, block count or flags wrong */
    ZVMC_ERR_BADOFFSET,         /* a block lies (partly) outside the file */
    ZVMC_ERR_ALIGNMENT,         /* a block does not start on an 8-byte boundary */
    ZVMC_ERR_BADLAYOUT,         /* blocks overlap or are out of their fixed order */
    ZVMC_ERR_BADCOUNT,          /* a block size does not match its record count */
    ZVMC_ERR_BADCHECKSUM,       /* CRC-32C mismatch */
    ZVMC_ERR_BADSTRING,         /* a string offset outside the pool, or a bad pool */
    ZVMC_ERR_BADINDEX,          /* an index or (first, count) range out of its table */
    ZVMC_ERR_BADVALUE,          /* an enum, flag or name this version does not allow */
    ZVMC_ERR_BADORDER,          /* users or volumes not strictly sorted by name */
    ZVMC_ERR_BADHASH,           /* the user hash index disagrees with the user table */
    ZVMC_ERR_MAX
};

/**
 * zvmc_strerror - describe an error code
 * @err: an error code, negative (as returned) or positive
 *
 * returns:
 *  a static, constant string; "success" for 0 and "unknown error" for a
 *  code outside the enum.  Never NULL.
 */
const char *zvmc_strerror(int err);

/**********************************************************************/
/* The model's enumerations                                            */
/**********************************************************************/

enum zvmc_user_kind {
    ZVMC_USER_USER = 1,         /* USER: single configuration, may relocate */
    ZVMC_USER_IDENTITY = 2      /* IDENTITY: one instance per member */
};

enum zvmc_sysid_kind {
    ZVMC_SYSID_LPAR = 1,        /* System_Identifier LPAR lparname sysname */
    ZVMC_SYSID_CPUID = 2        /* System_Identifier machtype cpuid-pattern sysname */
};

enum zvmc_mdisk_unit {
    ZVMC_UNIT_CYL = 1,
    ZVMC_UNIT_BLK = 2
};

enum zvmc_mdisk_kind {
    ZVMC_MDISK_EXTENT = 1,      /* start/size on a volume */
    ZVMC_MDISK_DEVNO = 2,       /* a whole real device; start holds the rdev */
    ZVMC_MDISK_VDISK = 3,       /* V-DISK: virtual, moves with the guest */
    ZVMC_MDISK_TDISK = 4        /* T-DISK: temporary, member-local */
};

/* zvmc_mdisk.flags */
#define ZVMC_MDISK_LOCAL 0x1u   /* defined for this member only (SUBCONFIG) */

enum zvmc_nic_type {
    ZVMC_NIC_QDIO = 1,
    ZVMC_NIC_HIPERS = 2
};

enum zvmc_nic_conn {
    ZVMC_NIC_UNCOUPLED = 0,
    ZVMC_NIC_LAN = 1,           /* coupled to guest LAN lan_owner.name */
    ZVMC_NIC_VSWITCH = 2        /* coupled to VSWITCH name */
};

enum zvmc_crypto_kind {
    ZVMC_CRYPTO_NONE = 0,
    ZVMC_CRYPTO_APVIRT = 1,     /* shared, virtual queues */
    ZVMC_CRYPTO_APDED = 2       /* dedicated queues */
};

/* zvmc_view.flags */
#define ZVMC_VIEW_RELOC_OFF 0x1u    /* VMRELOCATE OFF */
#define ZVMC_VIEW_CPU_DEDICATED 0x2u    /* a CPU statement with DEDICATE */
#define ZVMC_VIEW_MEMBER_SPECIFIC 0x4u  /* has a SUBCONFIG or BUILD for this member */

/*
 * Why a guest cannot relocate from one member to another.  The names
 * (zvmc_reloc_reason_name) are the check names `zvmc relocate test` prints.
 */
enum zvmc_reloc_reason {
    ZVMC_RELOC_IDENTITY = 0,    /* reloc-identity */
    ZVMC_RELOC_DISABLED,        /* reloc-disabled */
    ZVMC_RELOC_DOMAIN,          /* reloc-domain */
    ZVMC_RELOC_LOCAL_MINIDISK,  /* reloc-local-minidisk */
    ZVMC_RELOC_DEDICATED_EQID,  /* reloc-dedicated-eqid */
    ZVMC_RELOC_DEDICATED_TYPE,  /* reloc-dedicated-type */
    ZVMC_RELOC_CRYPTO_DEDICATED,    /* reloc-crypto-dedicated */
    ZVMC_RELOC_CPU_DEDICATED,   /* reloc-cpu-dedicated */
    ZVMC_RELOC_GUEST_LAN,       /* reloc-guest-lan */
    ZVMC_RELOC_VSWITCH,         /* reloc-vswitch */
    ZVMC_RELOC_MACHINE,         /* reloc-machine */
    ZVMC_RELOC_OPTION,          /* reloc-option */
    ZVMC_RELOC_REASON_COUNT
};

/* zvmc_reason.vaddr when a reason is not about one device */
#define ZVMC_NO_VADDR 0xFFFFFFFFu

/**
 * zvmc_reloc_reason_name - the check name of a relocation reason
 * @code: a reason code
 *
 * returns:
 *  "reloc-identity", "reloc-disabled", ... "reloc-option";
 *  NULL for a code this runtime does not know (a newer file may carry one).
 */
const char *zvmc_reloc_reason_name(int code);

/**********************************************************************/
/* Records handed back by the queries                                  */
/**********************************************************************/

struct zvmc_cluster_info {
    const char *name;           /* SSI cluster name, e.g. "LTICS1" */
    const char *zvm_level;      /* e.g. "6.2" */
    uint32_t version;           /* format version of the file */
    int member_count;
    int user_count;
    int volume_count;
    int domain_count;
};

struct zvmc_member {
    const char *name;           /* e.g. "LTICVM2" */
    uint32_t slot;              /* SSI slot number */
    const char *res_volume;     /* system residence volume */
    int sysid_count;
    int cpowned_count;
    int eqid_count;
    int vswitch_count;
};

struct zvmc_sysid {
    enum zvmc_sysid_kind kind;
    const char *id;             /* LPAR name (LPAR) or machine type (CPUID) */
    const char *cpuid;          /* CPU id pattern (CPUID); "" for LPAR */
};

struct zvmc_cpowned {
    uint32_t slot;
    const char *volid;
};

struct zvmc_eqid {
    uint32_t rdev_first;        /* real device range, inclusive */
    uint32_t rdev_last;
    const char *eqid;
    const char *type;           /* RDEVICE TYPE, e.g. "OSA", "FCP" */
};

struct zvmc_domain {
    const char *name;           /* e.g. "SSI" */
    uint32_t member_mask;       /* bit i set: member i is in the domain */
};

struct zvmc_user {
    const char *name;
    enum zvmc_user_kind kind;
    uint32_t member_mask;       /* bit i set: the user has a view on member i */
};

/* What a user looks like when logged on to one member. */
struct zvmc_view {
    uint32_t flags;             /* ZVMC_VIEW_* */
    uint64_t logon_storage;     /* bytes */
    uint64_t max_storage;       /* bytes */
    const char *privclasses;    /* e.g. "G" or "ABCDEFG" */
    const char *reloc_domain;   /* relocation domain name */
    enum zvmc_crypto_kind crypto;
    const char *crypto_domains; /* CRYPTO operands, e.g. "DOMAIN 1 APDED 3" */
    int mdisk_count;
    int link_count;
    int dedicate_count;
    int nicdef_count;
    int option_count;
};

struct zvmc_mdisk {
    uint32_t vaddr;
    const char *devtype;        /* e.g. "3390", "FB-512" */
    const char *volser;         /* "" for V-DISK and T-DISK */
    uint32_t start;             /* in unit; the real device number for DEVNO */
    uint32_t size;              /* in unit */
    enum zvmc_mdisk_unit unit;
    enum zvmc_mdisk_kind kind;
    const char *mode;           /* e.g. "MR" */
    uint32_t flags;             /* ZVMC_MDISK_LOCAL */
};

struct zvmc_link {
    const char *owner;          /* user that owns the minidisk */
    uint32_t owner_vaddr;
    uint32_t vaddr;             /* the linking user's address */
    const char *mode;
};

struct zvmc_dedicate {
    uint32_t vaddr;
    uint32_t rdev;
    const char *eqid;           /* EQID of rdev on this member, "" if none */
    const char *devtype;        /* "" if not known */
};

struct zvmc_nicdef {
    uint32_t vaddr;
    enum zvmc_nic_type type;
    enum zvmc_nic_conn conn;
    const char *lan_owner;      /* ZVMC_NIC_LAN only, else "" */
    const char *name;           /* LAN or VSWITCH name, "" if uncoupled */
};

struct zvmc_volume {
    const char *volser;
    uint32_t member_mask;       /* members that can see the volume */
    int extent_count;
};

struct zvmc_extent {
    uint32_t start;
    uint32_t size;
    int owner;                  /* user index, or -1 when no user owns it */
    uint32_t vaddr;             /* owner's minidisk address */
};

struct zvmc_reason {
    enum zvmc_reloc_reason code;
    uint32_t vaddr;             /* the device concerned, or ZVMC_NO_VADDR */
    const char *message;        /* the diagnostic text of `zvmc relocate test` */
};

/**********************************************************************/
/* Opening and validating                                              */
/**********************************************************************/

struct zvmc_objdir;

/**
 * zvmc_objdir_check_header - check the header and block table of an image
 * @buf: the image
 * @len: bytes available at @buf
 *
 * The first layers of validation only: magic, version window, header size,
 * flags, total size against @len, and that every block lies inside the file
 * with overflow-safe arithmetic, 8-byte aligned and in the fixed order.  It
 * reads nothing past the header and does not check the checksum or the
 * records; zvmc_objdir_open_buffer() does all of that.
 *
 * returns:
 *  0, if the header is good
 *  -ZVMC_ERR_INVAL, @buf is NULL with @len > 0
 *  -ZVMC_ERR_TRUNCATED, @len is shorter than the header or totalsize
 *  -ZVMC_ERR_BADMAGIC, not an object directory
 *  -ZVMC_ERR_BADVERSION, version < last_comp_version
 *  -ZVMC_ERR_VERSION_TOO_OLD, version older than ZVMC_OBJDIR_OLDEST_VERSION
 *  -ZVMC_ERR_VERSION_TOO_NEW, last_comp_version newer than ZVMC_OBJDIR_VERSION
 *  -ZVMC_ERR_BADHEADER, header size, block count, flags or totalsize wrong
 *  -ZVMC_ERR_ALIGNMENT, a block offset not a multiple of 8
 *  -ZVMC_ERR_BADOFFSET, a block outside the file or overlapping the header
 *  -ZVMC_ERR_BADLAYOUT, blocks out of order or overlapping
 */
int zvmc_objdir_check_header(const void *buf, size_t len);

/**
 * zvmc_objdir_open_buffer - validate an image in memory and open it
 * @buf: the image; it is not copied, so it must stay valid and unchanged
 *  until zvmc_objdir_close()
 * @len: bytes available at @buf (may exceed the image's totalsize)
 * @odp: receives the handle on success, NULL on failure
 *
 * Validates in layers before any query can run: the header layers of
 * zvmc_objdir_check_header(), then the CRC-32C checksum, then every record:
 * counts against block sizes, every string offset inside the pool, every
 * index and (first, count) range inside its table, enum values, sort order
 * and the consistency of the user hash index.
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, @odp is NULL, or @buf is NULL with @len > 0
 *  -ZVMC_ERR_NOMEM, out of memory
 *  every code of zvmc_objdir_check_header(), and
 *  -ZVMC_ERR_BADCHECKSUM, the CRC-32C does not match
 *  -ZVMC_ERR_BADCOUNT, a block size not a whole number of records, or a
 *      table size that disagrees with the cluster record (members,
 *      users, view map, whole verdict rows)
 *  -ZVMC_ERR_BADSTRING, the pool does not start and end with NUL, or a
 *      string offset lies outside it
 *  -ZVMC_ERR_BADINDEX, an index or range outside its table
 *  -ZVMC_ERR_BADVALUE, more than ZVMC_OBJDIR_MAX_MEMBERS members, an enum
 *      value, flag bit or mask bit this version does not allow, a name
 *      empty or longer than ZVMC_OBJDIR_MAX_NAME, or an EQID range
 *      that runs backwards
 *  -ZVMC_ERR_BADORDER, users or volumes not strictly sorted by name
 *  -ZVMC_ERR_BADHASH, the hash index does not find every user exactly once
 */
int zvmc_objdir_open_buffer(const void *buf, size_t len, struct zvmc_objdir **odp);

/**
 * zvmc_objdir_open - map an object directory file read-only and open it
 * @path: file name
 * @odp: receives the handle on success, NULL on failure
 *
 * The file is mapped, not read, so opening a large directory is cheap.  It
 * must not be truncated in place while open (zvmc replaces object
 * directories by rename, which is safe).
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, @path or @odp is NULL
 *  -ZVMC_ERR_IO, open, fstat or mmap failed (errno is kept), or @path
 *      is not a regular file (errno EINVAL)
 *  -ZVMC_ERR_TOOBIG, the file does not fit the address space
 *  every code of zvmc_objdir_open_buffer()
 */
int zvmc_objdir_open(const char *path, struct zvmc_objdir **odp);

/**
 * zvmc_objdir_close - release an object directory
 * @od: handle from zvmc_objdir_open*(), or NULL (no-op)
 *
 * Unmaps a file opened by zvmc_objdir_open(); a caller's buffer is left
 * alone.  Every string obtained from @od becomes invalid.
 */
void zvmc_objdir_close(struct zvmc_objdir *od);

/**********************************************************************/
/* Cluster, members, domains                                           */
/**********************************************************************/

/**
 * zvmc_cluster_get - cluster name, level and table sizes
 * @od: object directory
 * @out: receives the data
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, @od or @out is NULL
 */
int zvmc_cluster_get(const struct zvmc_objdir *od, struct zvmc_cluster_info *out);

/**
 * zvmc_member_count - number of SSI members
 * @od: object directory
 *
 * returns:
 *  the count (0..ZVMC_OBJDIR_MAX_MEMBERS)
 *  -ZVMC_ERR_INVAL, @od is NULL
 */
int zvmc_member_count(const struct zvmc_objdir *od);

/**
 * zvmc_member_find - index of a member by name (ASCII case-insensitive)
 * @od: object directory
 * @name: member (system) name
 *
 * returns:
 *  the member index >= 0
 *  -ZVMC_ERR_INVAL, @od or @name is NULL
 *  -ZVMC_ERR_NOTFOUND, no such member
 */
int zvmc_member_find(const struct zvmc_objdir *od, const char *name);

/**
 * zvmc_member_get - one member's definition
 * @od: object directory
 * @member: member index
 * @out: receives the data
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @member out of range
 */
int zvmc_member_get(const struct zvmc_objdir *od, int member, struct zvmc_member *out);

/**
 * zvmc_member_sysid - a member's i-th System_Identifier entry
 * @od: object directory
 * @member: member index
 * @i: entry index, 0..sysid_count-1
 * @out: receives the entry
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @member or @i out of range
 */
int zvmc_member_sysid(const struct zvmc_objdir *od, int member, int i, struct zvmc_sysid *out);

/**
 * zvmc_member_cpowned - a member's i-th CP_Owned entry
 * @od: object directory
 * @member: member index
 * @i: entry index, 0..cpowned_count-1
 * @out: receives the entry
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @member or @i out of range
 */
int zvmc_member_cpowned(const struct zvmc_objdir *od, int member, int i, struct zvmc_cpowned *out);

/**
 * zvmc_member_eqid - a member's i-th RDEVICE EQID range
 * @od: object directory
 * @member: member index
 * @i: entry index, 0..eqid_count-1
 * @out: receives the entry
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @member or @i out of range
 */
int zvmc_member_eqid(const struct zvmc_objdir *od, int member, int i, struct zvmc_eqid *out);

/**
 * zvmc_member_rdev_eqid - the EQID a member gives a real device
 * @od: object directory
 * @member: member index
 * @rdev: real device number
 * @out: receives the EQID range that contains @rdev
 *
 * returns:
 *  the entry index >= 0
 *  -ZVMC_ERR_INVAL, NULL argument or @member out of range
 *  -ZVMC_ERR_NOTFOUND, no EQID range on @member contains @rdev
 */
int zvmc_member_rdev_eqid(const struct zvmc_objdir *od, int member, uint32_t rdev,
              struct zvmc_eqid *out);

/**
 * zvmc_member_vswitch - name of the i-th VSWITCH defined on a member
 * @od: object directory
 * @member: member index
 * @i: entry index, 0..vswitch_count-1
 * @name: receives the name
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @member or @i out of range
 */
int zvmc_member_vswitch(const struct zvmc_objdir *od, int member, int i, const char **name);

/**
 * zvmc_domain_count - number of relocation domains
 * @od: object directory
 *
 * returns:
 *  the count >= 0
 *  -ZVMC_ERR_INVAL, @od is NULL
 */
int zvmc_domain_count(const struct zvmc_objdir *od);

/**
 * zvmc_domain_get - one relocation domain
 * @od: object directory
 * @i: domain index
 * @out: receives the domain
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_domain_get(const struct zvmc_objdir *od, int i, struct zvmc_domain *out);

/**
 * zvmc_domain_find - index of a relocation domain (ASCII case-insensitive)
 * @od: object directory
 * @name: domain name
 *
 * returns:
 *  the domain index >= 0
 *  -ZVMC_ERR_INVAL, @od or @name is NULL
 *  -ZVMC_ERR_NOTFOUND, no such domain
 */
int zvmc_domain_find(const struct zvmc_objdir *od, const char *name);

/**********************************************************************/
/* Users and their per-member views                                    */
/**********************************************************************/

/**
 * zvmc_user_count - number of users (USER and IDENTITY entries)
 * @od: object directory
 *
 * returns:
 *  the count >= 0; users are indexed 0..count-1 in name order
 *  -ZVMC_ERR_INVAL, @od is NULL
 */
int zvmc_user_count(const struct zvmc_objdir *od);

/**
 * zvmc_user_find - index of a user by name, in O(1) through the hash index
 * @od: object directory
 * @name: user id, ASCII case-insensitive
 *
 * returns:
 *  the user index >= 0
 *  -ZVMC_ERR_INVAL, @od or @name is NULL
 *  -ZVMC_ERR_NOTFOUND, no such user
 */
int zvmc_user_find(const struct zvmc_objdir *od, const char *name);

/**
 * zvmc_user_get - one user's name, kind and the members it is defined on
 * @od: object directory
 * @user: user index
 * @out: receives the data
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @user out of range
 */
int zvmc_user_get(const struct zvmc_objdir *od, int user, struct zvmc_user *out);

/**
 * zvmc_view_get - how a user is defined on one member
 * @od: object directory
 * @user: user index
 * @member: member index
 * @out: receives the view
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @user or @member out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_get(const struct zvmc_objdir *od, int user, int member, struct zvmc_view *out);

/**
 * zvmc_user_lookup - find a user by name and read its view on a member
 * @od: object directory
 * @name: user id, ASCII case-insensitive
 * @member: member index
 * @out: receives the view (may be NULL to test presence only)
 *
 * returns:
 *  the user index >= 0
 *  -ZVMC_ERR_INVAL, @od or @name NULL, or @member out of range
 *  -ZVMC_ERR_NOTFOUND, no such user
 *  -ZVMC_ERR_ABSENT, the user exists but not on @member
 */
int zvmc_user_lookup(const struct zvmc_objdir *od, const char *name, int member,
             struct zvmc_view *out);

/**
 * zvmc_view_mdisk - the i-th minidisk of a user's view
 * @od: object directory
 * @user: user index
 * @member: member index
 * @i: 0..mdisk_count-1
 * @out: receives the minidisk
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, or @user, @member or @i out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_mdisk(const struct zvmc_objdir *od, int user, int member, int i,
            struct zvmc_mdisk *out);

/**
 * zvmc_view_link - the i-th LINK of a user's view
 * @od: object directory
 * @user: user index
 * @member: member index
 * @i: 0..link_count-1
 * @out: receives the link
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, or @user, @member or @i out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_link(const struct zvmc_objdir *od, int user, int member, int i,
           struct zvmc_link *out);

/**
 * zvmc_view_dedicate - the i-th dedicated device of a user's view
 * @od: object directory
 * @user: user index
 * @member: member index
 * @i: 0..dedicate_count-1
 * @out: receives the device, with the EQID @member gives it
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, or @user, @member or @i out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_dedicate(const struct zvmc_objdir *od, int user, int member, int i,
               struct zvmc_dedicate *out);

/**
 * zvmc_view_nicdef - the i-th NICDEF of a user's view
 * @od: object directory
 * @user: user index
 * @member: member index
 * @i: 0..nicdef_count-1
 * @out: receives the NIC
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, or @user, @member or @i out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_nicdef(const struct zvmc_objdir *od, int user, int member, int i,
             struct zvmc_nicdef *out);

/**
 * zvmc_view_option - the i-th OPTION operand of a user's view
 * @od: object directory
 * @user: user index
 * @member: member index
 * @i: 0..option_count-1
 * @option: receives the option text, e.g. "LNKNOPAS"
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, or @user, @member or @i out of range
 *  -ZVMC_ERR_ABSENT, the user is not defined on @member
 */
int zvmc_view_option(const struct zvmc_objdir *od, int user, int member, int i,
             const char **option);

/**********************************************************************/
/* Volumes                                                             */
/**********************************************************************/

/**
 * zvmc_volume_count - number of DASD volumes
 * @od: object directory
 *
 * returns:
 *  the count >= 0; volumes are indexed in volser order
 *  -ZVMC_ERR_INVAL, @od is NULL
 */
int zvmc_volume_count(const struct zvmc_objdir *od);

/**
 * zvmc_volume_find - index of a volume by volser (binary search)
 * @od: object directory
 * @volser: volume serial, exact
 *
 * returns:
 *  the volume index >= 0
 *  -ZVMC_ERR_INVAL, @od or @volser is NULL
 *  -ZVMC_ERR_NOTFOUND, no such volume
 */
int zvmc_volume_find(const struct zvmc_objdir *od, const char *volser);

/**
 * zvmc_volume_get - one volume
 * @od: object directory
 * @vol: volume index
 * @out: receives the volume
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @vol out of range
 */
int zvmc_volume_get(const struct zvmc_objdir *od, int vol, struct zvmc_volume *out);

/**
 * zvmc_volume_extent - the i-th allocated extent of a volume
 * @od: object directory
 * @vol: volume index
 * @i: 0..extent_count-1
 * @out: receives the extent
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @vol or @i out of range
 */
int zvmc_volume_extent(const struct zvmc_objdir *od, int vol, int i, struct zvmc_extent *out);

/**********************************************************************/
/* Relocation verdicts (decided by the compiler, read here)            */
/**********************************************************************/

/**
 * zvmc_reloc_verdict - may a user relocate from one member to another?
 * @od: object directory
 * @user: user index
 * @from: source member index
 * @to: target member index, != @from
 * @nreasons: receives the number of reasons (0 when eligible); may be NULL
 *
 * The answer is the verdict the compiler stored; the runtime applies no
 * rule of its own.
 *
 * returns:
 *  1, eligible
 *  0, not eligible; the reasons are read with zvmc_reloc_reason_at()
 *  -ZVMC_ERR_INVAL, @od NULL, an index out of range, or @from == @to
 */
int zvmc_reloc_verdict(const struct zvmc_objdir *od, int user, int from, int to, int *nreasons);

/**
 * zvmc_reloc_reason_at - the i-th reason a relocation is refused
 * @od: object directory
 * @user: user index
 * @from: source member index
 * @to: target member index, != @from
 * @i: 0..nreasons-1
 * @out: receives the reason
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, an index out of range, or @from == @to
 */
int zvmc_reloc_reason_at(const struct zvmc_objdir *od, int user, int from, int to, int i,
             struct zvmc_reason *out);

/**
 * zvmc_reloc_check - the verdict and all its reasons at once
 * @od: object directory
 * @user: user index
 * @from: source member index
 * @to: target member index, != @from
 * @reasons: receives a malloc'd array of the reasons, or NULL if there are
 *  none; free it with zvmc_reloc_reasons_free().  The strings inside
 *  point into @od.
 * @n: receives the number of reasons
 *
 * returns:
 *  1, eligible (*@reasons NULL, *@n 0)
 *  0, not eligible
 *  -ZVMC_ERR_INVAL, NULL argument, an index out of range, or @from == @to
 *  -ZVMC_ERR_NOMEM, out of memory (*@reasons NULL, *@n 0)
 */
int zvmc_reloc_check(const struct zvmc_objdir *od, int user, int from, int to,
             struct zvmc_reason **reasons, size_t *n);

/**
 * zvmc_reloc_reasons_free - free the array zvmc_reloc_check() returned
 * @reasons: the array, or NULL
 */
void zvmc_reloc_reasons_free(struct zvmc_reason *reasons);

/**********************************************************************/
/* Evacuation planning (src/runtime/plan*.c, placement*.c;            */
/* docs/planner.md)                                                    */
/*                                                                     */
/* Which guests run where comes from a placement (parsed text: one     */
/* guest a line, or pasted CP QUERY NAMES / VMRELOCATE STATUS output); */
/* the members' free storage from a capacity table.  The planner reads */
/* the stored relocation verdicts, never a rule of its own.  It        */
/* allocates through a caller's allocator or malloc/free, never prints */
/* and keeps no state between calls.                                   */
/**********************************************************************/

/*
 * How the planner obtains memory.  All three functions are required; the
 * planner never asks for 0 bytes.  A NULL return is handled: the call that
 * needed the memory fails with -ZVMC_ERR_NOMEM and frees what it had.
 */
struct zvmc_plan_allocator {
    void *(*malloc)(void *ud, size_t size);
    void *(*realloc)(void *ud, void *ptr, size_t size);
    void (*free)(void *ud, void *ptr);
    void *ud;
};

/**
 * zvmc_storage_parse - read a storage size as z/VM writes it
 * @text: digits and a unit, K, M, G, T or P (powers of 1024, either case),
 *  e.g. "512M", "2G", "1024K"; no blanks, no fraction
 * @bytes: receives the size in bytes
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, no digits, no unit or an unknown unit,
 *      or anything after the unit
 *  -ZVMC_ERR_TOOBIG, the size does not fit 64 bits
 */
int zvmc_storage_parse(const char *text, uint64_t *bytes);

/* Where a placement entry came from. */
enum zvmc_placement_source {
    ZVMC_PLACEMENT_LINE = 1,        /* "USERID MEMBER [STORAGE]" */
    ZVMC_PLACEMENT_QUERY_NAMES = 2, /* pasted CP QUERY NAMES [AT ALL] output */
    ZVMC_PLACEMENT_VMRELOCATE = 3   /* pasted VMRELOCATE STATUS: in flight, on its target */
};

struct zvmc_placement;

/* Options of zvmc_placement_parse(); all-zero (or NULL) means the defaults. */
struct zvmc_placement_opts {
    /*
     * The member a plain QUERY NAMES (without AT ALL) was issued on: its
     * "USERID - DSC" entries run there.  NULL: such an entry is an error.
     */
    const char *query_member;
    /*
     * Called once for every line that cannot be used, with its 1-based
     * number and what is wrong with it; NULL to count bad lines only.
     */
    void (*on_error)(void *arg, unsigned line, const char *message);
    void *error_arg;
    const struct zvmc_plan_allocator *alloc;    /* NULL: malloc/realloc/free */
};

/* One running guest, as the placement says. */
struct zvmc_placement_entry {
    const char *name;           /* user id as written, upper case */
    int user;                   /* user index, or -1 when the object directory has no such user */
    int member;                 /* member index it runs on */
    uint64_t storage;           /* bytes: as given, else the directory's logon storage there */
    bool storage_given;         /* false: storage is the directory default (0 for an unknown user) */
    unsigned line;              /* 1-based line it came from */
    enum zvmc_placement_source source;
};

/**
 * zvmc_placement_parse - read which guests run where
 * @od: the object directory the names refer to
 * @text: the placement text; need not be NUL-terminated
 * @len: bytes at @text
 * @opts: options, or NULL for the defaults
 * @plp: receives the placement on success, NULL on failure
 *
 * Every line is one of: blank or a comment (from a '#' at the start of the
 * line or after a blank); "USERID MEMBER [STORAGE]" (STORAGE as
 * zvmc_storage_parse() reads it; without it, the directory's logon storage
 * on MEMBER); a line of QUERY NAMES output ("USERID - MEMBER , USERID -
 * DSC , ...", optionally after "MEMBER :"); a line of VMRELOCATE STATUS
 * output (a header, or "USERID FROM TO BY ELAPSED [STATUS]"), whose guest
 * counts as running on TO.  Echoed commands and "Ready;" lines are skipped.
 * A user the object directory does not have is kept with user -1; a member
 * it does not have, a user not defined on that member, or a USER placed on
 * two members (a VMRELOCATE STATUS line overrides the others) is an error.
 * Every bad line is reported through @opts->on_error; parsing goes on to
 * the end so that all of them are.
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, @od or @plp NULL, @text NULL with @len > 0, or at
 *      least one bad line (each reported through @opts->on_error)
 *  -ZVMC_ERR_NOTFOUND, @opts->query_member names no member
 *  -ZVMC_ERR_TOOBIG, @len of 4 GiB or more
 *  -ZVMC_ERR_NOMEM, out of memory
 */
int zvmc_placement_parse(const struct zvmc_objdir *od, const char *text, size_t len,
             const struct zvmc_placement_opts *opts, struct zvmc_placement **plp);

/**
 * zvmc_placement_free - free a placement
 * @pl: from zvmc_placement_parse(), or NULL (no-op)
 */
void zvmc_placement_free(struct zvmc_placement *pl);

/**
 * zvmc_placement_count - number of guests in a placement
 * @pl: placement
 *
 * returns:
 *  the count >= 0, entries in the order of their first line
 *  -ZVMC_ERR_INVAL, @pl is NULL
 */
int zvmc_placement_count(const struct zvmc_placement *pl);

/**
 * zvmc_placement_get - one guest of a placement
 * @pl: placement
 * @i: 0..count-1
 * @out: receives the entry; its name stays valid until zvmc_placement_free()
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_placement_get(const struct zvmc_placement *pl, int i, struct zvmc_placement_entry *out);

/* Free storage of each member before the evacuation. */
struct zvmc_plan_capacity {
    uint32_t given;             /* bit i set: free[i] is member i's free storage */
    uint64_t free[ZVMC_OBJDIR_MAX_MEMBERS];     /* bytes; a member not given is unlimited */
};

/**
 * zvmc_plan_capacity_set - record one "MEMBER=SIZE" (the --capacity option)
 * @od: object directory
 * @cap: the table to update; zero it before the first call
 * @spec: "MEMBER=SIZE", SIZE as zvmc_storage_parse() reads it
 *
 * returns:
 *  the member index >= 0
 *  -ZVMC_ERR_INVAL, NULL argument, no '=', or a bad SIZE
 *  -ZVMC_ERR_NOTFOUND, no member of that name
 *  -ZVMC_ERR_TOOBIG, SIZE does not fit 64 bits
 */
int zvmc_plan_capacity_set(const struct zvmc_objdir *od, struct zvmc_plan_capacity *cap,
               const char *spec);

/*
 * How to plan.  The duration model is est_seconds = ceil(storage / rate) +
 * overhead; MAXTOTAL = max(maxtotal_min_s, ceil(est_seconds * maxtotal_pct
 * / 100)); MAXQUIESCE = maxquiesce_s.  docs/planner.md gives the reasoning.
 */
struct zvmc_plan_policy {
    unsigned parallel;          /* relocations at once (a wave); default 1 */
    uint32_t rate_mib_s;        /* relocation rate, MiB/s; default 20 */
    uint32_t overhead_s;        /* seconds added to every relocation; default 5 */
    uint32_t maxquiesce_s;      /* suggested MAXQUIESCE; default 10 (CP's default) */
    uint32_t maxtotal_pct;      /* suggested MAXTOTAL, % of the estimate; default 200 */
    uint32_t maxtotal_min_s;    /* MAXTOTAL floor; default 60 */
    const struct zvmc_plan_allocator *alloc;    /* NULL: malloc/realloc/free */
};

/**
 * zvmc_plan_policy_init - the default policy
 * @p: receives the defaults (one at a time, 20 MiB/s, 5 s, 10 s, 200%, 60 s)
 */
void zvmc_plan_policy_init(struct zvmc_plan_policy *p);

struct zvmc_plan;

/**
 * zvmc_plan_evacuate - plan how to empty members of their guests
 * @od: object directory
 * @empty_mask: bit i set: empty member i (at least one bit, only members of @od)
 * @pl: which guests run where, parsed against @od
 * @cap: each member's free storage, or NULL (all unlimited)
 * @policy: how to plan, or NULL for zvmc_plan_policy_init()'s defaults
 * @planp: receives the plan on success, NULL on failure
 *
 * Every guest @pl puts on an emptied member ends in exactly one list:
 * moves (a target outside @empty_mask whose stored verdict is eligible and
 * whose free storage holds it, with an ordered step), identities (an
 * IDENTITY: it stops with the member and runs its instance elsewhere),
 * shutdowns (no member outside @empty_mask is eligible: the reasons are the
 * stored ones) or unplaced (eligible somewhere, but no eligible member has
 * the room, or a user the object directory lacks).  Guests are placed most
 * constrained first (fewest eligible targets), then largest first, each on
 * the eligible target with the most free storage left (a member without a
 * given capacity is unlimited and preferred; among such members, the one
 * with the least storage moved there so far); a guest that fits nowhere
 * may take the place of one that can go elsewhere.  No target is ever
 * overcommitted.  The plan does not need @pl once made.
 *
 * returns:
 *  0, on success (the plan may still leave guests behind: see
 *      zvmc_plan_summary_get())
 *  -ZVMC_ERR_INVAL, @od, @pl or @planp NULL, @pl parsed against another
 *      object directory, @empty_mask empty or naming a member @od does
 *      not have, @policy with parallel, rate_mib_s or maxquiesce_s 0
 *  -ZVMC_ERR_NOMEM, out of memory
 */
int zvmc_plan_evacuate(const struct zvmc_objdir *od, uint32_t empty_mask,
               const struct zvmc_placement *pl, const struct zvmc_plan_capacity *cap,
               const struct zvmc_plan_policy *policy, struct zvmc_plan **planp);

/**
 * zvmc_plan_free - free a plan
 * @plan: from zvmc_plan_evacuate(), or NULL (no-op)
 */
void zvmc_plan_free(struct zvmc_plan *plan);

struct zvmc_plan_summary {
    uint32_t empty_mask;        /* the members emptied */
    unsigned parallel;          /* relocations per wave */
    int moves, identities, shutdowns, unplaced;
    int waves;                  /* ceil(moves / parallel) */
    uint64_t est_seconds;       /* sum over the waves of their longest step */
    bool complete;              /* no guest must be shut down or is left unplaced */
};

/**
 * zvmc_plan_summary_get - what a plan amounts to
 * @plan: plan
 * @out: receives the summary
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument
 */
int zvmc_plan_summary_get(const struct zvmc_plan *plan, struct zvmc_plan_summary *out);

/* One relocation step.  Strings stay valid until zvmc_plan_free(). */
struct zvmc_plan_move {
    int order;                  /* 1-based step number */
    int wave;                   /* 1-based wave: steps run parallel at a time */
    const char *user;
    int from, to;               /* member indexes */
    uint64_t storage;           /* bytes */
    uint32_t est_seconds;
    uint32_t maxtotal_s;        /* suggested VMRELOCATE MAXTOTAL */
    uint32_t maxquiesce_s;      /* suggested VMRELOCATE MAXQUIESCE */
    int targets;                /* eligible targets it had (its constraint) */
};

/* A guest that must be shut down: no remaining member may take it. */
struct zvmc_plan_shutdown {
    const char *user;
    int from;
    uint64_t storage;
    int reason_count;           /* read with zvmc_plan_shutdown_reason() */
    uint32_t emptied_ok_mask;   /* members it could relocate to, all being emptied */
};

/* A stored reason one remaining member refuses the guest. */
struct zvmc_plan_reason {
    int to;                     /* member index */
    struct zvmc_reason reason;  /* as zvmc_reloc_reason_at() reads it */
};

/* An IDENTITY on an emptied member: stops with it, runs elsewhere as its own instance. */
struct zvmc_plan_identity {
    const char *user;
    int from;
    uint32_t elsewhere_mask;    /* remaining members that define an instance */
};

/* A guest left where it is, and why. */
struct zvmc_plan_unplaced {
    const char *user;
    int from;
    uint64_t storage;
    const char *why;            /* e.g. "needs 4G; LTICVM9 has 2G free after the plan" */
};

/* One member's storage before and after the plan. */
struct zvmc_plan_load {
    bool given;                 /* false: free storage unknown (unlimited) */
    uint64_t free_before;       /* bytes (0 when not given) */
    uint64_t free_after;        /* bytes (0 when not given) */
    uint64_t added;             /* bytes the plan moves there */
    int moves_in;               /* guests the plan moves there */
};

/**
 * zvmc_plan_move_at - the i-th relocation step, in order
 * @plan: plan
 * @i: 0..moves-1
 * @out: receives the step
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_plan_move_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_move *out);

/**
 * zvmc_plan_shutdown_at - the i-th guest that must be shut down
 * @plan: plan
 * @i: 0..shutdowns-1
 * @out: receives the guest
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_plan_shutdown_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_shutdown *out);

/**
 * zvmc_plan_shutdown_reason - the j-th reason of the i-th guest to shut down
 * @plan: plan
 * @i: 0..shutdowns-1
 * @j: 0..reason_count-1; reasons come by target member, then in stored order
 * @out: receives the reason; its message points into the object directory
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument, @i or @j out of range
 */
int zvmc_plan_shutdown_reason(const struct zvmc_plan *plan, int i, int j,
                  struct zvmc_plan_reason *out);

/**
 * zvmc_plan_identity_at - the i-th IDENTITY on an emptied member
 * @plan: plan
 * @i: 0..identities-1
 * @out: receives the guest
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_plan_identity_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_identity *out);

/**
 * zvmc_plan_unplaced_at - the i-th guest the plan cannot place
 * @plan: plan
 * @i: 0..unplaced-1
 * @out: receives the guest and why
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @i out of range
 */
int zvmc_plan_unplaced_at(const struct zvmc_plan *plan, int i, struct zvmc_plan_unplaced *out);

/**
 * zvmc_plan_load_get - a member's storage before and after the plan
 * @plan: plan
 * @member: member index
 * @out: receives the figures
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or @member out of range
 */
int zvmc_plan_load_get(const struct zvmc_plan *plan, int member, struct zvmc_plan_load *out);

/* Output formats of zvmc_plan_write(). */
enum zvmc_plan_format {
    ZVMC_PLAN_TEXT = 1,         /* for people */
    ZVMC_PLAN_JSON = 2,         /* docs/planner.md gives the schema */
    ZVMC_PLAN_REXX = 3          /* an EXEC issuing the moves, stopping at the first failure */
};

/* Receives output; returns 0, or nonzero to stop the writer. */
typedef int (*zvmc_plan_write_fn)(void *arg, const char *data, size_t len);

/**
 * zvmc_plan_write - render a plan
 * @plan: plan
 * @format: ZVMC_PLAN_TEXT, ZVMC_PLAN_JSON or ZVMC_PLAN_REXX
 * @fn: receives the output in pieces
 * @arg: passed to @fn
 *
 * The same plan always gives the same bytes.
 *
 * returns:
 *  0, on success
 *  -ZVMC_ERR_INVAL, NULL argument or an unknown @format
 *  -ZVMC_ERR_IO, @fn returned nonzero (nothing more is written)
 */
int zvmc_plan_write(const struct zvmc_plan *plan, enum zvmc_plan_format format,
            zvmc_plan_write_fn fn, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* ZVMC_RUNTIME_H */
