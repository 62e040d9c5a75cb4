/* SPDX-License-Identifier: MIT */
/* zvmc plan evacuate: empty SSI members of their guests by live guest relocation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "zvmc/runtime.h"

#define CMD "plan evacuate"

static void help(void)
{
    printf("Usage: zvmc plan evacuate MEMBER[,MEMBER] --objdir FILE --placement FILE\n"
           "                          [--capacity MEMBER=SIZE]... [--parallel N]\n"
           "                          [--format text|json|rexx] [OPTION]...\n"
           "Plan how to empty SSI members of their guests, e.g. to apply service to one\n"
           "member or to move to new processors, from a compiled object directory\n"
           "('zvmc compile') and the list of guests running where.  Every guest on the\n"
           "members is either relocated (an ordered step, with an estimated duration and\n"
           "suggested MAXTOTAL and MAXQUIESCE), or shut down because no remaining member\n"
           "accepts it (with the stored reasons), or restarted elsewhere (an IDENTITY), or\n"
           "left unplaced because no eligible member has the storage.  See docs/planner.md.\n\n"
           "Options:\n"
           "  --objdir FILE          the object directory ('-': standard input)\n"
           "  --placement FILE       which guests run where ('-': standard input): lines of\n"
           "                         'USERID MEMBER [STORAGE]' ('#' comments), or pasted\n"
           "                         QUERY NAMES AT ALL or VMRELOCATE STATUS output\n"
           "  --query-member MEMBER  the member a plain QUERY NAMES in it was issued on\n"
           "  --capacity MEMBER=SIZE free storage of a member, e.g. LTICVM9=64G (repeat it;\n"
           "                         a member not given is not checked)\n"
           "  --parallel N           relocations at once, in waves (default 1: relocating\n"
           "                         one guest at a time fails least)\n"
           "  --rate MIB/S           relocation rate of the duration model (default 20)\n"
           "  --overhead S           seconds added to every relocation (default 5)\n"
           "  --max-quiesce S        suggested MAXQUIESCE (default 10, CP's default)\n"
           "  --format FORMAT        text (default), json, or rexx: an EXEC that issues the\n"
           "                         moves in order and stops at the first failure\n"
           "  -h, --help             show this help\n\n"
           "Exit status: 0 when the plan empties the members (IDENTITY guests aside), 1\n"
           "when guests block it (they must be shut down or do not fit), 2 on usage or\n"
           "input errors.\n");
}

struct plan_args {
    const char *members, *objdir, *placement, *query_member;
    const char *caps[64];
    int ncaps;
    struct zvmc_plan_policy policy;
    enum zvmc_plan_format format;
};

/* A positive number no larger than max; -1 if it is not one. */
static long number(const char *s, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return (errno || *end || end == s || v < 1 || v > max) ? -1 : v;
}

/* The options, each of which takes a value: one list, for the parser and
 * the dispatch alike. */
enum plan_opt { O_OBJDIR, O_PLACEMENT, O_QUERY_MEMBER, O_CAPACITY, O_FORMAT, O_PARALLEL,
                O_RATE, O_OVERHEAD, O_MAX_QUIESCE, O_COUNT };

static const char *const option_names[O_COUNT] = {
    [O_OBJDIR] = "--objdir",     [O_PLACEMENT] = "--placement",
    [O_QUERY_MEMBER] = "--query-member", [O_CAPACITY] = "--capacity",
    [O_FORMAT] = "--format",     [O_PARALLEL] = "--parallel",
    [O_RATE] = "--rate",         [O_OVERHEAD] = "--overhead",
    [O_MAX_QUIESCE] = "--max-quiesce",
};

/* The option called @opt, or -1. */
static int find_option(const char *opt)
{
    for (int k = 0; k < O_COUNT; k++)
        if (!strcmp(opt, option_names[k]))
            return k;
    return -1;
}

