/* SPDX-License-Identifier: MIT */
/*
 * dir-mdisk-volume: a minidisk on a volume that no member attaches.  CP
 * attaches at IPL the volumes its SYSTEM CONFIG names: CP_Owned, and the user
 * volumes of User_Volume_List (exactly) and User_Volume_Include (by pattern)
 * (S6, S18).  A minidisk on a volume none of them names, in any member's view,
 * cannot be linked until someone attaches the volume by hand.  The rule is
 * docs/zvm-reference.md's 2.5 lint ("every volser named in an MDISK must be
 * covered by a CP_OWNED entry or a user volume list/include"), UNCONFIRMED:
 * a warning, once per volume, at its first minidisk.
 *
 * The residence and directory volumes (System_Residence, the SSI PDR, the
 * DIRECTORY statement) count as attached, and so does &SYSRES; a SYSTEM CONFIG
 * that names no volume at all (a fragment) is not judged.
 */
#include <stdlib.h>
#include <string.h>
#include "check/cluster_devices.h"
#include "check/dir_checks.h"
#include "parse/directory_parse.h"
#include "util/ptrmap.h"

/* The volumes CP needs whatever the lists say: residence, PDR, directory. */
static int add_system_volumes(check_run *r, ptrmap *sysvols)
{
    const zvmc_alloc *al = &r->ctx->alloc;
    sc_for_each_stmt(r->cfg, f, s) {
        const char *v[2] = { NULL, NULL };
        if (s->kind == SC_SYSTEM_RESIDENCE) {
            v[0] = s->u.sysres->checkpoint.volid.s;
            v[1] = s->u.sysres->warmstart.volid.s;
        } else if (s->kind == SC_SSI) {
            v[0] = s->u.ssi.pdr.s;
        }
        for (int i = 0; i < 2; i++)
            if (v[i] && !ptrmap_put(sysvols, al, v[i]))
                return 0;
    }
    for (const ud_dirstmt *d = r->ctx->directory->dirs; d; d = d->next)
        for (uint32_t i = 0; i < d->nvols; i++)
            if (d->vols[i] && !ptrmap_put(sysvols, al, d->vols[i]))
                return 0;
    return 1;
}

/* An MDISK with an extent on a named volume (not &SYSRES, not malformed). */
static int on_named_volume(const ud_stmt *s)
{
    return s->kind == UD_S_MDISK && !(s->flags & (UD_F_BAD | UD_F_SYSRES)) && s->u.mdisk.vol &&
           (s->u.mdisk.ext == UD_EXT_CYL || s->u.mdisk.ext == UD_EXT_END);
}

void check_dir_mdisk_volume(check_run *r)
{
    zvmc_ctx *ctx = r->ctx;
    const cluster_devices *dev = r->devices;
    const ud_directory *dir = ctx->directory;
    if (!dev || !dir || !ud_run_res(r) || dir->nvols < 2 ||
        (dev->volumes.count == 0 && dev->npatterns == 0))
        return;
    ptrmap sysvols = { 0 };
    /* per volume id: how many minidisks sit on it when no member attaches it */
    uint32_t *count = zalloc_calloc(&ctx->alloc, dir->nvols, sizeof *count);
    uint8_t *bad = zalloc_calloc(&ctx->alloc, dir->nvols, 1);
    uint32_t nbad = 0;
    if (!count || !bad || !add_system_volumes(r, &sysvols)) {
        ctx->oom = 1;
        goto out;
    }
    for (uint32_t v = 1; v < dir->nvols; v++) {
        int known;
        (void)devices_volume_members(dev, dir->vols[v], &known);
        if (!known && !ptrmap_has(&sysvols, dir->vols[v])) {
            bad[v] = 1;
            nbad++;
        }
    }
    if (!nbad)
        goto out;
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        for (uint32_t k = 0; k < e->nstmts; k++)
            if (on_named_volume(&e->stmts[k]) && bad[e->stmts[k].u.mdisk.vol])
                count[e->stmts[k].u.mdisk.vol]++;
    }
    /* Then the finding, at the first minidisk of each such volume. */
    for (uint32_t i = 0; i < dir->nentries; i++) {
        const ud_entry *e = dir->entries[i];
        for (uint32_t k = 0; k < e->nstmts; k++) {
            const ud_stmt *s = &e->stmts[k];
            if (!on_named_volume(s) || !bad[s->u.mdisk.vol])
                continue;
            uint32_t v = s->u.mdisk.vol;
            bad[v] = 0;     /* once per volume */
            zvmc_diag_int *d = diag_report(ctx, "dir-mdisk-volume", ZVMC_SEV_WARNING,
                ud_operand_loc(ctx, e, s, 4), "MDISK %04X of %s is on volume %s, which no member "
                "attaches: no CP_Owned, User_Volume_List or User_Volume_Include of the SYSTEM "
                "CONFIG names it, so the minidisk cannot be linked (UNCONFIRMED rule)",
                s->u.mdisk.vaddr, e->name ? e->name : "?", dir->vols[v]);
            if (count[v] > 1)
                diag_note(ctx, d, loc_none(), "%u minidisks of the directory are on %s",
                          count[v], dir->vols[v]);
            diag_note(ctx, d, loc_none(), "add 'User_Volume_List %s' for the members that use "
                      "it (or correct the label)", dir->vols[v]);
        }
    }
out:
    ptrmap_free(&sysvols, &ctx->alloc);
    zalloc_free(&ctx->alloc, count);
    zalloc_free(&ctx->alloc, bad);
}
