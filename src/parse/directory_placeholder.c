/* SPDX-License-Identifier: MIT */
/* Until the directory front end lands, a directory input is reported, not
 * silently ignored.  This file is deleted by the change that adds it. */
#include "core/diag.h"
#include "parse/directory_parse.h"

int directory_parse_source(zvmc_ctx *ctx, uint32_t file)
{
    zvmc_source *src = ctx_source(ctx, file);
    diag_report(ctx, "input", ZVMC_SEV_ERROR, loc_none(),
                "%s: source directories are not supported by this build yet", src->name);
    return 0;
}

void directory_free(zvmc_ctx *ctx)
{
    (void)ctx;
}
