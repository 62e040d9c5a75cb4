/* SPDX-License-Identifier: MIT */
/* zvmc check --write-baseline / --baseline (docs/baseline.md).
 *
 * A finding's fingerprint is a 64-bit FNV-1a hash of, each followed by a NUL:
 *   1. the check name;
 *   2. the base name of its file ("" when it has none);
 *   3. the text of the source records under its span, uppercased, with every
 *      run of blanks made one blank and the ends trimmed;
 *   4. its message, blanks collapsed, with line and record numbers made '#'.
 * Nothing in it is a position, so inserting or deleting records elsewhere, or
 * re-indenting the statement, leaves it alone; editing the statement or a
 * change in what zvmc says about it makes a new finding. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli/baseline.h"
#include "cli/cli.h"

#define BASELINE_MAGIC "# zvmc baseline 1"
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(uint64_t h, unsigned char c) { return (h ^ c) * FNV_PRIME; }
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x1a; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c; }

static uint64_t hash_raw(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = fnv(h, (unsigned char)*s);
    return fnv(h, 0);
}

static uint64_t hash_record_text(uint64_t h, const char *s, size_t n)
{
    int pending_blank = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_blank(s[i])) {
            pending_blank = any;
            continue;
        }
        if (pending_blank)
            h = fnv(h, ' ');
        h = fnv(h, (unsigned char)upper(s[i]));
        pending_blank = 0;
        any = 1;
    }
    return fnv(h, 0);
}

/* Whether the word ending just before @end (blanks skipped) names a place. */
static int after_place_word(const char *start, const char *end)
{
    static const char *const words[] = { "line", "lines", "record", "records" };
    while (end > start && is_blank(end[-1]))
        end--;
    const char *w = end;
    while (w > start && ((w[-1] >= 'a' && w[-1] <= 'z') || (w[-1] >= 'A' && w[-1] <= 'Z')))
        w--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if ((size_t)(end - w) == strlen(words[i])) {
            size_t k = 0;
            while (k < (size_t)(end - w) && (w[k] | 0x20) == words[i][k])
                k++;
            if (k == (size_t)(end - w))
                return 1;
        }
    return 0;
}

/* Numbers that are places ("line 75", "records 3-5", "FILE:75:3") become '#'. */
static uint64_t hash_message(uint64_t h, const char *m)
{
    int pending_blank = 0, any = 0;
    for (const char *p = m; *p; p++) {
        if (is_blank(*p)) {
            pending_blank = any;
            continue;
        }
        if (pending_blank)
            h = fnv(h, ' ');
        pending_blank = 0;
        any = 1;
        if (is_digit(*p) && (p == m || !is_digit(p[-1])) &&
            ((p > m && p[-1] == ':') || after_place_word(m, p))) {
            while (is_digit(p[1]) || ((p[1] == '-' || p[1] == ',') && is_digit(p[2])))
                p++;
            h = fnv(h, '#');
            continue;
        }
        h = fnv(h, (unsigned char)*p);
    }
    return fnv(h, 0);
}

static uint64_t fingerprint(const zvmc_ctx *ctx, size_t i)
{
    const zvmc_diag *d = zvmc_diag_at(ctx, i);
    const char *base = "";
    if (d->file) {
        base = strrchr(d->file, '/');
        base = base ? base + 1 : d->file;
    }
    size_t len;
    const char *text = zvmc_diag_source_text(ctx, i, &len);
    uint64_t h = hash_raw(FNV_OFFSET, d->check);
    h = hash_raw(h, base);
    h = hash_record_text(h, text ? text : "", len);
    return hash_message(h, d->message);
}

/* Findings about the run rather than the files are never baselined: a file
 * that cannot be read must not pass CI because it could not be read before. */
static int baselinable(const zvmc_diag *d)
{
    return strcmp(d->check, "input") != 0 && strcmp(d->check, "internal") != 0 &&
           strcmp(d->check, "max-errors") != 0;
}

static void put_printable(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
}

static int write_entries(FILE *f, const zvmc_ctx *ctx)
{
    int n = 0;
    fprintf(f, "%s\n# Written by zvmc %s; see docs/baseline.md.  One finding a line: its\n"
               "# fingerprint, then its check, place and message (for people; not read).\n",
            BASELINE_MAGIC, zvmc_version());
    for (size_t i = 0; i < zvmc_diag_count(ctx); i++) {
        const zvmc_diag *d = zvmc_diag_at(ctx, i);
        if (!baselinable(d))
            continue;
        fprintf(f, "%016llx %s ", (unsigned long long)fingerprint(ctx, i), d->check);
        if (d->file) {
            put_printable(f, d->file);
            fprintf(f, ":%u ", d->line);
        }
        put_printable(f, d->message);
        fputc('\n', f);
        n++;
    }
    return ferror(f) ? -1 : n;
}

