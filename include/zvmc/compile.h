/* SPDX-License-Identifier: MIT */
/*
 * zvmc/compile.h - compile a checked cluster to an object directory, write it
 * as XML, and decompile an object directory back to source.
 *
 * After zvmc_run_checks() on a context holding a SYSTEM CONFIG and a source
 * directory, zvmc_compile() turns the resolved cluster into the binary object
 * directory of docs/objdir-format.md (members, every user's view on every
 * member, volumes, and the relocation verdicts, decided by the same engine as
 * `zvmc relocate test`).  The runtime (<zvmc/runtime.h>) reads it.
 *
 * zvmc_dump() goes the other way: it reads an opened object directory through
 * the runtime API only and writes it as directory source, as the SYSTEM CONFIG
 * statements it holds, as JSON or as XML (docs/zvmc.xsd).  The directory and
 * configuration it writes compile back to an identical object directory
 * (docs/compile.md says what an object directory does not keep).
 *
 * Like the rest of the library: no printing, no global state; output goes
 * through a zvmc_write_fn.
 */
#ifndef ZVMC_COMPILE_H
#define ZVMC_COMPILE_H

#include <stddef.h>
#include "zvmc/runtime.h"
#include "zvmc/zvmc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ZVMC_EERRORS = -1201,       /* the inputs have errors: nothing compiled (see ZVMC_COMPILE_FORCE) */
    ZVMC_ENOCLUSTER = -1202,    /* no SYSTEM CONFIG, no directory, or no member/system in them */
    ZVMC_ENOTRUN = -1203,       /* zvmc_run_checks() has not run on the context */
};

/* zvmc_compile() flags */
#define ZVMC_COMPILE_FORCE 1u   /* compile even when the checks found errors */

/**
 * zvmc_compile - the object directory image of a checked context
 * @ctx: a context after zvmc_run_checks(), with a SYSTEM CONFIG and a directory
 * @flags: ZVMC_COMPILE_FORCE or 0
 * @image: receives the image (free it with zvmc_image_free())
 * @len: receives its size in bytes
 *
 * The same inputs always give the same bytes.
 *
 * returns: 0; ZVMC_EERRORS when the context has errors and @flags lacks
 *          ZVMC_COMPILE_FORCE; ZVMC_ENOTRUN; ZVMC_ENOCLUSTER; ZVMC_ETOOBIG
 *          (more than 32 members, a member name longer than 64 characters,
 *          or an image over 4 GiB); ZVMC_ENOMEM;
 *          ZVMC_EINVAL for a NULL argument
 */
int zvmc_compile(zvmc_ctx *ctx, unsigned flags, unsigned char **image, size_t *len);

/**
 * zvmc_image_free - free an image from zvmc_compile() (NULL is allowed)
 *
 * The image was allocated through the context's allocator and carries what it
 * needs to be freed after the context is gone; free() on it is wrong.
 */
void zvmc_image_free(unsigned char *image);

/**
 * zvmc_image_write - write an image to @path atomically
 *
 * A temporary file in the same directory, fsync, rename, fsync of the
 * directory: a reader sees the old file or the new one, never a part; on any
 * failure an existing file at @path is left untouched.
 *
 * returns: 0; ZVMC_EIO (errno tells why); ZVMC_EINVAL; ZVMC_ENOMEM
 */
int zvmc_image_write(const char *path, const unsigned char *image, size_t len);

/**
 * zvmc_write_objdir - compile and write the object directory to @path
 *
 * The file is written atomically: a temporary file in the same directory,
 * fsync, rename.  On any failure an existing file at @path is left untouched.
 *
 * returns: 0; every code of zvmc_compile(); ZVMC_EIO when the file cannot be
 *          written (errno tells why)
 */
int zvmc_write_objdir(zvmc_ctx *ctx, unsigned flags, const char *path);

/**
 * zvmc_xml - compile, then write the cluster as XML (docs/zvmc.xsd)
 *
 * The XML is that of zvmc_dump(..., ZVMC_DUMP_XML, ...) on the compiled
 * object directory: both go through the same writer.
 *
 * returns: 0; every code of zvmc_compile(); ZVMC_EIO when @write returned
 *          nonzero
 */
int zvmc_xml(zvmc_ctx *ctx, unsigned flags, zvmc_write_fn write, void *arg);

typedef enum zvmc_dump_format {
    ZVMC_DUMP_TEXT = 0,     /* directory source (USER DIRECT) */
    ZVMC_DUMP_CONFIG,       /* the SYSTEM CONFIG statements the object directory holds */
    ZVMC_DUMP_JSON,         /* everything, as JSON (docs/compile.md) */
    ZVMC_DUMP_XML,          /* everything, as XML valid against docs/zvmc.xsd */
} zvmc_dump_format;

/**
 * zvmc_dump - write an object directory in one of the zvmc_dump_format forms
 * @od: an opened object directory
 * @format: what to write
 * @member: ZVMC_DUMP_TEXT only: NULL for the whole cluster (an SSI directory
 *          with IDENTITY/SUBCONFIG entries; with ZVMC_DUMP_CONFIG's output it
 *          compiles back to an identical object directory), or a member name
 *          for the directory as that member sees it (every user flattened to
 *          its view there)
 * @write, @arg: the sink
 *
 * returns: 0; ZVMC_EIO when @write returned nonzero; ZVMC_ENOMEM;
 *          ZVMC_EINVAL (NULL argument, unknown format); ZVMC_ENOMEMBER
 *          (<zvmc/relocate.h>: no member of that name)
 */
int zvmc_dump(const struct zvmc_objdir *od, zvmc_dump_format format, const char *member,
              zvmc_write_fn write, void *arg);

/**
 * zvmc_compile_errmsg - text for the codes of this header, and of zvmc_errmsg()
 * returns: a static string
 */
const char *zvmc_compile_errmsg(int code);

#ifdef __cplusplus
}
#endif
#endif
