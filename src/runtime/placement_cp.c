/* SPDX-License-Identifier: MIT */
/*
 * placement_cp.c - the CP responses a system programmer pastes as a
 * placement (docs/planner.md says what is confirmed and what is not):
 *
 *   QUERY NAMES:  "USERID - STATUS , USERID - STATUS , ..."; STATUS is a
 *       member name for a single-configuration guest logged on elsewhere,
 *       else DSC, a terminal address, LDEV/SNA ...; a line may start with
 *       "MEMBER :" (AT ALL), which places the guests of that line.
 *   VMRELOCATE STATUS:  a header naming the columns (USER FROM TO BY ...),
 *       then one line per relocation in progress; without a header the
 *       columns are taken in the SMAPI VMRELOCATE_Status order: image,
 *       source, destination, by, elapsed, status.
 */
#include <string.h>
#include <strings.h>

#include "runtime/plan_internal.h"

/* s[0..len) without the blanks around it. */
static void trim_(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* The leading "MEMBER :" or "MEMBER:" of an AT ALL line: its length, 0 if none, -1 if bad. */
static long prefix_(struct zvmc_pl_parse_ *ps, const char *s, size_t len, int *member)
{
    const char *colon = memchr(s, ':', len);
    struct zvmc_pl_word_ w[2];
    size_t n;

    *member = -1;
    if (!colon)
        return 0;
    n = zvmc_pl_words_(s, (size_t)(colon - s), w, 2);
    if (n != 1 || memchr(s, '-', (size_t)(colon - s)))
        return 0;   /* not a prefix: the colon is elsewhere */
    *member = zvmc_pl_member_(ps->pl->od, &w[0]);
    if (*member < 0) {
        zvmc_pl_bad_(ps, "'%.*s' before ':' is not a member of the cluster", (int)w[0].len,
                 w[0].p);
        return -1;
    }
    return (long)(colon - s) + 1;
}

/* One "USERID - STATUS" entry. */
static int entry_(struct zvmc_pl_parse_ *ps, const char *s, size_t len, int line_member)
{
    struct zvmc_pl_word_ user[2], status[3];
    const char *dash = NULL;
    size_t nu, ns;
    int member;

    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '-' && (i == 0 || s[i - 1] == ' ') && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
            dash = s + i;
            break;
        }
    if (!dash)
        return zvmc_pl_bad_(ps, "'%.*s' is not a QUERY NAMES entry (USERID - STATUS)", (int)len,
                    s);
    nu = zvmc_pl_words_(s, (size_t)(dash - s), user, 2);
    ns = zvmc_pl_words_(dash + 1, len - (size_t)(dash - s) - 1, status, 3);
    if (nu != 1 || ns == 0)
        return zvmc_pl_bad_(ps, "'%.*s' is not a QUERY NAMES entry (USERID - STATUS)", (int)len,
                    s);
    if (user[0].len == 3 && strncasecmp(user[0].p, "VSM", 3) == 0)
        return 0;   /* "VSM - TCPIP": terminal sessions a server manages, not a guest */
    member = ns == 1 ? zvmc_pl_member_(ps->pl->od, &status[0]) : -1;
    if (member < 0)
        member = line_member >= 0 ? line_member : ps->query_member;
    if (member < 0)
        return zvmc_pl_bad_(ps, "'%.*s': on which member? Paste QUERY NAMES AT ALL output, "
                    "or name the member the command ran on (--query-member)",
                    (int)len, s);
    return zvmc_pl_add_(ps, user[0].p, user[0].len, member, NULL, ZVMC_PLACEMENT_QUERY_NAMES);
}

int zvmc_pl_query_names_(struct zvmc_pl_parse_ *ps, const char *s, size_t len)
{
    int line_member;
    long skip = prefix_(ps, s, len, &line_member);

    if (skip < 0)
        return 0;
    s += skip;
    len -= (size_t)skip;
    while (len) {
        const char *comma = memchr(s, ',', len);
        size_t plen = comma ? (size_t)(comma - s) : len;
        const char *piece = s;
        int rc;

        trim_(&piece, &plen);
        if (plen && (rc = entry_(ps, piece, plen, line_member)))
            return rc;
        if (!comma)
            break;
        len -= (size_t)(comma - s) + 1;
        s = comma + 1;
    }
    return 0;
}

/* The column a VMRELOCATE STATUS heading names, or -1. */
static int column_(const struct zvmc_pl_word_ *w)
{
    static const char *const names[][3] = {
        { "USER", "USERID", "IMAGE" }, { "FROM", "SOURCE", NULL },
        { "TO", "DESTINATION", NULL }, { "BY", NULL, NULL },
        { "ELAPSED", NULL, NULL },     { "STATUS", NULL, NULL },
    };

    for (int c = 0; c < 6; c++)
        for (int k = 0; k < 3 && names[c][k]; k++)
            if (strlen(names[c][k]) == w->len && strncasecmp(w->p, names[c][k], w->len) == 0)
                return c;
    return -1;
}

int zvmc_pl_status_header_(struct zvmc_pl_parse_ *ps, const struct zvmc_pl_word_ *w, size_t n)
{
    int cols[6] = { -1, -1, -1, -1, -1, -1 };

    if (column_(&w[0]) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int c = column_(&w[i]);

        if (c >= 0 && cols[c] < 0)
            cols[c] = (int)i;
    }
    if (cols[1] < 0 || cols[2] < 0)
        return 0;
    memcpy(ps->status_cols, cols, sizeof(cols));
    return 1;
}

int zvmc_pl_status_row_(struct zvmc_pl_parse_ *ps, const struct zvmc_pl_word_ *w, size_t n)
{
    const struct zvmc_pl_word_ *user, *from, *to;
    int f, t;

    if ((size_t)ps->status_cols[0] >= n || (size_t)ps->status_cols[1] >= n ||
        (size_t)ps->status_cols[2] >= n)
        return zvmc_pl_bad_(ps, "expected USERID MEMBER [STORAGE] or a line of VMRELOCATE "
                    "STATUS output (USER FROM TO BY ELAPSED STATUS)");
    user = &w[ps->status_cols[0]];
    from = &w[ps->status_cols[1]];
    to = &w[ps->status_cols[2]];
    f = zvmc_pl_member_(ps->pl->od, from);
    t = zvmc_pl_member_(ps->pl->od, to);
    if (f < 0 || t < 0)
        return zvmc_pl_bad_(ps, "not a VMRELOCATE STATUS line: '%.*s' is not a member of the "
                    "cluster (expected USER FROM TO BY ELAPSED STATUS)",
                    (int)(f < 0 ? from->len : to->len), f < 0 ? from->p : to->p);
    return zvmc_pl_add_(ps, user->p, user->len, t, NULL, ZVMC_PLACEMENT_VMRELOCATE);
}
