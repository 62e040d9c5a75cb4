/* SPDX-License-Identifier: MIT */
/*
 * strerror.c - text for the runtime's error codes.
 */
#include "zvmc/runtime.h"

/* Indexed by enum zvmc_err; the designated initialisers keep it in step. */
static const char *const messages[ZVMC_ERR_MAX] = {
    [ZVMC_OK] = "success",
    [ZVMC_ERR_NOTFOUND] = "not found",
    [ZVMC_ERR_ABSENT] = "user not defined on that member",
    [ZVMC_ERR_INVAL] = "invalid argument",
    [ZVMC_ERR_NOMEM] = "out of memory",
    [ZVMC_ERR_IO] = "input/output error",
    [ZVMC_ERR_TOOBIG] = "object directory too large",
    [ZVMC_ERR_TRUNCATED] = "object directory truncated",
    [ZVMC_ERR_BADMAGIC] = "not an object directory (bad magic)",
    [ZVMC_ERR_BADVERSION] = "incoherent version fields (version below last compatible version)",
    [ZVMC_ERR_VERSION_TOO_NEW] = "object directory needs a newer zvmc runtime",
    [ZVMC_ERR_VERSION_TOO_OLD] = "object directory format too old for this runtime",
    [ZVMC_ERR_BADHEADER] = "bad header (size, block count, flags or total size)",
    [ZVMC_ERR_BADOFFSET] = "block outside the object directory",
    [ZVMC_ERR_ALIGNMENT] = "block not 8-byte aligned",
    [ZVMC_ERR_BADLAYOUT] = "blocks overlap or are out of order",
    [ZVMC_ERR_BADCOUNT] = "block size does not match its record count",
    [ZVMC_ERR_BADCHECKSUM] = "checksum mismatch (CRC-32C)",
    [ZVMC_ERR_BADSTRING] = "bad string pool or string offset",
    [ZVMC_ERR_BADINDEX] = "index or range out of its table",
    [ZVMC_ERR_BADVALUE] = "field value not allowed",
    [ZVMC_ERR_BADORDER] = "records not sorted by name",
    [ZVMC_ERR_BADHASH] = "user hash index inconsistent",
};

const char *zvmc_strerror(int err)
{
    /* Compare as unsigned so that INT_MIN cannot overflow on negation. */
    unsigned int code = err < 0 ? 0u - (unsigned int)err : (unsigned int)err;

    if (code >= ZVMC_ERR_MAX || !messages[code])
        return "unknown error";
    return messages[code];
}
