/* SPDX-License-Identifier: MIT */
/*
 * objdir_corrupt.c - hand-corrupted object directories, each rejected with
 * its specific error code.
 *
 * Every case starts from the LTICS1 image, changes a few bytes and says
 * which layer must catch it.  Header-layer cases are left unsealed (the
 * header is checked before the checksum); record-layer cases get a fresh
 * checksum first, because a hostile file can carry a valid one.  For a
 * header case zvmc_objdir_check_header() must give the same code; for a
 * later case it must pass, which shows which layer caught it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "objdir_fixture.h"
#include "objdir_walk.h"
#include "runtime/objdir_format.h"

static uint8_t *pristine;
static size_t plen;

static uint32_t ld(const uint8_t *b, size_t off)
{
    return zvmc_be32_ld(b + off);
}

static void st(uint8_t *b, size_t off, uint32_t v)
{
    zvmc_be32_st(b + off, v);
}

static uint32_t boff(const uint8_t *b, int blk)
{
    return ld(b, ZVMC_OD_H_BLOCKS + ZVMC_OD_H_BLOCK_ENTRY * (size_t)blk);
}

static uint32_t bsize(const uint8_t *b, int blk)
{
    return ld(b, ZVMC_OD_H_BLOCKS + ZVMC_OD_H_BLOCK_ENTRY * (size_t)blk + 4);
}

static void set_boff(uint8_t *b, int blk, uint32_t v)
{
    st(b, ZVMC_OD_H_BLOCKS + ZVMC_OD_H_BLOCK_ENTRY * (size_t)blk, v);
}

static void set_bsize(uint8_t *b, int blk, uint32_t v)
{
    st(b, ZVMC_OD_H_BLOCKS + ZVMC_OD_H_BLOCK_ENTRY * (size_t)blk + 4, v);
}

static uint8_t *rec(uint8_t *b, int blk, uint32_t i)
{
    return b + boff(b, blk) + (size_t)i * zvmc_od_recsize_((enum zvmc_od_block)blk);
}

static uint8_t *pool(uint8_t *b)
{
    return b + boff(b, ZVMC_OD_B_STRINGS);
}

static uint32_t nslots(const uint8_t *b)
{
    return bsize(b, ZVMC_OD_B_HASH) / 4;
}

static uint32_t slot(uint8_t *b, uint32_t s)
{
    return ld(b, boff(b, ZVMC_OD_B_HASH) + 4 * (size_t)s);
}

static void set_slot(uint8_t *b, uint32_t s, uint32_t v)
{
    st(b, boff(b, ZVMC_OD_B_HASH) + 4 * (size_t)s, v);
}

/* Rebuild the hash index from the user names, as the writer does. */
static void rehash(uint8_t *b)
{
    uint32_t n = bsize(b, ZVMC_OD_B_USERS) / ZVMC_OD_U_SIZE, mask = nslots(b) - 1;

    for (uint32_t s = 0; s <= mask; s++)
        set_slot(b, s, 0);
    for (uint32_t i = 0; i < n; i++) {
        const char *name = (const char *)pool(b) + ld(rec(b, ZVMC_OD_B_USERS, i), ZVMC_OD_U_NAME);
        uint32_t s = zvmc_od_hash_(0, name) & mask;

        while (slot(b, s))
            s = (s + 1) & mask;
        set_slot(b, s, i + 1);
    }
}

/* The view map entry of (user, member). */
static uint8_t *viewmap(uint8_t *b, int u, int m)
{
    return rec(b, ZVMC_OD_B_VIEWMAP, (uint32_t)(u * NMEMBERS + m));
}

/* The view record of (user, member), through the view map. */
static uint8_t *view(uint8_t *b, int u, int m)
{
    return rec(b, ZVMC_OD_B_VIEWS, ld(viewmap(b, u, m), 0));
}

/* The verdict record of (user, from, to), through the user's verdict row. */
static uint8_t *verdict(uint8_t *b, int u, int from, int to)
{
    uint32_t row = ld(rec(b, ZVMC_OD_B_USERS, (uint32_t)u), ZVMC_OD_U_VROW);

    return rec(b, ZVMC_OD_B_VERDICTS, row * zvmc_od_pairs_(NMEMBERS) +
                          zvmc_od_pair_(NMEMBERS, (uint32_t)from, (uint32_t)to));
}

