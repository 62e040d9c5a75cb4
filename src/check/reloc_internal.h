/* SPDX-License-Identifier: MIT */
/*
 * The relocation engine's insides, shared by the rules (relocation.c) and the
 * cluster checks (reloc_checks.c).  Nothing else includes this.
 */
#ifndef ZVMC_CHECK_RELOC_INTERNAL_H
#define ZVMC_CHECK_RELOC_INTERNAL_H

#include "check/cluster_devices.h"
#include "check/relocation.h"
#include "util/ptrmap.h"

/* The guest's relocation domain and whether relocation is off, from VMRELOCATE
 * and COMMAND SET VMRELOCATE * ... statements. */
typedef struct reloc_settings {
    int off;
    zvmc_loc off_loc;
    const char *domain;
    zvmc_loc domain_loc;
} reloc_settings;

/* What one statement of a guest's definition says, read once per view (a view
 * every member shares is read once for all of them): re-reading operands and
 * looking up names per member pair would dominate a 100,000-user matrix.  A
 * statement that can block no move has no fact. */
enum {
    F_LINK = 1, F_MDISK, F_DEDICATE, F_NIC_LAN, F_NIC_VSWITCH, F_CRYPTO, F_CPU, F_MACHINE,
    F_OPTION,
};

typedef struct reloc_fact {
    uint8_t kind;
    const ud_stmt *s;
    const ud_seg *sg;
    const char *name;           /* LINK owner, VSWITCH, OPTION keyword */
    const char *text;           /* operand text for messages (guest LAN, CRYPTO, CPU) */
    const char *text2;
    uint32_t len, len2;
    uint32_t owner;             /* LINK *: the user's index; other LINKs: UINT32_MAX, the
                                 * owner is looked up by name once (reloc_link) */
    member_mask mask;           /* NIC_VSWITCH: the members whose view defines it;
                                 * MDISK (W_VOLUME): the members whose view lists its volume */
    uint8_t why;                /* MDISK: W_*, where it lives */
    const char *vol;            /* MDISK (W_VOLUME): its volume */
    const struct reloc_disk *disk;  /* LINK: the minidisk judged from each member, or NULL */
    const char **msgs;          /* a PROFILE's: the message from each member, once made */
} reloc_fact;

/* What a PROFILE segment says, read once for every user that includes it:
 * its facts (facts_build()) and its settings (reloc_segment_settings()),
 * each when first asked. */
typedef struct reloc_profile {
    const ud_entry *owner;      /* NULL: a free slot */
    uint32_t first, n;          /* the segment */
    int facts_kept, settings_read;
    reloc_fact *facts;
    uint32_t nfacts;
    reloc_seg_settings set;
} reloc_profile;

/* The facts of the last view read. */
typedef struct reloc_facts {
    const ud_view *view;
    int valid;
    reloc_settings st;
    const reloc_domain *dom;    /* the guest's domain (with a SYSTEM CONFIG), or NULL */
    reloc_fact *f;
    uint32_t n, cap;
    int quiet;                  /* nothing blocks a move: no facts, no settings that do */
} reloc_facts;

/* Where a minidisk lives, judged from the member a guest leaves.  W_PER_MEMBER
 * (facts only): on &SYSRES, so it depends on that member. */
enum { W_NONE = 0, W_SUBCONFIG, W_TDISK, W_VOLUME, W_PER_MEMBER };

typedef struct reloc_disk reloc_disk;
struct reloc_disk {
    const ud_stmt *md;          /* the MDISK; NULL: the owner has none at that address */
    const ud_seg *seg;          /* ... and its segment */
    uint8_t why;                /* W_* */
    const char *vol;            /* W_VOLUME: the volume */
    member_mask mask;           /* W_VOLUME: the members whose view lists it */
};

/* LINK targets: (owner, address) -> the minidisk on each member, found once.
 * The owner is named by its interned name, or for LINK * by its entry. */
typedef struct reloc_link {
    const void *key;            /* NULL: a free slot */
    uint32_t owner;             /* the owner's user index, or UINT32_MAX: no such user */
    uint16_t target;
    uint8_t all;                /* every member's disk is judged */
    uint8_t may_block;          /* ... and some blocks a move */
    reloc_disk *disk;           /* one per member; disk[m].why == 0xff: not looked up yet */
} reloc_link;

/* A minidisk of a large view, by owner << 32 | member << 18 | 0x10000 | vaddr;
 * owner << 32 | member << 18 | 0x20000 marks the view as indexed (relocation.c
 * reloc_find_mdisk()). */
