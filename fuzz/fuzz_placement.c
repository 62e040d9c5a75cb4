/* SPDX-License-Identifier: MIT */
/*
 * fuzz_placement.c - libFuzzer harness: the planner's placement parser
 * (zvmc_placement_parse(), src/runtime/placement_*.c: "USERID MEMBER
 * [STORAGE]" lines, pasted QUERY NAMES and VMRELOCATE STATUS output), on its
 * own, then the evacuation planner over what it read.
 *
 * The object directory is the planner's cluster of tests/unit/plan_fixture.h
 * (LTICS1's four members, its IDENTITYs and pinned guests, LINUX01..08, LNXA,
 * LNXB), built once through the builder; the seeds are the placements of
 * tests/golden/plan/, written against it.  Each input is parsed twice: with no
 * QUERY NAMES member and with one picked by a hash of the input (a member, or
 * a name the cluster does not have).  Every bad line must be reported, every
 * entry read back.  When a parse succeeds, the hash also picks the members to
 * empty, their free storage and how many moves run at once; the plan is read
 * back whole, written as text, JSON and REXX, and must keep its promises
 * (runtime.h): every guest on an emptied member in exactly one list, no
 * target given more storage than it had free.  Any crash, leak, hang,
 * sanitizer report or broken promise is a bug; the input then goes to
 * tests/fuzz-regressions/placement/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct zvmc_objdir *fz_od;
static uint8_t *fz_img;
static volatile size_t fz_sink;

static void close_fixture(void)
{
    zvmc_objdir_close(fz_od);
    free(fz_img);
}

static const struct zvmc_objdir *fixture(void)
{
    if (!fz_od) {
        size_t len;
        fz_img = pf_image(&len);
        if (zvmc_objdir_open_buffer(fz_img, len, &fz_od) != 0)
            abort();
        atexit(close_fixture);
    }
    return fz_od;
}

static uint32_t hash(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return h;
}

struct errors {
    unsigned count, last_line;
};

static void on_error(void *arg, unsigned line, const char *message)
{
    struct errors *e = arg;
    if (!message || line == 0 || line < e->last_line)
        abort();    /* a bad line has a number, reported in order */
    fz_sink += strlen(message);
    e->last_line = line;
    e->count++;
}

static int discard(void *arg, const char *data, size_t len)
{
    (void)arg;
    (void)data;
    (void)len;
    return 0;
}

/* The plan read back whole; its promises checked. */
static void read_plan(const struct zvmc_objdir *od, const struct zvmc_plan *plan, uint32_t mask,
                      const struct zvmc_placement *pl, const struct zvmc_plan_capacity *cap)
{
    struct zvmc_plan_summary s;
    if (zvmc_plan_summary_get(plan, &s) != 0 || s.empty_mask != mask)
        abort();
    int on_emptied = 0, n = zvmc_placement_count(pl);
    for (int i = 0; i < n; i++) {
        struct zvmc_placement_entry e;
        if (zvmc_placement_get(pl, i, &e) != 0)
            abort();
        on_emptied += (mask >> e.member) & 1;
    }
    if (s.moves + s.identities + s.shutdowns + s.unplaced != on_emptied ||
        s.complete != (s.shutdowns == 0 && s.unplaced == 0))
        abort();
    for (int i = 0; i < s.moves; i++) {
        struct zvmc_plan_move m;
        if (zvmc_plan_move_at(plan, i, &m) != 0 || !m.user || !((mask >> m.from) & 1) ||
            ((mask >> m.to) & 1))
            abort();
    }
    for (int i = 0; i < s.shutdowns; i++) {
        struct zvmc_plan_shutdown d;
        if (zvmc_plan_shutdown_at(plan, i, &d) != 0 || !d.user)
            abort();
        for (int j = 0; j < d.reason_count; j++) {
            struct zvmc_plan_reason r;
            if (zvmc_plan_shutdown_reason(plan, i, j, &r) != 0)
                abort();
        }
    }
    for (int i = 0; i < s.identities; i++) {
        struct zvmc_plan_identity id;
        if (zvmc_plan_identity_at(plan, i, &id) != 0 || !id.user)
            abort();
    }
    for (int i = 0; i < s.unplaced; i++) {
        struct zvmc_plan_unplaced u;
        if (zvmc_plan_unplaced_at(plan, i, &u) != 0 || !u.user || !u.why)
            abort();
    }
    for (int m = 0; m < zvmc_member_count(od); m++) {
        struct zvmc_plan_load l;
        if (zvmc_plan_load_get(plan, m, &l) != 0)
            abort();
        if (((cap->given >> m) & 1) && l.added > l.free_before)
            abort();    /* overcommitted */
    }
    zvmc_plan_write(plan, ZVMC_PLAN_TEXT, discard, NULL);
    zvmc_plan_write(plan, ZVMC_PLAN_JSON, discard, NULL);
    zvmc_plan_write(plan, ZVMC_PLAN_REXX, discard, NULL);
}

static void plan(const struct zvmc_objdir *od, const struct zvmc_placement *pl, uint32_t h)
{
    int members = zvmc_member_count(od);
    uint32_t all = (1u << members) - 1;
    uint32_t mask = 1u + (h % all);     /* a nonempty set of members */
    struct zvmc_plan_capacity cap = { .given = (h >> 8) & all };
    for (int m = 0; m < members; m++)
        cap.free[m] = (uint64_t)((h >> (12 + 2 * m)) & 0xF) << 30;     /* 0 to 15 GiB */
    struct zvmc_plan_policy policy;
    zvmc_plan_policy_init(&policy);
    policy.parallel = 1 + (h >> 28) % 3;
    struct zvmc_plan *p = NULL;
    if (zvmc_plan_evacuate(od, mask, pl, &cap, &policy, &p) == 0) {
        read_plan(od, p, mask, pl, &cap);
        zvmc_plan_free(p);
    } else if (p) {
        abort();
    }
}

static void parse(const struct zvmc_objdir *od, const char *text, size_t size, const char *qm,
                  uint32_t h)
{
    struct errors e = { 0, 0 };
    struct zvmc_placement_opts o = { .query_member = qm, .on_error = on_error, .error_arg = &e };
    struct zvmc_placement *pl = NULL;
    int rc = zvmc_placement_parse(od, text, size, &o, &pl);
    if (rc != 0) {
        if (pl || (rc == -ZVMC_ERR_INVAL && e.count == 0))
            abort();    /* a failure hands out nothing, and says which lines */
        return;
    }
    if (!pl || e.count)
        abort();
    int n = zvmc_placement_count(pl);
    for (int i = 0; i < n; i++) {
        struct zvmc_placement_entry en;
        if (zvmc_placement_get(pl, i, &en) != 0 || !en.name || en.line == 0 ||
            en.member < 0 || en.member >= zvmc_member_count(od))
            abort();
    }
    struct zvmc_placement_entry en;
    if (zvmc_placement_get(pl, n, &en) == 0)
        abort();
    plan(od, pl, h);
    zvmc_placement_free(pl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct zvmc_objdir *od = fixture();
    uint32_t h = hash(data, size);
    uint32_t pick = h % (NMEMBERS + 1);
    const char *qm = pick < NMEMBERS ? fx_member[pick] : "NOSUCH";
    parse(od, (const char *)data, size, NULL, h);
    parse(od, (const char *)data, size, qm, h >> 1);
    return 0;
}
