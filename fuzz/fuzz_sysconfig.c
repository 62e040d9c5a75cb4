/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sysconfig.c - libFuzzer harness: the SYSTEM CONFIG parser, every check
 * (all of them on, the off-by-default ones included), a renderer over what
 * they found (fuzz_common.h), and each member's view of the file
 * (zvmc_config_view, as `zvmc view` writes it).  Any crash, leak, hang,
 * sanitizer report or broken promise of the API is a bug; the input then goes to tests/fuzz-regressions/sysconfig/, which
 * `make check` replays (tests/scripts/fuzz_regressions.sh).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return 0;
    if (fz_all_checks(ctx) == 0 &&
        zvmc_add_buffer(ctx, "fuzz.config", (const char *)data, size, ZVMC_FILE_SYSCONFIG) == 0 &&
        zvmc_run_checks(ctx) >= 0) {
        fz_render(ctx, data, size);
        fz_views(ctx);
    }
    zvmc_ctx_free(ctx);
    return 0;
}
