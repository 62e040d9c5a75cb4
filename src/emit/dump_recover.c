/* SPDX-License-Identifier: MIT */
/* Statements rebuilt from the messages of stored relocation verdicts (dump_recover.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit/dump_recover.h"

#define NAMELEN (ZVMC_OBJDIR_MAX_NAME + 1)

/* A set of names (open addressing), to keep generated names unique. */
typedef struct nameset {
    const char **slot;
    size_t cap;
} nameset;

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int set_has(const nameset *ns, const char *s)
{
    for (size_t i = hash(s) & (ns->cap - 1); ns->slot[i]; i = (i + 1) & (ns->cap - 1))
        if (!strcmp(ns->slot[i], s))
            return 1;
    return 0;
}

/* @s must outlive the set; the set never fills (sized at twice its names). */
static void set_add(nameset *ns, const char *s)
{
    size_t i = hash(s) & (ns->cap - 1);
    while (ns->slot[i] && strcmp(ns->slot[i], s))
        i = (i + 1) & (ns->cap - 1);
    ns->slot[i] = s;
}

struct recover {
    int nm, nu;
    int *ident;                 /* user -> row in names, or -1 */
    char (*names)[NAMELEN];     /* [row * nm + member] */
    nameset taken;
};

/* "... local minidisk (OWNER VADDR, defined in SUBCONFIG NAME)" */
static void from_message(recover *rc, const struct zvmc_objdir *od, int from, const char *msg)
{
    const char *p = strstr(msg, "local minidisk (");
    const char *q = strstr(msg, ", defined in SUBCONFIG ");
    if (!p || !q)
        return;
    p += strlen("local minidisk (");
    const char *sp = strchr(p, ' ');
    if (!sp || sp > q || (size_t)(sp - p) >= NAMELEN)
        return;
    char owner[NAMELEN];
    memcpy(owner, p, (size_t)(sp - p));
    owner[sp - p] = '\0';
    q += strlen(", defined in SUBCONFIG ");
    size_t n = strcspn(q, ") ");
    if (!n || n >= NAMELEN || q[n] != ')')
        return;
    int u = zvmc_user_find(od, owner);
    if (u < 0 || rc->ident[u] < 0)
        return;
    char *slot = rc->names[(size_t)rc->ident[u] * rc->nm + from];
    memcpy(slot, q, n);
    slot[n] = '\0';
}

static void default_name(recover *rc, const char *user, int m, char *out)
{
    char suffix[16];
    snprintf(suffix, sizeof suffix, "-%d", m + 1);
    size_t keep = 8 > strlen(suffix) ? 8 - strlen(suffix) : 1;
    if (keep > strlen(user))
        keep = strlen(user);
    snprintf(out, NAMELEN, "%.*s%s", (int)keep, user, suffix);
    for (unsigned k = 1; set_has(&rc->taken, out); k++)
        snprintf(out, NAMELEN, "SC%06u", k);
}

recover *recover_new(const struct zvmc_objdir *od)
{
    recover *rc = calloc(1, sizeof *rc);
    if (!rc)
        return NULL;
    rc->nm = zvmc_member_count(od);
    rc->nu = zvmc_user_count(od);
    int nid = 0;
    rc->ident = malloc(((size_t)rc->nu + 1) * sizeof *rc->ident);
    if (!rc->ident)
        goto fail;
    for (int u = 0; u < rc->nu; u++) {
        struct zvmc_user us;
        zvmc_user_get(od, u, &us);
        rc->ident[u] = us.kind == ZVMC_USER_IDENTITY ? nid++ : -1;
    }
    rc->names = calloc((size_t)nid * (size_t)rc->nm + 1, sizeof *rc->names);
    rc->taken.cap = 16;
    while (rc->taken.cap < 2 * ((size_t)rc->nu + (size_t)nid * (size_t)rc->nm) + 2)
        rc->taken.cap *= 2;
    rc->taken.slot = calloc(rc->taken.cap, sizeof *rc->taken.slot);
    if (!rc->names || !rc->taken.slot)
        goto fail;
    /* the names the verdicts quote */
    for (int u = 0; u < rc->nu && rc->nm > 1; u++) {
        for (int a = 0; a < rc->nm; a++) {
            int b = a ? 0 : 1, n;
            if (zvmc_reloc_verdict(od, u, a, b, &n) != 0)
                continue;
            for (int i = 0; i < n; i++) {
                struct zvmc_reason r;
                if (zvmc_reloc_reason_at(od, u, a, b, i, &r) == 0 &&
                    r.code == ZVMC_RELOC_LOCAL_MINIDISK)
                    from_message(rc, od, a, r.message);
            }
        }
    }
    for (int u = 0; u < rc->nu; u++) {
        struct zvmc_user us;
        zvmc_user_get(od, u, &us);
        set_add(&rc->taken, us.name);
    }
    for (size_t i = 0; i < (size_t)nid * (size_t)rc->nm; i++)
        if (rc->names[i][0])
            set_add(&rc->taken, rc->names[i]);
    for (int u = 0; u < rc->nu; u++) {
        if (rc->ident[u] < 0)
            continue;
        struct zvmc_user us;
        zvmc_user_get(od, u, &us);
        for (int m = 0; m < rc->nm; m++) {
            char *slot = rc->names[(size_t)rc->ident[u] * rc->nm + m];
            if (!slot[0]) {
                default_name(rc, us.name, m, slot);
                set_add(&rc->taken, slot);
            }
        }
    }
    return rc;
fail:
    recover_free(rc);
    return NULL;
}

void recover_free(recover *rc)
{
    if (!rc)
        return;
    free(rc->ident);
    free(rc->names);
    free(rc->taken.slot);
    free(rc);
}

void recover_view(const recover *rc, const struct zvmc_objdir *od, int u, int m, rec_info *out)
{
    memset(out, 0, sizeof *out);
    int n, b = m ? 0 : 1;
    if (rc->nm < 2 || zvmc_reloc_verdict(od, u, m, b, &n) != 0)
        return;
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        struct zvmc_reason r;
        if (zvmc_reloc_reason_at(od, u, m, b, i, &r) != 0)
            continue;
        if (r.code == ZVMC_RELOC_MACHINE) {
            out->xc = 1;
        } else if (r.code == ZVMC_RELOC_CPU_DEDICATED) {
            /* "... (CPU 01 DEDICATE)" */
            const char *p = strstr(r.message, "(CPU ");
            const char *q = p ? strstr(p, " DEDICATE)") : NULL;
            if (!q || q == p + 5)
                continue;
            size_t len = (size_t)(q - (p + 5));
            if (used + len + 2 > sizeof out->cpus || memchr(p + 5, ' ', len))
                continue;
            if (used)
                out->cpus[used++] = ' ';
            memcpy(out->cpus + used, p + 5, len);
            used += len;
            out->cpus[used] = '\0';
        }
    }
}

const char *subconfig_name(const recover *rc, int u, int m)
{
    if (u < 0 || u >= rc->nu || rc->ident[u] < 0 || m < 0 || m >= rc->nm)
        return "SUBCONF";
    return rc->names[(size_t)rc->ident[u] * rc->nm + m];
}
