/* SPDX-License-Identifier: MIT */
/*
 * The block that takes the CSE statements' place: System_Identifier lines for
 * members the input does not map, the SSI statement (each member's CSE slot
 * statements anchored at its SLOT line), the PDR volume's CP_Owned slot when
 * the input owns it nowhere, and the ISLINK skeletons.  In a fragment (an
 * input with no System_Residence, as when the CSE statements were kept in a
 * file of their own) the checks that need the whole file are suppressed at the
 * SSI statement, with a comment that says to merge it.
 */
#include <stdio.h>
#include <string.h>
#include "emit/convert.h"
#include "parse/directory_ast.h"

/* Does the input map member @m by System_Identifier(_Default)? */
static int sysid_maps(const zvmc_convert *cv, const char *m)
{
    sc_for_each_stmt(cv->ctx->config, f, s)
        if ((s->kind == SC_SYSTEM_IDENTIFIER && s->u.sysid->sysname.s == m) ||
            (s->kind == SC_SYSTEM_IDENTIFIER_DEFAULT && s->u.sysid_default.sysname.s == m))
            return 1;
    return 0;
}

/* System_Identifier for members the input does not map: from the CSE
 * DIRECTORY statement's "cpuid-model" operand when there is one. */
static void add_sysids(zvmc_convert *cv, cv_gen *g)
{
    for (uint32_t m = 0; m < cv->nmembers; m++) {
        const char *name = cv->members[m];
        if (sysid_maps(cv, name))
            continue;
        const ud_dirstmt *d = NULL;
        for (uint32_t k = 0; k < cv->nsystems; k++)
            if (cv->systems[k].name == name)
                d = cv->systems[k].dir;
        const char *w[8];
        uint32_t wl[8];
        const zvmc_source *src = d ? cv_source(cv, d->loc.file) : NULL;
        uint32_t n = src ? cv_words(src->data + d->loc.begin, d->loc.end - d->loc.begin, w, wl, 8)
                         : 0;
        const char *dash = n >= 6 ? memchr(w[4], '-', wl[4]) : NULL;
        char text[128];
        if (dash) {
            /* "*4zzzz-2094": a wildcard digit is '*' there and '%' in System_Identifier */
            char cpuid[16];
            uint32_t cl = (uint32_t)(dash - w[4]);
            if (cl >= sizeof cpuid)
                cl = sizeof cpuid - 1;
            for (uint32_t i = 0; i < cl; i++)
                cpuid[i] = w[4][i] == '*' ? '%' : w[4][i];
            cpuid[cl] = '\0';
            snprintf(text, sizeof text, "System_Identifier %.*s %s %s",
                     (int)(wl[4] - cl - 1), dash + 1, cpuid, name);
            uint32_t a = cv_add(cv, 0, text, "SSI needs each member's name set by "
                                "System_Identifier; this one is from %s's CSE DIRECTORY "
                                "statement (UNCONFIRMED: a '*' of its CPU ID is written '%%')",
                                name);
            cv_gen_anchor(g, CV_ANCHOR_ADDED, a, cv_gen_line(g, text, strlen(text)));
        } else {
            snprintf(text, sizeof text, "/* System_Identifier LPAR lparname %s */", name);
            uint32_t a = cv_add(cv, 1, text, "SSI needs each member's name set by "
                                "System_Identifier, and nothing in the input names the LPAR or "
                                "processor of %s: fill it in and remove the comment delimiters",
                                name);
            cv_gen_anchor(g, CV_ANCHOR_ADDED, a, cv_gen_line(g, text, strlen(text)));
        }
    }
}

/* Anchor the members' CSE slot statements at their SLOT line. */
static void anchor_slots(zvmc_convert *cv, cv_gen *g, const char *member, uint32_t line)
{
    sc_for_each_stmt(cv->ctx->config, f, s) {
        const char *name = s->kind == SC_XLINK_SYSTEM_INCLUDE ? s->u.xlink_inc.sysname.s
                         : s->kind == SC_XSPOOL_SYSTEM ? s->u.xspool.sysname.s : NULL;
        if (name == member)
            cv_gen_anchor(g, CV_ANCHOR_ITEM, cv_cfg_item(cv, s, f->file), line);
    }
}

