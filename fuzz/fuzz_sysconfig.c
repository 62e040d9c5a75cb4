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
#include "zvmc/relocate.h"

static int on_statement(void *arg, const char *file, unsigned line, const char *text, size_t len)
{
    if (!file || !text || line == 0)
        abort();
    fz_sink += len + *(size_t *)arg;
    return 0;
}

/* Every member's view, then a system the file does not name. */
static void views(zvmc_ctx *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < zvmc_reloc_member_count(ctx); i++) {
        const char *m = zvmc_reloc_member(ctx, i);
        int rc = m ? zvmc_config_view(ctx, m, on_statement, &n) : -1;
        if (rc != 0 && rc != ZVMC_ENOMEM)
            abort();
    }
    int rc = zvmc_config_view(ctx, "NO#SUCH", on_statement, &n);
    if (rc != ZVMC_ENOMEMBER_VIEW && rc != ZVMC_ENOMEM)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return 0;
    if (fz_all_checks(ctx) == 0 &&
        zvmc_add_buffer(ctx, "fuzz.config", (const char *)data, size, ZVMC_FILE_SYSCONFIG) == 0 &&
        zvmc_run_checks(ctx) >= 0) {
        fz_render(ctx, data, size);
        views(ctx);
    }
    zvmc_ctx_free(ctx);
    return 0;
}
