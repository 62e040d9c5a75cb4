/* SPDX-License-Identifier: MIT */
/* Shared pieces of the command-line client.  The CLI is a thin client of the
 * public API in include/zvmc/: it parses options, calls the library, prints. */
#ifndef ZVMC_CLI_CLI_H
#define ZVMC_CLI_CLI_H

#include <stdio.h>
#include "zvmc/zvmc.h"

/* Exit codes shared by every subcommand. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

typedef struct cli_cmd {
    const char *name;
    int (*run)(int argc, char **argv);  /* argv[0] is the subcommand name */
    const char *summary;
} cli_cmd;

/* Subcommands (one file each: cmd_NAME.c) */
int cmd_check(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_diskmap(int argc, char **argv);
int cmd_relocate(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_dump(int argc, char **argv);

/* Diagnostics output and -W options shared by the subcommands that check. */
typedef struct cli_diag_opts {
    zvmc_format format;
    int color;                  /* -1: auto (a tty), 0 never, 1 always */
} cli_diag_opts;

/* A zvmc_write_fn that writes to a FILE*. */
int cli_write_file(void *arg, const char *data, size_t len);
/* An output file written atomically (cli/outfile.c): write to o->f. */
typedef struct cli_out {
    FILE *f;
    const char *path;
    zvmc_outfile *out;          /* the temporary beside path; NULL for stdout ("-") */
} cli_out;
/* Is @out (given with option @opt) the file @in, which the command reads?  Then
 * the error is printed, naming @cmd, and 1 returned; else 0 (also when either
 * does not exist yet, or @out is "-"). */
int cli_out_is_input(const char *cmd, const char *opt, const char *out, const char *in);
/* Open a temporary file beside @path, or stdout for "-"; -1 with errno. */
int cli_out_open(cli_out *o, const char *path);
/* With @ok, flush it and rename it over the path; without (or when that
 * fails: -1 with errno) remove it, leaving what was at the path. */
int cli_out_close(cli_out *o, int ok);
/* A context for one command: zvmc_ctx_new(NULL) with its files mapped
 * (zvmc_set_map_files: a command's inputs are not written while it runs). */
zvmc_ctx *cli_ctx_new(void);
/* Handle one -W or --color option, which every command that checks takes.
 * Returns 1 if consumed, 0 if not one of them, -1 on a bad value (message
 * printed). */
int cli_common_option(zvmc_ctx *ctx, const char *arg, cli_diag_opts *o);
/* After zvmc_run_checks(): is @member (--member; NULL: none given) a system
 * the inputs do not define?  Then the error is printed and 1 returned: a
 * misspelt member would leave nothing to check, and the run would pass. */
int cli_member_unknown(zvmc_ctx *ctx, const char *cmd, const char *member);
/* The index of member @name (any case) among the resolved cluster's members
 * (zvmc_reloc_member()), or -1. */
int cli_member_index(zvmc_ctx *ctx, const char *name);
/* End a message on stderr with " (the members are A B ...)" and a newline,
 * or with @none and a newline when the cluster has no members. */
void cli_members_note(zvmc_ctx *ctx, const char *none);
/* " A B ...": the members of an object directory, on stderr. */
struct zvmc_objdir;
void cli_objdir_members(const struct zvmc_objdir *od);
/* Print the diagnostics of @ctx to stderr (text) or stdout (json, sarif). */
int cli_print_diags(zvmc_ctx *ctx, const cli_diag_opts *o);
/* Parse --format values shared by the checking commands. */
int cli_parse_format(const char *s, zvmc_format *f);
/* The files a command reads (inputs.c): added to its context and remembered,
 * so that no output of the command replaces one of them. */
typedef struct cli_inputs {
    const char **path;
    size_t n, cap;
    int io_error;               /* one of them could not be read */
} cli_inputs;
/* zvmc_add_file(@ctx, @path, @kind), or for "-" standard input as the buffer
 * "<stdin>" (once); -1 when it could not be read (a diagnostic, or a message
 * printed). */
int cli_read_input(zvmc_ctx *ctx, const char *path, zvmc_file_kind kind);
/* The whole of @f, at most @max bytes, into a malloc'd buffer with a NUL after
 * them: 0, or -1 with errno (ENOMEM when out of memory). */
int cli_read_stream(FILE *f, size_t max, char **data, size_t *len);
/* cli_read_stream() of standard input, once: 0, or -1 after a message. */
int cli_read_stdin(size_t max, char **data, size_t *len);
/* Open the object directory @path, or for "-" the one on standard input (read
 * into *@buf, which the caller frees after zvmc_objdir_close(); NULL for a
 * file): 0, or -1 after a message naming @cmd. */
int cli_objdir_open(const char *cmd, const char *path, struct zvmc_objdir **od, char **buf);
/* cli_read_input(), and @path remembered; -1 when out of memory (message
 * printed).  A file that cannot be read sets in->io_error (its diagnostic
 * comes with the others). */
int cli_add_input(zvmc_ctx *ctx, cli_inputs *in, const char *path, zvmc_file_kind kind);
/* Is @out (given with option @opt) one of the inputs?  As cli_out_is_input(). */
int cli_output_is_input(const char *cmd, const cli_inputs *in, const char *opt, const char *out);
void cli_inputs_free(cli_inputs *in);

/* What the options `zvmc check` and `zvmc compile` share gave (check_options.c). */
typedef struct cli_check_opts {
    cli_diag_opts diag;
    long max_errors;            /* --max-errors N; -1 when not given */
    int nconfig, ndir;          /* --config and --directory files given */
    cli_inputs in;              /* every input file */
} cli_check_opts;
#define CLI_CHECK_OPTS_INIT { { ZVMC_FORMAT_TEXT, -1 }, -1, 0, 0, { NULL, 0, 0, 0 } }
/* One option of `zvmc check` or `zvmc compile` at argv[*i]: those of
 * cli_common_option(), --format, --max-errors, --zvm-level, --config FILE,
 * --directory FILE, --no-imbed.  A value is argv[*i + 1], and *i moves past
 * it.  Returns 1 if consumed, 0 if not one of them, -1 on a missing or bad
 * value (message printed, naming the command @cmd). */
int cli_check_option(zvmc_ctx *ctx, const char *cmd, int argc, char **argv, int *i,
                     cli_check_opts *o);
/* The help text of those options but --config, --directory and --no-imbed,
 * for the --help of `zvmc check` and `zvmc compile`. */
extern const char cli_common_help[];
void cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
