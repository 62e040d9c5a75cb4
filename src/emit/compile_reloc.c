/* SPDX-License-Identifier: MIT */
/*
 * The relocation verdicts of an object directory: for every user and every
 * ordered member pair, the reasons relocation.c's engine gives (the engine of
 * `zvmc relocate test`), or eligible when it gives none.
 *
 * The reasons of a pair are stored sorted (by code, device, message) rather
 * than in statement order: the object directory keeps no statement order
 * across kinds of statement, so this is the order a decompiled directory
 * reproduces, and two directories that differ only in the order of their
 * statements compile to the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include "emit/compile.h"

static int reason_cmp(const void *pa, const void *pb)
{
    const reloc_reason *a = pa, *b = pb;
    if (a->code != b->code)
        return a->code < b->code ? -1 : 1;
    if (a->vaddr != b->vaddr)
        return a->vaddr < b->vaddr ? -1 : 1;
    return strcmp(a->message, b->message);
}

/* Sort a pair's reasons: an insertion sort, as there are seldom more than a
 * few (a 100,000-guest compile sorts 200,000 lists; qsort() took 39 million
 * instructions more, 0.7% of the compile). */
static void sort_reasons(reloc_reason *r, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        reloc_reason x = r[i];
        uint32_t j = i;
        for (; j > 0 && reason_cmp(&r[j - 1], &x) > 0; j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
}

int compile_verdicts(compile_state *st, reloc_engine *e, uint32_t u, int hu)
{
    const zvmc_alloc *al = &st->ctx->alloc;
    reloc_reason fixed[32], *rr = fixed;
    uint32_t cap = 32;
    int rc = 0;
    /* The user leaving each member is judged once for every target. */
    for (uint32_t a = 0; a < st->m && rc == 0; a++) {
        for (uint32_t base = 0; base < st->m && rc == 0; base += RELOC_WINDOW) {
            const reloc_judgment *jd = reloc_judge(e, u, a, base);
            if (!jd->blocked && base == 0 && jd->nb >= st->m) {
                /* nothing blocks a move from here (most users): one call */
                rc = st->ctx->oom ? ZVMC_ENOMEM
                                  : compile_rc(zvmc_odb_reloc_eligible_from(st->b, hu, (int)a));
                break;
            }
            if (jd->n > cap) {
                reloc_reason *big = zalloc_malloc(al, jd->n * sizeof *big);
                if (!big) {
                    rc = ZVMC_ENOMEM;
                    break;
                }
                if (rr != fixed)
                    zalloc_free(al, rr);
                rr = big;
                cap = jd->n;
            }
            for (uint32_t bi = 0; bi < jd->nb && base + bi < st->m && rc == 0; bi++) {
                uint32_t b = base + bi, n = 0;
                if (a == b)
                    continue;
                for (uint32_t i = 0; i < jd->n && ((jd->blocked >> bi) & 1); i++) {
                    if (!((jd->j[i].targets >> bi) & 1))
                        continue;
                    rr[n] = jd->j[i].r;
                    rr[n++].message = reloc_judged_message(e, i, b);
                }
                if (st->ctx->oom) {
                    rc = ZVMC_ENOMEM;
                    break;
                }
                if (n == 0) {
                    rc = compile_rc(zvmc_odb_reloc_eligible(st->b, hu, (int)a, (int)b));
                    continue;
                }
                if (n > 32)
                    qsort(rr, n, sizeof *rr, reason_cmp);
                else
                    sort_reasons(rr, n);
                for (uint32_t i = 0; i < n && rc == 0; i++)
                    rc = compile_rc(zvmc_odb_reloc_reason(st->b, hu, (int)a, (int)b,
                                                          (enum zvmc_reloc_reason)rr[i].code,
                                                          rr[i].vaddr < 0 ? ZVMC_NO_VADDR
                                                                          : (uint32_t)rr[i].vaddr,
                                                          rr[i].message));
            }
        }
    }
    if (rr != fixed)
        zalloc_free(al, rr);
    return rc;
}
