/* SPDX-License-Identifier: MIT */
/*
 * "Did you mean": the nearest of a set of names, by lookalike_distance().
 *
 * A search compares the name with every candidate, and a check may search once
 * per finding, so thousands of findings against thousands of names made checks
 * quadratic (4,000 BUILDs naming missing SUBCONFIGs beside 4,000 unused ones:
 * 7.2 s).  Three things bound it: a candidate whose length alone puts it out
 * of reach costs nothing, a comparison stops once no alignment can come below
 * the best so far (lookalike_distance_below()), and a run makes at most
 * SUGGEST_BUDGET comparisons (about 0.3 s when every name looks like every
 * other); findings after that come without a suggestion.
 */
#include <string.h>
#include "check/check.h"
#include "util/names.h"

void suggest_init(suggest *sg, const char *name, unsigned limit)
{
    sg->name = name;
    sg->len = strlen(name);
    sg->best_d = limit;
    sg->best = NULL;
}

int suggest_try(check_run *r, suggest *sg, const char *cand)
{
    size_t len = strlen(cand);
    size_t gap = len > sg->len ? len - sg->len : sg->len - len;
    if (gap >= sg->best_d)
        return 1;       /* an insertion or deletion costs 2: out of reach */
    if (r->suggest_left == 0)
        return 0;
    r->suggest_left--;
    unsigned d = lookalike_distance_below(sg->name, cand, sg->best_d);
    if (d < sg->best_d) {
        sg->best_d = d;
        sg->best = cand;
    }
    return 1;
}
