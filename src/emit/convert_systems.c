/* SPDX-License-Identifier: MIT */
/*
 * The CSE systems (XLINK_System_Include and XSPOOL_SYSTEM slots, CSE DIRECTORY
 * statements), the members chosen from them, and each member's residence
 * volume for the DIRECTORY SSI statement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/check.h"
#include "emit/convert.h"
#include "parse/directory_parse.h"

/* Systems are found by name through a map (name -> index + 1): a CSE cluster
 * read from thousands of slot statements, each qualified statement asking
 * whether its system is left behind, would otherwise scan them all each time. */
static cv_system *find_system(const zvmc_convert *cv, const char *name)
{
    uint64_t i = ptrmap_get(&cv->system_index, name);
    return i ? &cv->systems[i - 1] : NULL;
}

/* Index system @i under its name; 0, or ZVMC_ENOMEM. */
static int index_system(zvmc_convert *cv, uint32_t i)
{
    ptrmap_slot *slot = ptrmap_put(&cv->system_index, cv->alloc, cv->systems[i].name);
    if (!slot)
        return ZVMC_ENOMEM;
    slot->value = (uint64_t)i + 1;
    return 0;
}

static cv_system *add_system(zvmc_convert *cv, const char *name, uint32_t slot)
{
    if (!name)
        return NULL;
    cv_system *s = find_system(cv, name);
    if (s) {
        if (!s->pub.cse_slot)
            s->pub.cse_slot = slot;
        return s;
    }
    cv_system *v = arena_grow(&cv->arena, cv->systems, cv->nsystems, sizeof *v);
    if (!v) {
        cv->oom = 1;
        return NULL;
    }
    s = &v[cv->nsystems];
    memset(s, 0, sizeof *s);
    s->name = name;
    s->pub.name = name;
    s->pub.cse_slot = slot;
    cv->systems = v;
    if (index_system(cv, cv->nsystems)) {
        cv->oom = 1;
        return NULL;
    }
    cv->nsystems++;
    return s;
}

static int slot_cmp(const void *a, const void *b)
{
    const cv_system *x = a, *y = b;
    /* systems with no slot (named by a DIRECTORY statement only) go last */
    uint32_t sx = x->pub.cse_slot ? x->pub.cse_slot : UINT32_MAX;
    uint32_t sy = y->pub.cse_slot ? y->pub.cse_slot : UINT32_MAX;
    return sx < sy ? -1 : sx > sy;
}

int cv_in_xlist(const zvmc_convert *cv, const char *name)
{
    return ptrmap_has(&cv->xlist_set, name);
}

/* An XSPOOL_XLIST may name thousands of users: a set, and a list that grows
 * by doubling, keep that linear. */
static void add_xlist(zvmc_convert *cv, const sc_namelist *names)
{
    for (uint32_t i = 0; i < names->n; i++) {
        const char *u = names->v[i].s;
        if (!u || cv_in_xlist(cv, u))
            continue;
        const char **v = arena_grow(&cv->arena, cv->xlist, cv->nxlist, sizeof *v);
        if (!v || !ptrmap_put(&cv->xlist_set, cv->alloc, u)) {
            cv->oom = 1;
            return;
        }
        v[cv->nxlist++] = u;
        cv->xlist = v;
    }
}

int cv_find_systems(zvmc_convert *cv)
{
    const sc_config *cfg = cv->ctx->config;
    if (cfg) {
        sc_for_each_stmt(cfg, f, s) {
            switch (s->kind) {
            case SC_XLINK_SYSTEM_INCLUDE:
                add_system(cv, s->u.xlink_inc.sysname.s, (uint32_t)s->u.xlink_inc.slot.v);
                break;
            case SC_XSPOOL_SYSTEM:
                add_system(cv, s->u.xspool.sysname.s, (uint32_t)s->u.xspool.slot.v);
                break;
            case SC_XSPOOL_XLIST_INPUT:
            case SC_XSPOOL_XLIST_OUTPUT:
                add_xlist(cv, &s->u.xlist.names);
                break;
            default:
                break;
            }
        }
    }
    const ud_directory *dir = cv->ctx->directory;
    for (const ud_dirstmt *d = dir ? dir->dirs : NULL; d; d = d->next) {
        if (d->form != UD_DIR_CSE || !d->sysname)
            continue;
        cv_system *s = add_system(cv, d->sysname, 0);
        if (s && !s->dir)
            s->dir = d;
    }
    if (cv->nsystems > 1) {
        qsort(cv->systems, cv->nsystems, sizeof *cv->systems, slot_cmp);
        for (uint32_t i = 0; i < cv->nsystems && !cv->oom; i++)  /* they moved */
            if (index_system(cv, i))
                cv->oom = 1;
    }
    return cv->oom ? ZVMC_ENOMEM : 0;
}

