/* SPDX-License-Identifier: MIT */
/*
 * vswitch-attributes: a VSWITCH that two members define differently.  A guest
 * coupled to it relocates only to a member with the same VSWITCH (CONFIRMED,
 * S14), and docs/zvm-reference.md 2.11 adds that its attributes should match
 * (UNCONFIRMED): a warning.  Compared as written, where both members' DEFINE
 * VSWITCH statements state the attribute: the transport (ETHERNET or IP), the
 * VLAN operand, PORTBASED or USERBASED, GVRP or NOGVRP.  A value one member
 * leaves out is CP's default there, which zvmc does not assume.
 */
#include <string.h>
#include "check/check.h"
#include "util/names.h"
#include "util/ptrmap.h"

enum { ATTR_TRANSPORT, ATTR_VLAN, ATTR_PORT, ATTR_GVRP, NATTRS };

static const char *const attr_name[NATTRS] = { "transport", "VLAN", "port type", "GVRP" };

typedef struct vsw_attrs {
    const sc_stmt *s;           /* the DEFINE VSWITCH, or NULL: none in the view */
    const sc_tok *v[NATTRS];    /* the token stating each attribute, or NULL */
} vsw_attrs;

static int tok_word(const sc_tok *t, const char *w)
{
    return ascii_casecmp_n(t->text, t->len, w) == 0;
}

static int tok_same(const sc_tok *x, const sc_tok *y)
{
    if (x->len != y->len)
        return 0;
    for (uint32_t i = 0; i < x->len; i++)
        if (ascii_upper(x->text[i]) != ascii_upper(y->text[i]))
            return 0;
    return 1;
}

/* The attributes @s states, from the operands after the VSWITCH's name. */
static void read_attrs(const sc_stmt *s, vsw_attrs *a)
{
    memset(a, 0, sizeof *a);
    a->s = s;
    uint32_t i = 0;
    while (i < s->ntoks && s->toks[i].loc.begin != s->u.vswitch.name.loc.begin)
        i++;
    for (i++; i < s->ntoks; i++) {
        const sc_tok *t = &s->toks[i];
        if (tok_word(t, "ETHERNET") || tok_word(t, "IP"))
            a->v[ATTR_TRANSPORT] = t;
        else if (tok_word(t, "VLAN") && i + 1 < s->ntoks)
            a->v[ATTR_VLAN] = &s->toks[++i];
        else if (tok_word(t, "PORTBASED") || tok_word(t, "USERBASED"))
            a->v[ATTR_PORT] = t;
        else if (tok_word(t, "GVRP") || tok_word(t, "NOGVRP"))
            a->v[ATTR_GVRP] = t;
    }
}

/* The last DEFINE VSWITCH in @member's view among those of one name: defs[j]
 * for j = first, next[first], ... (UINT32_MAX ends the chain). */
static const sc_stmt *defined_in(sc_kind_list defs, const uint32_t *next, uint32_t first,
                                 const char *member)
{
    const sc_stmt *last = NULL;
    for (uint32_t j = first; j != UINT32_MAX; j = next[j])
        if (sc_applies(defs.v[j], member))
            last = defs.v[j];
    return last;
}

static void compare(check_run *r, const char *name, const char *ma, const vsw_attrs *a,
                    const char *mb, const vsw_attrs *b)
{
    for (int k = 0; k < NATTRS; k++) {
        const sc_tok *x = a->v[k], *y = b->v[k];
        if (!x || !y || tok_same(x, y))
            continue;
        zvmc_diag_int *d = diag_report(r->ctx, "vswitch-attributes", ZVMC_SEV_WARNING, y->loc,
            "VSWITCH %s's %s is %.*s on %s but %.*s on %s: a guest coupled to it may not "
            "relocate between them, or finds another network there (UNCONFIRMED rule)",
            name, attr_name[k], (int)y->len, y->text, mb, (int)x->len, x->text, ma);
        diag_note(r->ctx, d, x->loc, "%s defines it here", ma);
    }
}

/* One name's definitions: compared member by member, each member's last. */
static void check_name(check_run *r, sc_kind_list defs, const uint32_t *next, uint32_t first)
{
    const char *name = defs.v[first]->u.vswitch.name.s;
    vsw_attrs ref, cur;
    const char *refm = NULL;
    for (uint32_t i = 0; i < r->model.nmembers; i++) {
        const char *m = r->model.members[i].name;
        const sc_stmt *d = defined_in(defs, next, first, m);
        if (!d)
            continue;
        read_attrs(d, &cur);
        if (!refm) {
            ref = cur;
            refm = m;
        } else if (d != ref.s && run_wants_member(r, m)) {
            compare(r, name, refm, &ref, m, &cur);
        }
    }
}

/* Each name once, in the order of its first definition.  The definitions of
 * a name are chained (next[]) through a map from the name (interned) to its
 * last one so far, so that each member's search walks only that name's: a
 * scan of every definition per name and member made 64,000 VSWITCHes on two
 * members take 30 s. */
void check_vswitch_attributes(check_run *r)
{
    if (r->model.nmembers < 2)
        return;
    sc_kind_list defs = sc_stmts_of(r, SC_DEFINE_VSWITCH);
    if (defs.n == 0)
        return;
    const zvmc_alloc *al = &r->ctx->alloc;
    /* next[j]: the next definition of defs[j]'s name; firsts: each name's first */
    uint32_t *next = zalloc_malloc(al, 2 * (size_t)defs.n * sizeof *next);
    uint32_t *firsts = next + defs.n, nfirsts = 0;
    ptrmap last = { 0 };    /* name -> index of its last definition so far + 1 */
    if (!next) {
        r->ctx->oom = 1;
        return;
    }
    for (uint32_t j = 0; j < defs.n; j++) {
        const char *name = defs.v[j]->u.vswitch.name.s;
        next[j] = UINT32_MAX;
        if (!name)
            continue;       /* no name: nothing to compare */
        ptrmap_slot *sl = ptrmap_put(&last, al, name);
        if (!sl) {
            r->ctx->oom = 1;
            goto out;
        }
        if (sl->value)
            next[sl->value - 1] = j;
        else
            firsts[nfirsts++] = j;
        sl->value = (uint64_t)j + 1;
    }
    for (uint32_t i = 0; i < nfirsts; i++)
        check_name(r, defs, next, firsts[i]);
out:
    ptrmap_free(&last, al);
    zalloc_free(al, next);
}
