/* SPDX-License-Identifier: MIT */
/*
 * dump.h - writing an object directory back out, through the runtime API only
 * (<zvmc/runtime.h>): as directory source (dump_text.c), as the SYSTEM CONFIG
 * it holds (dump_config.c), as JSON (dump_json.c) and as XML (xml_writer.c).
 * dump.c holds the dispatcher and what they share: a buffered sink and the
 * comparison of two views of one user.
 */
#ifndef ZVMC_EMIT_DUMP_H
#define ZVMC_EMIT_DUMP_H

#include <stdint.h>
#include "util/strbuf.h"
#include "zvmc/compile.h"

/* A buffered zvmc_write_fn sink; the first error sticks. */
typedef struct dout {
    strbuf sb;
    zvmc_write_fn write;
    void *arg;
    int err;                    /* 0, ZVMC_EIO or ZVMC_ENOMEM */
} dout;

void dout_init(dout *o, zvmc_write_fn write, void *arg);
/* Hand the buffer to the sink once it holds enough (call between records). */
void dout_maybe_flush(dout *o);
/* Flush the rest, free the buffer; returns o->err. */
int dout_finish(dout *o);

/* Do two members' views of a user hold the same record (every field, every list)? */
int dump_view_eq(const struct zvmc_objdir *od, int user, int m1, int m2);
/* "LTICVM2 LTICVM9": the names of the members in @mask, blank-separated. */
void dump_member_names(const struct zvmc_objdir *od, uint32_t mask, strbuf *sb);

/* Users with the same verdicts and reasons share a row, as in the object
 * directory (whose row numbers the runtime does not expose). */
typedef struct vrows {
    int *row;                   /* per user: its row, or -1 when every pair is eligible */
    int *user_of;               /* per row: the first user that has it */
    int nrows;
} vrows;

/* 0 or ZVMC_ENOMEM; dump_vrows_free() in both cases. */
int dump_vrows(const struct zvmc_objdir *od, vrows *vr);
void dump_vrows_free(vrows *vr);

int dump_text(const struct zvmc_objdir *od, int member, dout *o);
int dump_config(const struct zvmc_objdir *od, dout *o);
int dump_json(const struct zvmc_objdir *od, dout *o);

/* Names for the enums of <zvmc/runtime.h> (text, JSON and XML agree). */
const char *dump_sysid_kind(int k);
const char *dump_unit(int u);
const char *dump_mdisk_kind(int k);
const char *dump_nic_type(int t);
const char *dump_nic_conn(int c);
const char *dump_crypto(int c);
const char *dump_user_kind(int k);

#endif
