/* SPDX-License-Identifier: MIT */
/* zvmc convert: a CSE cluster's SYSTEM CONFIG and directory, rewritten for SSI. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "zvmc/convert.h"

#define CMD "convert"
#define MAXLIST 16

static void help(void)
{
    printf("Usage: zvmc convert --config FILE [--config FILE]... --directory FILE\n"
           "                    --cluster NAME --members SYS1,SYS2,... [OPTION]...\n"
           "Convert a CSE cluster to an SSI cluster: the CSE SYSTEM CONFIG and source\n"
           "directory are rewritten as SYSTEM.CONFIG.ssi and USER.DIRECT.ssi, with a\n"
           "migration report that says, for every input statement, whether it was carried\n"
           "over unchanged, converted (to what, where), removed (why), or needs a decision\n"
           "(the options).  Everything not converted keeps its text, comments and place.\n"
           "See docs/convert.md for the rules.\n\n"
           "Inputs (at least one --config or --directory):\n"
           "  --config FILE        a CSE SYSTEM CONFIG file (more than one: the parts of one\n"
           "                       configuration, each written out as its own .ssi file)\n"
           "  --directory FILE     a CSE source directory (USER DIRECT)\n"
           "  --eqid-config FILE   the SSI side's SYSTEM CONFIG (e.g. the new release's), for\n"
           "                       the RDEV EQIDs the CSE files do not have: they decide\n"
           "                       whether SYSAFFIN DEDICATEs can become one USER\n"
           "  --no-imbed           do not follow the IMBED statements of a SYSTEM CONFIG\n\n"
           "The cluster:\n"
           "  --cluster NAME       the SSI cluster name (1-8 letters and digits)\n"
           "  --members LIST       the CSE systems that become members, comma-separated, in\n"
           "                       slot order (at most 4, or 8 with --zvm-level 7.3 or later);\n"
           "                       the others are reported as left behind\n"
           "  --pdr-volume VOLID   the PDR volume (default: CP's, the parm disk's volume)\n"
           "  --res-volumes LIST   each member's residence volume for DIRECTORY SSI, in member\n"
           "                       order (default: its own System_Residence volume, else its\n"
           "                       CSE DIRECTORY statement's)\n"
           "  --zvm-level V.R      the z/VM level of the SSI cluster (default: the newest, 7.4)\n\n"
           "Output:\n"
           "  --out-dir DIR        where SYSTEM.CONFIG.ssi and USER.DIRECT.ssi go (default: .;\n"
           "                       made if missing); every file is written atomically\n"
           "  --stdout             print the outputs instead of writing them (each after a\n"
           "                       '==> NAME <==' line), then the report\n"
           "  --report FILE        write the report to FILE (default: standard output)\n"
           "  --format FORMAT      the report as text (default) or json\n"
           "  -h, --help           show this help\n\n"
           "The outputs are checked as 'zvmc check' checks them.  Where two members have no\n"
           "ACTIVATE ISLINK between them, the output holds a skeleton in a comment and fails\n"
           "ssi-islink-mesh until the CTC device numbers are filled in; that is expected.\n\n"
           "Exit status: 0 converted (decisions may be pending), 1 the outputs fail zvmc\n"
           "check for another reason (the diagnostics are printed), 2 usage or input errors.\n");
}

typedef struct conv_args {
    const char *eqid_config, *out_dir, *report;
    const char *members[MAXLIST], *res[MAXLIST];
    size_t nmembers, nres;
    int to_stdout;
    cli_inputs in;              /* --config and --directory files, and --eqid-config */
    zvmc_format format;
    zvmc_convert_opts opts;
} conv_args;

/* Split a comma-separated list in place. */
static int split(char *s, const char **v, size_t *n, const char *opt)
{
    char *save = NULL;
    *n = 0;
    for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (*n == MAXLIST) {
            cli_usage_error(CMD, "%s: at most %d names", opt, MAXLIST);
            return -1;
        }
        v[(*n)++] = tok;
    }
    if (!*n) {
        cli_usage_error(CMD, "%s needs a comma-separated list", opt);
        return -1;
    }
    return 0;
}

