/* SPDX-License-Identifier: MIT */
/*
 * fuzz_convert.c - libFuzzer harness: the CSE to SSI converter of
 * <zvmc/convert.h> (docs/convert.md), called as `zvmc convert` calls it
 * (src/cli/cmd_convert.c), over every result it gives.
 *
 * An input is an options line, then sections, each started by a line "%%c"
 * (a CSE SYSTEM CONFIG; several make one configuration of several files),
 * "%%d" (the CSE source directory) or "%%e" (the SSI side's SYSTEM CONFIG,
 * --eqid-config).  The options line holds the words
 *
 *     cluster=NAME members=SYS1,SYS2,... pdr=VOLID res=VOL1,VOL2,... level=V.R
 *
 * any of which may be missing (the converter must then refuse cleanly).
 * fuzz/seeds.sh makes one input of each tests/golden/convert/NAME.cmd.
 *
 * After a successful run every output, item, added line and system is read
 * back, the totals must add up, both reports are rendered, and so are the
 * diagnostics of the context the outputs were checked in.  One input in 16
 * (by a hash of its bytes) also has its outputs and report written by
 * zvmc_convert_write() into a temporary directory (on /dev/shm when there is
 * one), read back, compared with the outputs in memory, and removed with the
 * directory.  Any crash, leak, hang, sanitizer report or
 * difference is a bug; the input then goes to tests/fuzz-regressions/convert/.
 */
#include <stdio.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "zvmc/convert.h"

#define MAX_FILES 4     /* sections of each kind */
#define MAX_NAMES 16    /* as the CLI's --members and --res-volumes */

typedef struct fz_opts {
    char line[512];     /* the options line, cut into NUL-terminated words */
    const char *members[MAX_NAMES], *res[MAX_NAMES];
    size_t nmembers, nres;
    const char *level;
    zvmc_convert_opts o;
} fz_opts;

static size_t split_list(char *s, const char **v)
{
    size_t n = 0;
    for (char *p = s; n < MAX_NAMES;) {
        v[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p++ = '\0';
    }
    return n;
}

static void read_options(fz_opts *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    if (len >= sizeof f->line)
        len = sizeof f->line - 1;
    memcpy(f->line, text, len);
    f->line[len] = '\0';
    char *save = NULL;
    for (char *w = strtok_r(f->line, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
        char *v = strchr(w, '=');
        if (!v)
            continue;
        *v++ = '\0';
        if (!strcmp(w, "cluster"))
            f->o.cluster = v;
        else if (!strcmp(w, "members"))
            f->nmembers = split_list(v, f->members);
        else if (!strcmp(w, "pdr"))
            f->o.pdr_volume = v;
        else if (!strcmp(w, "res"))
            f->nres = split_list(v, f->res);
        else if (!strcmp(w, "level"))
            f->level = v;
    }
    f->o.members = f->members;
    f->o.nmembers = f->nmembers;
    f->o.res_volumes = f->nres ? f->res : NULL;
    f->o.nres_volumes = f->nres;
}

/* Does a section of kind @k start at @i? */
static int is_marker(const char *text, size_t len, size_t i, char k)
{
    return i + 3 < len && (i == 0 || text[i - 1] == '\n') && text[i] == '%' && text[i + 1] == '%' &&
           text[i + 2] == k && text[i + 3] == '\n';
}

static int has_section(const char *text, size_t len, char k)
{
    for (size_t i = 0; i + 3 < len; i++)
        if (is_marker(text, len, i, k))
            return 1;
    return 0;
}

/* Queue the sections of kind @k ('c', 'd' or 'e') in @ctx.  0, or an error. */
static int add_sections(zvmc_ctx *ctx, const char *text, size_t len, char k, int *found)
{
    int n = 0;
    for (size_t i = 0; i + 3 < len; i++) {
        if (!is_marker(text, len, i, k))
            continue;
        size_t start = i + 4, end = start;
        while (end < len && !(text[end - 1] == '\n' && text[end] == '%' && end + 1 < len &&
                              text[end + 1] == '%'))
            end++;
        if (n == MAX_FILES)
            break;
        char name[32];
        snprintf(name, sizeof name, "fuzz%d.%s", ++n, k == 'd' ? "direct" : "config");
        int rc = zvmc_add_buffer(ctx, name, text + start, end - start,
                                 k == 'd' ? ZVMC_FILE_DIRECTORY : ZVMC_FILE_SYSCONFIG);
        if (rc)
            return rc;
        i = end - 1;
    }
    *found += n;
    return 0;
}

/* ---- Writing, into a temporary directory of its own ---- */
/* Is the file at @path exactly @data?  It is removed either way. */
static int same_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    int same = 0;
    if (f) {
        size_t got = 0;
        char buf[4096];
        same = 1;
        for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0; got += n)
            if (got + n > len || memcmp(buf, data + got, n) != 0)
                same = 0;
        same &= got == len;
        fclose(f);
    }
    unlink(path);
    return same;
}

