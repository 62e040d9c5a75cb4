/* SPDX-License-Identifier: MIT */
/* zvmc view: the statements of a SYSTEM CONFIG that apply to one member. */
#include <string.h>
#include "cli/cli.h"

static void help(void)
{
    printf("Usage: zvmc view --member NAME [--config] FILE...\n"
           "Print the SYSTEM CONFIG statements that apply to system NAME, as CPSYNTAX's SYSTEM\n"
           "option evaluates them: unqualified statements, NAME's qualified statements and its\n"
           "BEGIN/END blocks, in file order, each as FILE:LINE: and its records.\n\n"
           "Exit status: 0; 1 when a file has syntax errors (they are printed instead); 2 on\n"
           "usage errors, when a file cannot be read, or when no system of that name is\n"
           "defined.\n");
}

static int print_stmt(void *arg, const char *file, unsigned line, const char *text, size_t len)
{
    (void)arg;
    printf("%s:%u: %.*s\n", file, line, (int)len, text);
    return 0;
}

int cmd_view(int argc, char **argv)
{
    const char *member = NULL;
    zvmc_ctx *ctx = cli_ctx_new();
    int status = EXIT_USAGE, files = 0, io_error = 0;
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return EXIT_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            status = EXIT_CLEAN;
            goto out;
        } else if (!strcmp(a, "--member") || !strcmp(a, "--config")) {
            if (!val) {
                cli_usage_error("view", "%s needs a %s", a,
                                a[2] == 'm' ? "system name" : "file name");
                goto out;
            }
            i++;
            if (a[2] == 'm') {
                member = val;
            } else {
                io_error |= cli_read_input(ctx, val, ZVMC_FILE_SYSCONFIG) != 0;
                files++;
            }
        } else if (a[0] == '-' && a[1]) {
            cli_usage_error("view", "unknown option '%s'", a);
            goto out;
        } else {
            io_error |= cli_read_input(ctx, a, ZVMC_FILE_SYSCONFIG) != 0;
            files++;
        }
    }
    if (!member || !files) {
        cli_usage_error("view", "give --member NAME and a SYSTEM CONFIG file");
        goto out;
    }
    if (zvmc_run_checks(ctx) < 0 || io_error)
        goto print;
    /* Only a file that could not be read makes the view unreliable; other
     * findings are `zvmc check`'s business. */
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        if (d->severity == ZVMC_SEV_ERROR && (!strcmp(d->check, "syntax") || !strcmp(d->check, "input")))
            goto print;
    }
    int rc = zvmc_config_view(ctx, member, print_stmt, NULL);
    if (rc == ZVMC_ENOMEMBER_VIEW) {
        fprintf(stderr, "zvmc view: the SYSTEM CONFIG defines no system '%s'\n", member);
        goto out;
    }
    status = rc == 0 ? EXIT_CLEAN : EXIT_USAGE;
    goto out;
print: {
        cli_diag_opts d = { ZVMC_FORMAT_TEXT, 0 };
        cli_print_diags(ctx, &d);
        /* a file that could not be read is an input error, as for zvmc check */
        status = !io_error && zvmc_count(ctx, ZVMC_SEV_ERROR) ? EXIT_FINDINGS : EXIT_USAGE;
    }
out:
    zvmc_ctx_free(ctx);
    return status;
}
