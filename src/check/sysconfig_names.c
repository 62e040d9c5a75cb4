/* SPDX-License-Identifier: MIT */
/*
 * system-name: the SSI cluster name and the system names of the SSI slots,
 * System_Identifier and System_Identifier_Default are 1 to 8 letters and
 * digits.  For the SSI statement that is CONFIRMED (S1: "ssi_name is at most 8
 * alphanumeric characters, sysname 1-8 alphanumeric characters"), so an error;
 * for System_Identifier it is UNCONFIRMED (docs/zvm-reference.md 2.1), so a
 * warning.
 */
#include <stdio.h>
#include <string.h>
#include "check/check.h"

/* NULL when @s is 1 to 8 letters and digits; else what is wrong with it, in
 * @buf.  Names are folded to uppercase when they are read. */
static const char *name_problem(const char *s, char *buf, size_t len)
{
    size_t n = strlen(s);
    if (n > 8) {
        snprintf(buf, len, "is %zu characters long", n);
        return buf;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            if (c > ' ' && c < 0x7F)
                snprintf(buf, len, "holds '%c'", c);
            else
                snprintf(buf, len, "holds the byte 0x%02X", c);
            return buf;
        }
    }
    return n ? NULL : "is empty";
}

static void judge(check_run *r, const sc_name *name, const char *what, int confirmed)
{
    char buf[48];
    const char *why;
    if (!name->s || !(why = name_problem(name->s, buf, sizeof buf)))
        return;
    diag_report(r->ctx, "system-name", confirmed ? ZVMC_SEV_ERROR : ZVMC_SEV_WARNING, name->loc,
                "%s %s %s: CP takes 1 to 8 letters and digits%s", what, name->s, why,
                confirmed ? "" : " (UNCONFIRMED rule)");
}

void check_system_name(check_run *r)
{
    sc_for_each_stmt(r->cfg, f, s) {
        switch (s->kind) {
        case SC_SSI:
            judge(r, &s->u.ssi.name, "the SSI cluster name", 1);
            for (uint32_t i = 0; i < s->u.ssi.nslots; i++) {
                const sc_name *m = &s->u.ssi.slots[i].member;
                if (m->s && strcmp(m->s, "AVAILABLE") != 0)
                    judge(r, m, "the SSI member name", 1);
            }
            break;
        case SC_SYSTEM_IDENTIFIER:
            judge(r, &s->u.sysid->sysname, "the system name", 0);
            break;
        case SC_SYSTEM_IDENTIFIER_DEFAULT:
            judge(r, &s->u.sysid_default.sysname, "the system name", 0);
            break;
        default:
            break;
        }
    }
}