static void write_and_compare(zvmc_convert *cv, const char *dir)
{
    if (zvmc_convert_write(cv) != 0)
        abort();    /* the directory exists and is ours: nothing may fail */
    for (size_t i = 0; i < zvmc_convert_output_count(cv); i++) {
        const zvmc_convert_output *o = zvmc_convert_output_get(cv, i);
        if (!same_file(o->path, o->data, o->len))
            abort();
    }
    char path[300];
    snprintf(path, sizeof path, "%s/report", dir);
    if (zvmc_convert_write_report(cv, ZVMC_FORMAT_JSON, path) != 0)
        abort();
    unlink(path);
}

/* ---- Reading every result back ---- */
static void read_results(zvmc_convert *cv)
{
    size_t nout = zvmc_convert_output_count(cv);
    for (size_t i = 0; i < nout; i++) {
        const zvmc_convert_output *o = zvmc_convert_output_get(cv, i);
        if (!o || !o->name || !o->path || (o->len && !o->data))
            abort();
        if (o->len)
            fz_sink += memchr(o->data, '\n', o->len) != NULL;
    }
    if (zvmc_convert_output_get(cv, nout))
        abort();
    zvmc_convert_totals t;
    zvmc_convert_get_totals(cv, &t);
    if (t.input != t.carried + t.converted + t.removed + t.decision ||
        t.input != zvmc_convert_item_count(cv) || t.added != zvmc_convert_added_count(cv))
        abort();
    for (size_t i = 0; i < zvmc_convert_item_count(cv); i++) {
        const zvmc_convert_item *it = zvmc_convert_item_get(cv, i);
        if (!it || !it->file || !it->statement || (it->ndetails && !it->details))
            abort();
        for (size_t k = 0; k < it->ndetails; k++)
            fz_sink += strlen(it->details[k]);
    }
    for (size_t i = 0; i < zvmc_convert_added_count(cv); i++) {
        const zvmc_convert_added *a = zvmc_convert_added_get(cv, i);
        if (!a || !a->to_file || !a->text)
            abort();
    }
    for (size_t i = 0; i < zvmc_convert_system_count(cv); i++) {
        const zvmc_convert_system *s = zvmc_convert_system_get(cv, i);
        if (!s || !s->name || (s->nentries && !s->entries))
            abort();
    }
    zvmc_convert_report(cv, ZVMC_FORMAT_TEXT, fz_discard, NULL);
    zvmc_convert_report(cv, ZVMC_FORMAT_JSON, fz_discard, NULL);
    unsigned skeleton;
    zvmc_convert_check_errors(cv, &skeleton);
    zvmc_ctx *checked = zvmc_convert_check_context(cv);
    if (!checked)
        abort();
    zvmc_render(checked, ZVMC_FORMAT_TEXT, 0, fz_discard, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t head = nl ? (size_t)(nl - text) : size;
    char dir[256] = "";     /* the temporary directory, when this input writes */
    fz_opts *f = malloc(sizeof *f);
    zvmc_ctx *ctx = zvmc_ctx_new(NULL), *eq = NULL;
    zvmc_convert *cv = NULL;
    if (!f || !ctx)
        goto out;
    read_options(f, text, head);
    if (f->level && zvmc_set_zvm_level(ctx, f->level) != 0)
        goto out;   /* the CLI refuses it as a usage error */
    int inputs = 0, eqids = 0;
    if (add_sections(ctx, text, size, 'c', &inputs) || add_sections(ctx, text, size, 'd', &inputs) ||
        !inputs || zvmc_run_checks(ctx) < 0)
        goto out;
    if (has_section(text, size, 'e')) {
        if (!(eq = zvmc_ctx_new(NULL)) || add_sections(eq, text, size, 'e', &eqids) ||
            zvmc_run_checks(eq) < 0)
            goto out;
        f->o.eqid_ctx = eq;
    }
    if (fz_hash(data, size) % 16 == 0 && !fz_temp_dir(dir, sizeof dir, "convert"))
        goto out;
    f->o.out_dir = dir[0] ? dir : "/nonexistent/zvmc-fuzz";
    if (!(cv = zvmc_convert_new(ctx)))
        goto out;
    if (zvmc_convert_run(cv, &f->o) == 0) {
        read_results(cv);
        if (dir[0])
            write_and_compare(cv, dir);
    } else if (!zvmc_convert_message(cv)) {
        abort();
    }
out:
    if (dir[0])
        rmdir(dir);
    zvmc_convert_free(cv);
    zvmc_ctx_free(eq);
    zvmc_ctx_free(ctx);
    free(f);
    return 0;
}
