/* SPDX-License-Identifier: MIT */
/*
 * placement_parse.c - read which guests run where: split the text into
 * lines, drop comments and pasted noise, tell the kinds of line apart, and
 * read the "USERID MEMBER [STORAGE]" lines.  The CP outputs are read in
 * placement_cp.c, the guests recorded in placement_add.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "runtime/plan_internal.h"

int zvmc_pl_bad_(struct zvmc_pl_parse_ *ps, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ps->bad++;
    if (ps->opts && ps->opts->on_error)
        ps->opts->on_error(ps->opts->error_arg, ps->line, msg);
    return 0;
}

size_t zvmc_pl_words_(const char *line, size_t len, struct zvmc_pl_word_ *w, size_t max)
{
    size_t n = 0, i = 0;

    for (;;) {
        size_t start;

        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len)
            return n;
        start = i;
        while (i < len && line[i] != ' ' && line[i] != '\t')
            i++;
        if (n < max)
            w[n] = (struct zvmc_pl_word_){ line + start, i - start };
        n++;
    }
}

int zvmc_pl_member_(const struct zvmc_objdir *od, const struct zvmc_pl_word_ *w)
{
    char name[ZVMC_OBJDIR_MAX_NAME + 1];
    int m;

    if (w->len == 0 || w->len > ZVMC_OBJDIR_MAX_NAME)
        return -1;
    memcpy(name, w->p, w->len);
    name[w->len] = '\0';
    m = zvmc_member_find(od, name);
    return m < 0 ? -1 : m;
}

/* The word equals s, ignoring case. */
static int word_is_(const struct zvmc_pl_word_ *w, const char *s)
{
    return strlen(s) == w->len && strncasecmp(w->p, s, w->len) == 0;
}

/* The word is an abbreviation of cmd at least min letters long, ignoring case. */
static int abbrev_of_(const struct zvmc_pl_word_ *w, const char *cmd, size_t min)
{
    return w->len >= min && w->len <= strlen(cmd) && strncasecmp(w->p, cmd, w->len) == 0;
}

/*
 * Pasted noise: "Ready;" and "Ready(00040);" prompts, and the echoed
 * command lines "q names at all", "CP QUERY NAMES", "vmrelo status".
 */
static int is_noise_(const struct zvmc_pl_word_ *w, size_t n)
{
    size_t k = 0;

    if (w[0].len >= 6 && strncasecmp(w[0].p, "READY", 5) == 0 &&
        (w[0].p[5] == ';' || w[0].p[5] == '('))
        return 1;
    if (n > 1 && word_is_(&w[0], "CP"))
        k = 1;
    if (n > k + 1 && abbrev_of_(&w[k], "QUERY", 1) && abbrev_of_(&w[k + 1], "NAMES", 1))
        return 1;
    return n > k + 1 && abbrev_of_(&w[k], "VMRELOCATE", 6) &&
           abbrev_of_(&w[k + 1], "STATUS", 4);
}

/* "USERID MEMBER [STORAGE]" */
static int simple_line_(struct zvmc_pl_parse_ *ps, const struct zvmc_pl_word_ *w, size_t n)
{
    char size[32];
    uint64_t bytes;
    int member = zvmc_pl_member_(ps->pl->od, &w[1]);

    if (member < 0)
        return zvmc_pl_bad_(ps, "'%.*s' is not a member of the cluster", (int)w[1].len, w[1].p);
    if (n == 2)
        return zvmc_pl_add_(ps, w[0].p, w[0].len, member, NULL, ZVMC_PLACEMENT_LINE);
    if (w[2].len >= sizeof(size))
        return zvmc_pl_bad_(ps, "'%.*s' is not a storage size (digits and a unit: 512M, 2G)",
                    (int)w[2].len, w[2].p);
    memcpy(size, w[2].p, w[2].len);
    size[w[2].len] = '\0';
    if (zvmc_storage_parse(size, &bytes) || bytes == 0)
        return zvmc_pl_bad_(ps, "'%s' is not a storage size (digits and a unit: 512M, 2G)",
                    size);
    return zvmc_pl_add_(ps, w[0].p, w[0].len, member, &bytes, ZVMC_PLACEMENT_LINE);
}

