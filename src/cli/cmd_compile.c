/* SPDX-License-Identifier: MIT */
/* zvmc compile: check SYSTEM CONFIG and directory, then write the object directory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "zvmc/compile.h"

static void help(void)
{
    printf("Usage: zvmc compile --config FILE --directory FILE -o OBJDIR [--xml FILE]\n"
           "                    [--force] [OPTION]...\n"
           "Check a SYSTEM CONFIG and a source directory as 'zvmc check' does, then compile\n"
           "them to an object directory: every user's view on every member and the\n"
           "relocation verdicts, read by the runtime library (docs/objdir-format.md).\n"
           "An input FILE of - is standard input (once).\n\n"
           "Options:\n"
           "  --config FILE       the SYSTEM CONFIG (may be given more than once)\n"
           "  --directory FILE    the source directory (may be given more than once)\n"
           "  --no-imbed          do not follow SYSTEM CONFIG IMBED statements\n"
           "  -o, --output FILE   the object directory to write (cluster.zvmo by convention)\n"
           "  --xml FILE          also write the cluster as XML (docs/zvmc.xsd); - for stdout\n"
           "  --force             write even when the checks find errors\n"
           "%s"
           "  -h, --help          show this help\n\n"
           "The object directory is replaced atomically: a failed compile leaves the old one\n"
           "as it was.  With errors and no --force nothing is written.\n\n"
           "Exit status: 0 written without errors, 1 errors found (written only with\n"
           "--force), 2 usage or input/output errors.\n", cli_common_help);
}

/* Write the image's XML to @path ("-": stdout). */
static int write_xml(const unsigned char *img, size_t len, const char *path)
{
    struct zvmc_objdir *od;
    int rc = zvmc_objdir_open_buffer(img, len, &od);
    if (rc < 0) {
        fprintf(stderr, "zvmc compile: %s\n", zvmc_strerror(rc));
        return -1;
    }
    cli_out o;      /* written atomically, as the object directory is */
    if (cli_out_open(&o, path) != 0) {
        fprintf(stderr, "zvmc compile: %s: %s\n", path, strerror(errno));
        zvmc_objdir_close(od);
        return -1;
    }
    rc = zvmc_dump(od, ZVMC_DUMP_XML, NULL, cli_write_file, o.f);
    zvmc_objdir_close(od);
    if (cli_out_close(&o, rc == 0) != 0 && rc == 0) {
        fprintf(stderr, "zvmc compile: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (rc < 0) {
        fprintf(stderr, "zvmc compile: %s: %s\n", path, zvmc_compile_errmsg(rc));
        return -1;
    }
    return 0;
}

int cmd_compile(int argc, char **argv)
{
    zvmc_ctx *ctx = cli_ctx_new();
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return EXIT_USAGE;
    }
    cli_check_opts o = CLI_CHECK_OPTS_INIT;
    int status = EXIT_USAGE;
    unsigned flags = 0;
    const char *out = NULL, *xml = NULL;
    unsigned char *img = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        int r = cli_check_option(ctx, "compile", argc, argv, &i, &o);
        if (r < 0)
            goto out;
        if (r > 0)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            status = EXIT_CLEAN;
            goto out;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--xml")) {
            if (!val) {
                cli_usage_error("compile", "%s needs a file name", a);
                goto out;
            }
            *(strcmp(a, "--xml") ? &out : &xml) = val;
            i++;
        } else if (!strcmp(a, "--force")) {
            flags |= ZVMC_COMPILE_FORCE;
        } else {
            cli_usage_error("compile", "unknown option or operand '%s'", a);
            goto out;
        }
    }
    if (o.max_errors >= 0)
        zvmc_set_max_errors(ctx, (unsigned)o.max_errors);
    if (!o.nconfig || !o.ndir) {
        cli_usage_error("compile", "give the SYSTEM CONFIG (--config) and the directory "
                        "(--directory)");
        goto out;
    }
    if (!out && !xml) {
        cli_usage_error("compile", "give the object directory to write (-o FILE) or --xml FILE");
        goto out;
    }
    if (cli_output_is_input("compile", &o.in, "-o", out) ||
        cli_output_is_input("compile", &o.in, "--xml", xml))
        goto out;
    int errors = zvmc_run_checks(ctx);
    if (cli_print_diags(ctx, &o.diag) != 0) {
        fprintf(stderr, "zvmc: cannot write the diagnostics\n");
        goto out;
    }
    if (errors < 0) {
        fprintf(stderr, "zvmc compile: %s\n", zvmc_errmsg(errors));
        goto out;
    }
    if (o.in.io_error) {
        fprintf(stderr, "zvmc compile: an input could not be read; nothing written\n");
        goto out;
    }
    /* With --xml the image serves both outputs; -o alone streams it to the
     * file, never holding it in memory whole. */
    size_t len = 0;
    int rc = xml ? zvmc_compile(ctx, flags, &img, &len) : zvmc_write_objdir(ctx, flags, out);
    if (rc == ZVMC_EERRORS) {
        fprintf(stderr, "zvmc compile: %d error%s: %s not written (--force writes it anyway)\n",
                errors, errors == 1 ? "" : "s", out ? out : xml);
        status = EXIT_FINDINGS;
        goto out;
    }
    if (rc == ZVMC_EIO || (rc == 0 && xml && out && (rc = zvmc_image_write(out, img, len)) < 0)) {
        fprintf(stderr, "zvmc compile: %s: %s; the old file, if any, is unchanged\n", out,
                strerror(errno));
        goto out;
    }
    if (rc < 0) {
        fprintf(stderr, "zvmc compile: %s\n", zvmc_compile_errmsg(rc));
        goto out;
    }
    if (xml && write_xml(img, len, xml) != 0)
        goto out;
    status = errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
out:
    cli_inputs_free(&o.in);
    zvmc_image_free(img);
    zvmc_ctx_free(ctx);
    return status;
}
