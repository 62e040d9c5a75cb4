/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cli/cli.h"
#include "zvmc/relocate.h"
#include "zvmc/runtime.h"

const char cli_common_help[] =
    "  --format FORMAT     diagnostics as text (default), json, sarif or cpsyntax\n"
    "  --color[=WHEN]      colour text diagnostics: auto (default: on a terminal),\n"
    "                      always or never\n"
    "  -WCHECK             turn on a check (e.g. -Wunknown-statement)\n"
    "  -Wno-CHECK          turn a check off\n"
    "  -Werror             make every warning an error\n"
    "  -Werror=CHECK       make the warnings of one check errors\n"
    "  --max-errors N      stop recording errors after N (default 50; 0: no limit)\n"
    "  --zvm-level V.R     the z/VM level the files are for (default: the newest, 7.4)\n";

int cli_write_file(void *arg, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)arg) == len ? 0 : -1;
}

int cli_parse_format(const char *s, zvmc_format *f)
{
    if (!strcmp(s, "text")) *f = ZVMC_FORMAT_TEXT;
    else if (!strcmp(s, "json")) *f = ZVMC_FORMAT_JSON;
    else if (!strcmp(s, "sarif")) *f = ZVMC_FORMAT_SARIF;
    else if (!strcmp(s, "cpsyntax")) *f = ZVMC_FORMAT_CPSYNTAX;
    else return -1;
    return 0;
}

void cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "zvmc %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'zvmc %s --help'.\n", cmd);
}

static int set_check(zvmc_ctx *ctx, const char *name, zvmc_level lvl, const char *opt)
{
    int rc = zvmc_set_check(ctx, name, lvl);
    if (rc == ZVMC_EUNKNOWN_CHECK) {
        fprintf(stderr, "zvmc: %s: there is no check called '%s' (see --list-checks)\n", opt, name);
        return -1;
    }
    return rc ? -1 : 1;
}

int cli_common_option(zvmc_ctx *ctx, const char *arg, cli_diag_opts *o)
{
    if (!strcmp(arg, "-Werror")) {
        zvmc_set_werror(ctx, 1);
        return 1;
    }
    if (!strncmp(arg, "-Werror=", 8))
        return set_check(ctx, arg + 8, ZVMC_LEVEL_ERROR, arg);
    if (!strncmp(arg, "-Wno-", 5))
        return set_check(ctx, arg + 5, ZVMC_LEVEL_OFF, arg);
    if (!strncmp(arg, "-W", 2) && arg[2])
        return set_check(ctx, arg + 2, ZVMC_LEVEL_ON, arg);
    if (!strcmp(arg, "--color") || !strcmp(arg, "--color=always")) {
        o->color = 1;
        return 1;
    }
    if (!strcmp(arg, "--color=never")) {
        o->color = 0;
        return 1;
    }
    if (!strcmp(arg, "--color=auto")) {
        o->color = -1;
        return 1;
    }
    return 0;
}

int cli_print_diags(zvmc_ctx *ctx, const cli_diag_opts *o)
{
    FILE *out = o->format == ZVMC_FORMAT_TEXT ? stderr : stdout;
    unsigned flags = 0;
    if (o->format == ZVMC_FORMAT_TEXT &&
        (o->color == 1 || (o->color < 0 && isatty(fileno(stderr)) && !getenv("NO_COLOR"))))
        flags |= ZVMC_RENDER_COLOR;
    int rc = zvmc_render(ctx, o->format, flags, cli_write_file, out);
    if (o->format == ZVMC_FORMAT_TEXT) {
        unsigned e = zvmc_count(ctx, ZVMC_SEV_ERROR), w = zvmc_count(ctx, ZVMC_SEV_WARNING);
        if (e && w)
            fprintf(out, "%u error%s and %u warning%s generated.\n", e, e == 1 ? "" : "s", w,
                    w == 1 ? "" : "s");
        else if (e || w)
            fprintf(out, "%u %s%s generated.\n", e ? e : w, e ? "error" : "warning",
                    (e ? e : w) == 1 ? "" : "s");
    }
    fflush(out);
    return rc;
}

zvmc_ctx *cli_ctx_new(void)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (ctx)
        zvmc_set_map_files(ctx, 1);
    return ctx;
}

static int first_statement(void *arg, const char *file, unsigned line, const char *text, size_t len)
{
    (void)arg, (void)file, (void)line, (void)text, (void)len;
    return 1;   /* one is enough: the system is defined */
}

int cli_member_index(zvmc_ctx *ctx, const char *name)
{
    size_t n = zvmc_reloc_member_count(ctx);
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(name, zvmc_reloc_member(ctx, i)))
            return (int)i;
    return -1;
}

void cli_members_note(zvmc_ctx *ctx, const char *none)
{
    size_t n = zvmc_reloc_member_count(ctx);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s%s", i ? " " : " (the members are ", zvmc_reloc_member(ctx, i));
    fprintf(stderr, "%s\n", n ? ")" : none);
}

void cli_objdir_members(const struct zvmc_objdir *od)
{
    struct zvmc_member mb;
    for (int i = 0; i < zvmc_member_count(od); i++)
        if (zvmc_member_get(od, i, &mb) == 0)
            fprintf(stderr, " %s", mb.name);
}

int cli_member_unknown(zvmc_ctx *ctx, const char *cmd, const char *member)
{
    if (!member)
        return 0;
    /* 1: the SYSTEM CONFIG defines it (the callback stops at its first
     * statement); ZVMC_ENOMEMBER_VIEW: it does not; 0: there is no SYSTEM
     * CONFIG, and the directory's members tell (names in any case, as CP's) */
    int rc = zvmc_config_view(ctx, member, first_statement, NULL);
    if (rc == 1 || (rc == 0 && zvmc_reloc_member_count(ctx) == 0) ||
        (rc < 0 && rc != ZVMC_ENOMEMBER_VIEW))
        return 0;   /* known, or nothing to tell it by */
    if (rc == 0 && cli_member_index(ctx, member) >= 0)
        return 0;
    fprintf(stderr, "zvmc %s: --member %s: the inputs define no system of that name", cmd, member);
    cli_members_note(ctx, "");
    return 1;
}
