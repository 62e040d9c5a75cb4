/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: the SYSTEM CONFIG parser and every check, and every
 * renderer over what they found.  Any crash, leak, hang or sanitizer report is
 * a bug; the input then goes to tests/fuzz-regressions/sysconfig/. */
#include <stddef.h>
#include <stdint.h>
#include "zvmc/zvmc.h"

static int discard(void *arg, const char *data, size_t len)
{
    (void)arg;
    (void)data;
    (void)len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return 0;
    /* Every check on, so none is skipped. */
    for (size_t i = 0; i < zvmc_check_count(); i++)
        zvmc_set_check(ctx, zvmc_check_get(i)->name, ZVMC_LEVEL_ON);
    if (zvmc_add_buffer(ctx, "fuzz.config", (const char *)data, size, ZVMC_FILE_SYSCONFIG) == 0 &&
        zvmc_run_checks(ctx) >= 0) {
        zvmc_render(ctx, ZVMC_FORMAT_TEXT, ZVMC_RENDER_COLOR, discard, NULL);
        zvmc_render(ctx, ZVMC_FORMAT_JSON, 0, discard, NULL);
        zvmc_render(ctx, ZVMC_FORMAT_SARIF, 0, discard, NULL);
    }
    zvmc_ctx_free(ctx);
    return 0;
}
