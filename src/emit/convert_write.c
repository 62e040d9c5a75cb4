/* SPDX-License-Identifier: MIT */
/*
 * The outputs and the report, each written atomically by the object
 * directory's writer (objdir_write.c: a temporary file beside the target,
 * flushed and synced, then renamed), so that a failed conversion never leaves
 * half a SYSTEM CONFIG behind.
 */
#include "emit/convert.h"
#include "emit/objdir_builder.h"

int zvmc_convert_write(const zvmc_convert *cv)
{
    if (!cv || !cv->ok)
        return ZVMC_EINVAL;
    for (uint32_t i = 0; i < cv->nouts; i++) {
        const zvmc_convert_output *o = &cv->outs[i].pub;
        if (zvmc_odb_write_file(o->path, o->data, o->len) != 0)
            return ZVMC_EIO;
    }
    return 0;
}

static int render(const zvmc_convert *cv, zvmc_format format, strbuf *sb)
{
    if (format == ZVMC_FORMAT_JSON)
        return cv_report_json(cv, sb);
    if (format == ZVMC_FORMAT_TEXT)
        return cv_report_text(cv, sb);
    return ZVMC_EINVAL;
}

int zvmc_convert_report(const zvmc_convert *cv, zvmc_format format, zvmc_write_fn write,
                        void *arg)
{
    if (!cv || !cv->ok || !write)
        return ZVMC_EINVAL;
    strbuf sb;
    sb_init(&sb, cv->alloc);
    int rc = render(cv, format, &sb);
    if (!rc && sb.len && write(arg, sb.data, sb.len) != 0)
        rc = ZVMC_EIO;
    sb_free(&sb);
    return rc;
}

int zvmc_convert_write_report(const zvmc_convert *cv, zvmc_format format, const char *path)
{
    if (!cv || !cv->ok || !path)
        return ZVMC_EINVAL;
    strbuf sb;
    sb_init(&sb, cv->alloc);
    int rc = render(cv, format, &sb);
    if (!rc && zvmc_odb_write_file(path, sb.data ? sb.data : "", sb.len) != 0)
        rc = ZVMC_EIO;
    sb_free(&sb);
    return rc;
}
