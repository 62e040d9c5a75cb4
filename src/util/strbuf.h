/* SPDX-License-Identifier: MIT */
/* A growable byte buffer.  An allocation failure sets .failed; later appends do
 * nothing, and the owner checks .failed once at the end. */
#ifndef ZVMC_UTIL_STRBUF_H
#define ZVMC_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include "util/alloc.h"

typedef struct strbuf {
    const zvmc_alloc *alloc;
    char *data;
    size_t len, cap;
    int failed;
} strbuf;

void sb_init(strbuf *sb, const zvmc_alloc *alloc);
void sb_free(strbuf *sb);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
/* JSON string literal, with quotes */
void sb_json_str(strbuf *sb, const char *s);
/* XML-escaped text (& < > " ') */
void sb_xml_text(strbuf *sb, const char *s);
/* NUL-terminated contents ("" when empty); valid until the next append */
const char *sb_cstr(strbuf *sb);

#endif
