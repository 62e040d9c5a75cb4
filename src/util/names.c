/* SPDX-License-Identifier: MIT */
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

/* Characters that read alike: a substitution between them costs 1, not 2. */
static const char *const lookalike_pairs[] = { "O0", "I1", "L1", "S5", "B8", "Z2", "G6" };
#define NPAIRS (sizeof lookalike_pairs / sizeof lookalike_pairs[0])

static int lookalike(char a, char b)
{
    a = ascii_upper(a);
    b = ascii_upper(b);
    for (size_t i = 0; i < NPAIRS; i++)
        if ((a == lookalike_pairs[i][0] && b == lookalike_pairs[i][1]) ||
            (a == lookalike_pairs[i][1] && b == lookalike_pairs[i][0]))
            return 1;
    return 0;
}

size_t lookalike_partners(char c, char out[LOOKALIKE_MAX_PARTNERS])
{
    size_t n = 0;
    c = ascii_upper(c);
    for (size_t i = 0; i < NPAIRS && n < LOOKALIKE_MAX_PARTNERS; i++) {
        if (c == lookalike_pairs[i][0])
            out[n++] = lookalike_pairs[i][1];
        else if (c == lookalike_pairs[i][1])
            out[n++] = lookalike_pairs[i][0];
    }
    return n;
}

unsigned lookalike_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    unsigned d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = (unsigned)(2 * i);
    for (size_t j = 0; j <= lb; j++) d[0][j] = (unsigned)(2 * j);
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            char x = ascii_upper(a[i - 1]), y = ascii_upper(b[j - 1]);
            unsigned sub = d[i - 1][j - 1] + (x == y ? 0 : lookalike(x, y) ? 1 : 2);
            unsigned del = d[i - 1][j] + 2, ins = d[i][j - 1] + 2;
            unsigned m = sub < del ? sub : del;
            d[i][j] = m < ins ? m : ins;
        }
    }
    return d[la][lb];
}
