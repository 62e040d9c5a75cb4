/* SPDX-License-Identifier: MIT */
/*
 * plan_json.c - a plan as JSON (docs/planner.md gives the schema): the
 * required keys moves, shutdown, identities, unplaced and capacity_after,
 * and some more; one element a line, so that diffs stay readable.
 */
#include "runtime/plan_internal.h"

static void name_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, const char *key, int m)
{
    zvmc_pl_printf_(o, ",\"%s\":", key);
    zvmc_pl_json_str_(o, zvmc_pl_member_name_(plan->od, m));
}

/* A JSON array of the member names in mask. */
static void names_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, uint32_t mask)
{
    const char *sep = "";

    zvmc_pl_puts_(o, "[");
    for (int m = 0; m < plan->members; m++)
        if (mask & (1u << m)) {
            zvmc_pl_puts_(o, sep);
            zvmc_pl_json_str_(o, zvmc_pl_member_name_(plan->od, m));
            sep = ",";
        }
    zvmc_pl_puts_(o, "]");
}

static void head_(const struct zvmc_plan *plan, const struct zvmc_plan_summary *s,
          struct zvmc_pl_out_ *o)
{
    const struct zvmc_plan_policy *p = &plan->policy;

    zvmc_pl_puts_(o, "{\"members_to_empty\":");
    names_(plan, o, s->empty_mask);
    zvmc_pl_printf_(o, ",\"complete\":%s,\"parallel\":%u,\"waves\":%d,\"est_seconds\":%llu,\n",
            s->complete ? "true" : "false", s->parallel, s->waves,
            (unsigned long long)s->est_seconds);
    zvmc_pl_printf_(o, "\"model\":{\"rate_mib_s\":%u,\"overhead_s\":%u,\"maxtotal_pct\":%u,"
               "\"maxtotal_min_s\":%u,\"maxquiesce_s\":%u},\n",
            p->rate_mib_s, p->overhead_s, p->maxtotal_pct, p->maxtotal_min_s,
            p->maxquiesce_s);
}

static void moves_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    zvmc_pl_puts_(o, "\"moves\":[");
    for (size_t i = 0; i < plan->nmoves; i++) {
        struct zvmc_plan_move m;

        zvmc_pl_move_(plan, i, &m);
        zvmc_pl_printf_(o, "%s\n{\"order\":%d,\"user\":", i ? "," : "", m.order);
        zvmc_pl_json_str_(o, m.user);
        name_(plan, o, "from", m.from);
        name_(plan, o, "to", m.to);
        zvmc_pl_printf_(o, ",\"storage\":%llu,\"est_seconds\":%u,\"wave\":%d,\"maxtotal\":%u,"
                   "\"maxquiesce\":%u,\"targets\":%d}",
                (unsigned long long)m.storage, m.est_seconds, m.wave, m.maxtotal_s,
                m.maxquiesce_s, m.targets);
    }
    zvmc_pl_puts_(o, "],\n");
}

static void reasons_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, int i, int n)
{
    zvmc_pl_puts_(o, ",\"reasons\":[");
    for (int j = 0; j < n; j++) {
        struct zvmc_plan_reason r;
        const char *check;

        zvmc_plan_shutdown_reason(plan, i, j, &r);
        check = zvmc_reloc_reason_name((int)r.reason.code);
        zvmc_pl_printf_(o, "%s{\"to\":", j ? "," : "");
        zvmc_pl_json_str_(o, zvmc_pl_member_name_(plan->od, r.to));
        zvmc_pl_puts_(o, ",\"check\":");
        zvmc_pl_json_str_(o, check ? check : "unknown");
        if (r.reason.vaddr == ZVMC_NO_VADDR)
            zvmc_pl_puts_(o, ",\"vaddr\":null");
        else
            zvmc_pl_printf_(o, ",\"vaddr\":\"%04X\"", (unsigned)r.reason.vaddr);
        zvmc_pl_puts_(o, ",\"message\":");
        zvmc_pl_json_str_(o, r.reason.message);
        zvmc_pl_puts_(o, "}");
    }
    zvmc_pl_puts_(o, "]");
}