/*
 * The cases
 */

enum layer { HEADER, CHECKSUM, RECORDS, ACCEPTED };

/* header layer: left unsealed */
static void bad_magic(uint8_t *b) { b[0] ^= 0xFF; }
static void version_future(uint8_t *b)
{
    st(b, ZVMC_OD_H_VERSION, ZVMC_OBJDIR_VERSION + 1);
    st(b, ZVMC_OD_H_LAST_COMP, ZVMC_OBJDIR_VERSION + 1);
}
static void version_old(uint8_t *b) { st(b, ZVMC_OD_H_VERSION, 0); st(b, ZVMC_OD_H_LAST_COMP, 0); }
static void version_incoherent(uint8_t *b) { st(b, ZVMC_OD_H_LAST_COMP, 2); }
static void hdrsize_wrong(uint8_t *b) { st(b, ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE + 8); }
static void nblocks_short(uint8_t *b)
{
    st(b, ZVMC_OD_H_NBLOCKS, ZVMC_OD_NBLOCKS - 1);
    st(b, ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE - 8);
}
static void nblocks_extra_same_version(uint8_t *b)
{
    st(b, ZVMC_OD_H_NBLOCKS, ZVMC_OD_NBLOCKS + 1);
    st(b, ZVMC_OD_H_HDRSIZE, ZVMC_OD_HDR_SIZE + 8);
}
/* version 1 defines no flag: not even the seeded index of version 2 */
static void unknown_header_flag(uint8_t *b) { st(b, ZVMC_OD_H_FLAGS, ZVMC_OD_HDR_HASH_SEED); }
static void version2(uint8_t *b)
{
    st(b, ZVMC_OD_H_VERSION, ZVMC_OD_HASH_SEED_VERSION);
    st(b, ZVMC_OD_H_LAST_COMP, ZVMC_OD_HASH_SEED_VERSION);
}
static void version2_unknown_flag(uint8_t *b)
{
    version2(b);
    st(b, ZVMC_OD_H_FLAGS, ZVMC_OD_HDR_HASH_SEED << 1);
}
/* the flag on an unseeded index: its first slot read as the seed, and one
 * slot short of a power of two */
static void version2_seed_flag_on_plain_index(uint8_t *b)
{
    version2(b);
    st(b, ZVMC_OD_H_FLAGS, ZVMC_OD_HDR_HASH_SEED);
}
static void totalsize_below_header(uint8_t *b) { st(b, ZVMC_OD_H_TOTALSIZE, 100); }
static void totalsize_past_buffer(uint8_t *b) { st(b, ZVMC_OD_H_TOTALSIZE, (uint32_t)plen + 8); }
static void misaligned_block(uint8_t *b) { set_boff(b, ZVMC_OD_B_USERS, boff(b, ZVMC_OD_B_USERS) + 4); }
static void offset_past_end(uint8_t *b)
{
    set_boff(b, ZVMC_OD_B_REASONS, ((uint32_t)plen + 15) & ~7u);
}
static void size_wraps(uint8_t *b) { set_bsize(b, ZVMC_OD_B_VIEWS, 0xFFFFFFF8u); }
static void offset_wraps(uint8_t *b)
{
    set_boff(b, ZVMC_OD_B_STRINGS, 0xFFFFFFF8u);
    set_bsize(b, ZVMC_OD_B_STRINGS, 16);
}
static void offset_in_header(uint8_t *b) { set_boff(b, ZVMC_OD_B_CLUSTER, 8); }
static void blocks_overlap(uint8_t *b) { set_boff(b, ZVMC_OD_B_MEMBERS, boff(b, ZVMC_OD_B_CLUSTER)); }
static void blocks_out_of_order(uint8_t *b)
{
    uint32_t o = boff(b, ZVMC_OD_B_SYSIDS), s = bsize(b, ZVMC_OD_B_SYSIDS);

    set_boff(b, ZVMC_OD_B_SYSIDS, boff(b, ZVMC_OD_B_CPOWNED));
    set_bsize(b, ZVMC_OD_B_SYSIDS, bsize(b, ZVMC_OD_B_CPOWNED));
    set_boff(b, ZVMC_OD_B_CPOWNED, o);
    set_bsize(b, ZVMC_OD_B_CPOWNED, s);
}

