/* SPDX-License-Identifier: MIT */
/* zvmc relocate matrix: every user, every ordered member pair, and a summary
 * per member ("of 312 guests on LTICVM9, 298 can move to LTICVM2, ..."). */
#include <stdlib.h>
#include <string.h>
#include "cli/reloc_cli.h"
#include "zvmc/runtime.h"

#define MAXM 64

typedef struct pair_stats {
    unsigned guests, eligible;
    unsigned reasons[ZVMC_RELOC_REASON_COUNT];  /* guests blocked for each reason */
} pair_stats;

typedef struct matrix {
    zvmc_ctx *ctx;
    zvmc_format format;
    size_t nm;
    pair_stats *pairs;          /* [from * nm + to] */
    unsigned identities[MAXM];  /* IDENTITY entries defined on each member */
    const char *user;           /* JSON: the user whose object is open */
    int first_user, first_pair;
    FILE *blocked;              /* text: blocked verdicts, printed after the summary */
} matrix;

static int member_index(const matrix *m, const char *name)
{
    for (size_t i = 0; i < m->nm; i++)
        if (zvmc_reloc_member(m->ctx, i) == name || !strcmp(zvmc_reloc_member(m->ctx, i), name))
            return (int)i;
    return -1;
}

static int on_verdict(void *arg, const char *user, int identity, const char *from, const char *to,
                      const zvmc_reloc_item *it, size_t n)
{
    matrix *m = arg;
    int a = member_index(m, from), b = member_index(m, to);
    if (a < 0 || b < 0)
        return 0;
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
        printf("%s{\"from\":\"%s\",\"to\":\"%s\",\"eligible\":%s", m->first_pair ? "" : ",", from,
               to, n ? "false" : "true");
        if (n) {
            printf(",\"reasons\":");
            reloc_json_items(stdout, it, n);
        }
        printf("}");
        m->first_pair = 0;
    } else if (n && !identity) {
        fprintf(m->blocked, "  %-8s %s -> %s:", user, from, to);
        for (size_t i = 0; i < n; i++) {
            fprintf(m->blocked, " %s", it[i].check);
            if (it[i].vaddr >= 0)
                fprintf(m->blocked, " %04X", it[i].vaddr);
            fputc(i + 1 < n ? ',' : '\n', m->blocked);
        }
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
    if (m.nm < 2 || m.nm > MAXM) {
        fprintf(stderr, "zvmc relocate matrix: the cluster has %zu members; relocation needs at "
                        "least two\n", m.nm);
        goto out;
    }
    m.pairs = calloc(m.nm * m.nm, sizeof *m.pairs);
    m.blocked = o.format == ZVMC_FORMAT_TEXT ? tmpfile() : NULL;
    if (!m.pairs || (o.format == ZVMC_FORMAT_TEXT && !m.blocked)) {
        fprintf(stderr, "zvmc relocate matrix: out of memory\n");
        goto out;
    }
    if (o.format == ZVMC_FORMAT_JSON) {
        printf("{\"members\":[");
        for (size_t i = 0; i < m.nm; i++)
            printf("%s\"%s\"", i ? "," : "", zvmc_reloc_member(ctx, i));
        printf("],\"config\":%s,\"users\":[", zvmc_reloc_has_config(ctx) ? "true" : "false");
    }
    int rc = zvmc_relocate_matrix(ctx, o.member, on_verdict, &m);
    if (rc != 0) {
        fprintf(stderr, "zvmc relocate matrix: %s\n",
                rc == ZVMC_ENOMEMBER ? "no such member" : zvmc_errmsg(rc));
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
        if (ftell(m.blocked) > 0) {
            printf("\nGuests that cannot move, with the reasons (zvmc relocate test USER TO for "
                   "details):\n");
            rewind(m.blocked);
            char buf[4096];
            size_t k;
            while ((k = fread(buf, 1, sizeof buf, m.blocked)) > 0)
                fwrite(buf, 1, k, stdout);
        }
        reloc_no_config_note(ctx, stdout);
    }
    status = EXIT_CLEAN;
out:
    if (m.blocked)
        fclose(m.blocked);
    free(m.pairs);
    zvmc_ctx_free(ctx);
    return status;
}
