/* SPDX-License-Identifier: MIT */
/*
 * objdir_determinism.c - the same model always gives the same bytes, and
 * those bytes are the golden ones.
 *
 *  - LTICS1 built with users and volumes added in four different orders
 *    serializes to identical images;
 *  - serializing one builder twice gives identical images;
 *  - the image has the golden size and CRC-32C below.  A change to the
 *    format or to the writer changes them: update GOLDEN_* deliberately,
 *    together with docs/objdir-format.md (and the version, if readers
 *    are affected);
 *  - the stored checksum agrees with an independent bit-at-a-time CRC-32C,
 *    so the writer's checksum is not only checked by the code that wrote it;
 *  - the header fields sit at the documented offsets, big-endian.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_fixture.h"

#define GOLDEN_SIZE 6578
#define GOLDEN_CRC 0x097E3338u

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reference CRC-32C, one bit at a time, with bytes 24..27 read as zero. */
static uint32_t reference_crc(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    for (size_t i = 0; i < n; i++) {
        c ^= (i >= 24 && i < 28) ? 0 : p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    }
    return ~c;
}

int main(void)
{
    size_t len0, len, len2;
    uint8_t *img0 = fx_image(0, &len0), *img, *img2;
    struct zvmc_odb *b;

    for (int order = 1; order < 4; order++) {
        img = fx_image(order, &len);
        CHECK_INT(len, len0);
        if (memcmp(img, img0, len))
            FAIL("build order %d gives different bytes", order);
        free(img);
    }

    b = fx_build(2);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    CHECK_OK(zvmc_odb_serialize(b, &img2, &len2));
    CHECK_INT(len2, len);
    CHECK(memcmp(img, img2, len) == 0);
    CHECK(memcmp(img, img0, len) == 0);
    free(img);
    free(img2);
    zvmc_odb_free(b);

    /* header at the documented offsets */
    CHECK_INT(be32(img0 + 0), 0x5A564D4F);  /* "ZVMO" */
    CHECK(memcmp(img0, "ZVMO", 4) == 0);
    CHECK_INT(be32(img0 + 4), len0);
    CHECK_INT(be32(img0 + 8), 1);      /* version 1: these names need no seed */
    CHECK_INT(be32(img0 + 12), 1);
    CHECK_INT(be32(img0 + 16), 32 + 21 * 8);
    CHECK_INT(be32(img0 + 20), 0);
    CHECK_INT(be32(img0 + 28), 21);
    CHECK_INT(be32(img0 + 24), reference_crc(img0, len0));
    for (int i = 0; i < 21; i++)
        CHECK_INT(be32(img0 + 32 + 8 * i) % 8, 0);

    if (len0 != GOLDEN_SIZE || be32(img0 + 24) != GOLDEN_CRC)
        FAIL("LTICS1 image is %zu bytes, CRC-32C 0x%08X; golden is %d bytes, 0x%08X",
             len0, (unsigned)be32(img0 + 24), GOLDEN_SIZE, (unsigned)GOLDEN_CRC);
    free(img0);
    return 0;
}
