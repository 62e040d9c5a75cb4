/* SPDX-License-Identifier: MIT */
/* zvmc dump: an object directory as directory source, SYSTEM CONFIG, JSON or XML. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "zvmc/compile.h"
#include "zvmc/relocate.h"

static void help(void)
{
    printf("Usage: zvmc dump OBJDIR [--format text|config|json|xml] [--member NAME] [-o FILE]\n"
           "Write an object directory (from 'zvmc compile'; - reads standard input) out again:\n"
           "  text    the source directory (USER DIRECT), the default: the whole cluster,\n"
           "          or with --member the directory as that member sees it\n"
           "  config  the SYSTEM CONFIG statements the object directory holds\n"
           "  json    everything, as JSON\n"
           "  xml     everything, as XML (docs/zvmc.xsd)\n\n"
           "The whole-cluster text and the config compile back to an identical object\n"
           "directory (docs/compile.md says what an object directory does not keep).\n\n"
           "Exit status: 0, or 2 on usage or input/output errors (a damaged object\n"
           "directory is refused with the reason).\n");
}

int cmd_dump(int argc, char **argv)
{
    const char *path = NULL, *member = NULL, *out = NULL;
    zvmc_dump_format fmt = ZVMC_DUMP_TEXT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            help();
            return EXIT_CLEAN;
        } else if (!strcmp(a, "--format")) {
            if (val && !strcmp(val, "text")) fmt = ZVMC_DUMP_TEXT;
            else if (val && (!strcmp(val, "config") || !strcmp(val, "sysconfig"))) fmt = ZVMC_DUMP_CONFIG;
            else if (val && !strcmp(val, "json")) fmt = ZVMC_DUMP_JSON;
            else if (val && !strcmp(val, "xml")) fmt = ZVMC_DUMP_XML;
            else {
                cli_usage_error("dump", "--format takes text, config, json or xml");
                return EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--member") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (!val) {
                cli_usage_error("dump", "%s needs a value", a);
                return EXIT_USAGE;
            }
            *(!strcmp(a, "--member") ? &member : &out) = val;
            i++;
        } else if (a[0] == '-' && a[1]) {
            cli_usage_error("dump", "unknown option '%s'", a);
            return EXIT_USAGE;
        } else if (!path) {
            path = a;
        } else {
            cli_usage_error("dump", "one object directory at a time");
            return EXIT_USAGE;
        }
    }
    if (!path) {
        cli_usage_error("dump", "no object directory");
        return EXIT_USAGE;
    }
    if (member && fmt != ZVMC_DUMP_TEXT) {
        cli_usage_error("dump", "--member goes with --format text");
        return EXIT_USAGE;
    }
    if (cli_out_is_input("dump", "-o", out, path))
        return EXIT_USAGE;
    struct zvmc_objdir *od;
    char *image;        /* the object directory read from standard input, or NULL */
    if (cli_objdir_open("dump", path, &od, &image) != 0)
        return EXIT_USAGE;
    int rc;
    if (member && zvmc_member_find(od, member) == -ZVMC_ERR_NOTFOUND) {
        fprintf(stderr, "zvmc dump: --member %s: the object directory has no such member (its "
                "members are", member);
        cli_objdir_members(od);
        fprintf(stderr, ")\n");
        zvmc_objdir_close(od);
        free(image);
        return EXIT_USAGE;
    }
    cli_out o;      /* written atomically: a failed dump leaves no half file */
    if (cli_out_open(&o, out ? out : "-") != 0) {
        fprintf(stderr, "zvmc dump: %s: %s\n", out, strerror(errno));
        zvmc_objdir_close(od);
        free(image);
        return EXIT_USAGE;
    }
    rc = zvmc_dump(od, fmt, member, cli_write_file, o.f);
    zvmc_objdir_close(od);
    free(image);
    if (cli_out_close(&o, rc == 0) != 0 && rc == 0) {
        fprintf(stderr, "zvmc dump: %s: %s\n", out ? out : "stdout", strerror(errno));
        return EXIT_USAGE;
    }
    if (rc < 0) {
        fprintf(stderr, "zvmc dump: %s\n", rc == ZVMC_ENOMEMBER
                ? "no member of that name in the object directory" : zvmc_compile_errmsg(rc));
        return EXIT_USAGE;
    }
    return EXIT_CLEAN;
}
