/* SPDX-License-Identifier: MIT */
/* zvmc relocate matrix: every user, every ordered member pair, and a summary
 * per member ("of 312 guests on LTICVM9, 298 can move to LTICVM2, ..."). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli/reloc_cli.h"
#include "zvmc/runtime.h"

#define MAXM 64

typedef struct pair_stats {
    unsigned guests, eligible;
    unsigned reasons[ZVMC_RELOC_REASON_COUNT];  /* guests blocked for each reason */
} pair_stats;

/* The blocked verdicts of the text report, kept compact until the summary is
 * out: the user (in names), the pair, and the check and device of each reason;
 * a verdict with the same reasons as the one before shares them. */
typedef struct blocked_verdict {
    uint32_t user;              /* offset in names */
    uint32_t first;             /* its reasons: reasons[first .. first + n - 1] */
    uint16_t n;
    uint8_t from, to;
} blocked_verdict;

typedef struct blocked_reason {
    int32_t vaddr;
    uint8_t check;              /* index in checks */
} blocked_reason;

typedef struct blocked_list {
    blocked_verdict *v;
    size_t nv, capv;
    blocked_reason *r;
    size_t nr, capr;
    char *names;
    size_t nnames, capnames, last_user;
    const char *last_name;
    const char *checks[256];    /* the library's check names: static strings */
    unsigned nchecks;
    int oom;
} blocked_list;

