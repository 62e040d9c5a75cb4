/* SPDX-License-Identifier: MIT */
/*
 * The tree of a source directory (USER DIRECT).
 *
 * A directory is a list of entries (USER, IDENTITY, PROFILE, SUBCONFIG,
 * GLOBALDEFS, POOL), each an array of statements whose first element is the
 * statement that opened it, plus the DIRECTORY statements.  Records that come
 * before the first entry form an entry of kind UD_E_NONE.
 *
 * The tree is built for 100,000-user directories, so it is compact: a
 * statement is 24 bytes and keeps no copy of its text.  It holds its kind, its
 * byte span in the source (the file comes from its entry) and the operands the
 * checks need, decoded; any operand can be found again by re-reading the
 * record (ud_operands() in directory_parse.h).  Names are interned uppercase,
 * so two names are equal when their pointers are.  Everything lives in the
 * directory's arena.
 */
#ifndef ZVMC_PARSE_DIRECTORY_AST_H
#define ZVMC_PARSE_DIRECTORY_AST_H

#include <stdint.h>
#include "util/arena.h"
#include "util/loc.h"
#include "util/ptrmap.h"
#include "util/symtab.h"

/* Statement kinds.  Keep in step with the keyword table (directory_keywords.c). */
typedef enum ud_skind {
    UD_S_UNKNOWN = 0,           /* a keyword zvmc does not know */
    /* statements that open an entry */
    UD_S_USER, UD_S_IDENTITY, UD_S_PROFILE, UD_S_SUBCONFIG, UD_S_GLOBALDEFS, UD_S_POOL,
    UD_S_DIRECTORY,
    /* structure inside entries */
    UD_S_INCLUDE, UD_S_BUILD, UD_S_SYSAFFIN, UD_S_GLOBALOPTS,
    /* device statements */
    UD_S_MDISK, UD_S_LINK, UD_S_DEDICATE, UD_S_NICDEF, UD_S_SPECIAL, UD_S_CONSOLE,
    UD_S_SPOOL, UD_S_DASDOPT, UD_S_MINIOPT,
    /* general statements */
    UD_S_ACCOUNT, UD_S_ACIGROUP, UD_S_APPCPASS, UD_S_AUTOLOG, UD_S_CLASS, UD_S_COMMAND,
    UD_S_CPU, UD_S_CRYPTO, UD_S_D8ONECMD, UD_S_DATEFORMAT, UD_S_IPL, UD_S_IUCV,
    UD_S_LOADDEV, UD_S_LOGONBY, UD_S_MACHINE, UD_S_MAXSTORAGE, UD_S_NAMESAVE,
    UD_S_NOPDATA, UD_S_OPTION, UD_S_POSIXGLIST, UD_S_POSIXGROUP, UD_S_POSIXINFO,
    UD_S_POSIXOPT, UD_S_SCREEN, UD_S_SECLABEL, UD_S_SHARE, UD_S_SPOOLFILE,
    UD_S_STDEVOPT, UD_S_STORAGE, UD_S_VMRELOCATE, UD_S_XAUTOLOG, UD_S_XCONFIG,
    UD_S_KIND_COUNT
} ud_skind;

/* Statement flags */
enum {
    UD_F_BAD = 1,               /* operands malformed (reported): checks skip it */
    UD_F_STAR = 2,              /* `*` operand: LINK * (own user), BUILD ON *, SYSAFFIN * */
    UD_F_SYSRES = 4,            /* MDISK on &SYSRES (or +VMRES) */
    UD_F_MANAGER = 8,           /* a directory-manager-only form (AUTOG/AUTOR/AUTOV) */
    UD_F_PLAIN_HEAD = 16,       /* USER/IDENTITY whose storage sizes read, logon storage
                                 * not above the maximum, classes A-Z and 1-6: the checks
                                 * of the head's operands need not read it back */
    UD_F_RELOC_WORDS = 32,      /* COMMAND, CPU, CRYPTO, MACHINE or OPTION holding an
                                 * operand a relocation rule reads (ud_reloc_words()):
                                 * the others need not be read back at all */
};

/* How a NICDEF names its network (u.dev.nic) */
enum {
    UD_NIC_NONE = 0,            /* neither LAN owner name nor VSWITCH name */
    UD_NIC_VSWITCH,             /* LAN SYSTEM name, or VSWITCH name: the name at u.dev.net */
    UD_NIC_LAN,                 /* LAN owner name: the owner at u.dev.net, the LAN at u.dev.lan */
    UD_NIC_FORM = 3,            /* the mask of the above */
    UD_NIC_TYPE_QDIO = 4,       /* TYPE given, and not HIPERSOCKETS */
    UD_NIC_TYPE_HIPERS = 8,     /* TYPE HIPERSOCKETS (abbreviated to 5 or more) */
};
/* The operands a NICDEF's network and type are looked for in, as the
 * relocation rules and the compiler read at most so many back. */