/* The length of the line without its comment and trailing blanks. */
static size_t strip_(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            len = i;
            break;
        }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    return len;
}

static int line_(struct zvmc_pl_parse_ *ps, const char *s, size_t len)
{
    struct zvmc_pl_word_ w[8];
    size_t n;

    len = strip_(s, len);
    n = zvmc_pl_words_(s, len, w, 8);
    if (n == 0 || is_noise_(w, n < 8 ? n : 8))
        return 0;
    for (size_t i = 0; i < n && i < 8; i++)
        if (word_is_(&w[i], "-"))
            return zvmc_pl_query_names_(ps, s, len);
    if (n >= 3 && zvmc_pl_status_header_(ps, w, n < 8 ? n : 8))
        return 0;
    if (n == 2 || n == 3)
        return simple_line_(ps, w, n);
    if (n >= 5)
        return zvmc_pl_status_row_(ps, w, n < 8 ? n : 8);
    return zvmc_pl_bad_(ps, "expected USERID MEMBER [STORAGE], a line of QUERY NAMES output "
                "or of VMRELOCATE STATUS output");
}

static void placement_init_(struct zvmc_placement *pl, const struct zvmc_objdir *od,
                const struct zvmc_plan_allocator *alloc)
{
    memset(pl, 0, sizeof(*pl));
    pl->od = od;
    zvmc_pl_alloc_init_(&pl->alloc, alloc);
}

static int parse_text_(struct zvmc_pl_parse_ *ps, const char *text, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        int rc;

        ps->line++;
        rc = line_(ps, text + pos, end - pos);
        if (rc)
            return rc;
        pos = end + 1;
    }
    return 0;
}

int zvmc_placement_parse(const struct zvmc_objdir *od, const char *text, size_t len,
             const struct zvmc_placement_opts *opts, struct zvmc_placement **plp)
{
    static const struct zvmc_placement_opts none = { NULL, NULL, NULL, NULL };
    struct zvmc_plan_allocator a;
    struct zvmc_placement *pl;
    struct zvmc_pl_parse_ ps;
    int users, rc;

    if (plp)
        *plp = NULL;
    if (!od || !plp || (!text && len))
        return -ZVMC_ERR_INVAL;
    if (len >= UINT32_MAX)
        return -ZVMC_ERR_TOOBIG;
    if (!opts)
        opts = &none;
    memset(&ps, 0, sizeof(ps));
    ps.opts = opts;
    ps.query_member = -1;
    for (int i = 0; i < 6; i++)
        ps.status_cols[i] = i;  /* the SMAPI order: user from to by elapsed status */
    if (opts->query_member && (ps.query_member = zvmc_member_find(od, opts->query_member)) < 0)
        return ps.query_member;
    zvmc_pl_alloc_init_(&a, opts->alloc);
    users = zvmc_user_count(od);
    if (!(pl = zvmc_pl_malloc_(&a, sizeof(*pl))))
        return -ZVMC_ERR_NOMEM;
    placement_init_(pl, od, &a);
    ps.pl = pl;
    if (!(pl->head = zvmc_pl_malloc_(&a, (size_t)users * sizeof(*pl->head)))) {
        zvmc_placement_free(pl);
        return -ZVMC_ERR_NOMEM;
    }
    for (int u = 0; u < users; u++)
        pl->head[u] = -1;
    rc = parse_text_(&ps, text, len);
    if (!rc && ps.bad)
        rc = -ZVMC_ERR_INVAL;
    if (rc) {
        zvmc_placement_free(pl);
        return rc;
    }
    *plp = pl;
    return 0;
}
