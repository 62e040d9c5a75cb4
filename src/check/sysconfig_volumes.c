/* SPDX-License-Identifier: MIT */
/*
 * volume-label: the volumes a SYSTEM CONFIG names by label (CP_Owned,
 * User_Volume_List, the SSI PDR volume, System_Residence's checkpoint and
 * warm-start volumes) have labels of 1 to 6 characters, the volume serial of
 * a DASD's VOL1 label (CP keeps it in 6 bytes: CPVOLSER of its CPVOL control
 * block), as the directory's MDISK volumes do (its parser says so for them).
 * A name that starts with '&' is a symbol CP substitutes (&SYSPARM), not
 * judged.  A longer name is no volume CP can find: an error.  The
 * patterns of User_Volume_Include and XLINK_VOLUME_INclude/EXclude match no
 * volume when they need more than 6 characters; their wildcard syntax ('*'
 * any run, '%' one character) is UNCONFIRMED, so that is a warning.
 */
#include <string.h>
#include "check/check.h"

#define VOLSER_MAX 6

static void exact(check_run *r, const sc_name *n, const char *what)
{
    size_t len;
    /* &SYSPARM and the like are symbols CP substitutes, not labels */
    if (!n->s || n->s[0] == '&' || (len = strlen(n->s)) <= VOLSER_MAX)
        return;
    zvmc_diag_int *d = diag_report(r->ctx, "volume-label", ZVMC_SEV_ERROR, n->loc,
                                   "%s %s is %zu characters long: a volume label is 1 to 6 "
                                   "characters", what, n->s, len);
    diag_note(r->ctx, d, loc_none(), "write the volume's own label: the 1 to 6 characters "
              "that QUERY DASD shows for it");
}

/* The characters a label needs to match @p: all but '*'. */
static size_t pattern_needs(const char *p)
{
    size_t n = 0;
    for (; *p; p++)
        n += *p != '*';
    return n;
}

static void patterns(check_run *r, const sc_namelist *l, const sc_stmt *s)
{
    for (uint32_t i = 0; i < l->n; i++) {
        const sc_name *n = &l->v[i];
        size_t need;
        if (!n->s || (need = pattern_needs(n->s)) <= VOLSER_MAX)
            continue;
        diag_report(r->ctx, "volume-label", ZVMC_SEV_WARNING, n->loc,
                    "the %.*s pattern %s needs %zu characters: it matches no volume label "
                    "(1 to 6 characters; UNCONFIRMED wildcard syntax: '*' any run, '%%' one "
                    "character)", (int)s->head.len, s->head.text, n->s, need);
    }
}

void check_volume_label(check_run *r)
{
    sc_for_each_stmt(r->cfg, f, s) {
        switch (s->kind) {
        case SC_CP_OWNED:
            exact(r, &s->u.cpowned.volid, "the CP_Owned volume");
            break;
        case SC_USER_VOLUME_LIST:
            for (uint32_t i = 0; i < s->u.uservol.volumes.n; i++)
                exact(r, &s->u.uservol.volumes.v[i], "the user volume");
            break;
        case SC_SSI:
            exact(r, &s->u.ssi.pdr, "the PDR volume");
            break;
        case SC_SYSTEM_RESIDENCE:
            if (s->u.sysres->checkpoint.present)
                exact(r, &s->u.sysres->checkpoint.volid, "the checkpoint volume");
            if (s->u.sysres->warmstart.present)
                exact(r, &s->u.sysres->warmstart.volid, "the warm start volume");
            break;
        case SC_USER_VOLUME_INCLUDE:
            patterns(r, &s->u.uservol.volumes, s);
            break;
        case SC_XLINK_VOLUME_INCLUDE:
        case SC_XLINK_VOLUME_EXCLUDE:
            patterns(r, &s->u.xlist.names, s);
            break;
        default:
            break;
        }
    }
}
