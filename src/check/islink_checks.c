/* SPDX-License-Identifier: MIT */
/*
 * islink-device: the devices of ACTIVATE ISLINK.  The CP command takes 1 to
 * 16 real device numbers and refuses a duplicate link unit address (HCP2721E),
 * CONFIRMED (S9); the SYSTEM CONFIG statement takes the command's operands.
 * So, in each member's view: an operand that is not a device number (hex, or a
 * range rdev-rdev), more than 16 devices in one statement, or one device in
 * two ISLINK statements (or twice in one).
 */
#include <stdlib.h>
#include <string.h>
#include "check/check.h"
#include "util/names.h"

#define ISLINK_MAX_DEVICES 16

/* A device number or range of one statement, in a member's view. */
typedef struct isdev {
    uint32_t first, last;
    const sc_stmt *s;
    const sc_name *op;
} isdev;

/* rdev or rdev-rdev, four hex digits at most each; 0 if not one. */
static int parse_devices(const char *t, uint32_t *first, uint32_t *last)
{
    const char *dash = strchr(t, '-');
    size_t n1 = dash ? (size_t)(dash - t) : strlen(t);
    if (n1 == 0 || n1 > 4 || parse_hex(t, n1, first) != 0)
        return 0;
    if (!dash) {
        *last = *first;
        return 1;
    }
    size_t n2 = strlen(dash + 1);
    return n2 > 0 && n2 <= 4 && parse_hex(dash + 1, n2, last) == 0 && *last >= *first;
}

static int by_first(const void *pa, const void *pb)
{
    const isdev *a = pa, *b = pb;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->s->index != b->s->index ? (a->s->index < b->s->index ? -1 : 1)
                                      : (a->op < b->op ? -1 : a->op > b->op);
}

/* The statements of one view (@member NULL: the unqualified ones). */
static void check_view(check_run *r, arena *a, const char *member, int first_view)
{
    isdev *v = NULL;
    uint32_t n = 0;
    sc_kind_list islinks = sc_stmts_of(r, SC_ACTIVATE_ISLINK);
    for (uint32_t k = 0; k < islinks.n; k++) {
        const sc_stmt *s = islinks.v[k];
        if (!sc_applies(s, member))
            continue;
        uint64_t count = 0;
        for (uint32_t i = 0; i < s->u.islink.rdevs.n; i++) {
            const sc_name *op = &s->u.islink.rdevs.v[i];
            uint32_t lo, hi;
            if (!op->s || !parse_devices(op->s, &lo, &hi)) {
                if (sc_report_in_view(s, s, first_view))
                    diag_report(r->ctx, "islink-device", ZVMC_SEV_ERROR, op->loc,
                                "ACTIVATE ISLINK device %s is not a device number: write 1 to 4 "
                                "hex digits (or a range, rdev-rdev)", op->s ? op->s : "");
                continue;
            }
            count += (uint64_t)hi - lo + 1;
            if (!(v = arena_grow(a, v, n, sizeof *v))) {
                r->ctx->oom = 1;
                return;
            }
            v[n++] = (isdev){ lo, hi, s, op };
        }
        if (count > ISLINK_MAX_DEVICES && sc_report_in_view(s, s, first_view))
            diag_report(r->ctx, "islink-device", ZVMC_SEV_ERROR, s->loc,
                        "ACTIVATE ISLINK names %llu devices: CP takes 1 to %d in one statement "
                        "(split them over more statements to the same NODE)",
                        (unsigned long long)count, ISLINK_MAX_DEVICES);
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_first);
    /* a device inside an earlier range (or equal to an earlier device) */
    uint32_t reach = 0;     /* index of the entry that reaches furthest so far */
    for (uint32_t i = 1; i < n; i++) {
        const isdev *p = &v[reach], *x = &v[i];
        if (x->first <= p->last && sc_report_in_view(p->s, x->s, first_view)) {
            const char *in = member ? " in the view of " : "", *who = member ? member : "";
            zvmc_diag_int *d = diag_report(r->ctx, "islink-device", ZVMC_SEV_ERROR, x->op->loc,
                "ISLINK device %04X is activated again%s%s: CP refuses a duplicate link unit "
                "address (HCP2721E)", (unsigned)x->first, in, who);
            /* sorted by first device: x->first lies inside p's range */
            diag_note(r->ctx, d, p->op->loc, "%04X is first activated here", (unsigned)x->first);
        }
        if (x->last > p->last)
            reach = i;
    }
}

void check_islink_device(check_run *r)
{
    arena a;
    arena_init(&a, &r->ctx->alloc);
    if (r->model.nmembers == 0) {
        check_view(r, &a, NULL, 1);
    } else {
        int first = 1;
        for (uint32_t i = 0; i < r->model.nmembers && !r->ctx->oom; i++) {
            if (!run_wants_member(r, r->model.members[i].name))
                continue;
            check_view(r, &a, r->model.members[i].name, first);
            first = 0;
            arena_free_all(&a);
            arena_init(&a, &r->ctx->alloc);
        }
    }
    arena_free_all(&a);
}
