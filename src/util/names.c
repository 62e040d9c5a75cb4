/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <string.h>
#include "util/names.h"

int parse_hex(const char *s, size_t n, uint32_t *out)
{
    if (n == 0 || n > 8)
        return -1;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
        else return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

int parse_dec(const char *s, size_t n, uint64_t *out)
{
    if (n == 0 || n > 19)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}


/* The look-alike pairs a character is in, as bits (upper case). */
static unsigned lookalike_bits(char c)
{
    switch (c) {
    case 'O': case '0': return 1;
    case 'I': return 2;
    case '1': return 2 | 4;
    case 'L': return 4;
    case 'S': case '5': return 8;
    case 'B': case '8': return 16;
    case 'Z': case '2': return 32;
    case 'G': case '6': return 64;
    default: return 0;
    }
}

size_t lookalike_partners(char c, char out[LOOKALIKE_MAX_PARTNERS])
{
    static const char alike[] = "O0I1LS5B8Z2G6";
    size_t n = 0;
    c = ascii_upper(c);
    unsigned bc = lookalike_bits(c);
    for (const char *p = alike; *p && n < LOOKALIKE_MAX_PARTNERS; p++)
        if (*p != c && (lookalike_bits(*p) & bc))
            out[n++] = *p;
    return n;
}

void lookalike_variants(const char *name, void (*fn)(void *arg, const char *variant, size_t len),
                        void *arg)
{
    size_t len = strlen(name);
    char var[65];
    if (len >= sizeof var)
        return;
    memcpy(var, name, len + 1);
    for (size_t k = 0; k < len; k++) {
        char alt[LOOKALIKE_MAX_PARTNERS];
        size_t na = lookalike_partners(name[k], alt);
        for (size_t a = 0; a < na; a++) {
            var[k] = alt[a];
            fn(arg, var, len);
        }
        var[k] = name[k];
    }
}

unsigned lookalike_distance_below(const char *a, const char *b, unsigned limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    /* Two rows of the table; a row whose every cell is at the limit already
     * cannot lead below it. */
    unsigned row[2][65];
    unsigned *prev = row[0], *cur = row[1];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (unsigned)(2 * j);
    for (size_t i = 1; i <= la; i++) {
        char x = ascii_upper(a[i - 1]);
        unsigned bx = lookalike_bits(x), low;
        cur[0] = low = (unsigned)(2 * i);
        for (size_t j = 1; j <= lb; j++) {
            char y = ascii_upper(b[j - 1]);
            unsigned sub = prev[j - 1] + (x == y ? 0 : (bx & lookalike_bits(y)) ? 1 : 2);
            unsigned del = prev[j] + 2, ins = cur[j - 1] + 2;
            unsigned m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
            if (cur[j] < low)
                low = cur[j];
        }
        if (low >= limit)
            return limit;
        unsigned *t = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

unsigned lookalike_distance(const char *a, const char *b)
{
    return lookalike_distance_below(a, b, UINT_MAX);
}