/* checksum layer: left unsealed */
static void crc_field(uint8_t *b) { b[ZVMC_OD_H_CRC + 3] ^= 1; }
static void pool_byte(uint8_t *b) { pool(b)[bsize(b, ZVMC_OD_B_STRINGS) / 2] ^= 0x20; }
static void record_byte(uint8_t *b) { view(b, U_MAINT, VM4)[ZVMC_OD_V_LOGON + 7] ^= 1; }

/* record layer: resealed */
static void cluster_users_plus1(uint8_t *b)
{
    uint8_t *cl = rec(b, ZVMC_OD_B_CLUSTER, 0);

    st(cl, ZVMC_OD_CL_USERS, ld(cl, ZVMC_OD_CL_USERS) + 1);
}
static void cluster_members_minus1(uint8_t *b) { st(rec(b, ZVMC_OD_B_CLUSTER, 0), ZVMC_OD_CL_MEMBERS, 3); }
static void too_many_members(uint8_t *b) { st(rec(b, ZVMC_OD_B_CLUSTER, 0), ZVMC_OD_CL_MEMBERS, 33); }
static void users_block_short(uint8_t *b) { set_bsize(b, ZVMC_OD_B_USERS, bsize(b, ZVMC_OD_B_USERS) - 8); }
static void members_block_ragged(uint8_t *b)
{
    set_bsize(b, ZVMC_OD_B_MEMBERS, bsize(b, ZVMC_OD_B_MEMBERS) - 4);
}
static void no_cluster_record(uint8_t *b) { set_bsize(b, ZVMC_OD_B_CLUSTER, 0); }
static void pool_without_final_nul(uint8_t *b) { pool(b)[bsize(b, ZVMC_OD_B_STRINGS) - 1] = 'X'; }
static void pool_without_empty_string(uint8_t *b) { pool(b)[0] = 'X'; }
static void pool_empty(uint8_t *b) { set_bsize(b, ZVMC_OD_B_STRINGS, 0); }
static void string_past_pool(uint8_t *b)
{
    st(rec(b, ZVMC_OD_B_USERS, 0), ZVMC_OD_U_NAME, bsize(b, ZVMC_OD_B_STRINGS));
}
static void string_far_away(uint8_t *b) { st(rec(b, ZVMC_OD_B_REASONS, 0), ZVMC_OD_R_MESSAGE, 0xFFFFFFFFu); }
static void empty_user_name(uint8_t *b) { st(rec(b, ZVMC_OD_B_USERS, 0), ZVMC_OD_U_NAME, 0); }
/* A user name 80 bytes long: the LNXPIN guest LAN reason's message. */
static void user_name_too_long(uint8_t *b)
{
    uint32_t n = bsize(b, ZVMC_OD_B_REASONS) / ZVMC_OD_R_SIZE;

    for (uint32_t i = 0; i < n; i++) {
        uint32_t msg = ld(rec(b, ZVMC_OD_B_REASONS, i), ZVMC_OD_R_MESSAGE);

        if (!strcmp((const char *)pool(b) + msg, FX_LONG_MESSAGE)) {
            st(rec(b, ZVMC_OD_B_USERS, 0), ZVMC_OD_U_NAME, msg);
            return;
        }
    }
    FAIL("no long message in the fixture");
}
static void range_past_table(uint8_t *b)
{
    st(view(b, U_DTCVSW1, VM2), ZVMC_OD_V_MDISKS, bsize(b, ZVMC_OD_B_MDISKS) / ZVMC_OD_MD_SIZE);
}
static void range_wraps(uint8_t *b)
{
    st(view(b, U_DTCVSW1, VM2), ZVMC_OD_V_MDISKS, 0xFFFFFFFFu);
    st(view(b, U_DTCVSW1, VM2), ZVMC_OD_V_MDISKS + 4, 2);
}
static void member_range_too_long(uint8_t *b)
{
    uint8_t *m = rec(b, ZVMC_OD_B_MEMBERS, VM4);

    st(m, ZVMC_OD_M_EQIDS + 4, ld(m, ZVMC_OD_M_EQIDS + 4) + 1);
}
static void extent_owner_out_of_range(uint8_t *b)
{
    st(rec(b, ZVMC_OD_B_EXTENTS, 0), ZVMC_OD_X_OWNER, NUSERS);
}
static void user_kind_unknown(uint8_t *b) { st(rec(b, ZVMC_OD_B_USERS, 0), ZVMC_OD_U_KIND, 3); }
static void mdisk_unit_zero(uint8_t *b) { st(rec(b, ZVMC_OD_B_MDISKS, 0), ZVMC_OD_MD_UNIT, 0); }
static void reason_code_unknown(uint8_t *b)
{
    st(rec(b, ZVMC_OD_B_REASONS, 0), ZVMC_OD_R_CODE, ZVMC_RELOC_REASON_COUNT);
}
static void view_flag_unknown(uint8_t *b)
{
    uint8_t *v = view(b, U_MAINT, VM2);

    st(v, ZVMC_OD_V_FLAGS, ld(v, ZVMC_OD_V_FLAGS) | 0x100);
}
static void viewmap_past_views(uint8_t *b)
{
    st(viewmap(b, U_DTCVSW1, VM5), 0, bsize(b, ZVMC_OD_B_VIEWS) / ZVMC_OD_V_SIZE);
}
static void viewmap_short(uint8_t *b) { set_bsize(b, ZVMC_OD_B_VIEWMAP, bsize(b, ZVMC_OD_B_VIEWMAP) - 4); }
static void verdict_row_past_end(uint8_t *b)
{
    st(rec(b, ZVMC_OD_B_USERS, U_MAINT), ZVMC_OD_U_VROW,
       bsize(b, ZVMC_OD_B_VERDICTS) / ZVMC_OD_VD_SIZE / zvmc_od_pairs_(NMEMBERS));
}
static void verdict_rows_ragged(uint8_t *b)
{
    set_bsize(b, ZVMC_OD_B_VERDICTS, bsize(b, ZVMC_OD_B_VERDICTS) - ZVMC_OD_VD_SIZE);
}
static void verdict_reasons_past_table(uint8_t *b)
{
    uint8_t *v = verdict(b, U_LNXPIN, VM9, VM2);

    st(v, ZVMC_OD_VD_REASONS, ld(v, ZVMC_OD_VD_REASONS) + bsize(b, ZVMC_OD_B_REASONS) / ZVMC_OD_R_SIZE);
}
/* A present view unmapped: valid, the user is simply not on that member. */
static void user_made_absent(uint8_t *b) { st(viewmap(b, U_LNXTEST, VM5), 0, ZVMC_OD_NONE); }
/* An eligible verdict given a reason: valid, it is now refused. */
static void verdict_refused_by_reason(uint8_t *b)
{
    st(verdict(b, U_LITSWAS1, VM2, VM9), ZVMC_OD_VD_REASONS + 4, 1);
}
static void domain_mask_too_wide(uint8_t *b) { st(rec(b, ZVMC_OD_B_DOMAINS, 0), ZVMC_OD_D_MASK, 0x1F); }
static void eqid_backwards(uint8_t *b)
{
    uint8_t *e = rec(b, ZVMC_OD_B_EQIDS, 0);

    st(e, ZVMC_OD_EQ_FIRST, ld(e, ZVMC_OD_EQ_LAST) + 1);
}
static void swap_names(uint8_t *b, int blk, size_t name_off)
{
    uint8_t *r0 = rec(b, blk, 0), *r1 = rec(b, blk, 1);
    uint32_t n0 = ld(r0, name_off);

    st(r0, name_off, ld(r1, name_off));
    st(r1, name_off, n0);
}
static void users_unsorted(uint8_t *b)
{
    swap_names(b, ZVMC_OD_B_USERS, ZVMC_OD_U_NAME);
    rehash(b);  /* so that only the order is wrong */
}
static void volumes_unsorted(uint8_t *b) { swap_names(b, ZVMC_OD_B_VOLUMES, ZVMC_OD_VO_VOLSER); }