int baseline_write(const zvmc_ctx *ctx, const char *path)
{
    /* Written beside the target and renamed over it: a reader (or a crash)
     * never sees half a baseline. */
    cli_out o;
    int n = -1;
    if (cli_out_open(&o, path) == 0) {
        n = write_entries(o.f, ctx);
        if (cli_out_close(&o, n >= 0) != 0)
            n = -1;
    }
    if (n < 0)
        fprintf(stderr, "zvmc: cannot write %s: %s\n", path, strerror(errno));
    return n;
}

/* The fingerprints of a baseline file, sorted; taken[k], at the first k of a
 * run of equal fingerprints, counts the findings the run has matched, so a
 * fingerprint recorded twice suppresses two findings. */
typedef struct entries {
    uint64_t *fp;
    size_t *taken;
    size_t n, cap;
} entries;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int parse_hex64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) {
        char c = s[i];
        int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    if (s[16] && s[16] != ' ' && s[16] != '\n')
        return -1;
    *out = v;
    return 0;
}

static int load(const char *path, entries *e)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "zvmc: cannot read the baseline %s: %s\n", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        lineno++;
        if (lineno == 1) {
            if (strncmp(line, BASELINE_MAGIC, strlen(BASELINE_MAGIC)) != 0 ||
                (line[strlen(BASELINE_MAGIC)] != '\n' && line[strlen(BASELINE_MAGIC)])) {
                fprintf(stderr, "zvmc: %s is not a zvmc baseline (it must start with '%s')\n",
                        path, BASELINE_MAGIC);
                rc = -1;
            }
            continue;
        }
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
            continue;
        uint64_t fp;
        if (parse_hex64(line, &fp) != 0) {
            fprintf(stderr, "zvmc: %s:%u: a baseline line starts with 16 hex digits\n", path,
                    lineno);
            rc = -1;
            break;
        }
        if (e->n == e->cap) {
            size_t ncap = e->cap ? e->cap * 2 : 64;
            uint64_t *p = realloc(e->fp, ncap * sizeof *p);
            if (!p) {
                fprintf(stderr, "zvmc: out of memory\n");
                rc = -1;
                break;
            }
            e->fp = p;
            e->cap = ncap;
        }
        e->fp[e->n++] = fp;
    }
    if (rc == 0 && ferror(f)) {
        fprintf(stderr, "zvmc: cannot read the baseline %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && lineno == 0) {
        fprintf(stderr, "zvmc: %s is empty, not a zvmc baseline\n", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    if (rc == 0) {
        e->taken = calloc(e->n ? e->n : 1, sizeof *e->taken);
        if (!e->taken) {
            fprintf(stderr, "zvmc: out of memory\n");
            return -1;
        }
        if (e->n)   /* a baseline of a clean run has no entries, and e->fp is NULL */
            qsort(e->fp, e->n, sizeof *e->fp, cmp_u64);
    }
    return rc;
}

/* Take one unused entry equal to @fp; whether there was one.  The run's count
 * replaces a scan of its used entries: 200,000 identical findings against
 * their baseline took 11.4 s (50,000: 0.52 s). */
static int take(entries *e, uint64_t fp)
{
    size_t lo = 0, hi = e->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->fp[mid] < fp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == e->n || e->fp[lo] != fp)
        return 0;
    size_t k = lo + e->taken[lo];
    if (k == e->n || e->fp[k] != fp)
        return 0;
    e->taken[lo]++;
    return 1;
}

static int keep_new(void *arg, const zvmc_ctx *ctx, size_t i)
{
    const zvmc_diag *d = zvmc_diag_at(ctx, i);
    return !baselinable(d) || !take(arg, fingerprint(ctx, i));
}

int baseline_apply(zvmc_ctx *ctx, const char *path, baseline_stats *st)
{
    entries e = { NULL, NULL, 0, 0 };
    int rc = load(path, &e);
    if (rc == 0) {
        int n = zvmc_diag_filter(ctx, keep_new, &e);
        if (n < 0) {
            fprintf(stderr, "zvmc: %s\n", zvmc_errmsg(n));
            rc = -1;
        } else {
            st->suppressed = (unsigned)n;
            size_t taken = 0;
            for (size_t k = 0; k < e.n; k++)
                taken += e.taken[k];
            st->stale = (unsigned)(e.n - taken);
        }
    }
    free(e.fp);
    free(e.taken);
    return rc;
}

void baseline_note(const baseline_stats *st, const char *path)
{
    if (st->suppressed)
        fprintf(stderr, "zvmc: note: %u finding%s suppressed by the baseline %s\n",
                st->suppressed, st->suppressed == 1 ? " was" : "s were", path);
    if (st->stale)
        fprintf(stderr,
                "zvmc: note: %u baseline entr%s no longer match%s a finding; "
                "'--write-baseline %s' drops %s\n",
                st->stale, st->stale == 1 ? "y" : "ies", st->stale == 1 ? "es" : "", path,
                st->stale == 1 ? "it" : "them");
}