#define UD_NIC_MAXOPS 24

/* How an MDISK gets its space */
enum {
    UD_EXT_NONE = 0,            /* malformed */
    UD_EXT_CYL,                 /* start size: cylinders (CKD) or 512-byte blocks (FBA) */
    UD_EXT_END,                 /* start END: to the end of the volume */
    UD_EXT_DEVNO,               /* DEVNO rdev: a whole real device, no volser */
    UD_EXT_VDISK,               /* V-DISK: in storage */
    UD_EXT_TDISK,               /* T-DISK: temporary, allocated at link time */
    UD_EXT_AUTO,                /* AUTOG/AUTOR/AUTOV: placed by the directory manager */
};

/* Link and minidisk access modes (the base letter; V suffix in UD_MODE_V) */
enum {
    UD_MODE_NONE = 0, UD_MODE_R, UD_MODE_RR, UD_MODE_W, UD_MODE_WR, UD_MODE_M, UD_MODE_MR,
    UD_MODE_MW, UD_MODE_SR, UD_MODE_SW, UD_MODE_ER, UD_MODE_EW,
    UD_MODE_V = 0x80,           /* virtual RESERVE/RELEASE suffix */
};

typedef struct ud_stmt {
    uint32_t begin;             /* byte offset of the keyword in the entry's file */
    uint8_t len;                /* bytes from the keyword to the end of the last operand
                                 * (a record holds 72 columns of data) */
    uint8_t kind;               /* ud_skind */
    uint8_t flags;              /* UD_F_* */
    uint8_t devclass;           /* MDISK: ud_devclass (directory_devices.h) */
    union {
        /* MDISK: start/size are cylinders or blocks; for DEVNO, start is the rdev;
         * for END, size is 0 */
        struct {
            uint32_t vol;           /* volume label: dir->vols[vol] (0: none); use
                                     * ud_volser() or, per member, ud_mdisk_volume() */
            uint32_t start, size;
            uint16_t vaddr;
            uint8_t ext;            /* UD_EXT_* */
            uint8_t mode;           /* UD_MODE_* */
        } mdisk;
        /* LINK owner target vaddr mode */
        struct {
            const char *user;       /* interned owner; NULL for LINK * (UD_F_STAR): the
                                     * user whose definition holds it */
            uint16_t target;        /* the owner's vaddr */
            uint16_t vaddr;         /* this user's vaddr */
            uint8_t mode;
        } link;
        /* DEDICATE, SPECIAL, NICDEF, CONSOLE, SPOOL: addresses vaddr..vaddr+count-1 */
        struct {
            uint32_t rdev;          /* DEDICATE: the real device (UINT32_MAX: a volser) */
            uint16_t vaddr;
            uint16_t count;
            /* NICDEF: its network's operands, as offsets from the keyword and
             * lengths (see UD_NIC_*), so that no rule splits the record again */
            uint8_t nic;            /* UD_NIC_* form | type */
            uint8_t net, netlen;
            uint8_t lan, lanlen;
        } dev;
        /* entry heads: the entry's name; INCLUDE: the profile */
        struct { const char *name; } ref;
        /* BUILD ON member USING SUBCONFIG name (member NULL with UD_F_STAR) */
        struct { const char *member, *subconfig; } build;
        /* SYSAFFIN sys... (UD_F_STAR for `*`) */
        struct { const char *const *systems; uint32_t n; } sysaffin;
        /* STORAGE / MAXSTORAGE; COMMAND DEFINE STORAGE RESERVED */
        struct { uint64_t bytes; } storage;
    } u;
} ud_stmt;

_Static_assert(sizeof(ud_stmt) == 24, "a statement is 24 bytes (see above)");

/* Entry kinds */
typedef enum ud_ekind {
    UD_E_NONE = 0,              /* records before the first entry */
    UD_E_USER, UD_E_IDENTITY, UD_E_PROFILE, UD_E_SUBCONFIG, UD_E_GLOBALDEFS, UD_E_POOL,
} ud_ekind;

/* Entry flags */
enum {
    UD_EF_SYSAFFIN = 1,         /* holds a SYSAFFIN statement */
    UD_EF_INCLUDE = 2,          /* holds an INCLUDE */
    UD_EF_BUILD = 4,            /* holds a BUILD */
    UD_EF_RELOC_SETTINGS = 8,   /* holds VMRELOCATE or COMMAND SET VMRELOCATE
                                 * (ud_is_reloc_setting()) */
    UD_EF_DEDICATE = 16,        /* holds a DEDICATE */
};