/* The slot holding user u, and u's home slot. */
static uint32_t find_slot(uint8_t *b, int u, uint32_t *home)
{
    const char *name = (const char *)pool(b) + ld(rec(b, ZVMC_OD_B_USERS, (uint32_t)u), ZVMC_OD_U_NAME);
    uint32_t s;

    *home = zvmc_od_hash_(0, name) & (nslots(b) - 1);
    for (s = 0; slot(b, s) != (uint32_t)u + 1; s++)
        ;
    return s;
}
static void hash_slot_cleared(uint8_t *b)
{
    uint32_t home;

    set_slot(b, find_slot(b, U_MAINT, &home), 0);
}
static void hash_extra_slot(uint8_t *b)
{
    uint32_t s = 0;

    while (slot(b, s))
        s++;
    set_slot(b, s, U_EREP + 1); /* EREP now twice */
}
static void hash_entry_moved(uint8_t *b)
{
    for (int u = 0; u < NUSERS; u++) {
        uint32_t home, s = find_slot(b, u, &home), before = (home - 1) & (nslots(b) - 1);

        if (!slot(b, before)) { /* before its home: the probe never gets there */
            set_slot(b, before, (uint32_t)u + 1);
            set_slot(b, s, 0);
            return;
        }
    }
    FAIL("no user with a free slot before its home slot");
}
static void hash_not_power_of_two(uint8_t *b) { set_bsize(b, ZVMC_OD_B_HASH, bsize(b, ZVMC_OD_B_HASH) - 4); }
static void hash_too_small(uint8_t *b) { set_bsize(b, ZVMC_OD_B_HASH, 4 * 4); } /* 4 slots, 6 users */