int cv_member_index(const zvmc_convert *cv, const char *name)
{
    for (uint32_t i = 0; i < cv->nmembers; i++)
        if (cv->members[i] == name)
            return (int)i;
    return -1;
}

int cv_left_behind(const zvmc_convert *cv, const char *name)
{
    const cv_system *s = find_system(cv, name);
    return s && s->pub.slot == 0;
}

/* Has @entry been noted for @s?  Entries are noted entry by entry, so the
 * last one noted answers the common case; only an entry name given twice in
 * the directory comes back later, and a set answers that once the list is
 * long. */
static int noted(const cv_system *s, const char *entry)
{
    size_t n = s->pub.nentries;
    if (n && s->pub.entries[n - 1] == entry)
        return 1;
    if (n >= CV_ENTRY_SET_MIN)
        return ptrmap_has(&s->entry_set, entry);
    for (size_t i = 0; i < n; i++)
        if (s->pub.entries[i] == entry)
            return 1;
    return 0;
}

/* Add @entry to @s's set, which starts at CV_ENTRY_SET_MIN entries with those
 * before it; 0, or ZVMC_ENOMEM. */
static int set_entry(zvmc_convert *cv, cv_system *s, const char *entry)
{
    if (s->pub.nentries + 1 < CV_ENTRY_SET_MIN)
        return 0;
    if (s->pub.nentries + 1 == CV_ENTRY_SET_MIN)
        for (size_t i = 0; i < s->pub.nentries; i++)
            if (!ptrmap_put(&s->entry_set, cv->alloc, s->pub.entries[i]))
                return ZVMC_ENOMEM;
    return ptrmap_put(&s->entry_set, cv->alloc, entry) ? 0 : ZVMC_ENOMEM;
}

void cv_note_left_entry(zvmc_convert *cv, const char *system, const char *entry)
{
    cv_system *s = find_system(cv, system);
    if (!s || s->pub.slot || !entry || noted(s, entry))
        return;
    if (s->pub.nentries == s->entries_cap) {
        uint32_t cap = s->entries_cap ? s->entries_cap * 2 : 8;
        const char **v = arena_alloc(&cv->arena, cap * sizeof *v);
        if (!v)
            return;
        if (s->pub.nentries)
            memcpy(v, s->pub.entries, s->pub.nentries * sizeof *v);
        s->pub.entries = v;
        s->entries_cap = cap;
    }
    if (set_entry(cv, s, entry)) {
        cv->oom = 1;
        return;
    }
    ((const char **)s->pub.entries)[s->pub.nentries++] = entry;
}

/* 1 to @max characters of A-Z a-z 0-9, and of @ # $ when @national. */
static int name_ok(const char *s, size_t max, int national)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (national && (c == '@' || c == '#' || c == '$'))))
            return 0;
    }
    return 1;
}

/* An SSI cluster or member name: 1 to 8 letters and digits, as the SSI
 * statement takes them (and the system-name check holds them to). */
static int system_name_ok(const char *s)
{
    return name_ok(s, 8, 0);
}

/* A volume label: 1 to 6 letters, digits and national characters. */
static int volume_label_ok(const char *s)
{
    return name_ok(s, 6, 1);
}

/* The residence volume of member @m from the input: its own System_Residence,
 * else its CSE DIRECTORY statement, else the one single-system DIRECTORY
 * statement of a one-member cluster. */
