/* SPDX-License-Identifier: MIT */
/* plan_text.c - a plan for people: the steps, who stays and why, the load after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/plan_internal.h"

/* Blocking guests the closing line names; the lists above have them all. */
#define RESULT_NAMES 10

static const char *mname_(const struct zvmc_plan *plan, int m)
{
    return zvmc_pl_member_name_(plan->od, m);
}

static void header_(const struct zvmc_plan *plan, const struct zvmc_plan_summary *s,
            struct zvmc_pl_out_ *o)
{
    const struct zvmc_plan_policy *p = &plan->policy;
    struct zvmc_cluster_info ci;
    char dur[32];

    zvmc_cluster_get(plan->od, &ci);
    zvmc_pl_duration_(s->est_seconds, dur, sizeof(dur));
    zvmc_pl_puts_(o, "Evacuation of ");
    zvmc_pl_members_(o, plan->od, s->empty_mask, ", ");
    zvmc_pl_printf_(o, " (cluster %s): %d relocation%s, ", ci.name, s->moves,
            s->moves == 1 ? "" : "s");
    if (s->parallel == 1)
        zvmc_pl_puts_(o, "one at a time");
    else
        zvmc_pl_printf_(o, "%u at a time in %d wave%s", s->parallel, s->waves,
                s->waves == 1 ? "" : "s");
    zvmc_pl_printf_(o, ", about %s\n", dur);
    zvmc_pl_printf_(o, "Model: %u MiB/s + %u s a guest; MAXTOTAL %u%% of the estimate "
               "(at least %u s); MAXQUIESCE %u s\n",
            p->rate_mib_s, p->overhead_s, p->maxtotal_pct, p->maxtotal_min_s,
            p->maxquiesce_s);
}

static void moves_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    int waves = plan->policy.parallel > 1;

    if (!plan->nmoves)
        return;
    zvmc_pl_puts_(o, "\nRelocations, in order:\n");
    if (waves)
        zvmc_pl_printf_(o, " %4s", "wave");
    zvmc_pl_printf_(o, " %4s  %-8s  %-8s  %-8s  %8s  %8s  %8s  %10s\n", "step", "user", "from",
            "to", "storage", "estimate", "MAXTOTAL", "MAXQUIESCE");
    for (size_t i = 0; i < plan->nmoves; i++) {
        struct zvmc_plan_move m;
        char size[32], dur[32];

        zvmc_pl_move_(plan, i, &m);
        zvmc_pl_size_str_(m.storage, size, sizeof(size));
        zvmc_pl_duration_(m.est_seconds, dur, sizeof(dur));
        if (waves)
            zvmc_pl_printf_(o, " %4d", m.wave);
        zvmc_pl_printf_(o, " %4d  %-8s  %-8s  %-8s  %8s  %8s  %8u  %10u\n", m.order, m.user,
                mname_(plan, m.from), mname_(plan, m.to), size, dur, m.maxtotal_s,
                m.maxquiesce_s);
    }
}

static void identities_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    if (!plan->nident)
        return;
    zvmc_pl_puts_(o, "\nIDENTITY guests: they stop with their member; each member runs "
             "its own instance:\n");
    for (int i = 0; i < (int)plan->nident; i++) {
        struct zvmc_plan_identity id;

        zvmc_plan_identity_at(plan, i, &id);
        zvmc_pl_printf_(o, "  %-8s  on %-8s  also defined for: ", id.user, mname_(plan, id.from));
        if (id.elsewhere_mask)
            zvmc_pl_members_(o, plan->od, id.elsewhere_mask, ", ");
        else
            zvmc_pl_puts_(o, "no remaining member");
        zvmc_pl_puts_(o, "\n");
    }
}

static int same_reason_(const struct zvmc_plan_reason *a, const struct zvmc_plan_reason *b)
{
    return a->reason.code == b->reason.code && a->reason.vaddr == b->reason.vaddr &&
           strcmp(a->reason.message, b->reason.message) == 0;
}

