/* SPDX-License-Identifier: MIT */
/* zvmc: the command-line client.  Dispatches to one subcommand per file. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "zvmc/runtime.h"

static const cli_cmd commands[] = {
    { "check", cmd_check, "check SYSTEM CONFIG and source directory files" },
    { "explain", cmd_explain, "print the page of a check: what it finds, why, the fix" },
    { "relocate", cmd_relocate, "Live Guest Relocation eligibility: test one guest, or the matrix" },
    { "diskmap", cmd_diskmap, "map the minidisks of a directory per volume: gaps and overlaps" },
    { "convert", cmd_convert, "convert a CSE cluster to SSI, with a report on every statement" },
    { "plan", cmd_plan, "plan relocations that empty SSI members: service, new processors" },
    { "view", cmd_view, "print the SYSTEM CONFIG statements that apply to one member" },
    { "compile", cmd_compile, "compile SYSTEM CONFIG and directory to an object directory" },
    { "dump", cmd_dump, "write an object directory as directory source, config, JSON or XML" },
    /* further subcommands register here, one line each */
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: zvmc COMMAND [OPTION]... [FILE]...\n"
            "zvmc compiles and checks IBM z/VM configuration: SYSTEM CONFIG and the\n"
            "source user directory (USER DIRECT).\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nOptions:\n"
            "  -h, --help     show this help; 'zvmc COMMAND --help' for a command's options\n"
            "  --version      show the version and the object directory format\n"
            "\nExit status: 0 no errors, 1 errors found, 2 usage or input/output error.\n"
            "Documentation: docs/ in the source tree; the checks are listed by\n"
            "'zvmc check --list-checks'.\n");
}

/* What a command wrote to standard output must have reached it: a report
 * redirected to a full disk must not end in exit 0.  Buffered writes fail
 * only when flushed, so the check is here, once, for every command. */
static int output_written(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    if (status != EXIT_USAGE)   /* a command that failed has said why */
        fprintf(stderr, "zvmc: cannot write the output: %s\n",
                errno ? strerror(errno) : "write error");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
#ifdef SIGXFSZ
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG, so
     * that the output's temporary file is removed and the old file kept with
     * a message; the default action kills zvmc and leaves the temporary. */
    signal(SIGXFSZ, SIG_IGN);
#endif
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return output_written(EXIT_CLEAN);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("zvmc %s\nobject directory format %d (reads %d to %d; writes 1 unless the user "
               "names need a seeded index)\n", zvmc_version(),
               ZVMC_OBJDIR_VERSION, ZVMC_OBJDIR_OLDEST_VERSION, ZVMC_OBJDIR_VERSION);
        return output_written(EXIT_CLEAN);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return output_written(commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "zvmc: '%s' is not a command; see 'zvmc --help'\n", argv[1]);
    return EXIT_USAGE;
}
