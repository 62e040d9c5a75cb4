/* SPDX-License-Identifier: MIT */
/*
 * The outputs, checked as `zvmc check` checks them: in a context of their own
 * (same allocator, same z/VM level, default checks, no error limit), under the
 * paths they will be written to.  The ssi-islink-mesh errors are the ISLINK
 * skeletons' when zvmc wrote any: they go away when the sysprog fills them in.
 */
#include <string.h>
#include "emit/convert.h"

int cv_check_outputs(zvmc_convert *cv)
{
    zvmc_ctx *c = zvmc_ctx_new(cv->alloc);
    if (!c)
        return ZVMC_ENOMEM;
    cv->check = c;
    c->zvm_version = cv->ctx->zvm_version;
    c->zvm_release = cv->ctx->zvm_release;
    zvmc_set_max_errors(c, 0);
    for (uint32_t i = 0; i < cv->nouts; i++) {
        const zvmc_convert_output *o = &cv->outs[i].pub;
        int rc = zvmc_add_buffer(c, o->path, o->data, o->len, o->kind);
        if (rc)
            return rc == ZVMC_ENOMEM ? rc : ZVMC_EINVAL;
    }
    int rc = zvmc_run_checks(c);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < zvmc_diag_count(c); i++) {
        const zvmc_diag *d = zvmc_diag_at(c, i);
        if (d->severity != ZVMC_SEV_ERROR)
            continue;
        if (cv->skeletons && !strcmp(d->check, "ssi-islink-mesh"))
            cv->check_skeleton++;
        else
            cv->check_other++;
    }
    return 0;
}