/* Rename the last user (MAINT) in the pool; keeps the sort order, fixes the hash. */
static void rename_maint(uint8_t *b, const char *to)
{
    char *name = (char *)pool(b) + ld(rec(b, ZVMC_OD_B_USERS, U_MAINT), ZVMC_OD_U_NAME);

    CHECK(strlen(to) <= strlen(name));
    memset(name, 0, strlen(name));
    memcpy(name, to, strlen(to));
    rehash(b);
}
static void names_equal_ignoring_case(uint8_t *b) { rename_maint(b, "erep"); }  /* EREP and erep */
static void renamed_but_consistent(uint8_t *b) { rename_maint(b, "MZINT"); }
static void only_rehashed(uint8_t *b) { rehash(b); }

/* accepted: a newer, compatible writer */
static void newer_compatible(uint8_t *b) { st(b, ZVMC_OD_H_VERSION, ZVMC_OBJDIR_VERSION + 1); }
static void newer_with_unknown_values(uint8_t *b)
{
    newer_compatible(b);
    user_kind_unknown(b);
    view_flag_unknown(b);
    reason_code_unknown(b);
}

struct corruption {
    const char *name;
    void (*mutate)(uint8_t *b);
    enum layer layer;
    enum zvmc_err want;
};

#define C(fn, layer, want) { #fn, fn, layer, want }