static void shutdowns_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    zvmc_pl_puts_(o, "\"shutdown\":[");
    for (int i = 0; i < (int)plan->nshut; i++) {
        struct zvmc_plan_shutdown sd;

        zvmc_plan_shutdown_at(plan, i, &sd);
        zvmc_pl_puts_(o, i ? ",\n{\"user\":" : "\n{\"user\":");
        zvmc_pl_json_str_(o, sd.user);
        name_(plan, o, "from", sd.from);
        zvmc_pl_printf_(o, ",\"storage\":%llu", (unsigned long long)sd.storage);
        reasons_(plan, o, i, sd.reason_count);
        zvmc_pl_puts_(o, ",\"eligible_emptied\":");
        names_(plan, o, sd.emptied_ok_mask);
        zvmc_pl_puts_(o, "}");
    }
    zvmc_pl_puts_(o, "],\n");
}

static void identities_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    zvmc_pl_puts_(o, "\"identities\":[");
    for (int i = 0; i < (int)plan->nident; i++) {
        struct zvmc_plan_identity id;

        zvmc_plan_identity_at(plan, i, &id);
        zvmc_pl_puts_(o, i ? ",\n{\"user\":" : "\n{\"user\":");
        zvmc_pl_json_str_(o, id.user);
        name_(plan, o, "from", id.from);
        zvmc_pl_puts_(o, ",\"elsewhere\":");
        names_(plan, o, id.elsewhere_mask);
        zvmc_pl_puts_(o, "}");
    }
    zvmc_pl_puts_(o, "],\n");
}

static void unplaced_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    zvmc_pl_puts_(o, "\"unplaced\":[");
    for (int i = 0; i < (int)plan->nunpl; i++) {
        struct zvmc_plan_unplaced u;

        zvmc_plan_unplaced_at(plan, i, &u);
        zvmc_pl_puts_(o, i ? ",\n{\"user\":" : "\n{\"user\":");
        zvmc_pl_json_str_(o, u.user);
        name_(plan, o, "from", u.from);
        zvmc_pl_printf_(o, ",\"storage\":%llu,\"why\":", (unsigned long long)u.storage);
        zvmc_pl_json_str_(o, u.why);
        zvmc_pl_puts_(o, "}");
    }
    zvmc_pl_puts_(o, "],\n");
}

/* {"MEMBER":value,...} over the remaining members; free_after or added. */
static void loads_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o, const char *key,
           int after)
{
    const char *sep = "";

    zvmc_pl_printf_(o, "\"%s\":{", key);
    for (int m = 0; m < plan->members; m++) {
        struct zvmc_plan_load l;

        if (plan->empty_mask & (1u << m))
            continue;
        zvmc_plan_load_get(plan, m, &l);
        zvmc_pl_puts_(o, sep);
        zvmc_pl_json_str_(o, zvmc_pl_member_name_(plan->od, m));
        if (after && !l.given)
            zvmc_pl_puts_(o, ":null");
        else
            zvmc_pl_printf_(o, ":%llu", (unsigned long long)(after ? l.free_after : l.added));
        sep = ",";
    }
    zvmc_pl_puts_(o, "}");
}

int zvmc_pl_write_json_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    struct zvmc_plan_summary s;

    zvmc_plan_summary_get(plan, &s);
    head_(plan, &s, o);
    moves_(plan, o);
    shutdowns_(plan, o);
    identities_(plan, o);
    unplaced_(plan, o);
    loads_(plan, o, "capacity_after", 1);
    zvmc_pl_puts_(o, ",\n");
    loads_(plan, o, "storage_moved", 0);
    zvmc_pl_puts_(o, "}\n");
    return zvmc_pl_out_end_(o);
}
