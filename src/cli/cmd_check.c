/* SPDX-License-Identifier: MIT */
/* zvmc check: parse SYSTEM CONFIG and directory files and report findings. */
#include <stdlib.h>
#include <string.h>
#include "cli/baseline.h"
#include "cli/cli.h"

static void help(void)
{
    printf("Usage: zvmc check [OPTION]... [FILE]...\n"
           "Check SYSTEM CONFIG and source directory (USER DIRECT) files and report what is\n"
           "wrong, gcc-style.  The kind of each FILE is told from its content; name it\n"
           "with --config or --directory instead when that is ambiguous.  A FILE of - is\n"
           "standard input (once), named <stdin> in the findings.\n\n"
           "Options:\n"
           "  --config FILE       a SYSTEM CONFIG file (may be given more than once)\n"
           "  --directory FILE    a source directory file (may be given more than once)\n"
           "  --no-imbed          do not follow SYSTEM CONFIG IMBED statements\n"
           "%s"
           "  --member NAME       check one member's view only (like CPSYNTAX's SYSTEM option)\n"
           "  --baseline FILE     report only findings not recorded in FILE\n"
           "  --write-baseline FILE  record today's findings in FILE and exit\n"
           "                      (see docs/baseline.md)\n"
           "  --list-checks       list every check with its default and exit\n"
           "  -h, --help          show this help\n\n"
           "Exit status: 0 when no errors were found (warnings allowed), 1 when errors were\n"
           "found, 2 on usage or input/output errors.\n", cli_common_help);
}

static void list_checks(void)
{
    for (size_t i = 0; i < zvmc_check_count(); i++) {
        const zvmc_check_info *c = zvmc_check_get(i);
        printf("%-28s %-4s %s\n", c->name, c->default_on ? "on" : "off", c->summary);
    }
}

int cmd_check(int argc, char **argv)
{
    zvmc_ctx *ctx = cli_ctx_new();
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return EXIT_USAGE;
    }
    cli_check_opts o = CLI_CHECK_OPTS_INIT;
    int status = EXIT_USAGE, nfiles = 0;
    const char *baseline = NULL, *write_baseline = NULL, *member = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        int r = cli_check_option(ctx, "check", argc, argv, &i, &o);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            status = EXIT_CLEAN;
            goto out;
        } else if (!strcmp(a, "--list-checks")) {
            list_checks();
            status = EXIT_CLEAN;
            goto out;
        } else if (!strcmp(a, "--member")) {
            if (!val) {
                cli_usage_error("check", "--member needs a system name");
                goto out;
            }
            zvmc_set_member(ctx, val);
            member = val;
            i++;
        } else if (!strcmp(a, "--baseline") || !strcmp(a, "--write-baseline")) {
            if (!val) {
                cli_usage_error("check", "%s needs a file name", a);
                goto out;
            }
            *(a[2] == 'b' ? &baseline : &write_baseline) = val;
            i++;
        } else if (a[0] == '-' && a[1]) {
            cli_usage_error("check", "unknown option '%s'", a);
            goto out;
        } else {
            if (cli_add_input(ctx, &o.in, a, ZVMC_FILE_AUTO) != 0)
                goto out;
            nfiles++;
        }
    }
    nfiles += o.nconfig + o.ndir;
    if (nfiles == 0) {
        cli_usage_error("check", "no input files");
        goto out;
    }
    if (baseline && write_baseline) {
        cli_usage_error("check", "--baseline and --write-baseline do not go together");
        goto out;
    }
    if (cli_output_is_input("check", &o.in, "--write-baseline", write_baseline))
        goto out;
    /* A baseline needs every finding: one the error limit left out could be
     * the new one.  The limit (50 when not given, as --help says) applies
     * again to what the baseline leaves. */
    unsigned max_errors = o.max_errors < 0 ? 50 : (unsigned)o.max_errors;
    zvmc_set_max_errors(ctx, baseline || write_baseline ? 0 : max_errors);
    int errors = zvmc_run_checks(ctx);
    if (errors >= 0 && !o.in.io_error && cli_member_unknown(ctx, "check", member))
        goto out;
    if (errors >= 0 && write_baseline && !o.in.io_error) {
        int n = baseline_write(ctx, write_baseline);
        if (n >= 0) {
            fprintf(stderr, "zvmc: recorded %d finding%s in %s\n", n, n == 1 ? "" : "s",
                    write_baseline);
            status = EXIT_CLEAN;
        }
        goto out;
    }
    if (write_baseline)     /* the diagnostics below say what could not be read */
        fprintf(stderr, "zvmc: %s was not written\n", write_baseline);
    baseline_stats bstats = { 0, 0 };
    if (errors >= 0 && baseline) {
        zvmc_set_max_errors(ctx, max_errors);
        if (baseline_apply(ctx, baseline, &bstats) != 0)
            goto out;
        errors = (int)zvmc_count(ctx, ZVMC_SEV_ERROR);
    }
    if (cli_print_diags(ctx, &o.diag) != 0) {
        fprintf(stderr, "zvmc: cannot write the diagnostics\n");
        goto out;
    }
    if (errors < 0) {
        fprintf(stderr, "zvmc: %s\n", zvmc_errmsg(errors));
        goto out;
    }
    if (baseline)
        baseline_note(&bstats, baseline);
    status = o.in.io_error ? EXIT_USAGE : errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
out:
    cli_inputs_free(&o.in);
    zvmc_ctx_free(ctx);
    return status;
}
