/* SPDX-License-Identifier: MIT */
/*
 * The ISFC link mesh: SSI needs an ACTIVATE ISLINK from each member to each
 * other member.  The carried statements that already link two members count;
 * for every direction still missing, the output gets a skeleton line in a
 * comment and the report a decision, because the CTC device numbers are only
 * known to the sysprog.  Until they are filled in, the output fails
 * ssi-islink-mesh, and that check only.
 */
#include <stdio.h>
#include <string.h>
#include "emit/convert.h"

/* Is there a carried ACTIVATE ISLINK on member @from with NODE @to? */
static int linked(const zvmc_convert *cv, const char *from, const char *to)
{
    sc_for_each_stmt(cv->ctx->config, f, s)
        if (s->kind == SC_ACTIVATE_ISLINK && s->applies_to == from && s->u.islink.node.s == to &&
            cv->items[cv_cfg_item(cv, s, f->file)].pub.disposition != ZVMC_DISP_REMOVED)
            return 1;
    return 0;
}

int cv_islink_complete(const zvmc_convert *cv)
{
    if (!cv->ctx->config)
        return 1;
    for (uint32_t a = 0; a < cv->nmembers; a++)
        for (uint32_t b = 0; b < cv->nmembers; b++)
            if (a != b && !linked(cv, cv->members[a], cv->members[b]))
                return 0;
    return 1;
}

void cv_islink_skeletons(zvmc_convert *cv, cv_gen *g)
{
    cv_gen_printf(g, "/* ISFC links: SSI needs one between every pair of members.  Fill in */");
    cv_gen_printf(g, "/* the CTC device numbers and remove the comment delimiters.         */");
    for (uint32_t a = 0; a < cv->nmembers; a++) {
        for (uint32_t b = a + 1; b < cv->nmembers; b++) {
            const char *x = cv->members[a], *y = cv->members[b];
            for (int dir = 0; dir < 2; dir++) {
                const char *from = dir ? y : x, *to = dir ? x : y;
                if (linked(cv, from, to))
                    continue;
                char text[96];
                snprintf(text, sizeof text, "/* %s: ACTIVATE ISLINK rdev NODE %s */", from, to);
                uint32_t i = cv_add(cv, 1, text, "no ISFC link from %s to %s: SSI needs a direct "
                                    "link between every pair of members; the CTC device "
                                    "numbers (up to 16) are yours to fill in", from, to);
                cv->skeletons = 1;
                cv_gen_anchor(g, CV_ANCHOR_ADDED, i, cv_gen_line(g, text, strlen(text)));
            }
        }
    }
}
