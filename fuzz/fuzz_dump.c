/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dump.c - libFuzzer harness: `zvmc dump` of a hostile object directory.
 *
 * fuzz_objdir.c fuzzes the loader and the runtime's queries; this harness
 * fuzzes what reads the queries' answers back into text: the directory
 * source writer (which also rebuilds SUBCONFIG names from the messages of
 * stored relocation verdicts, src/emit/dump_recover.c), the SYSTEM CONFIG,
 * JSON and XML writers.  An input is an object directory image; its CRC-32C
 * is recomputed (fuzz_objdir.c fuzzes the checksum itself), so that the
 * fuzzer gets past it to the records.  Whatever opens is dumped in every
 * form (fuzz_common.h's fz_dump for each pick).  Any crash, leak, sanitizer
 * report or error other than ZVMC_ENOMEM is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "runtime/objdir_format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < ZVMC_OD_H_BLOCKS)
        return 0;
    uint8_t *buf = malloc(size);    /* exact size: a read past the end is caught */
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    uint32_t total = zvmc_be32_ld(buf + ZVMC_OD_H_TOTALSIZE);
    if (total >= ZVMC_OD_H_CRC + 4 && total <= size)
        zvmc_be32_st(buf + ZVMC_OD_H_CRC, zvmc_od_checksum_(buf, total));
    struct zvmc_objdir *od = NULL;
    if (zvmc_objdir_open_buffer(buf, size, &od) == 0) {
        for (uint32_t pick = 0; pick < 5; pick++)
            fz_dump(od, pick);
        zvmc_objdir_close(od);
    }
    free(buf);
    return 0;
}
