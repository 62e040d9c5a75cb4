/* SPDX-License-Identifier: MIT */
/* The source directory (USER DIRECT) front end: entry points used by the driver. */
#ifndef ZVMC_PARSE_DIRECTORY_PARSE_H
#define ZVMC_PARSE_DIRECTORY_PARSE_H

#include <stdint.h>
#include "core/ctx.h"

/* Parse one source of the context into ctx->directory. 0, or ZVMC_ENOMEM. */
int directory_parse_source(zvmc_ctx *ctx, uint32_t file);
/* Free ctx->directory (NULL allowed). */
void directory_free(zvmc_ctx *ctx);

#endif
