/* SPDX-License-Identifier: MIT */
/*
 * objdir_crc32c.c - the runtime's CRC-32C against published check values
 * (RFC 3720 appendix B.4 and the "123456789" check) and against a
 * bit-at-a-time reference, including when fed in pieces; the tables
 * (zvmc_crc32c_table_) and whatever zvmc_crc32c_ picks on this CPU (the CRC32
 * instruction from 512 bytes on x86-64 with SSE4.2) must agree.
 */
#include <stdint.h>
#include <string.h>

#include "objdir_test.h"
#include "runtime/objdir_format.h"

static uint32_t reference(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    }
    return ~c;
}

int main(void)
{
    uint8_t buf[32], big[4099];
    uint32_t x = 12345;

    CHECK_INT(zvmc_crc32c_(0, "123456789", 9), 0xE3069283u);
    CHECK_INT(zvmc_crc32c_(0, "", 0), 0);

    memset(buf, 0, sizeof(buf));
    CHECK_INT(zvmc_crc32c_(0, buf, 32), 0x8A9136AAu);
    memset(buf, 0xFF, sizeof(buf));
    CHECK_INT(zvmc_crc32c_(0, buf, 32), 0x62A8AB43u);
    for (int i = 0; i < 32; i++)
        buf[i] = (uint8_t)i;
    CHECK_INT(zvmc_crc32c_(0, buf, 32), 0x46DD794Eu);
    for (int i = 0; i < 32; i++)
        buf[i] = (uint8_t)(31 - i);
    CHECK_INT(zvmc_crc32c_(0, buf, 32), 0x113FDB5Cu);

    for (size_t i = 0; i < sizeof(big); i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (uint8_t)(x >> 16);
    }
    CHECK_INT(zvmc_crc32c_(0, big, sizeof(big)), reference(big, sizeof(big)));
    for (size_t cut = 0; cut <= sizeof(big); cut += 97)
        CHECK_INT(zvmc_crc32c_(zvmc_crc32c_(0, big, cut), big + cut, sizeof(big) - cut),
              reference(big, sizeof(big)));
    CHECK_INT(zvmc_crc32c_table_(0, "123456789", 9), 0xE3069283u);
    for (size_t n = 0; n <= sizeof(big); n += n < 1100 ? 1 : 331) {
        uint32_t want = reference(big, n);

        CHECK_INT(zvmc_crc32c_table_(0, big, n), want);
        CHECK_INT(zvmc_crc32c_(0, big, n), want);
        /* from an odd address, and continued from a CRC */
        if (n > 1) {
            CHECK_INT(zvmc_crc32c_(zvmc_crc32c_(0, big, 1), big + 1, n - 1), want);
            CHECK_INT(zvmc_crc32c_table_(zvmc_crc32c_(0, big, 1), big + 1, n - 1), want);
        }
    }
    return 0;
}
