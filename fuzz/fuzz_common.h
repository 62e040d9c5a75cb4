/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - what the harnesses over the whole library share: every
 * check on, the diagnostics read back and rendered, and the "%%" form that
 * puts a SYSTEM CONFIG and a directory in one input.
 *
 * SARIF is rendered over at most FUZZ_SARIF_DIAGS diagnostics, after
 * zvmc_diag_filter() (which is fuzzed that way).  The limit was 8 while
 * render_sarif() found each result's rule index by scanning the findings once
 * per check (quadratic); it finds them in one pass now (rule_indexes() in
 * src/emit/diag_sarif.c), so the limit is there only to keep inputs with
 * hundreds of findings from spending the fuzzer's time writing JSON; 64
 * findings can name dozens of checks, each a rule.  The other renderers see
 * every diagnostic.
 */
#ifndef ZVMC_FUZZ_COMMON_H
#define ZVMC_FUZZ_COMMON_H

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zvmc/compile.h"
#include "zvmc/relocate.h"
#include "zvmc/runtime.h"
#include "zvmc/zvmc.h"

#ifndef FUZZ_SARIF_DIAGS
#define FUZZ_SARIF_DIAGS 64
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where reads go so that the compiler keeps them. */
static volatile size_t fz_sink;

static inline int fz_discard(void *arg, const char *data, size_t len)
{
    (void)arg;
    (void)data;
    (void)len;
    return 0;
}

/* Every check on, so that none is skipped: the ones off by default are
 * turned on (with the checks they need); the others are on already.  0, or
 * the library's error. */
static inline int fz_all_checks(zvmc_ctx *ctx)
{
    for (size_t i = 0; i < zvmc_check_count(); i++) {
        const zvmc_check_info *c = zvmc_check_get(i);
        int rc = c->default_on ? 0 : zvmc_set_check(ctx, c->name, ZVMC_LEVEL_ON);
        if (rc)
            return rc;
    }
    return 0;
}

static inline int fz_keep_first(void *arg, const zvmc_ctx *ctx, size_t i)
{
    (void)ctx;
    return i < *(const size_t *)arg;
}

/* FNV-1a: picks the renderer of an input (fz_render). */
static inline uint32_t fz_hash(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return h;
}

/* A statement of a member's view (zvmc_config_view): it must say where it is. */
static inline int fz_on_view_statement(void *arg, const char *file, unsigned line,
                                       const char *text, size_t len)
{
    (void)arg;
    if (!file || !text || line == 0)
        abort();
    fz_sink += len;
    return 0;
}

/* After zvmc_run_checks(): every member's view of the SYSTEM CONFIG, then the
 * view of a system the file cannot name (ZVMC_ENOMEMBER_VIEW). */
static inline void fz_views(zvmc_ctx *ctx)
{
    for (size_t i = 0; i < zvmc_reloc_member_count(ctx); i++) {
        const char *m = zvmc_reloc_member(ctx, i);
        int rc = m ? zvmc_config_view(ctx, m, fz_on_view_statement, NULL) : -1;
        if (rc != 0 && rc != ZVMC_ENOMEM)
            abort();
    }
    int rc = zvmc_config_view(ctx, "NO#SUCH", fz_on_view_statement, NULL);
    if (rc != ZVMC_ENOMEMBER_VIEW && rc != ZVMC_ENOMEM)
        abort();
}

/*
 * Remove what an earlier run of harness @tag left in @base when it was
 * interrupted (libFuzzer leaves on SIGINT without running atexit handlers,
 * mostly in the middle of an input, its files written): the directories
 * "zvmc-fuzz-@tag-PID.*" of processes that no longer exist, and their files.
 */
static inline void fz_reap_stale(const char *base, const char *tag)
{
    char prefix[64];
    int plen = snprintf(prefix, sizeof prefix, "zvmc-fuzz-%s-", tag);
    DIR *d = plen > 0 && (size_t)plen < sizeof prefix ? opendir(base) : NULL;
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        char *end;
        if (strncmp(e->d_name, prefix, (size_t)plen) != 0)
            continue;
        long pid = strtol(e->d_name + plen, &end, 10);
        if (end == e->d_name + plen || *end != '.' || pid <= 0 ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;   /* not ours, or its process is still there */
        char path[512], file[1024];
        snprintf(path, sizeof path, "%s/%s", base, e->d_name);
        DIR *sub = opendir(path);
        for (struct dirent *f; sub && (f = readdir(sub));) {
            if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0) {
                snprintf(file, sizeof file, "%s/%s", path, f->d_name);
                unlink(file);
            }
        }
        if (sub)
            closedir(sub);
        rmdir(path);
    }
    closedir(d);
}

