/* SPDX-License-Identifier: MIT */
/*
 * objdir_mutate.c - systematic damage to the LTICS1 image: every byte
 * flipped, every 32-bit word set to boundary values, each time with a
 * recomputed checksum so that the record checks (not the CRC) must cope.
 *
 * Each damaged image must either be rejected with a known error code, or
 * open and then survive every query (objdir_walk).  Run under ASan or
 * valgrind, this is a deterministic small-scale fuzzer for the loader.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_fixture.h"
#include "objdir_walk.h"
#include "runtime/objdir_format.h"

static int opened, rejected;

static void try_image(uint8_t *b, size_t len, const char *what, size_t at)
{
    struct zvmc_objdir *od = NULL;
    int rc;

    zvmc_be32_st(b + ZVMC_OD_H_CRC, zvmc_od_checksum_(b, len));
    rc = zvmc_objdir_open_buffer(b, len, &od);
    if (rc == 0) {
        int line = objdir_walk(od);

        if (line)
            FAIL("%s at %zu: opened, but the walk broke at objdir_walk.h:%d", what, at, line);
        zvmc_objdir_close(od);
        opened++;
        return;
    }
    if (rc >= 0 || rc <= -ZVMC_ERR_MAX || !strcmp(zvmc_strerror(rc), "unknown error"))
        FAIL("%s at %zu: open returned %d", what, at, rc);
    if (od)
        FAIL("%s at %zu: failed open left a handle", what, at);
    rejected++;
}

int main(void)
{
    static const uint8_t masks[] = { 0x01, 0xFF };
    static const uint32_t words[] = { 0, 0x7FFFFFFFu, 0xFFFFFFFFu };
    size_t len;
    uint8_t *img = fx_image(0, &len), *b = malloc(len);

    CHECK(b != NULL);
    for (size_t i = 0; i < len; i++) {
        if (i >= ZVMC_OD_H_CRC && i < ZVMC_OD_H_CRC + 4)
            continue;   /* rewritten anyway */
        for (size_t k = 0; k < sizeof(masks); k++) {
            memcpy(b, img, len);
            b[i] ^= masks[k];
            try_image(b, len, "byte flip", i);
        }
    }
    for (size_t i = 0; i + 4 <= len; i += 4) {
        if (i == ZVMC_OD_H_CRC)
            continue;
        for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
            memcpy(b, img, len);
            zvmc_be32_st(b + i, words[k]);
            try_image(b, len, "word set", i);
        }
    }
    /* both outcomes must have happened, or the test proves nothing */
    CHECK(opened > 100);
    CHECK(rejected > 1000);
    free(b);
    free(img);
    return 0;
}