/* The diagnostics of an input context, when it has errors. */
static void print_errors(zvmc_ctx *ctx)
{
    if (!ctx || !zvmc_count(ctx, ZVMC_SEV_ERROR))
        return;
    cli_diag_opts d = { ZVMC_FORMAT_TEXT, 0 };
    cli_print_diags(ctx, &d);
}

/* Read the options into @a, queueing input files in @ctx.  0, or -1 (printed). */
static int parse_args(int argc, char **argv, conv_args *a, zvmc_ctx *ctx)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--stdout")) {
            a->to_stdout = 1;
            continue;
        }
        if (!strcmp(o, "--no-imbed")) {
            zvmc_set_follow_imbed(ctx, 0);
            continue;
        }
        static const char *const with_value[] = {
            "--config", "--directory", "--eqid-config", "--cluster", "--members", "--pdr-volume",
            "--res-volumes", "--zvm-level", "--out-dir", "--report", "--format", NULL,
        };
        int known = 0;
        for (int k = 0; with_value[k]; k++)
            known |= !strcmp(o, with_value[k]);
        if (!known) {
            cli_usage_error(CMD, o[0] == '-' ? "unknown option '%s'" : "unexpected argument '%s' "
                            "(name inputs with --config and --directory)", o);
            return -1;
        }
        if (i + 1 >= argc) {
            cli_usage_error(CMD, "%s needs a value", o);
            return -1;
        }
        char *v = argv[++i];
        if ((!strcmp(o, "--config") || !strcmp(o, "--directory") ||
             !strcmp(o, "--eqid-config")) && !strcmp(v, "-")) {
            cli_usage_error(CMD, "%s -: convert names its outputs after its input files; "
                            "give a file, not standard input", o);
            return -1;
        }
        if (!strcmp(o, "--config") || !strcmp(o, "--directory")) {
            if (cli_add_input(ctx, &a->in, v, o[2] == 'c' ? ZVMC_FILE_SYSCONFIG
                                                           : ZVMC_FILE_DIRECTORY) != 0)
                return -1;
        } else if (!strcmp(o, "--eqid-config")) {
            a->eqid_config = v;
        } else if (!strcmp(o, "--cluster")) {
            a->opts.cluster = v;
        } else if (!strcmp(o, "--members")) {
            if (split(v, a->members, &a->nmembers, o))
                return -1;
        } else if (!strcmp(o, "--res-volumes")) {
            if (split(v, a->res, &a->nres, o))
                return -1;
        } else if (!strcmp(o, "--pdr-volume")) {
            a->opts.pdr_volume = v;
        } else if (!strcmp(o, "--zvm-level")) {
            if (zvmc_set_zvm_level(ctx, v) != 0) {
                cli_usage_error(CMD, "--zvm-level takes V.R, e.g. 7.3");
                return -1;
            }
        } else if (!strcmp(o, "--out-dir")) {
            a->out_dir = v;
        } else if (!strcmp(o, "--report")) {
            a->report = v;
        } else if (!strcmp(v, "json") || !strcmp(v, "text")) {
            a->format = !strcmp(v, "json") ? ZVMC_FORMAT_JSON : ZVMC_FORMAT_TEXT;
        } else {
            cli_usage_error(CMD, "--format takes text or json");
            return -1;
        }
    }
    if (!a->in.n) {
        cli_usage_error(CMD, "give the CSE files with --config and --directory");
        return -1;
    }
    if (!a->opts.cluster || !a->nmembers) {
        cli_usage_error(CMD, "--cluster and --members are required");
        return -1;
    }
    return 0;
}

/* Read an input context's files; print why and return -1 when they cannot be
 * read at all.  Findings in them are the converter's to judge. */
static int load(zvmc_ctx *ctx, int io)
{
    if (!io && zvmc_run_checks(ctx) >= 0)
        return 0;
    if (io)
        zvmc_run_checks(ctx);
    print_errors(ctx);
    return -1;
}

static int make_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        errno = ENOTDIR;    /* for the message: stat() succeeded */
        return -1;
    }
    return mkdir(dir, 0777);
}