/* A temporary directory of the harness's own, "zvmc-fuzz-@tag-PID.XXXXXX" on
 * /dev/shm when there is one (no disk writes), else in $TMPDIR or /tmp; the
 * first call of a process removes those of earlier, interrupted runs
 * (fz_reap_stale()).  1, or 0 when it cannot be made. */
static inline int fz_temp_dir(char *dir, size_t size, const char *tag)
{
    static int reaped;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    base = base ? base : "/tmp";
    if (!reaped) {
        fz_reap_stale(base, tag);
        reaped = 1;
    }
    snprintf(dir, size, "%s/zvmc-fuzz-%s-%ld.XXXXXX", base, tag, (long)getpid());
    return mkdtemp(dir) != NULL;
}

/*
 * Dump an opened object directory in one of the zvmc_dump() forms, picked by
 * @pick: directory source of the whole cluster or of its first member as that
 * member sees it, SYSTEM CONFIG, JSON or XML.  Only the runtime's validation
 * stands between the dump and the image, so anything but 0 or ZVMC_ENOMEM
 * (the sink never fails) is a bug.
 */
static inline void fz_dump(const struct zvmc_objdir *od, uint32_t pick)
{
    static const zvmc_dump_format formats[] = { ZVMC_DUMP_TEXT, ZVMC_DUMP_TEXT, ZVMC_DUMP_CONFIG,
                                                ZVMC_DUMP_JSON, ZVMC_DUMP_XML };
    uint32_t k = pick % 5;
    struct zvmc_member m;
    const char *member = k == 1 && zvmc_member_get(od, 0, &m) == 0 ? m.name : NULL;
    int rc = zvmc_dump(od, formats[k], member, fz_discard, NULL);
    if (rc != 0 && rc != ZVMC_ENOMEM)
        abort();
}

/*
 * After zvmc_run_checks(): read every diagnostic back (anything inconsistent
 * aborts, so that the fuzzer reports it), then render them in one format,
 * picked by a hash of the input: text (with colour), JSON, CPSYNTAX or SARIF
 * (over the first FUZZ_SARIF_DIAGS, see above).  All four each time took a
 * quarter of the harness's time; this way every format still sees every kind
 * of input, and the coverage feedback steers inputs into each of them.
 */
static inline void fz_render(zvmc_ctx *ctx, const uint8_t *data, size_t size)
{
    size_t n = zvmc_diag_count(ctx);
    for (size_t i = 0; i < n; i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        size_t len;
        if (!d || !d->check || !d->message || (d->n_notes && !d->notes))
            abort();
        const char *text = zvmc_diag_source_text(ctx, i, &len);
        if (text && len)    /* memchr reads the whole span, so ASan checks it */
            fz_sink += memchr(text, '\n', len) != NULL;
    }
    if (zvmc_diag_at(ctx, n))
        abort();
    switch (fz_hash(data, size) % 4) {
    case 0:
        zvmc_render(ctx, ZVMC_FORMAT_TEXT, ZVMC_RENDER_COLOR, fz_discard, NULL);
        break;
    case 1:
        zvmc_render(ctx, ZVMC_FORMAT_JSON, 0, fz_discard, NULL);
        break;
    case 2:
        zvmc_render(ctx, ZVMC_FORMAT_CPSYNTAX, 0, fz_discard, NULL);
        break;
    default:
        if (n > FUZZ_SARIF_DIAGS) {
            size_t keep = FUZZ_SARIF_DIAGS;
            if (zvmc_diag_filter(ctx, fz_keep_first, &keep) < 0)
                return;     /* out of memory */
        }
        zvmc_render(ctx, ZVMC_FORMAT_SARIF, 0, fz_discard, NULL);
        break;
    }
}

/*
 * The "%%" form: the first line holding only "%%" (not the input's first
 * line) splits an input into a SYSTEM CONFIG before it and a directory after
 * it.  Returns 1 and sets *cfg_len (the SYSTEM CONFIG is data[0..*cfg_len),
 * its last newline included) and *dir (the offset of the directory, just
 * after the "%%" line); returns 0 and leaves both alone when there is no
 * such line.
 */
static inline int fz_split(const uint8_t *data, size_t size, size_t *cfg_len, size_t *dir)
{
    for (size_t i = 0; i + 3 < size; i++) {
        if (data[i] == '\n' && data[i + 1] == '%' && data[i + 2] == '%' && data[i + 3] == '\n') {
            *cfg_len = i + 1;
            *dir = i + 4;
            return 1;
        }
    }
    return 0;
}

#endif