static const struct corruption cases[] = {
    C(bad_magic, HEADER, ZVMC_ERR_BADMAGIC),
    C(version_future, HEADER, ZVMC_ERR_VERSION_TOO_NEW),
    C(version_old, HEADER, ZVMC_ERR_VERSION_TOO_OLD),
    C(version_incoherent, HEADER, ZVMC_ERR_BADVERSION),
    C(hdrsize_wrong, HEADER, ZVMC_ERR_BADHEADER),
    C(nblocks_short, HEADER, ZVMC_ERR_BADHEADER),
    C(nblocks_extra_same_version, HEADER, ZVMC_ERR_BADHEADER),
    C(unknown_header_flag, HEADER, ZVMC_ERR_BADHEADER),
    C(version2_unknown_flag, HEADER, ZVMC_ERR_BADHEADER),
    C(totalsize_below_header, HEADER, ZVMC_ERR_BADHEADER),
    C(totalsize_past_buffer, HEADER, ZVMC_ERR_TRUNCATED),
    C(misaligned_block, HEADER, ZVMC_ERR_ALIGNMENT),
    C(offset_past_end, HEADER, ZVMC_ERR_BADOFFSET),
    C(size_wraps, HEADER, ZVMC_ERR_BADOFFSET),
    C(offset_wraps, HEADER, ZVMC_ERR_BADOFFSET),
    C(offset_in_header, HEADER, ZVMC_ERR_BADOFFSET),
    C(blocks_overlap, HEADER, ZVMC_ERR_BADLAYOUT),
    C(blocks_out_of_order, HEADER, ZVMC_ERR_BADLAYOUT),

    C(crc_field, CHECKSUM, ZVMC_ERR_BADCHECKSUM),
    C(pool_byte, CHECKSUM, ZVMC_ERR_BADCHECKSUM),
    C(record_byte, CHECKSUM, ZVMC_ERR_BADCHECKSUM),

    C(cluster_users_plus1, RECORDS, ZVMC_ERR_BADCOUNT),
    C(cluster_members_minus1, RECORDS, ZVMC_ERR_BADCOUNT),
    C(too_many_members, RECORDS, ZVMC_ERR_BADVALUE),
    C(users_block_short, RECORDS, ZVMC_ERR_BADCOUNT),
    C(members_block_ragged, RECORDS, ZVMC_ERR_BADCOUNT),
    C(no_cluster_record, RECORDS, ZVMC_ERR_BADCOUNT),
    C(pool_without_final_nul, RECORDS, ZVMC_ERR_BADSTRING),
    C(pool_without_empty_string, RECORDS, ZVMC_ERR_BADSTRING),
    C(pool_empty, RECORDS, ZVMC_ERR_BADSTRING),
    C(string_past_pool, RECORDS, ZVMC_ERR_BADSTRING),
    C(string_far_away, RECORDS, ZVMC_ERR_BADSTRING),
    C(empty_user_name, RECORDS, ZVMC_ERR_BADVALUE),
    C(user_name_too_long, RECORDS, ZVMC_ERR_BADVALUE),
    C(range_past_table, RECORDS, ZVMC_ERR_BADINDEX),
    C(range_wraps, RECORDS, ZVMC_ERR_BADINDEX),
    C(member_range_too_long, RECORDS, ZVMC_ERR_BADINDEX),
    C(extent_owner_out_of_range, RECORDS, ZVMC_ERR_BADINDEX),
    C(user_kind_unknown, RECORDS, ZVMC_ERR_BADVALUE),
    C(mdisk_unit_zero, RECORDS, ZVMC_ERR_BADVALUE),
    C(reason_code_unknown, RECORDS, ZVMC_ERR_BADVALUE),
    C(view_flag_unknown, RECORDS, ZVMC_ERR_BADVALUE),
    C(viewmap_past_views, RECORDS, ZVMC_ERR_BADINDEX),
    C(viewmap_short, RECORDS, ZVMC_ERR_BADCOUNT),
    C(verdict_row_past_end, RECORDS, ZVMC_ERR_BADINDEX),
    C(verdict_rows_ragged, RECORDS, ZVMC_ERR_BADCOUNT),
    C(verdict_reasons_past_table, RECORDS, ZVMC_ERR_BADINDEX),
    C(domain_mask_too_wide, RECORDS, ZVMC_ERR_BADVALUE),
    C(eqid_backwards, RECORDS, ZVMC_ERR_BADVALUE),
    C(users_unsorted, RECORDS, ZVMC_ERR_BADORDER),
    C(volumes_unsorted, RECORDS, ZVMC_ERR_BADORDER),
    C(hash_slot_cleared, RECORDS, ZVMC_ERR_BADHASH),
    C(hash_extra_slot, RECORDS, ZVMC_ERR_BADHASH),
    C(hash_entry_moved, RECORDS, ZVMC_ERR_BADHASH),
    C(hash_not_power_of_two, RECORDS, ZVMC_ERR_BADHASH),
    C(hash_too_small, RECORDS, ZVMC_ERR_BADHASH),
    C(names_equal_ignoring_case, RECORDS, ZVMC_ERR_BADHASH),
    C(version2_seed_flag_on_plain_index, RECORDS, ZVMC_ERR_BADHASH),

    C(renamed_but_consistent, ACCEPTED, ZVMC_OK),
    C(user_made_absent, ACCEPTED, ZVMC_OK),
    C(verdict_refused_by_reason, ACCEPTED, ZVMC_OK),
    C(only_rehashed, ACCEPTED, ZVMC_OK),
    C(version2, ACCEPTED, ZVMC_OK),     /* version 2 without a seed: also a plain index */
    C(newer_compatible, ACCEPTED, ZVMC_OK),
    C(newer_with_unknown_values, ACCEPTED, ZVMC_OK),
};

