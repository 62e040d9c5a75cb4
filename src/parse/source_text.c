/* SPDX-License-Identifier: MIT */
/* Text or not: the check both parsers make before reading a file (source_text.h). */
#include <string.h>
#include "core/diag.h"
#include "parse/source_text.h"

int source_is_text(zvmc_ctx *ctx, const zvmc_source *src, uint32_t file, const char *what)
{
    const unsigned char *d = (const unsigned char *)src->data;
    const unsigned char *nul = src->len ? memchr(d, '\0', src->len) : NULL;
    uint32_t sample = src->len < 65536 ? src->len : 65536;
    uint32_t control = 0, high = 0, ebcdic_blank = 0, ebcdic_alnum = 0;
    for (uint32_t i = 0; i < sample; i++) {
        unsigned c = d[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            control++;
        if (c >= 0x80)
            high++;
        if (c == 0x40)
            ebcdic_blank++;
        if (c >= 0xC1 && c <= 0xF9)
            ebcdic_alnum++;
    }
    if (sample >= 64 && !memchr(d, '\n', sample) && ebcdic_blank * 10 >= sample &&
        ebcdic_alnum * 4 >= sample) {
        zvmc_loc loc = { file, 0, 1 };
        diag_report(ctx, "input", ZVMC_SEV_ERROR, loc,
                    "%s looks like EBCDIC with no line ends: transfer the %s from z/VM "
                    "in text (ASCII) mode, not binary", src->name, what);
        return 0;
    }
    if (nul || (sample && (control * 20 > sample || high * 3 > sample))) {
        uint32_t at = nul ? (uint32_t)(nul - d) : 0;
        zvmc_loc loc = { file, at, at + 1 };
        diag_report(ctx, "input", ZVMC_SEV_ERROR, loc,
                    "%s is not a text file (%s): a %s is records of text", src->name,
                    nul ? "it holds a NUL byte" : "it is mostly unprintable bytes", what);
        return 0;
    }
    return 1;
}