/* One reason, with every member that gives it ("to A, B: ..."). */
static void put_reason_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o,
                        const struct zvmc_plan_reason *r, uint32_t to)
{
    const char *check = zvmc_reloc_reason_name((int)r->reason.code);

    zvmc_pl_puts_(o, "    to ");
    zvmc_pl_members_(o, plan->od, to, ", ");
    zvmc_pl_printf_(o, ": %s [%s]\n", r->reason.message, check ? check : "unknown");
}

/* A guest's reasons grouped by (code, device, message): sorted, so that a
 * guest of R reasons costs R log R (comparing each with all the others made a
 * guest of 48,000 reasons take 6.8 s to write). */
struct reason_key_ {
    struct zvmc_plan_reason r;
    int index;
};

static int reason_key_cmp_(const void *pa, const void *pb)
{
    const struct reason_key_ *a = pa, *b = pb;
    int c;

    if (a->r.reason.code != b->r.reason.code)
        return a->r.reason.code < b->r.reason.code ? -1 : 1;
    if (a->r.reason.vaddr != b->r.reason.vaddr)
        return a->r.reason.vaddr < b->r.reason.vaddr ? -1 : 1;
    if ((c = strcmp(a->r.reason.message, b->r.reason.message)) != 0)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

/* Guest i's n reasons, each once with every member that gives it, in the
 * order of its first appearance; 0, or -1 when out of memory. */
static int reasons_sorted_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, int i, int n)
{
    struct reason_key_ *k = zvmc_pl_malloc_(&plan->alloc, (size_t)n * sizeof(*k));
    uint32_t *to = zvmc_pl_malloc_(&plan->alloc, (size_t)n * sizeof(*to));

    if (!k || !to) {
        zvmc_pl_free_(&plan->alloc, k);
        zvmc_pl_free_(&plan->alloc, to);
        return -1;
    }
    for (int j = 0; j < n; j++) {
        zvmc_plan_shutdown_reason(plan, i, j, &k[j].r);
        k[j].index = j;
        to[j] = 0;
    }
    qsort(k, (size_t)n, sizeof(*k), reason_key_cmp_);
    /* each group's members go to its first reason (the smallest index) */
    for (int g = 0, h; g < n; g = h) {
        uint32_t mask = 0;

        for (h = g; h < n && same_reason_(&k[g].r, &k[h].r); h++)
            mask |= 1u << k[h].r.to;
        to[k[g].index] = mask;
    }
    for (int j = 0; j < n; j++) {
        struct zvmc_plan_reason r;

        if (!to[j])
            continue;
        zvmc_plan_shutdown_reason(plan, i, j, &r);
        put_reason_(plan, o, &r, to[j]);
    }
    zvmc_pl_free_(&plan->alloc, k);
    zvmc_pl_free_(&plan->alloc, to);
    return 0;
}

/* The same by comparing each reason with the others: where memory for the
 * sort is short. */
static void reasons_scanned_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, int i, int n)
{
    for (int j = 0; j < n; j++) {
        struct zvmc_plan_reason r, x;
        uint32_t to = 0;
        int first = 1;

        zvmc_plan_shutdown_reason(plan, i, j, &r);
        for (int k = 0; k < n && first; k++) {
            zvmc_plan_shutdown_reason(plan, i, k, &x);
            if (!same_reason_(&r, &x))
                continue;
            if (k < j)
                first = 0;  /* written with the first member that gives it */
            to |= 1u << x.to;
        }
        if (first)
            put_reason_(plan, o, &r, to);
    }
}

static void shutdowns_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    if (!plan->nshut)
        return;
    zvmc_pl_puts_(o, "\nMust be shut down: no remaining member accepts them (stored verdicts):\n");
    for (int i = 0; i < (int)plan->nshut; i++) {
        struct zvmc_plan_shutdown sd;
        char size[32];

        zvmc_plan_shutdown_at(plan, i, &sd);
        zvmc_pl_size_str_(sd.storage, size, sizeof(size));
        zvmc_pl_printf_(o, "  %-8s  on %-8s  %s\n", sd.user, mname_(plan, sd.from), size);
        if (sd.reason_count && reasons_sorted_(plan, o, i, sd.reason_count) < 0)
            reasons_scanned_(plan, o, i, sd.reason_count);
        if (sd.emptied_ok_mask) {
            zvmc_pl_puts_(o, "    eligible only for members being emptied: ");
            zvmc_pl_members_(o, plan->od, sd.emptied_ok_mask, ", ");
            zvmc_pl_puts_(o, "\n");
        }
        if (!sd.reason_count && !sd.emptied_ok_mask)
            zvmc_pl_puts_(o, "    no member is left outside the members being emptied\n");
    }
}