static void run_case(const struct corruption *c)
{
    uint8_t *b = malloc(plen);
    struct zvmc_objdir *od = (struct zvmc_objdir *)1;
    int rc, hrc;

    CHECK(b != NULL);
    memcpy(b, pristine, plen);
    c->mutate(b);
    if (c->layer >= RECORDS)
        st(b, ZVMC_OD_H_CRC, zvmc_od_checksum_(b, plen));
    rc = zvmc_objdir_open_buffer(b, plen, &od);
    if (rc != -(int)c->want)
        FAIL("%s: open gave %d (%s), expected %s", c->name, rc, zvmc_strerror(rc),
             zvmc_strerror(c->want));
    hrc = zvmc_objdir_check_header(b, plen);
    if (hrc != (c->layer == HEADER ? -(int)c->want : 0))
        FAIL("%s: check_header gave %d (%s), wrong layer", c->name, hrc, zvmc_strerror(hrc));
    if (rc == 0) {
        int line = objdir_walk(od);

        if (line)
            FAIL("%s: opened, but the walk broke at objdir_walk.h:%d", c->name, line);
        zvmc_objdir_close(od);
    } else if (od != NULL) {
        FAIL("%s: failed open left a handle", c->name);
    }
    free(b);
}

/* Truncated anywhere, in memory and as a file: always ZVMC_ERR_TRUNCATED. */
static void truncations(void)
{
    char dir[] = "/tmp/zvmc-corrupt-XXXXXX", path[64];
    struct zvmc_objdir *od;

    for (size_t n = 0; n < plen; n++) {
        uint8_t *b = malloc(n ? n : 1); /* exactly n bytes, so ASan sees any overrun */

        CHECK(b != NULL);
        memcpy(b, pristine, n);
        if (zvmc_objdir_open_buffer(b, n, &od) != -ZVMC_ERR_TRUNCATED)
            FAIL("truncated to %zu bytes: not ZVMC_ERR_TRUNCATED", n);
        if (zvmc_objdir_check_header(b, n) != -ZVMC_ERR_TRUNCATED)
            FAIL("truncated to %zu bytes: check_header not ZVMC_ERR_TRUNCATED", n);
        free(b);
    }
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/cut.zvmo", dir);
    for (int blk = 0; blk <= ZVMC_OD_NBLOCKS; blk++) {
        size_t at = blk < ZVMC_OD_NBLOCKS ? boff(pristine, blk) : ZVMC_OD_HDR_SIZE;

        if (at >= plen)
            continue;
        CHECK_OK(zvmc_odb_write_file(path, pristine, at));
        CHECK_RC(zvmc_objdir_open(path, &od), ZVMC_ERR_TRUNCATED);
    }
    CHECK(unlink(path) == 0 && rmdir(dir) == 0);
}

static void degenerate_buffers(void)
{
    struct zvmc_objdir *od;

    CHECK_RC(zvmc_objdir_open_buffer(NULL, 0, &od), ZVMC_ERR_TRUNCATED);
    CHECK_RC(zvmc_objdir_open_buffer(pristine, 0, &od), ZVMC_ERR_TRUNCATED);
    CHECK_RC(zvmc_objdir_open_buffer(NULL, 1, &od), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_objdir_open_buffer(pristine, plen, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_objdir_check_header(NULL, 0), ZVMC_ERR_TRUNCATED);
    CHECK_RC(zvmc_objdir_check_header(NULL, 8), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_objdir_check_header(pristine, plen));
}

/* The newer file's unknown values come back as they are. */
static void newer_values_read_back(void)
{
    uint8_t *b = malloc(plen);
    struct zvmc_objdir *od;
    struct zvmc_user us;
    struct zvmc_view v;
    struct zvmc_reason r;

    CHECK(b != NULL);
    memcpy(b, pristine, plen);
    newer_with_unknown_values(b);
    st(b, ZVMC_OD_H_CRC, zvmc_od_checksum_(b, plen));
    CHECK_OK(zvmc_objdir_open_buffer(b, plen, &od));
    CHECK_OK(zvmc_user_get(od, 0, &us));
    CHECK_INT(us.kind, 3);
    CHECK_OK(zvmc_view_get(od, U_MAINT, VM2, &v));
    CHECK_INT(v.flags, ZVMC_VIEW_MEMBER_SPECIFIC | 0x100);
    CHECK_OK(zvmc_reloc_reason_at(od, 0, 0, 1, 0, &r));
    CHECK_INT(r.code, ZVMC_RELOC_REASON_COUNT);
    CHECK(zvmc_reloc_reason_name((int)r.code) == NULL);
    zvmc_objdir_close(od);
    free(b);
}

int main(void)
{
    pristine = fx_image(0, &plen);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(&cases[i]);
    truncations();
    degenerate_buffers();
    newer_values_read_back();
    free(pristine);
    return 0;
}