/* Option @k (called @opt) with its value; 0, or -1 when bad (message printed). */
static int option(struct plan_args *a, int k, const char *opt, const char *val)
{
    long v;
    switch ((enum plan_opt)k) {
    case O_OBJDIR: a->objdir = val; return 0;
    case O_PLACEMENT: a->placement = val; return 0;
    case O_QUERY_MEMBER: a->query_member = val; return 0;
    case O_CAPACITY:
        if (a->ncaps == (int)(sizeof(a->caps) / sizeof(a->caps[0]))) {
            cli_usage_error(CMD, "too many --capacity options");
            return -1;
        }
        a->caps[a->ncaps++] = val;
        return 0;
    case O_FORMAT:
        if (!strcmp(val, "text"))
            a->format = ZVMC_PLAN_TEXT;
        else if (!strcmp(val, "json"))
            a->format = ZVMC_PLAN_JSON;
        else if (!strcmp(val, "rexx"))
            a->format = ZVMC_PLAN_REXX;
        else {
            cli_usage_error(CMD, "--format takes text, json or rexx, not '%s'", val);
            return -1;
        }
        return 0;
    case O_PARALLEL:
    case O_RATE:
    case O_OVERHEAD:
    case O_MAX_QUIESCE:
        v = k == O_OVERHEAD && !strcmp(val, "0") ? 0 : number(val, 99999999);
        if (v < 0) {
            cli_usage_error(CMD, "%s takes a whole number of 1 to 99999999%s, not '%s'", opt,
                            k == O_OVERHEAD ? " (or 0)" : "", val);
            return -1;
        }
        if (k == O_PARALLEL)
            a->policy.parallel = (unsigned)v;
        else if (k == O_RATE)
            a->policy.rate_mib_s = (uint32_t)v;
        else if (k == O_OVERHEAD)
            a->policy.overhead_s = (uint32_t)v;
        else
            a->policy.maxquiesce_s = (uint32_t)v;
        return 0;
    case O_COUNT:
        break;
    }
    return -1;
}

/* 0, 1 for --help (printed), -1 on a usage error (printed). */
static int parse_args(int argc, char **argv, struct plan_args *a)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i], *eq = strchr(arg, '=');
        char opt[32];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            help();
            return 1;
        }
        if (arg[0] != '-' || !arg[1]) {
            if (a->members) {
                cli_usage_error(CMD, "one MEMBER[,MEMBER] list only ('%s')", arg);
                return -1;
            }
            a->members = arg;
            continue;
        }
        const char *val = NULL;
        size_t len = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
        if (len >= sizeof(opt)) {
            cli_usage_error(CMD, "unknown option '%s'", arg);
            return -1;
        }
        memcpy(opt, arg, len);
        opt[len] = '\0';
        if (eq && arg[1] == '-')
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        int k = find_option(opt);
        if (k < 0) {
            cli_usage_error(CMD, "unknown option '%s'", opt);
            return -1;
        }
        if (!val) {
            cli_usage_error(CMD, "%s needs a value", opt);
            return -1;
        }
        if (option(a, k, opt, val) < 0)
            return -1;
    }
    if (!a->members || !a->objdir || !a->placement) {
        cli_usage_error(CMD, "give MEMBER[,MEMBER], --objdir FILE and --placement FILE");
        return -1;
    }
    return 0;
}

/* The whole file (or standard input for "-"), NUL-terminated; NULL after a
 * message. */
static char *read_all(const char *path, size_t *len)
{
    const size_t max = (size_t)1 << (sizeof(size_t) > 4 ? 40 : 30);   /* 1 TiB, 1 GiB */
    char *text = NULL;
    if (!strcmp(path, "-"))
        return cli_read_stdin(max, &text, len) == 0 ? text : NULL;
    FILE *f = fopen(path, "rb");
    if (!f || cli_read_stream(f, max, &text, len) != 0)
        fprintf(stderr, "zvmc %s: cannot read '%s': %s\n", CMD, path, strerror(errno));
    if (f)
        fclose(f);
    return text;
}

/* "A,B" to a member mask; 0 after a message. */
static uint32_t member_mask(const struct zvmc_objdir *od, const char *list, const char *objdir)
{
    uint32_t mask = 0;
    char name[ZVMC_OBJDIR_MAX_NAME + 1];
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        int m = -1;
        if (len && len <= ZVMC_OBJDIR_MAX_NAME) {
            memcpy(name, p, len);
            name[len] = '\0';
            m = zvmc_member_find(od, name);
        }
        if (m < 0) {
            fprintf(stderr, "zvmc %s: '%.*s' is not a member in %s (members:", CMD, (int)len, p,
                    objdir);
            cli_objdir_members(od);
            fprintf(stderr, ")\n");
            return 0;
        }
        mask |= 1u << m;
        p += len + (p[len] == ',');
    }
    if (!mask)
        fprintf(stderr, "zvmc %s: no member to empty\n", CMD);
    return mask;
}