static void unplaced_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    if (!plan->nunpl)
        return;
    zvmc_pl_puts_(o, "\nCannot be placed:\n");
    for (int i = 0; i < (int)plan->nunpl; i++) {
        struct zvmc_plan_unplaced u;
        char size[32];

        zvmc_plan_unplaced_at(plan, i, &u);
        zvmc_pl_size_str_(u.storage, size, sizeof(size));
        zvmc_pl_printf_(o, "  %-8s  on %-8s  %s: %s\n", u.user, mname_(plan, u.from),
                u.storage ? size : "?", u.why);
    }
}

static void load_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    zvmc_pl_puts_(o, "\nStorage of the remaining members:\n");
    for (int m = 0; m < plan->members; m++) {
        struct zvmc_plan_load l;
        char before[32], after[32], added[32];

        if (plan->empty_mask & (1u << m))
            continue;
        zvmc_plan_load_get(plan, m, &l);
        zvmc_pl_size_str_(l.added, added, sizeof(added));
        if (l.given) {
            zvmc_pl_size_str_(l.free_before, before, sizeof(before));
            zvmc_pl_size_str_(l.free_after, after, sizeof(after));
            zvmc_pl_printf_(o, "  %-8s  free %s, after the plan %s", mname_(plan, m), before,
                    after);
        } else {
            zvmc_pl_printf_(o, "  %-8s  free storage not given (not checked)", mname_(plan, m));
        }
        zvmc_pl_printf_(o, "; %d guest%s, %s moved in\n", l.moves_in, l.moves_in == 1 ? "" : "s",
                added);
    }
}

static void result_(const struct zvmc_plan *plan, const struct zvmc_plan_summary *s,
            struct zvmc_pl_out_ *o)
{
    const char *sep = "";

    zvmc_pl_puts_(o, "\nResult: ");
    zvmc_pl_members_(o, plan->od, s->empty_mask, ", ");
    if (s->complete) {
        zvmc_pl_printf_(o, " can be emptied by live relocation (%d guest%s move",
                s->moves, s->moves == 1 ? "" : "s");
        if (s->identities)
            zvmc_pl_printf_(o, "; %d IDENTITY guest%s with the member", s->identities,
                    s->identities == 1 ? " stops" : "s stop");
        zvmc_pl_puts_(o, ").\n");
        return;
    }
    zvmc_pl_printf_(o, " cannot be emptied by live relocation: %d guest%s it: ",
            s->shutdowns + s->unplaced, s->shutdowns + s->unplaced == 1 ? " blocks" : "s block");
    for (int i = 0; i < s->shutdowns && i < RESULT_NAMES; i++, sep = ", ")
        zvmc_pl_printf_(o, "%s%s (must be shut down)", sep,
                zvmc_pl_str_(&plan->pool, plan->g[plan->shut[i].guest].name));
    for (int i = 0; i < s->unplaced && s->shutdowns + i < RESULT_NAMES; i++, sep = ", ")
        zvmc_pl_printf_(o, "%s%s (cannot be placed)", sep,
                zvmc_pl_str_(&plan->pool, plan->g[plan->unpl[i].guest].name));
    if (s->shutdowns + s->unplaced > RESULT_NAMES)
        zvmc_pl_printf_(o, " and %d more, listed above", s->shutdowns + s->unplaced - RESULT_NAMES);
    zvmc_pl_puts_(o, ".\n");
}

int zvmc_pl_write_text_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    struct zvmc_plan_summary s;

    zvmc_plan_summary_get(plan, &s);
    header_(plan, &s, o);
    moves_(plan, o);
    identities_(plan, o);
    shutdowns_(plan, o);
    unplaced_(plan, o);
    load_(plan, o);
    result_(plan, &s, o);
    return zvmc_pl_out_end_(o);
}
