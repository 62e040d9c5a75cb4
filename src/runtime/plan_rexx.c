/* SPDX-License-Identifier: MIT */
/*
 * plan_rexx.c - a plan as a CMS REXX EXEC: for each step in order,
 * VMRELOCATE TEST then VMRELOCATE MOVE with the suggested MAXTOTAL and
 * MAXQUIESCE; the first nonzero return code stops it.  The EXEC moves one
 * guest at a time even when the plan has waves: checking each return code
 * needs the synchronous form of the command.
 */
#include "runtime/plan_internal.h"

/* A REXX string literal: quoted, with quotes doubled. */
static void str_(struct zvmc_pl_out_ *o, const char *s)
{
    zvmc_pl_puts_(o, "'");
    for (; *s; s++)
        zvmc_pl_put_(o, *s == '\'' ? "''" : s, *s == '\'' ? 2 : 1);
    zvmc_pl_puts_(o, "'");
}

/* Text inside a comment: no '*' or '/', which could close it. */
static void safe_(struct zvmc_pl_out_ *o, const char *s)
{
    for (; *s; s++)
        zvmc_pl_put_(o, (*s == '*' || *s == '/') ? "?" : s, 1);
}

static void preamble_(const struct zvmc_plan *plan, const struct zvmc_plan_summary *s,
              struct zvmc_pl_out_ *o)
{
    struct zvmc_cluster_info ci;
    uint64_t serial = 0;
    char dur[32];

    for (size_t i = 0; i < plan->nmoves; i++)     /* one at a time, whatever the waves */
        serial += zvmc_pl_est_seconds_(&plan->policy, plan->g[plan->order[i]].storage);
    zvmc_cluster_get(plan->od, &ci);
    zvmc_pl_duration_(serial, dur, sizeof(dur));
    zvmc_pl_puts_(o, "/* REXX */\n/* Empty ");
    for (int m = 0, n = 0; m < plan->members; m++)
        if (s->empty_mask & (1u << m)) {
            zvmc_pl_puts_(o, n++ ? ", " : "");
            safe_(o, zvmc_pl_member_name_(plan->od, m));
        }
    zvmc_pl_puts_(o, " of cluster ");
    safe_(o, ci.name);
    zvmc_pl_printf_(o, " by live guest relocation. */\n/* Written by zvmc plan evacuate: %d "
               "relocation%s, about %s */\n", s->moves, s->moves == 1 ? "" : "s", dur);
    zvmc_pl_printf_(o, "/* (model: %u MiB/s + %u s a guest). */\n", plan->policy.rate_mib_s,
            plan->policy.overhead_s);
    if (s->parallel > 1)
        zvmc_pl_printf_(o, "/* The plan allows %u at a time; this EXEC still moves one at a */\n"
                   "/* time, so that it can check each return code. */\n", s->parallel);
    zvmc_pl_puts_(o, "/* Each step runs VMRELOCATE TEST, then VMRELOCATE MOVE; the first */\n"
             "/* nonzero return code stops the EXEC. */\n");
}

/* The guests the EXEC leaves where they are, as comments. */
static void left_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    for (size_t i = 0; i < plan->nshut; i++) {
        const struct zvmc_pl_guest_ *g = &plan->g[plan->shut[i].guest];

        zvmc_pl_puts_(o, "/* Not moved: ");
        safe_(o, zvmc_pl_str_(&plan->pool, g->name));
        zvmc_pl_puts_(o, " must be shut down: no remaining member accepts it. */\n");
    }
    for (size_t i = 0; i < plan->nunpl; i++) {
        const struct zvmc_pl_guest_ *g = &plan->g[plan->unpl[i].guest];

        zvmc_pl_puts_(o, "/* Not moved: ");
        safe_(o, zvmc_pl_str_(&plan->pool, g->name));
        zvmc_pl_puts_(o, " cannot be placed: ");
        safe_(o, zvmc_pl_str_(&plan->pool, plan->unpl[i].why));
        zvmc_pl_puts_(o, ". */\n");
    }
    for (size_t i = 0; i < plan->nident; i++) {
        const struct zvmc_pl_guest_ *g = &plan->g[plan->ident[i]];

        zvmc_pl_puts_(o, "/* Not moved: ");
        safe_(o, zvmc_pl_str_(&plan->pool, g->name));
        zvmc_pl_puts_(o, " is an IDENTITY: it stops with the member. */\n");
    }
}

static void steps_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    int wave = 0;

    zvmc_pl_printf_(o, "address command\nn = %zu\n", plan->nmoves);
    for (size_t i = 0; i < plan->nmoves; i++) {
        struct zvmc_plan_move m;

        zvmc_pl_move_(plan, i, &m);
        if (plan->policy.parallel > 1 && m.wave != wave)
            zvmc_pl_printf_(o, "/* wave %d */\n", wave = m.wave);
        zvmc_pl_printf_(o, "user.%d = ", m.order);
        str_(o, m.user);
        zvmc_pl_printf_(o, "; to.%d = ", m.order);
        str_(o, zvmc_pl_member_name_(plan->od, m.to));
        zvmc_pl_printf_(o, "; opt.%d = 'MAXTOTAL %u MAXQUIESCE %u'\n", m.order, m.maxtotal_s,
                m.maxquiesce_s);
    }
    zvmc_pl_puts_(o,
              "do i = 1 to n\n"
              "  say 'Step' i 'of' n':' user.i 'to' to.i\n"
              "  'CP VMRELOCATE TEST' user.i to.i\n"
              "  if rc <> 0 then call stop i, 'VMRELOCATE TEST', rc\n"
              "  'CP VMRELOCATE MOVE' user.i to.i opt.i\n"
              "  if rc <> 0 then call stop i, 'VMRELOCATE MOVE', rc\n"
              "end\n"
              "say 'Done:' n 'relocations.'\n"
              "exit 0\n"
              "\n"
              "stop:\n"
              "  parse arg step, what, code\n"
              "  say what user.step 'to' to.step 'ended with return code' code'.'\n"
              "  say 'Stopped at step' step 'of' n'; the steps after it were not run.'\n"
              "  exit code\n");
}

int zvmc_pl_write_rexx_(const struct zvmc_plan *plan, struct zvmc_pl_out_ *o)
{
    struct zvmc_plan_summary s;

    zvmc_plan_summary_get(plan, &s);
    preamble_(plan, &s, o);
    left_(plan, o);
    steps_(plan, o);
    return zvmc_pl_out_end_(o);
}