struct err_ctx {
    const char *path;
};

static void on_error(void *arg, unsigned line, const char *message)
{
    const struct err_ctx *e = arg;
    fprintf(stderr, "%s:%u: error: %s\n", e->path, line, message);
}

static int write_stdout(void *arg, const char *data, size_t len)
{
    (void)arg;
    return fwrite(data, 1, len, stdout) != len;
}

/* The capacities; 0, or -1 after a message. */
static int capacities(const struct zvmc_objdir *od, const struct plan_args *a,
                      struct zvmc_plan_capacity *cap)
{
    memset(cap, 0, sizeof(*cap));
    for (int i = 0; i < a->ncaps; i++) {
        int rc = zvmc_plan_capacity_set(od, cap, a->caps[i]);
        if (rc == -ZVMC_ERR_NOTFOUND) {
            fprintf(stderr, "zvmc %s: --capacity %s: no such member in %s\n", CMD, a->caps[i],
                    a->objdir);
            return -1;
        }
        if (rc < 0) {
            fprintf(stderr, "zvmc %s: --capacity takes MEMBER=SIZE (a size such as 64G or "
                    "512M), not '%s'\n", CMD, a->caps[i]);
            return -1;
        }
    }
    return 0;
}

static int run(const struct plan_args *a, struct zvmc_objdir *od, const char *text, size_t len)
{
    struct err_ctx ectx = { a->placement };
    struct zvmc_placement_opts popts = { a->query_member, on_error, &ectx, NULL };
    struct zvmc_plan_capacity cap;
    struct zvmc_placement *pl = NULL;
    struct zvmc_plan *plan = NULL;
    struct zvmc_plan_summary s;
    uint32_t mask = member_mask(od, a->members, a->objdir);
    int status = EXIT_USAGE;

    if (!mask || capacities(od, a, &cap))
        return EXIT_USAGE;
    int rc = zvmc_placement_parse(od, text, len, &popts, &pl);
    if (rc == -ZVMC_ERR_NOTFOUND)
        fprintf(stderr, "zvmc %s: --query-member %s: no such member in %s\n", CMD,
                a->query_member, a->objdir);
    else if (rc == -ZVMC_ERR_INVAL)
        fprintf(stderr, "zvmc %s: %s: the placement has errors; nothing was planned\n", CMD,
                a->placement);
    else if (rc)
        fprintf(stderr, "zvmc %s: %s: %s\n", CMD, a->placement, zvmc_strerror(rc));
    if (rc)
        return EXIT_USAGE;
    rc = zvmc_plan_evacuate(od, mask, pl, &cap, &a->policy, &plan);
    if (rc)
        fprintf(stderr, "zvmc %s: %s\n", CMD, zvmc_strerror(rc));
    else if ((rc = zvmc_plan_write(plan, a->format, write_stdout, NULL)) || fflush(stdout))
        fprintf(stderr, "zvmc %s: cannot write the plan\n", CMD);
    else if (zvmc_plan_summary_get(plan, &s) == 0)
        status = s.complete ? EXIT_CLEAN : EXIT_FINDINGS;
    zvmc_plan_free(plan);
    zvmc_placement_free(pl);
    return status;
}

int cmd_plan(int argc, char **argv)
{
    struct plan_args a = { .format = ZVMC_PLAN_TEXT, .ncaps = 0 };
    struct zvmc_objdir *od;
    size_t len = 0;

    zvmc_plan_policy_init(&a.policy);
    if (argc < 2 || (strcmp(argv[1], "evacuate") && strcmp(argv[1], "-h") &&
                     strcmp(argv[1], "--help"))) {
        cli_usage_error("plan", "the only plan is 'evacuate'");
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "evacuate")) {
        help();
        return EXIT_CLEAN;
    }
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
    char *image;        /* the object directory read from standard input, or NULL */
    if (cli_objdir_open(CMD, a.objdir, &od, &image) != 0)
        return EXIT_USAGE;
    char *text = read_all(a.placement, &len);
    int status = text ? run(&a, od, text, len) : EXIT_USAGE;
    free(text);
    zvmc_objdir_close(od);
    free(image);
    return status;
}