static const char *input_res_volume(const zvmc_convert *cv, uint32_t m)
{
    const char *name = cv->members[m];
    if (cv->ctx->config)
        sc_for_each_stmt(cv->ctx->config, f, s)
            if (s->kind == SC_SYSTEM_RESIDENCE && s->applies_to == name &&
                s->u.sysres->checkpoint.present && s->u.sysres->checkpoint.volid.s)
                return s->u.sysres->checkpoint.volid.s;
    const ud_directory *dir = cv->ctx->directory;
    for (const ud_dirstmt *d = dir ? dir->dirs : NULL; d; d = d->next)
        if (d->form == UD_DIR_CSE && d->sysname == name && d->nvols)
            return d->vols[0];
    if (cv->nmembers == 1 && dir && dir->dirs && dir->dirs->form == UD_DIR_PLAIN &&
        dir->dirs->nvols)
        return dir->dirs->vols[0];
    return NULL;
}

static int fail(zvmc_convert *cv, const char *msg, const char *arg)
{
    snprintf(cv->msg, sizeof cv->msg, msg, arg ? arg : "");
    return ZVMC_EINVAL;
}

int cv_pick_members(zvmc_convert *cv)
{
    const zvmc_convert_opts *o = &cv->opts;
    if (!system_name_ok(o->cluster))
        return fail(cv, "the cluster name must be 1 to 8 letters and digits, not '%s'",
                    o->cluster);
    unsigned limit = ssi_member_limit(cv->ctx);
    if (o->nmembers == 0 || o->nmembers > limit) {
        char n[16];
        snprintf(n, sizeof n, "%u", limit);
        return fail(cv, "give 1 to %s members (--zvm-level 7.3 or later allows 8)", n);
    }
    if (o->pdr_volume && !volume_label_ok(o->pdr_volume))
        return fail(cv, "the PDR volume must be a volume label of 1 to 6 characters, not '%s'",
                    o->pdr_volume);
    if (o->nres_volumes && o->nres_volumes != o->nmembers)
        return fail(cv, "give one residence volume per member%s", NULL);
    cv->members = arena_zalloc(&cv->arena, o->nmembers * sizeof *cv->members);
    cv->res_vols = arena_zalloc(&cv->arena, o->nmembers * sizeof *cv->res_vols);
    if (!cv->members || !cv->res_vols)
        return ZVMC_ENOMEM;
    for (size_t i = 0; i < o->nmembers; i++) {
        if (!system_name_ok(o->members[i]))
            return fail(cv, "'%s' is not a system name (1 to 8 letters and digits)",
                        o->members[i]);
        const char *m = ctx_intern_upper(cv->ctx, o->members[i], strlen(o->members[i]));
        if (!m)
            return ZVMC_ENOMEM;
        if (cv_member_index(cv, m) >= 0)
            return fail(cv, "member %s is given twice", m);
        cv_system *s = find_system(cv, m);
        if (cv->nsystems && !s) {
            const char *names[64];
            uint32_t n = 0;
            for (uint32_t k = 0; k < cv->nsystems && n < 64; k++)
                names[n++] = cv->systems[k].name;
            snprintf(cv->msg, sizeof cv->msg, "%s is not a system of the CSE cluster (%s)", m,
                     cv_name_list(cv, names, n));
            return ZVMC_EINVAL;
        }
        if (s)
            s->pub.slot = (int)i + 1;
        cv->members[cv->nmembers++] = m;
    }
    for (uint32_t i = 0; i < cv->nmembers; i++) {
        if (o->nres_volumes) {
            if (!volume_label_ok(o->res_volumes[i]))
                return fail(cv, "'%s' is not a volume label (1 to 6 characters)",
                            o->res_volumes[i]);
            cv->res_vols[i] = ctx_intern_upper(cv->ctx, o->res_volumes[i],
                                               strlen(o->res_volumes[i]));
            if (!cv->res_vols[i])
                return ZVMC_ENOMEM;
        } else {
            cv->res_vols[i] = input_res_volume(cv, i);
        }
    }
    return 0;
}
