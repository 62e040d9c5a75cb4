/* SPDX-License-Identifier: MIT */
/*
 * Local minidisks.  A minidisk that moves into a SUBCONFIG of its owner (an
 * MDISK of a SYSAFFIN section of an entry that becomes an IDENTITY) exists on
 * each member separately: a LINK to it must sit in a SUBCONFIG of the linking
 * entry too (the paper's EREP links MAINT 190 from its SUBCONFIGs), and a
 * plain USER that links it cannot relocate while it holds the link
 * (HCPRLI1996I: "a link to a local minidisk").
 */
#include <stdio.h>
#include <string.h>
#include "check/resolve.h"
#include "emit/convert.h"

static size_t key_of(char *buf, size_t n, const char *owner, unsigned vaddr)
{
    int k = snprintf(buf, n, "%s %04X", owner, vaddr);
    return k < 0 ? 0 : (size_t)k < n ? (size_t)k : n - 1;
}

int cv_collect_locals(zvmc_convert *cv)
{
    const ud_directory *dir = cv->ctx->directory;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        const cv_sections *sec = cv->sections[i];
        if (cv->route[i] != CV_ROUTE_IDENTITY || !sec || !e->name)
            continue;
        for (uint32_t j = 1; j < e->nstmts; j++) {
            const ud_stmt *s = &e->stmts[j];
            if (s->kind != UD_S_MDISK || !cv_specific(sec, j) || !sec->mask[j])
                continue;
            char key[32];
            size_t n = key_of(key, sizeof key, e->name, s->u.mdisk.vaddr);
            int is_new;
            symtab_slot *sl = symtab_put(&cv->locals, key, n, &is_new);
            if (!sl)
                return ZVMC_ENOMEM;
            if (is_new && !(sl->key = arena_strndup(&cv->arena, key, n)))
                return ZVMC_ENOMEM;
            sl->value = (void *)(uintptr_t)((uint64_t)(uintptr_t)sl->value | sec->mask[j]);
        }
    }
    cv->locals_ready = 1;
    return 0;
}

uint64_t cv_link_local(const zvmc_convert *cv, const ud_stmt *s)
{
    if (!cv->locals_ready || s->kind != UD_S_LINK || (s->flags & (UD_F_STAR | UD_F_BAD)) ||
        !s->u.link.user)
        return 0;
    char key[32];
    size_t n = key_of(key, sizeof key, s->u.link.user, s->u.link.target);
    return (uint64_t)(uintptr_t)symtab_get(&cv->locals, key, n);
}

/* The USERs that include PROFILE @p (for the report). */
static const char *includers(zvmc_convert *cv, const ud_entry *p)
{
    const ud_directory *dir = cv->ctx->directory;
    const char *names[16];
    uint32_t n = 0, more = 0;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        if (e->kind != UD_E_USER || cv->route[i] == CV_ROUTE_IDENTITY)
            continue;
        for (uint32_t j = 1; j < e->nstmts; j++)
            if (e->stmts[j].kind == UD_S_INCLUDE && e->stmts[j].u.ref.name == p->name) {
                if (n < 16)
                    names[n++] = e->name;
                else
                    more++;
                break;
            }
    }
    if (!n)
        return "no USER includes it now";
    const char *list = cv_name_list(cv, names, n);
    return more ? cv_printf(cv, "%s and %u more", list, more) : list;
}

void cv_flag_local_links(zvmc_convert *cv, const ud_entry *e, const uint8_t *dropped)
{
    for (uint32_t j = 1; j < e->nstmts; j++) {
        const ud_stmt *s = &e->stmts[j];
        if ((dropped && dropped[j]) || !cv_link_local(cv, s))
            continue;
        uint32_t it = cv_dir_item(cv, e, s);
        const char *owner = s->u.link.user;
        if (e->kind == UD_E_PROFILE) {
            cv_set(cv, it, ZVMC_DISP_DECISION, "a link to a local minidisk: %s %04X is in %s's "
                   "SUBCONFIGs now, so a USER that includes PROFILE %s cannot relocate while "
                   "it holds the link (%s)", owner, s->u.link.target, owner, e->name,
                   includers(cv, e));
        } else {
            cv_set(cv, it, ZVMC_DISP_DECISION, "a link to a local minidisk: %s %04X is in %s's "
                   "SUBCONFIGs now, so USER %s cannot relocate while it holds the link "
                   "(VMRELOCATE: HCPRLI1996I ... device %04X is a link to a local minidisk)",
                   owner, s->u.link.target, owner, e->name ? e->name : "", s->u.link.vaddr);
        }
        cv_detail(cv, it, "keep it, and detach %04X before relocating the guest",
                  s->u.link.vaddr);
        cv_detail(cv, it, "or define %s's %04X in its IDENTITY, on a volume every member "
                  "reaches, so that it is not local", owner, s->u.link.target);
        cv_detail(cv, it, "or make the linking user an IDENTITY and put the LINK in its "
                  "SUBCONFIGs (it then cannot relocate at all)");
    }
}
