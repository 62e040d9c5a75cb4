/* SPDX-License-Identifier: MIT */
#include <string.h>
#include "cli/reloc_cli.h"

/* Load the inputs and run the passes; print input errors.  NULL on failure. */
zvmc_ctx *reloc_load(int argc, char **argv, reloc_opts *o, const char *cmd)
{
    zvmc_ctx *ctx = cli_ctx_new();
    if (!ctx) {
        fprintf(stderr, "zvmc: out of memory\n");
        return NULL;
    }
    int have_dir = 0, io = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--config") || !strcmp(a, "--directory") || !strcmp(a, "--from") ||
            !strcmp(a, "--member") || !strcmp(a, "--format") || !strcmp(a, "--zvm-level")) {
            if (!val) {
                cli_usage_error(cmd, "%s needs a value", a);
                goto fail;
            }
            i++;
            if (!strcmp(a, "--config")) {
                io |= cli_read_input(ctx, val, ZVMC_FILE_SYSCONFIG) != 0;
            } else if (!strcmp(a, "--directory")) {
                io |= cli_read_input(ctx, val, ZVMC_FILE_DIRECTORY) != 0;
                have_dir = 1;
            } else if (!strcmp(a, "--from")) {
                o->from = val;
            } else if (!strcmp(a, "--member")) {
                o->member = val;
            } else if (!strcmp(a, "--zvm-level")) {
                if (zvmc_set_zvm_level(ctx, val) != 0) {
                    cli_usage_error(cmd, "--zvm-level takes V.R, e.g. 7.3");
                    goto fail;
                }
            } else if (!strcmp(val, "json")) {
                o->format = ZVMC_FORMAT_JSON;
            } else if (!strcmp(val, "text")) {
                o->format = ZVMC_FORMAT_TEXT;
            } else {
                cli_usage_error(cmd, "--format takes text or json");
                goto fail;
            }
        } else if (!strcmp(a, "--no-imbed")) {
            zvmc_set_follow_imbed(ctx, 0);
        } else if (a[0] == '-' && a[1]) {
            cli_usage_error(cmd, "unknown option '%s'", a);
            goto fail;
        } else if (o->positional < 2) {
            o->pos[o->positional++] = a;
        } else {
            cli_usage_error(cmd, "too many arguments");
            goto fail;
        }
    }
    if (!have_dir) {
        cli_usage_error(cmd, "--directory FILE is required");
        goto fail;
    }
    int errors = zvmc_run_checks(ctx);
    if (io || errors < 0) {
        cli_diag_opts d = { ZVMC_FORMAT_TEXT, 0 };
        cli_print_diags(ctx, &d);
        goto fail;
    }
    /* Findings that mean the input was not understood stop the job. */
    int bad = 0;
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        if (d->severity == ZVMC_SEV_ERROR &&
            (!strcmp(d->check, "syntax") || !strcmp(d->check, "input") ||
             !strcmp(d->check, "dir-operands")))
            bad = 1;
    }
    if (bad) {
        cli_diag_opts d = { ZVMC_FORMAT_TEXT, 0 };
        cli_print_diags(ctx, &d);
        fprintf(stderr, "zvmc %s: the input has errors; fix them first (zvmc check)\n", cmd);
        goto fail;
    }
    return ctx;
fail:
    zvmc_ctx_free(ctx);
    return NULL;
}

int reloc_member_index(zvmc_ctx *ctx, const char *cmd, const char *opt, const char *name)
{
    int i = cli_member_index(ctx, name);
    if (i < 0) {
        fprintf(stderr, "zvmc %s: %s%s'%s' is not a member of the cluster", cmd, opt ? opt : "",
                opt ? " " : "", name);
        cli_members_note(ctx, ": it has none");
    }
    return i;
}

void reloc_no_config_note(zvmc_ctx *ctx, FILE *out)
{
    if (!zvmc_reloc_has_config(ctx))
        fprintf(out, "note: no SYSTEM CONFIG was given: EQIDs, VSWITCHes, volumes and relocation "
                     "domains were not checked\n");
}

/* JSON text of a string, written in runs: a 100,000-guest matrix in JSON is
 * hundreds of megabytes, and a call per character would cost as much as the
 * matrix itself. */
void reloc_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    const char *run = s;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c != '"' && c != '\\' && c >= 0x20 && c < 0x7f)
            continue;
        fwrite(run, 1, (size_t)(s - run), out);
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else
            fprintf(out, "\\u%04x", c);
        run = s + 1;
    }
    if (run)
        fwrite(run, 1, (size_t)(s - run), out);
    fputc('"', out);
}

/* A number, as printf's %u writes it. */
static void put_uint(FILE *out, unsigned v)
{
    char buf[16];
    size_t k = sizeof buf;
    do {
        buf[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    fwrite(buf + k, 1, sizeof buf - k, out);
}

/* A device address, as printf's %04X writes it. */
static void put_hex4(FILE *out, unsigned v)
{
    char buf[16];
    size_t k = sizeof buf;
    do {
        buf[--k] = "0123456789ABCDEF"[v & 15];
        v >>= 4;
    } while (v);
    while (sizeof buf - k < 4)
        buf[--k] = '0';
    fwrite(buf + k, 1, sizeof buf - k, out);
}

void reloc_json_items(FILE *out, const zvmc_reloc_item *it, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{\"check\":" : "{\"check\":", out);
        reloc_json_str(out, it[i].check);
        if (it[i].vaddr >= 0) {
            fputs(",\"vaddr\":\"", out);
            put_hex4(out, (unsigned)it[i].vaddr);
            fputc('"', out);
        } else {
            fputs(",\"vaddr\":null", out);
        }
        fputs(it[i].confirmed ? ",\"confirmed\":true,\"message\":"
                              : ",\"confirmed\":false,\"message\":", out);
        reloc_json_str(out, it[i].message);
        fputs(",\"file\":", out);
        if (it[i].file)
            reloc_json_str(out, it[i].file);
        else
            fputs("null", out);
        fputs(",\"line\":", out);
        put_uint(out, it[i].line);
        fputs(",\"column\":", out);
        put_uint(out, it[i].column);
        fputc('}', out);
    }
    fputc(']', out);
}