/* Members whose view owns the PDR volume (CP_Owned or User_Volume_List). */
static uint64_t pdr_owned(const zvmc_convert *cv, const char *pdr, uint32_t *free_slot)
{
    uint64_t mask = 0;
    uint8_t used[256] = { 0 };
    sc_for_each_stmt(cv->ctx->config, f, s) {
        if (s->kind == SC_CP_OWNED && s->u.cpowned.slot.present && s->u.cpowned.slot.v < 256)
            used[s->u.cpowned.slot.v] = 1;
        int names = (s->kind == SC_CP_OWNED && s->u.cpowned.volid.s == pdr);
        for (uint32_t k = 0; s->kind == SC_USER_VOLUME_LIST && k < s->u.uservol.volumes.n; k++)
            names |= s->u.uservol.volumes.v[k].s == pdr;
        if (!names || cv->items[cv_cfg_item(cv, s, f->file)].pub.disposition == ZVMC_DISP_REMOVED)
            continue;
        for (uint32_t m = 0; m < cv->nmembers && m < 64; m++)
            if (sc_applies(s, cv->members[m]))
                mask |= (uint64_t)1 << m;
    }
    *free_slot = 0;
    for (uint32_t i = 1; i < 256 && !*free_slot; i++)
        if (!used[i])
            *free_slot = i;
    return mask;
}

static void add_pdr_owner(zvmc_convert *cv, cv_gen *g, const char *pdr)
{
    uint32_t slot;
    uint64_t all = cv->nmembers >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << cv->nmembers) - 1);
    uint64_t owned = pdr_owned(cv, pdr, &slot);
    if (owned == all || !slot)
        return;
    for (uint32_t m = 0; m < cv->nmembers; m++) {
        if (owned && ((owned >> m) & 1))
            continue;
        char text[96];
        if (owned)
            snprintf(text, sizeof text, "%s: CP_Owned Slot %u %s", cv->members[m], slot, pdr);
        else
            snprintf(text, sizeof text, "CP_Owned Slot %u %s", slot, pdr);
        uint32_t a = cv_add(cv, 0, text, "the PDR volume must be CP_Owned on every member; "
                            "slot %u is the lowest the input leaves free (move it if your slot "
                            "plan says otherwise)", slot);
        cv_gen_anchor(g, CV_ANCHOR_ADDED, a, cv_gen_line(g, text, strlen(text)));
        if (!owned)
            break;      /* one unqualified statement serves every member */
    }
}

void cv_ssi_block(zvmc_convert *cv, cv_gen *g, int with_islinks)
{
    const char *pdr = cv->opts.pdr_volume
                          ? ctx_intern_upper(cv->ctx, cv->opts.pdr_volume,
                                             strlen(cv->opts.pdr_volume))
                          : NULL;
    if (cv->opts.pdr_volume && !pdr) {
        g->sb.failed = 1;       /* out of memory: the edit fails */
        return;
    }
    add_sysids(cv, g);
    cv_gen_printf(g, "/* SSI cluster %s (zvmc convert): in place of XLINK and XSPPOOL */",
                  cv->opts.cluster);
    if (cv->fragment) {
        cv_gen_printf(g, "/* A fragment: the input has no System_Residence, so merge this into  */");
        cv_gen_printf(g, "/* the members' SSI SYSTEM CONFIG and delete the next comment, which  */");
        cv_gen_printf(g, "/* holds back the checks that need the whole file.                    */");
        cv_gen_printf(g, "/* zvmc: disable=ssi-system-residence%s */",
                      pdr ? ",ssi-pdr-cpowned" : "");
    }
    char head[96];
    if (pdr)
        snprintf(head, sizeof head, "SSI %s PDR_VOLUME %s,", cv->opts.cluster, pdr);
    else
        snprintf(head, sizeof head, "SSI %s,", cv->opts.cluster);
    uint32_t first = cv_gen_line(g, head, strlen(head));
    uint32_t a = cv_add(cv, 0, head, "the SSI statement: cluster %s, %u member%s in slot "
                        "order%s", cv->opts.cluster, cv->nmembers, cv->nmembers == 1 ? "" : "s",
                        pdr ? ", PDR on the volume given" : ", PDR on the parm disk's volume "
                        "(CP's default; --pdr-volume names another)");
    cv_gen_anchor(g, CV_ANCHOR_ADDED, a, first);
    for (uint32_t m = 0; m < cv->nmembers; m++) {
        uint32_t l = cv_gen_printf(g, "    SLOT %u %s%s", m + 1, cv->members[m],
                                   m + 1 < cv->nmembers ? "," : "");
        anchor_slots(cv, g, cv->members[m], l);
    }
    if (pdr && !cv->fragment)
        add_pdr_owner(cv, g, pdr);
    if (with_islinks && !cv_islink_complete(cv))
        cv_islink_skeletons(cv, g);
}
