/* SPDX-License-Identifier: MIT */
/*
 * plan_write.c - zvmc_plan_write() and the buffered writer the renderers
 * (plan_text.c, plan_json.c, plan_rexx.c) share.  Output goes to the
 * caller's function, never to a stream of the runtime's own.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/plan_internal.h"

void zvmc_pl_out_init_(struct zvmc_pl_out_ *o, zvmc_plan_write_fn fn, void *arg)
{
    o->fn = fn;
    o->arg = arg;
    o->err = 0;
    o->len = 0;
}

static void flush_(struct zvmc_pl_out_ *o)
{
    if (o->len && !o->err && o->fn(o->arg, o->buf, o->len))
        o->err = 1;
    o->len = 0;
}

void zvmc_pl_put_(struct zvmc_pl_out_ *o, const char *s, size_t len)
{
    while (len && !o->err) {
        size_t n = sizeof(o->buf) - o->len;

        if (n > len)
            n = len;
        memcpy(o->buf + o->len, s, n);
        o->len += n;
        s += n;
        len -= n;
        if (o->len == sizeof(o->buf))
            flush_(o);
    }
}

void zvmc_pl_puts_(struct zvmc_pl_out_ *o, const char *s)
{
    zvmc_pl_put_(o, s, strlen(s));
}

void zvmc_pl_printf_(struct zvmc_pl_out_ *o, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0)
        zvmc_pl_put_(o, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void zvmc_pl_json_str_(struct zvmc_pl_out_ *o, const char *s)
{
    zvmc_pl_put_(o, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\') {
            char esc[2] = { '\\', (char)c };

            zvmc_pl_put_(o, esc, 2);
        } else if (c < 0x20) {
            zvmc_pl_printf_(o, "\\u%04x", c);
        } else {
            zvmc_pl_put_(o, s, 1);
        }
    }
    zvmc_pl_put_(o, "\"", 1);
}

int zvmc_pl_out_end_(struct zvmc_pl_out_ *o)
{
    flush_(o);
    return o->err ? -ZVMC_ERR_IO : 0;
}

int zvmc_plan_write(const struct zvmc_plan *plan, enum zvmc_plan_format format,
            zvmc_plan_write_fn fn, void *arg)
{
    struct zvmc_pl_out_ o;

    if (!plan || !fn)
        return -ZVMC_ERR_INVAL;
    zvmc_pl_out_init_(&o, fn, arg);
    switch (format) {
    case ZVMC_PLAN_TEXT:
        return zvmc_pl_write_text_(plan, &o);
    case ZVMC_PLAN_JSON:
        return zvmc_pl_write_json_(plan, &o);
    case ZVMC_PLAN_REXX:
        return zvmc_pl_write_rexx_(plan, &o);
    }
    return -ZVMC_ERR_INVAL;
}

void zvmc_pl_duration_(uint64_t s, char *buf, size_t n)
{
    if (s >= 3600)
        snprintf(buf, n, "%lluh%02llum%02llus", (unsigned long long)(s / 3600),
             (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
    else if (s >= 60)
        snprintf(buf, n, "%llum%02llus", (unsigned long long)(s / 60),
             (unsigned long long)(s % 60));
    else
        snprintf(buf, n, "%llus", (unsigned long long)s);
}

void zvmc_pl_members_(struct zvmc_pl_out_ *o, const struct zvmc_objdir *od, uint32_t mask,
              const char *sep)
{
    const char *s = "";

    for (int m = 0; mask; m++, mask >>= 1)
        if (mask & 1u) {
            zvmc_pl_printf_(o, "%s%s", s, zvmc_pl_member_name_(od, m));
            s = sep;
        }
}
