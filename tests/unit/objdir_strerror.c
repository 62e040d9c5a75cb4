/* SPDX-License-Identifier: MIT */
/*
 * objdir_strerror.c - every error code has its own text, either sign works,
 * codes outside the enum say so; relocation reasons have exactly the check
 * names `zvmc relocate test` prints.
 */
#include <limits.h>
#include <string.h>

#include "objdir_test.h"

int main(void)
{
    static const char *const names[ZVMC_RELOC_REASON_COUNT] = {
        "reloc-identity", "reloc-disabled", "reloc-domain", "reloc-local-minidisk",
        "reloc-dedicated-eqid", "reloc-dedicated-type", "reloc-crypto-dedicated",
        "reloc-cpu-dedicated", "reloc-guest-lan", "reloc-vswitch", "reloc-machine",
        "reloc-option",
    };

    CHECK_STR(zvmc_strerror(0), "success");
    for (int e = 1; e < ZVMC_ERR_MAX; e++) {
        const char *s = zvmc_strerror(-e);

        CHECK(s != NULL && *s);
        CHECK(strcmp(s, "unknown error") != 0);
        CHECK(zvmc_strerror(e) == s);
        for (int f = 0; f < e; f++)
            if (!strcmp(zvmc_strerror(-f), s))
                FAIL("codes %d and %d share the text \"%s\"", f, e, s);
    }
    CHECK_STR(zvmc_strerror(-ZVMC_ERR_MAX), "unknown error");
    CHECK_STR(zvmc_strerror(ZVMC_ERR_MAX + 100), "unknown error");
    CHECK_STR(zvmc_strerror(INT_MIN), "unknown error");
    CHECK_STR(zvmc_strerror(-ZVMC_ERR_BADCHECKSUM), "checksum mismatch (CRC-32C)");

    for (int c = 0; c < ZVMC_RELOC_REASON_COUNT; c++)
        CHECK_STR(zvmc_reloc_reason_name(c), names[c]);
    CHECK(zvmc_reloc_reason_name(-1) == NULL);
    CHECK(zvmc_reloc_reason_name(ZVMC_RELOC_REASON_COUNT) == NULL);
    CHECK_INT(ZVMC_RELOC_REASON_COUNT, 12);
    return 0;
}
