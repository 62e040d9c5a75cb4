/* SPDX-License-Identifier: MIT */
/* The check pages of docs/checks/, built into the binary by
 * scripts/gen-check-docs.sh ($(BUILD)/gen/check_docs.c). */
#ifndef ZVMC_CLI_CHECK_DOCS_H
#define ZVMC_CLI_CHECK_DOCS_H

#include <stddef.h>

typedef struct cli_check_doc {
    const char *name;   /* the check, e.g. "eqid-one-sided" */
    const char *text;   /* the page, Markdown */
} cli_check_doc;

extern const cli_check_doc cli_check_docs[];
extern const size_t cli_check_docs_count;

#endif