typedef struct ud_entry {
    uint8_t kind;               /* ud_ekind */
    uint8_t flags;              /* UD_EF_* */
    uint16_t reserved;
    uint32_t file;              /* the source it was read from */
    const char *name;           /* interned; NULL for UD_E_NONE, GLOBALDEFS or a missing name */
    ud_stmt *stmts;             /* stmts[0] opens the entry (except for UD_E_NONE) */
    uint32_t nstmts;
    uint32_t index;             /* position in the directory */
} ud_entry;

/* The form of a DIRECTORY statement */
enum {
    UD_DIR_PLAIN = 1,           /* DIRECTORY vaddr devtype volser */
    UD_DIR_CSE,                 /* DIRECTORY vaddr devtype volser cpuid-model sysname */
    UD_DIR_SSI,                 /* DIRECTORY SSI vaddr devtype volser... */
    UD_DIR_BAD,                 /* operands malformed (reported) */
};

typedef struct ud_dirstmt {
    int form;                   /* UD_DIR_* */
    zvmc_loc loc;
    const ud_entry *entry;      /* the entry it sits in (UD_E_NONE when at the top) */
    const char *const *vols;    /* interned volsers: one, or the SSI list */
    uint32_t nvols;
    const char *sysname;        /* CSE: the system it is for */
    struct ud_dirstmt *next;
} ud_dirstmt;

struct ud_resolved;

typedef struct ud_directory {
    arena arena;
    ud_entry **entries;         /* in file order (every directory input, in turn) */
    uint32_t nentries, entries_cap;
    ud_dirstmt *dirs, *last_dir;
    uint32_t ndirs;
    uint32_t nfiles;            /* directory inputs parsed */
    uint32_t *rejected;         /* inputs refused as not text (source indexes) */
    uint32_t nrejected;
    const char **vols;          /* interned volume labels of MDISKs; vols[0] is NULL */
    uint32_t nvols, vols_cap;
    uint32_t *volmap;           /* open addressing: label address -> index + 1 */
    uint32_t volmap_mask;
    symtab volsizes;            /* volser -> cylinders given by the caller (diskmap) */
    /* USER/IDENTITY/PROFILE/SUBCONFIG name -> first entry, filled by the
     * dir-resolve pass: open addressing on the interned name's address, sized
     * once (names are interned, so the pointer is the key) */
    uint32_t *byname;           /* index in entries + 1; 0: empty (4 bytes, not a
                                 * pointer's 8: 1 MB less at 100,000 guests) */
    uint32_t byname_mask;
    struct ud_resolved *res;    /* per-member resolution (check/resolve.h), or NULL */
} ud_directory;

/* A hash of an interned name's address (names are interned: the address is
 * the identity), for the open-addressing tables keyed by name. */
static inline uint32_t ud_ptr_hash(const void *p)
{
    return ptr_hash(p);
}

/* The source span of a statement. */
static inline zvmc_loc ud_stmt_loc(const ud_entry *e, const ud_stmt *s)
{
    zvmc_loc l = { e->file, s->begin, s->begin + s->len };
    return l;
}

/* The volume label of an MDISK (interned; "&SYSRES" for &SYSRES), or NULL. */
static inline const char *ud_volser(const ud_directory *dir, const ud_stmt *s)
{
    return s->u.mdisk.vol ? dir->vols[s->u.mdisk.vol] : NULL;
}

/* Does a COMMAND, CPU, CRYPTO, MACHINE or OPTION statement hold an operand a
 * relocation rule reads (COMMAND SET VMRELOCATE, CPU ... DEDICATE, CRYPTO
 * APDEDICATED or DOMAIN, MACHINE XC, OPTION LKFAC/CFVM/CFUSER/TODENABLE)?  The
 * parser decides it from the operands it splits anyway (ud_decode()). */
static inline int ud_reloc_words(const ud_stmt *s)
{
    return (s->flags & UD_F_RELOC_WORDS) != 0;
}

/* Is @s a relocation setting: VMRELOCATE, or COMMAND SET VMRELOCATE? */
static inline int ud_is_reloc_setting(const ud_stmt *s)
{
    return s->kind == UD_S_VMRELOCATE || (s->kind == UD_S_COMMAND && ud_reloc_words(s));
}

/* Is the statement a device definition (occupies virtual addresses)? */
static inline int ud_is_device(unsigned kind)
{
    return kind == UD_S_MDISK || kind == UD_S_LINK || kind == UD_S_DEDICATE ||
           kind == UD_S_NICDEF || kind == UD_S_SPECIAL || kind == UD_S_CONSOLE ||
           kind == UD_S_SPOOL;
}

const char *ud_skind_name(unsigned kind);
const char *ud_ekind_name(unsigned kind);
const char *ud_mode_name(unsigned mode);

#endif
