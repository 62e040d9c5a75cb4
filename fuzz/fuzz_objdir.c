/* SPDX-License-Identifier: MIT */
/*
 * fuzz_objdir.c - libFuzzer harness for the object directory loader.
 *
 * Each input is opened twice from an exact-size copy (so that AddressSanitizer
 * sees a read one byte past the end): once as it is, and once with its
 * CRC-32C recomputed.  Without the second open the fuzzer would almost never
 * get past the checksum to the record checks, which are the ones a hostile
 * file (with a correct checksum) attacks.  Whenever a file opens, every query
 * runs over everything (tests/unit/objdir_walk.h) and every invariant must
 * hold.  Any crash, leak, sanitizer report or broken invariant is a bug; add
 * the input to tests/unit/objdir_corrupt.c as a named case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objdir_walk.h"
#include "runtime/objdir_format.h"

static void open_and_walk_(const uint8_t *buf, size_t size)
{
    struct zvmc_objdir *od = NULL;
    int line;

    if (zvmc_objdir_open_buffer(buf, size, &od) != 0) {
        if (od)
            abort();    /* a failed open must not hand out a handle */
        return;
    }
    line = objdir_walk(od);
    if (line) {
        fprintf(stderr, "fuzz_objdir: invariant at objdir_walk.h:%d broken\n", line);
        abort();
    }
    zvmc_objdir_close(od);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size ? size : 1);
    uint32_t total;

    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    open_and_walk_(buf, size);
    if (size >= ZVMC_OD_H_BLOCKS) {
        total = zvmc_be32_ld(buf + ZVMC_OD_H_TOTALSIZE);
        if (total >= ZVMC_OD_H_CRC + 4 && total <= size) {
            zvmc_be32_st(buf + ZVMC_OD_H_CRC, zvmc_od_checksum_(buf, total));
            open_and_walk_(buf, size);
        }
    }
    free(buf);
    return 0;
}