typedef struct reloc_mdisk {
    uint64_t key;               /* 0: a free slot */
    const ud_stmt *s;
    const ud_seg *seg;
} reloc_mdisk;

/* An EQID: which members have a device with it, with no TYPE and with one
 * TYPE (an EQID of devices of two TYPEs is rare: those are looked at directly). */
typedef struct reloc_eqid {
    const char *eqid;           /* interned; NULL: a free slot */
    const char *type;           /* the TYPE of its typed devices */
    member_mask any;            /* members with a device of this EQID */
    member_mask untyped;        /* ... with no TYPE */
    member_mask typed;          /* ... of TYPE type */
    member_mask members;        /* devices_eqid_members(), once members_known */
    uint8_t types_overflow;     /* typed devices of more than one TYPE: their
                                 * members by TYPE are in the engine's eqtypes */
    uint8_t members_known;
} reloc_eqid;

/* The members with a device of one EQID and one TYPE, for the EQIDs whose
 * devices have several TYPEs. */
typedef struct reloc_eqtype {
    const char *eqid, *type;    /* interned; eqid NULL: a free slot */
    member_mask typed;
} reloc_eqtype;

struct reloc_engine {
    check_run *r;
    const ud_directory *dir;
    const ud_resolved *res;
    const cluster_devices *dev;     /* NULL without a SYSTEM CONFIG */
    int *cfg_member;                /* res member -> model member index, or -1 */
    int identity_map;               /* cfg_member[m] == m for every member */
    uint64_t cfg_any;               /* identity_map: the members with a model index */
    arena arena;                    /* messages, until reloc_engine_reset_messages() */
    arena memo;                     /* LINK targets, profile facts and their messages:
                                     * until the engine is freed */
    const char *ssi_name;           /* "SSI", the default domain */
    reloc_facts facts;              /* of the last view */
    reloc_judgment jd;              /* the last judgment */
    uint32_t jcap;
    /* volume -> members, by dir->vols index, and for each member's &SYSRES */
    member_mask *vol_mask;
    uint8_t *vol_state;             /* 0: not looked up; 1: unknown; 2: known */
    int vol_walked, vol_all;        /* vol_all: vol_mask holds every label (no vol_state) */
    member_mask *sysres_mask;
    uint8_t *sysres_state;
    /* LINK targets: open addressing on (owner, target) */
    reloc_link *links;
    uint32_t links_mask, nlinks;
    /* PROFILE segments: open addressing on the segment */
    reloc_profile *profiles;
    uint32_t profiles_mask, nprofiles;
    /* EQIDs: open addressing on the interned name, built on first use */
    reloc_eqid *eqids;
    uint32_t eqids_mask, neqids;
    int eqids_built;
    /* (EQID, TYPE) pairs of the EQIDs with types_overflow: open addressing */
    reloc_eqtype *eqtypes;
    uint32_t eqtypes_mask, neqtypes;
    /* per member: the guests dedicating each EQID (reloc_checks.c), built on
     * first use */
    struct reloc_eqid_index **eqid_users;
    /* per model member: EQID -> first device + 1 (relocation.c), made on first use */
    struct { ptrmap map; int built; } *eqid_first;
    /* the minidisks of large views, made on first use */
    reloc_mdisk *mdisks;
    uint32_t mdisks_mask, nmdisks;
};

/* Operands of a statement, re-read from its record. */
#define RELOC_MAXOPS 24

typedef struct reloc_ops {
    const char *text[RELOC_MAXOPS];
    uint32_t len[RELOC_MAXOPS];
    uint32_t n;
} reloc_ops;

void reloc_read_ops(const reloc_engine *e, const ud_entry *owner, const ud_stmt *s, reloc_ops *o);
int reloc_op_is(const reloc_ops *o, uint32_t i, const char *word);
/* Is operand i a prefix-abbreviation of word, at least min long? */
int reloc_op_abbrev(const reloc_ops *o, uint32_t i, const char *word, size_t min);
int reloc_op_find(const reloc_ops *o, const char *word);
/* The MDISK @vaddr in user @owner's view on member @m, with its segment. */
const ud_stmt *reloc_find_mdisk(reloc_engine *e, uint32_t owner, uint32_t m, uint16_t vaddr,
                                const ud_seg **seg_out);
void reloc_read_settings(reloc_engine *e, const ud_view *v, reloc_settings *st);
/* Apply one segment's settings over @st. */
void reloc_apply_settings(reloc_settings *st, const reloc_seg_settings *ss);
/* Free e->eqid_users (reloc_checks.c). */
void reloc_eqid_index_free(reloc_engine *e);
/* The engine of a run, made on first use. */
reloc_engine *reloc_run_engine(check_run *r);

#endif
