/* SPDX-License-Identifier: MIT */
/* zvmc diskmap: the minidisks of a source directory per volume, per member. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "emit/diskmap.h"

static void help(void)
{
    printf("Usage: zvmc diskmap [OPTION]... [--directory FILE | FILE]\n"
           "Map the minidisks of a source directory, like DISKMAP EXEC: for each volume,\n"
           "its minidisks in cylinder order with owner, address, start, end and size, GAP\n"
           "rows for free space and OVERLAP rows where minidisks share cylinders.  A\n"
           "volume that holds minidisks of a SUBCONFIG or a SYSAFFIN section is shown\n"
           "once per member, as that member sees it.  The directory is checked as by\n"
           "'zvmc check' and the findings go to stderr.\n\n"
           "Options:\n"
           "  --config FILE       the SYSTEM CONFIG: its members and residence volumes\n"
           "  --directory FILE    the source directory (or give it as FILE)\n"
           "  --member NAME       one member's view only\n"
           "  --volume VOLSER=MODEL  the size of a volume: a model (3390-1, -2, -3, -9, -27,\n"
           "                      -54, 3380-K, 3350...) or a number of cylinders; minidisks\n"
           "                      past its end are errors (may be given more than once)\n"
           "  --volumes FILE      sizes from a file: one 'VOLSER MODEL' (or VOLSER=MODEL)\n"
           "                      per line; '#' or '*' starts a comment\n"
           "  --format FORMAT     the map as text (default) or json\n"
           "  --no-imbed          do not follow SYSTEM CONFIG IMBED statements\n"
           "  -WCHECK, -Wno-CHECK, -Werror[=CHECK]  as for 'zvmc check'\n"
           "  -h, --help          show this help\n\n"
           "Exit status: 0 when no errors were found, 1 when errors were found (overlaps,\n"
           "minidisks past the end of a volume...), 2 on usage or input/output errors.\n");
}

/* One --volume spec; 0, or -1 after a message. */
static int add_volume(zvmc_ctx *ctx, const char *spec, const char *where)
{
    int rc = zvmc_diskmap_volume(ctx, spec);
    if (rc == ZVMC_EINVAL) {
        fprintf(stderr, "zvmc diskmap: %s'%s' is not VOLSER=MODEL (a volume label of 1 to 6 "
                "characters, and a model such as 3390-9 or a number of cylinders)\n",
                where, spec);
        return -1;
    }
    if (rc) {
        fprintf(stderr, "zvmc diskmap: %s\n", zvmc_errmsg(rc));
        return -1;
    }
    return 0;
}

/* A volumes file: "VOLSER MODEL" or "VOLSER=MODEL" per line. */
static int read_volumes(zvmc_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "zvmc diskmap: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    char line[256], spec[256], where[300];
    unsigned n = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        n++;
        char *p = line, *w1, *w2;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#' || *p == '*')
            continue;
        w1 = strtok(p, " \t\r\n=");
        w2 = strtok(NULL, " \t\r\n=");
        snprintf(where, sizeof where, "%s:%u: ", path, n);
        if (!w2) {
            fprintf(stderr, "zvmc diskmap: %sexpected 'VOLSER MODEL'\n", where);
            rc = -1;
            break;
        }
        snprintf(spec, sizeof spec, "%s=%s", w1, w2);
        rc = add_volume(ctx, spec, where);
    }
    fclose(f);
    return rc;
}

int cmd_diskmap(int argc, char **argv)
{
    zvmc_ctx *ctx = cli_ctx_new();
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return EXIT_USAGE;
    }
    cli_diag_opts o = { ZVMC_FORMAT_TEXT, -1 };
    zvmc_format map_format = ZVMC_FORMAT_TEXT;
    int status = EXIT_USAGE, ndirs = 0, io_error = 0;
    const char *member = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        int r = cli_common_option(ctx, a, &o);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            status = EXIT_CLEAN;
            goto out;
        } else if (!strcmp(a, "--config") || !strcmp(a, "--directory") ||
                   !strcmp(a, "--volume") || !strcmp(a, "--volumes") ||
                   !strcmp(a, "--member") || !strcmp(a, "--format")) {
            if (!val) {
                cli_usage_error("diskmap", "%s needs a value", a);
                goto out;
            }
            i++;
            if (!strcmp(a, "--config")) {
                io_error |= cli_read_input(ctx, val, ZVMC_FILE_SYSCONFIG) != 0;
            } else if (!strcmp(a, "--directory")) {
                io_error |= cli_read_input(ctx, val, ZVMC_FILE_DIRECTORY) != 0;
                ndirs++;
            } else if (!strcmp(a, "--volume")) {
                if (add_volume(ctx, val, "") != 0)
                    goto out;
            } else if (!strcmp(a, "--volumes")) {
                if (read_volumes(ctx, val) != 0)
                    goto out;
            } else if (!strcmp(a, "--member")) {
                zvmc_set_member(ctx, val);
                member = val;
            } else if (!strcmp(val, "text") || !strcmp(val, "json")) {
                map_format = val[0] == 't' ? ZVMC_FORMAT_TEXT : ZVMC_FORMAT_JSON;
            } else {
                cli_usage_error("diskmap", "--format takes text or json");
                goto out;
            }
        } else if (!strcmp(a, "--no-imbed")) {
            zvmc_set_follow_imbed(ctx, 0);
        } else if (a[0] == '-' && a[1]) {
            cli_usage_error("diskmap", "unknown option '%s'", a);
            goto out;
        } else {
            io_error |= cli_read_input(ctx, a, ZVMC_FILE_DIRECTORY) != 0;
            ndirs++;
        }
    }
    if (ndirs == 0) {
        cli_usage_error("diskmap", "no source directory (--directory FILE)");
        goto out;
    }
    int errors = zvmc_run_checks(ctx);
    if (errors >= 0 && !io_error && cli_member_unknown(ctx, "diskmap", member))
        goto out;
    int rc = errors < 0 ? errors : zvmc_diskmap_render(ctx, map_format, cli_write_file, stdout);
    fflush(stdout);
    /* The findings always go to stderr as text: stdout holds the map. */
    cli_diag_opts diag = { ZVMC_FORMAT_TEXT, o.color };
    if (cli_print_diags(ctx, &diag) != 0 || rc == ZVMC_EIO) {
        fprintf(stderr, "zvmc diskmap: cannot write the output\n");
        goto out;
    }
    if (rc < 0) {
        fprintf(stderr, "zvmc diskmap: %s\n", zvmc_errmsg(rc));
        goto out;
    }
    status = io_error ? EXIT_USAGE : errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
out:
    zvmc_ctx_free(ctx);
    return status;
}