/* An output (a converted file or the report) that is one of the inputs? */
static int replaces_input(zvmc_convert *cv, const conv_args *a)
{
    for (size_t i = 0; !a->to_stdout && i < zvmc_convert_output_count(cv); i++)
        if (cli_output_is_input(CMD, &a->in, "--out-dir", zvmc_convert_output_get(cv, i)->path))
            return 1;
    return cli_output_is_input(CMD, &a->in, "--report", a->report);
}

static int emit(zvmc_convert *cv, const conv_args *a)
{
    if (a->to_stdout) {
        for (size_t i = 0; i < zvmc_convert_output_count(cv); i++) {
            const zvmc_convert_output *o = zvmc_convert_output_get(cv, i);
            printf("==> %s <==\n", o->name);
            fwrite(o->data, 1, o->len, stdout);
            if (o->len && o->data[o->len - 1] != '\n')
                putchar('\n');
        }
        printf("==> report <==\n");
    } else {
        const char *dir = a->out_dir ? a->out_dir : ".";
        if (make_dir(dir) != 0 || zvmc_convert_write(cv) != 0) {
            fprintf(stderr, "zvmc %s: cannot write into %s: %s\n", CMD, dir, strerror(errno));
            return -1;
        }
    }
    int rc = a->report ? zvmc_convert_write_report(cv, a->format, a->report)
                       : zvmc_convert_report(cv, a->format, cli_write_file, stdout);
    if (rc) {
        fprintf(stderr, "zvmc %s: cannot write the report%s%s: %s\n", CMD,
                a->report ? " to " : "", a->report ? a->report : "",
                rc == ZVMC_EIO ? strerror(errno) : zvmc_errmsg(rc));
        return -1;
    }
    fflush(stdout);
    return 0;
}

int cmd_convert(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            help();
            return EXIT_CLEAN;
        }
    conv_args a;
    memset(&a, 0, sizeof a);
    a.format = ZVMC_FORMAT_TEXT;
    int status = EXIT_USAGE;
    zvmc_ctx *ctx = cli_ctx_new(), *eq = NULL;
    zvmc_convert *cv = NULL;
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return EXIT_USAGE;
    }
    if (parse_args(argc, argv, &a, ctx) || load(ctx, a.in.io_error))
        goto out;
    if (a.eqid_config) {
        if (!(eq = cli_ctx_new()))
            goto out;
        /* (the other inputs were read: load() stopped the command otherwise) */
        if (cli_add_input(eq, &a.in, a.eqid_config, ZVMC_FILE_SYSCONFIG) != 0 ||
            load(eq, a.in.io_error))
            goto out;
    }
    a.opts.members = a.members;
    a.opts.nmembers = a.nmembers;
    a.opts.res_volumes = a.nres ? a.res : NULL;
    a.opts.nres_volumes = a.nres;
    a.opts.eqid_ctx = eq;
    a.opts.out_dir = a.out_dir;
    if (!(cv = zvmc_convert_new(ctx)))
        goto out;
    int rc = zvmc_convert_run(cv, &a.opts);
    if (rc != 0) {
        if (rc == ZVMC_EINPUT) {
            print_errors(ctx);
            print_errors(eq);
        }
        fprintf(stderr, "zvmc %s: %s\n", CMD, zvmc_convert_message(cv));
        goto out;
    }
    if (replaces_input(cv, &a) || emit(cv, &a))
        goto out;
    unsigned skeleton, other = zvmc_convert_check_errors(cv, &skeleton);
    status = EXIT_CLEAN;
    if (other) {
        cli_diag_opts d = { ZVMC_FORMAT_TEXT, 0 };
        cli_print_diags(zvmc_convert_check_context(cv), &d);
        fprintf(stderr, "zvmc %s: the converted files fail zvmc check (%u error%s besides the "
                "ISLINK skeletons)\n", CMD, other, other == 1 ? "" : "s");
        status = EXIT_FINDINGS;
    }
out:
    cli_inputs_free(&a.in);
    zvmc_convert_free(cv);
    zvmc_ctx_free(eq);
    zvmc_ctx_free(ctx);
    return status;
}
