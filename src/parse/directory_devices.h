/* SPDX-License-Identifier: MIT */
/*
 * DASD device types and their geometry, as far as the directory needs them:
 * whether extents are cylinders (CKD) or 512-byte blocks (FBA), and how many
 * cylinders each model has, to tell a full-pack minidisk and to size volumes
 * for `zvmc diskmap` (3390 model sizes from seed 003; older devices from the
 * VM/370-era directories that use them).
 */
#ifndef ZVMC_PARSE_DIRECTORY_DEVICES_H
#define ZVMC_PARSE_DIRECTORY_DEVICES_H

#include <stddef.h>
#include <stdint.h>

typedef enum ud_devclass {
    UD_DEV_OTHER = 0,           /* a device type zvmc does not know */
    UD_DEV_2305, UD_DEV_2314, UD_DEV_3330, UD_DEV_3340, UD_DEV_3350, UD_DEV_3375,
    UD_DEV_3380, UD_DEV_3390, UD_DEV_9336, UD_DEV_FB512,
    UD_DEV_COUNT
} ud_devclass;

/* The device class of a devtype operand (case-insensitive). */
ud_devclass ud_devclass_of(const char *s, size_t n);
const char *ud_devclass_name(ud_devclass c);
/* FBA devices count 512-byte blocks, CKD devices cylinders. */
int ud_devclass_is_fba(ud_devclass c);
/* Is start..start+size-1 the whole of a volume of this device class: start 0
 * and a size that is one of the class's model sizes or more? */
int ud_is_fullpack_size(ud_devclass c, uint32_t start, uint32_t size);
/* The cylinder count of a model spec "3390-9", "3390-54", "3350" or a plain
 * number of cylinders "10017"; 0 when the spec is not understood. */
uint32_t ud_model_cylinders(const char *spec, size_t n);
/* The size of every volume of a class that has only one model (3350: 555), or 0. */
uint32_t ud_devclass_fixed_size(ud_devclass c);

#endif
