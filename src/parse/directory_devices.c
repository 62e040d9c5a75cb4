/* SPDX-License-Identifier: MIT */
/* DASD device types and model sizes (see directory_devices.h). */
#include <string.h>
#include "parse/directory_devices.h"
#include "util/names.h"

typedef struct devclass_info {
    const char *name;
    int fba;
    /* cylinder counts of the models, ascending; 0-terminated */
    uint32_t models[9];
} devclass_info;

/* 3390: seed 003 ("3390 DASD sizes"): -1 1113, -2 2226, -3 3339, -9 10017, the
 * "small" -27 30051 and -54 60102, -27 32760, -54 65520.  Older devices: the
 * usual capacities, which the VM/370 directories' full-pack minidisks (3350
 * 000 555, 3330 000 404, 2314 000 203) agree with. */
static const devclass_info classes[UD_DEV_COUNT] = {
    [UD_DEV_OTHER] = { "?", 0, { 0 } },
    [UD_DEV_2305] = { "2305", 0, { 48, 96, 0 } },
    [UD_DEV_2314] = { "2314", 0, { 200, 203, 0 } },
    [UD_DEV_3330] = { "3330", 0, { 404, 808, 0 } },
    [UD_DEV_3340] = { "3340", 0, { 348, 696, 0 } },
    [UD_DEV_3350] = { "3350", 0, { 555, 0 } },
    [UD_DEV_3375] = { "3375", 0, { 959, 0 } },
    [UD_DEV_3380] = { "3380", 0, { 885, 1770, 2655, 0 } },
    [UD_DEV_3390] = { "3390", 0, { 1113, 2226, 3339, 10017, 30051, 32760, 60102, 65520, 0 } },
    [UD_DEV_9336] = { "9336", 1, { 0 } },
    [UD_DEV_FB512] = { "FB-512", 1, { 0 } },
};

/* Once per MDISK: the four-digit types compare as bytes (digits have no case). */
ud_devclass ud_devclass_of(const char *s, size_t n)
{
    if (n == 4) {
        for (int c = 1; c < UD_DEV_COUNT; c++)
            if (classes[c].name[4] == '\0' && memcmp(s, classes[c].name, 4) == 0)
                return (ud_devclass)c;
    } else if (n == 6 && ascii_casecmp_n(s, n, classes[UD_DEV_FB512].name) == 0) {
        return UD_DEV_FB512;
    }
    return UD_DEV_OTHER;
}

const char *ud_devclass_name(ud_devclass c)
{
    return (unsigned)c < UD_DEV_COUNT ? classes[c].name : "?";
}

int ud_devclass_is_fba(ud_devclass c)
{
    return (unsigned)c < UD_DEV_COUNT && classes[c].fba;
}

int ud_is_fullpack_size(ud_devclass c, uint32_t start, uint32_t size)
{
    if (start != 0 || (unsigned)c >= UD_DEV_COUNT)
        return 0;
    const uint32_t *m = classes[c].models;
    for (int i = 0; m[i]; i++)
        if (size == m[i] || (m[i + 1] == 0 && size >= m[i]))
            return 1;
    return 0;
}

uint32_t ud_devclass_fixed_size(ud_devclass c)
{
    if ((unsigned)c >= UD_DEV_COUNT)
        return 0;
    const uint32_t *m = classes[c].models;
    return m[0] && !m[1] ? m[0] : 0;
}

uint32_t ud_model_cylinders(const char *spec, size_t n)
{
    uint64_t v;
    if (n && parse_dec(spec, n, &v) == 0)
        return v > 0 && v <= 0xFFFFFFFEu ? (uint32_t)v : 0;
    const char *dash = memchr(spec, '-', n);
    size_t tlen = dash ? (size_t)(dash - spec) : n;
    ud_devclass c = ud_devclass_of(spec, tlen);
    if (c == UD_DEV_OTHER || classes[c].fba)
        return 0;
    if (!dash)
        return ud_devclass_fixed_size(c);
    /* model numbers: 3390-1/2/3/9/27/54 (and A, an EAV: give cylinders instead) */
    static const struct { const char *model; uint32_t cyl; } m3390[] = {
        { "1", 1113 }, { "2", 2226 }, { "3", 3339 }, { "9", 10017 }, { "27", 32760 },
        { "32K", 32760 }, { "54", 65520 }, { "64K", 65520 },
    };
    static const struct { const char *model; uint32_t cyl; } m3380[] = {
        { "A", 885 }, { "D", 885 }, { "J", 885 }, { "E", 1770 }, { "K", 2655 },
    };
    const char *model = dash + 1;
    size_t mlen = n - tlen - 1;
    if (c == UD_DEV_3390) {
        for (size_t i = 0; i < sizeof m3390 / sizeof m3390[0]; i++)
            if (ascii_casecmp_n(model, mlen, m3390[i].model) == 0)
                return m3390[i].cyl;
    } else if (c == UD_DEV_3380) {
        for (size_t i = 0; i < sizeof m3380 / sizeof m3380[0]; i++)
            if (ascii_casecmp_n(model, mlen, m3380[i].model) == 0)
                return m3380[i].cyl;
    } else if (c == UD_DEV_3330) {
        if (ascii_casecmp_n(model, mlen, "1") == 0) return 404;
        if (ascii_casecmp_n(model, mlen, "11") == 0) return 808;
    }
    return 0;
}
