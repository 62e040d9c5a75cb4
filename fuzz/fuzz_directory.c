/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: the source directory parser, per-member resolution, every
 * check (relocation included) and every renderer.  An input holding a line
 * "%%" is a SYSTEM CONFIG (before it) and a directory (after it), so the
 * cluster-level passes that need both are fuzzed too.  Any crash, leak, hang
 * or sanitizer report is a bug; the input then goes to
 * tests/fuzz-regressions/directory/. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "zvmc/relocate.h"
#include "zvmc/zvmc.h"

static int discard(void *arg, const char *data, size_t len)
{
    (void)arg;
    (void)data;
    (void)len;
    return 0;
}

static int count_verdict(void *arg, const char *user, int identity, const char *from,
                         const char *to, const zvmc_reloc_item *items, size_t n)
{
    (void)user;
    (void)identity;
    (void)from;
    (void)to;
    (void)items;
    *(size_t *)arg += n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return 0;
    for (size_t i = 0; i < zvmc_check_count(); i++)
        zvmc_set_check(ctx, zvmc_check_get(i)->name, ZVMC_LEVEL_ON);
    const char *text = (const char *)data;
    size_t split = size;
    for (size_t i = 0; i + 3 < size; i++) {
        if (text[i] == '\n' && text[i + 1] == '%' && text[i + 2] == '%' && text[i + 3] == '\n') {
            split = i;
            break;
        }
    }
    int rc = 0;
    if (split < size) {
        rc = zvmc_add_buffer(ctx, "fuzz.config", text, split + 1, ZVMC_FILE_SYSCONFIG);
        if (rc == 0)
            rc = zvmc_add_buffer(ctx, "fuzz.direct", text + split + 4, size - split - 4,
                                 ZVMC_FILE_DIRECTORY);
    } else {
        rc = zvmc_add_buffer(ctx, "fuzz.direct", text, size, ZVMC_FILE_DIRECTORY);
    }
    if (rc == 0 && zvmc_run_checks(ctx) >= 0) {
        zvmc_render(ctx, ZVMC_FORMAT_TEXT, 0, discard, NULL);
        zvmc_render(ctx, ZVMC_FORMAT_JSON, 0, discard, NULL);
        zvmc_render(ctx, ZVMC_FORMAT_SARIF, 0, discard, NULL);
        size_t reasons = 0;
        zvmc_relocate_matrix(ctx, NULL, count_verdict, &reasons);
    }
    zvmc_ctx_free(ctx);
    return 0;
}
