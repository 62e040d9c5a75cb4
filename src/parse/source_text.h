/* SPDX-License-Identifier: MIT */
/*
 * source_text.h - refuse what is plainly not a text file before a parser
 * reads it: a binary, or a file copied from z/VM without translation to ASCII.
 * Both parsers read records of text; a NUL byte would also end every C string
 * made from the text early (a name read as "" where the file has more).
 */
#ifndef ZVMC_PARSE_SOURCE_TEXT_H
#define ZVMC_PARSE_SOURCE_TEXT_H

#include <stdint.h>
#include "core/ctx.h"

/*
 * 1 when @src (source @file) can be read as text.  Otherwise 0, with an
 * `input` error at the first NUL byte (or the start of the file) that says
 * why; @what names the kind of file in it: "source directory" or "SYSTEM CONFIG".
 */
int source_is_text(zvmc_ctx *ctx, const zvmc_source *src, uint32_t file, const char *what);

#endif
