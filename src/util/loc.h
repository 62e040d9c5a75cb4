/* SPDX-License-Identifier: MIT */
/* A source location: a file of the context and a byte range in it.  Lines and
 * columns are computed from a line map only when a diagnostic needs them. */
#ifndef ZVMC_UTIL_LOC_H
#define ZVMC_UTIL_LOC_H

#include <stdint.h>

typedef struct zvmc_loc {
    uint32_t file;      /* index into the context's sources; UINT32_MAX: none */
    uint32_t begin;     /* first byte */
    uint32_t end;       /* one past the last byte (end == begin: a point) */
} zvmc_loc;

#define ZVMC_NOFILE UINT32_MAX
static inline zvmc_loc loc_none(void) { zvmc_loc l = { ZVMC_NOFILE, 0, 0 }; return l; }
static inline int loc_valid(zvmc_loc l) { return l.file != ZVMC_NOFILE; }
static inline zvmc_loc loc_join(zvmc_loc a, zvmc_loc b)
{
    if (!loc_valid(a)) return b;
    if (!loc_valid(b) || a.file != b.file) return a;
    zvmc_loc r = { a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end };
    return r;
}

#endif
