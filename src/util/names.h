/* SPDX-License-Identifier: MIT */
/* Small text helpers shared by the front ends and checks. */
#ifndef ZVMC_UTIL_NAMES_H
#define ZVMC_UTIL_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ASCII case folding: z/VM names are case-insensitive and stored uppercase. */
static inline char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c; }
/* Compare @alen bytes of @a with the string @b, ignoring ASCII case (strcmp's
 * sign).  Inline, so that strlen of a literal @b folds away. */
static inline int ascii_casecmp_n(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return alen < blen ? -1 : 1;
    for (size_t i = 0; i < alen; i++) {
        char x = ascii_upper(a[i]), y = ascii_upper(b[i]);
        if (x != y)
            return (unsigned char)x < (unsigned char)y ? -1 : 1;
    }
    return 0;
}
/* Parse up to 8 hex digits (a device number); 0 on success. */
int parse_hex(const char *s, size_t n, uint32_t *out);
/* Parse a decimal number without overflow; 0 on success. */
int parse_dec(const char *s, size_t n, uint64_t *out);
/* Edit distance for "did you mean": substitution of look-alike characters
 * (O/0, I/1, L/1, S/5, B/8, Z/2, G/6) costs less than any other edit. Returns the
 * distance scaled by 2: a look-alike swap is 1, any other edit 2. */
unsigned lookalike_distance(const char *a, const char *b);
/* The same, or @limit when the distance is @limit or more (it stops early). */
unsigned lookalike_distance_below(const char *a, const char *b, unsigned limit);
/* The characters that look like @c (upper case: '1' has I and L), for finding
 * the names at distance 1 by lookup instead of comparing every pair.  Returns
 * how many were stored in @out. */
#define LOOKALIKE_MAX_PARTNERS 2
size_t lookalike_partners(char c, char out[LOOKALIKE_MAX_PARTNERS]);
/* Call @fn with every string that differs from @name (upper case) in one
 * character, swapped for a look-alike: the names at lookalike_distance() 1,
 * to look up instead of comparing @name with every candidate.  Nothing for a
 * name longer than 64 characters (lookalike_distance() is 1000 for it). */
void lookalike_variants(const char *name, void (*fn)(void *arg, const char *variant, size_t len),
                        void *arg);

#endif