/* Make room for @extra more elements of @size in *@p (of *@cap, @n used). */
static int grow(void **p, size_t *cap, size_t n, size_t extra, size_t size)
{
    if (n + extra <= *cap)
        return 1;
    size_t c = *cap ? *cap : 1024;
    while (c < n + extra)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int check_index(blocked_list *l, const char *check)
{
    for (unsigned i = 0; i < l->nchecks; i++)
        if (l->checks[i] == check)
            return (int)i;
    if (l->nchecks == sizeof l->checks / sizeof l->checks[0])
        return -1;
    l->checks[l->nchecks] = check;
    return (int)l->nchecks++;
}

static void blocked_add(blocked_list *l, const char *user, int from, int to,
                        const zvmc_reloc_item *it, size_t n)
{
    if (l->oom)
        return;
    if (!l->last_name || l->last_name != user || strcmp(l->names + l->last_user, user) != 0) {
        size_t len = strlen(user) + 1;
        if (l->nnames + len > UINT32_MAX ||
            !grow((void **)&l->names, &l->capnames, l->nnames, len, 1)) {
            l->oom = 1;
            return;
        }
        memcpy(l->names + l->nnames, user, len);
        l->last_user = l->nnames;
        l->last_name = user;
        l->nnames += len;
    }
    if (n > UINT16_MAX || l->nr + n > UINT32_MAX ||
        !grow((void **)&l->v, &l->capv, l->nv, 1, sizeof *l->v)) {
        l->oom = 1;
        return;
    }
    blocked_verdict *v = &l->v[l->nv];
    v->user = (uint32_t)l->last_user;
    v->n = (uint16_t)n;
    v->from = (uint8_t)from;
    v->to = (uint8_t)to;
    /* The same reasons as the verdict before (the user's next target)? */
    const blocked_verdict *prev = l->nv ? &l->v[l->nv - 1] : NULL;
    int same = prev && prev->n == n;
    for (size_t i = 0; same && i < n; i++)
        same = l->checks[l->r[prev->first + i].check] == it[i].check &&
               l->r[prev->first + i].vaddr == it[i].vaddr;
    if (same) {
        v->first = prev->first;
    } else {
        if (!grow((void **)&l->r, &l->capr, l->nr, n, sizeof *l->r)) {
            l->oom = 1;
            return;
        }
        v->first = (uint32_t)l->nr;
        for (size_t i = 0; i < n; i++) {
            int c = check_index(l, it[i].check);
            if (c < 0) {
                l->oom = 1;
                return;
            }
            l->r[l->nr].check = (uint8_t)c;
            l->r[l->nr++].vaddr = it[i].vaddr;
        }
    }
    l->nv++;
}

static void blocked_free(blocked_list *l)
{
    free(l->v);
    free(l->r);
    free(l->names);
}

typedef struct matrix {
    zvmc_ctx *ctx;
    zvmc_format format;
    size_t nm;
    pair_stats *pairs;          /* [from * nm + to] */
    unsigned identities[MAXM];  /* IDENTITY entries defined on each member */
    const char *user;           /* JSON: the user whose object is open */
    int first_user, first_pair;
    const char *names[MAXM];    /* zvmc_reloc_member(ctx, i) */
    int last_a, last_b;         /* the pair of the last verdict */
    blocked_list blocked;       /* text: blocked verdicts, printed after the summary */
} matrix;

static int member_index(const matrix *m, const char *name, int guess)
{
    /* The library hands over the very strings zvmc_reloc_member() returns, and
     * the pairs in order: the guess is mostly right. */
    if (guess >= 0 && (size_t)guess < m->nm && m->names[guess] == name)
        return guess;
    for (size_t i = 0; i < m->nm; i++)
        if (m->names[i] == name)
            return (int)i;
    for (size_t i = 0; i < m->nm; i++)
        if (!strcmp(m->names[i], name))
            return (int)i;
    return -1;
}

/* Append @n bytes to the output buffer, writing it out when full. */
static char *out_put(char *buf, size_t cap, char *p, const char *s, size_t n)
{
    if ((size_t)(buf + cap - p) < n) {
        fwrite(buf, 1, (size_t)(p - buf), stdout);
        p = buf;
        if (n > cap) {
            fwrite(s, 1, n, stdout);
            return p;
        }
    }
    memcpy(p, s, n);
    return p + n;
}

/* Each blocked verdict as "  USER     FROM -> TO: check 0190, check" (the
 * "  %-8s %s -> %s:", " %s", " %04X" of printf, without its cost on 100,000
 * guests). */
static void blocked_print(const matrix *m)
{
    const blocked_list *l = &m->blocked;
    static const char hexd[] = "0123456789ABCDEF";
    char buf[1 << 16], *p = buf;
    size_t nl[MAXM], cl[256];
    for (size_t i = 0; i < m->nm; i++)
        nl[i] = strlen(m->names[i]);
    for (unsigned i = 0; i < l->nchecks; i++)
        cl[i] = strlen(l->checks[i]);
    for (size_t k = 0; k < l->nv; k++) {
        const blocked_verdict *v = &l->v[k];
        const char *user = l->names + v->user;
        size_t ul = strlen(user);
        p = out_put(buf, sizeof buf, p, "  ", 2);
        p = out_put(buf, sizeof buf, p, user, ul);
        if (ul < 8)
            p = out_put(buf, sizeof buf, p, "        ", 8 - ul);
        p = out_put(buf, sizeof buf, p, " ", 1);
        p = out_put(buf, sizeof buf, p, m->names[v->from], nl[v->from]);
        p = out_put(buf, sizeof buf, p, " -> ", 4);
        p = out_put(buf, sizeof buf, p, m->names[v->to], nl[v->to]);
        p = out_put(buf, sizeof buf, p, ":", 1);
        for (unsigned i = 0; i < v->n; i++) {
            const blocked_reason *r = &l->r[v->first + i];
            p = out_put(buf, sizeof buf, p, " ", 1);
            p = out_put(buf, sizeof buf, p, l->checks[r->check], cl[r->check]);
            if (r->vaddr >= 0) {
                char hex[16];
                size_t h = sizeof hex;
                unsigned x = (unsigned)r->vaddr;
                do {
                    hex[--h] = hexd[x & 15];
                    x >>= 4;
                } while (x);
                while (sizeof hex - h < 4)
                    hex[--h] = '0';
                hex[--h] = ' ';
                p = out_put(buf, sizeof buf, p, hex + h, sizeof hex - h);
            }
            p = out_put(buf, sizeof buf, p, i + 1 < v->n ? "," : "\n", 1);
        }
    }
    fwrite(buf, 1, (size_t)(p - buf), stdout);
}

static int on_verdict(void *arg, const char *user, int identity, const char *from, const char *to,
                      const zvmc_reloc_item *it, size_t n)
{
    matrix *m = arg;
    int a = member_index(m, from, m->last_a), b = member_index(m, to, m->last_b + 1);
    if (a < 0 || b < 0)
        return 0;
    m->last_a = a;
    m->last_b = b + 1 == a ? b + 1 : b;     /* the next target skips the source */
    if (identity) {
        /* Counted once per member, not once per pair. */
        if (b == (a == 0 ? 1 : 0))
            m->identities[a]++;
    } else {
        pair_stats *p = &m->pairs[(size_t)a * m->nm + (size_t)b];
        p->guests++;
        if (n == 0)
            p->eligible++;
        unsigned seen = 0;
        for (size_t i = 0; i < n; i++) {
            if (it[i].code >= 0 && it[i].code < ZVMC_RELOC_REASON_COUNT && !(seen >> it[i].code & 1)) {
                seen |= 1u << it[i].code;
                p->reasons[it[i].code]++;
            }
        }
    }
    if (m->format == ZVMC_FORMAT_JSON) {
        if (m->user != user) {
            if (m->user)
                printf("]}");
            printf("%s\n{\"user\":", m->first_user ? "" : ",");
            reloc_json_str(stdout, user);
            printf(",\"identity\":%s,\"verdicts\":[", identity ? "true" : "false");
            m->user = user;
            m->first_user = 0;
            m->first_pair = 1;
        }
        /* printf's "%s{\"from\":\"%s\",\"to\":\"%s\",\"eligible\":%s", in pieces */
        fputs(m->first_pair ? "{\"from\":\"" : ",{\"from\":\"", stdout);
        fputs(from, stdout);
        fputs("\",\"to\":\"", stdout);
        fputs(to, stdout);
        fputs(n ? "\",\"eligible\":false" : "\",\"eligible\":true", stdout);
        if (n) {
            fputs(",\"reasons\":", stdout);
            reloc_json_items(stdout, it, n);
        }
        putchar('}');
        m->first_pair = 0;
    } else if (n && !identity) {
        blocked_add(&m->blocked, user, a, b, it, n);
    }
    return 0;
}

/* Words for the summary line, by reason code. */
static const char *reason_words(int code)
{
    static const char *const words[ZVMC_RELOC_REASON_COUNT] = {
        [ZVMC_RELOC_IDENTITY] = "identity",
        [ZVMC_RELOC_DISABLED] = "relocation off",
        [ZVMC_RELOC_DOMAIN] = "outside the relocation domain",
        [ZVMC_RELOC_LOCAL_MINIDISK] = "local minidisk",
        [ZVMC_RELOC_DEDICATED_EQID] = "dedicated device without an equivalent",
        [ZVMC_RELOC_DEDICATED_TYPE] = "dedicated device that cannot move",
        [ZVMC_RELOC_CRYPTO_DEDICATED] = "dedicated crypto",
        [ZVMC_RELOC_CPU_DEDICATED] = "dedicated processor",
        [ZVMC_RELOC_GUEST_LAN] = "guest LAN",
        [ZVMC_RELOC_VSWITCH] = "missing VSWITCH",
        [ZVMC_RELOC_MACHINE] = "MACHINE XC",
        [ZVMC_RELOC_OPTION] = "system-bound OPTION",
    };
    return code >= 0 && code < ZVMC_RELOC_REASON_COUNT && words[code] ? words[code] : "other";
}

static void summary_text(const matrix *m)
{
    for (size_t a = 0; a < m->nm; a++) {
        const char *from = zvmc_reloc_member(m->ctx, a);
        for (size_t b = 0; b < m->nm; b++) {
            const pair_stats *p = &m->pairs[a * m->nm + b];
            if (a == b || (p->guests == 0 && m->identities[a] == 0))
                continue;
            printf("of %u guest%s on %s, %u can move to %s", p->guests, p->guests == 1 ? "" : "s",
                   from, p->eligible, zvmc_reloc_member(m->ctx, b));
            unsigned blocked = p->guests - p->eligible;
            if (blocked) {
                printf(", %u cannot:", blocked);
                int first = 1;
                for (int c = 0; c < ZVMC_RELOC_REASON_COUNT; c++) {
                    if (p->reasons[c]) {
                        printf("%s %u %s", first ? "" : ",", p->reasons[c], reason_words(c));
                        first = 0;
                    }
                }
            }
            if (m->identities[a])
                printf("; %u IDENTITY entr%s cannot relocate", m->identities[a],
                       m->identities[a] == 1 ? "y" : "ies");
            printf("\n");
        }
    }
}

int relocate_matrix_main(int argc, char **argv)
{
    reloc_opts o = { NULL, NULL, ZVMC_FORMAT_TEXT, 0, { NULL, NULL } };
    zvmc_ctx *ctx = reloc_load(argc, argv, &o, "relocate matrix");
    if (!ctx)
        return EXIT_USAGE;
    int status = EXIT_USAGE;
    matrix m;
    memset(&m, 0, sizeof m);
    m.ctx = ctx;
    m.format = o.format;
    m.nm = zvmc_reloc_member_count(ctx);
    m.first_user = 1;
    if (o.positional) {
        cli_usage_error("relocate matrix", "takes no arguments besides options");
        goto out;
    }
    if (o.member && reloc_member_index(ctx, "relocate matrix", "--member", o.member) < 0)
        goto out;
    if (m.nm < 2 || m.nm > MAXM) {
        fprintf(stderr, "zvmc relocate matrix: the cluster has %zu members; relocation needs at "
                        "least two\n", m.nm);
        goto out;
    }
    for (size_t i = 0; i < m.nm; i++)
        m.names[i] = zvmc_reloc_member(ctx, i);
    m.pairs = calloc(m.nm * m.nm, sizeof *m.pairs);
    if (!m.pairs) {
        fprintf(stderr, "zvmc relocate matrix: out of memory\n");
        goto out;
    }
    if (o.format == ZVMC_FORMAT_JSON) {
        printf("{\"members\":[");
        for (size_t i = 0; i < m.nm; i++)
            printf("%s\"%s\"", i ? "," : "", zvmc_reloc_member(ctx, i));
        printf("],\"config\":%s,\"users\":[", zvmc_reloc_has_config(ctx) ? "true" : "false");
    }
    /* The text report names each reason's check and device only. */
    int rc = zvmc_relocate_matrix_ex(ctx, o.member,
                                     o.format == ZVMC_FORMAT_JSON ? 0 : ZVMC_MATRIX_BRIEF,
                                     on_verdict, &m);
    if (rc != 0) {
        fprintf(stderr, "zvmc relocate matrix: %s\n",
                rc == ZVMC_ENOMEMBER ? "no such member" : zvmc_errmsg(rc));
        goto out;
    }
    if (m.blocked.oom) {
        fprintf(stderr, "zvmc relocate matrix: out of memory\n");
        goto out;
    }
    if (o.format == ZVMC_FORMAT_JSON) {
        printf("%s\n],\"summary\":[", m.user ? "]}" : "");
        int first = 1;
        for (size_t a = 0; a < m.nm; a++) {
            for (size_t b = 0; b < m.nm; b++) {
                const pair_stats *p = &m.pairs[a * m.nm + b];
                if (a == b)
                    continue;
                printf("%s\n{\"from\":\"%s\",\"to\":\"%s\",\"guests\":%u,\"eligible\":%u,"
                       "\"identities\":%u,\"reasons\":{", first ? "" : ",",
                       zvmc_reloc_member(ctx, a), zvmc_reloc_member(ctx, b), p->guests,
                       p->eligible, m.identities[a]);
                int f2 = 1;
                for (int c = 0; c < ZVMC_RELOC_REASON_COUNT; c++) {
                    if (p->reasons[c]) {
                        printf("%s\"%s\":%u", f2 ? "" : ",", zvmc_reloc_reason_name(c), p->reasons[c]);
                        f2 = 0;
                    }
                }
                printf("}}");
                first = 0;
            }
        }
        printf("\n]}\n");
    } else {
        summary_text(&m);
        if (m.blocked.nv) {
            printf("\nGuests that cannot move, with the reasons (zvmc relocate test USER TO for "
                   "details):\n");
            blocked_print(&m);
        }
        reloc_no_config_note(ctx, stdout);
    }
    status = EXIT_CLEAN;
out:
    blocked_free(&m.blocked);
    free(m.pairs);
    zvmc_ctx_free(ctx);
    return status;
}
