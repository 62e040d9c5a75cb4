/* SPDX-License-Identifier: MIT */
/*
 * plan_api.c - the planner's contract: bad arguments refused with
 * -ZVMC_ERR_INVAL, accessors bounded, IDENTITY guests and guests whose
 * every target is being emptied, and the writer (deterministic output,
 * a failing sink stops it with -ZVMC_ERR_IO).
 */
#include "plan_fixture.h"

struct sink {
    char text[16384];
    size_t len;
    int fail_after;     /* calls before it fails; -1 never */
    int calls;
};

static int sink_write(void *arg, const char *data, size_t len)
{
    struct sink *s = arg;

    if (s->fail_after >= 0 && s->calls++ >= s->fail_after)
        return 1;
    CHECK(s->len + len < sizeof(s->text));
    memcpy(s->text + s->len, data, len);
    s->len += len;
    s->text[s->len] = '\0';
    return 0;
}

static void arguments(const struct zvmc_objdir *od, const struct zvmc_objdir *other)
{
    struct zvmc_placement *pl = pf_placement(od, "LINUX01 LTICVM2\n");
    struct zvmc_plan *p = (struct zvmc_plan *)1;

    CHECK_RC(zvmc_plan_evacuate(NULL, MB(VM2), pl, NULL, NULL, &p), ZVMC_ERR_INVAL);
    CHECK(p == NULL);
    CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), NULL, NULL, NULL, &p), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, NULL, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_evacuate(od, 0, pl, NULL, NULL, &p), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_evacuate(od, 1u << NMEMBERS, pl, NULL, NULL, &p), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_evacuate(other, MB(VM2), pl, NULL, NULL, &p), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_summary_get(NULL, &(struct zvmc_plan_summary){ 0 }), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_write(NULL, ZVMC_PLAN_TEXT, sink_write, NULL), ZVMC_ERR_INVAL);
    zvmc_plan_free(NULL);
    zvmc_placement_free(pl);
}

static void accessors(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, "LINUX01 LTICVM2\nLNXPIN LTICVM2\n"
                             "MAINT LTICVM2\nNOSUCH LTICVM2\n");
    struct zvmc_plan_shutdown sd;
    struct zvmc_plan_identity id;
    struct zvmc_plan_unplaced u;
    struct zvmc_plan_reason r;
    struct zvmc_plan_move m;
    struct zvmc_plan_load l;
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, NULL, &p));
    zvmc_placement_free(pl);
    CHECK_OK(zvmc_plan_move_at(p, 0, &m));
    CHECK_RC(zvmc_plan_move_at(p, 1, &m), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_move_at(p, -1, &m), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_move_at(p, 0, NULL), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_shutdown_at(p, 0, &sd));
    CHECK_RC(zvmc_plan_shutdown_at(p, 1, &sd), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_shutdown_reason(p, 0, sd.reason_count, &r), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_shutdown_reason(p, 0, -1, &r), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_shutdown_reason(p, 1, 0, &r), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_identity_at(p, 0, &id));
    CHECK_STR(id.user, "MAINT");
    CHECK_RC(zvmc_plan_identity_at(p, 1, &id), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_unplaced_at(p, 0, &u));
    CHECK_STR(u.user, "NOSUCH");
    CHECK_INT(u.storage, 0);
    CHECK_RC(zvmc_plan_unplaced_at(p, 1, &u), ZVMC_ERR_INVAL);
    CHECK_OK(zvmc_plan_load_get(p, VM2, &l));   /* the emptied member: nothing moves in */
    CHECK_INT(l.moves_in, 0);
    CHECK_RC(zvmc_plan_load_get(p, NMEMBERS, &l), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_load_get(p, -1, &l), ZVMC_ERR_INVAL);
    zvmc_plan_free(p);
}

/* Emptying every member: nothing can move; IDENTITYs restart nowhere. */
static void everything(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, "LINUX01 LTICVM2\nEREP LTICVM9\n");
    struct zvmc_plan_shutdown sd;
    struct zvmc_plan_identity id;
    struct zvmc_plan_summary s;
    struct zvmc_plan *p;
    struct sink out = { .fail_after = -1 };

    CHECK_OK(zvmc_plan_evacuate(od, MASK_ALL, pl, NULL, NULL, &p));
    zvmc_placement_free(pl);
    CHECK_OK(zvmc_plan_summary_get(p, &s));
    CHECK_INT(s.moves, 0);
    CHECK_INT(s.waves, 0);
    CHECK_OK(zvmc_plan_shutdown_at(p, 0, &sd));
    CHECK_STR(sd.user, "LINUX01");
    CHECK_INT(sd.reason_count, 0);
    CHECK_INT(sd.emptied_ok_mask, MB(VM9) | MB(VM5) | MB(VM4));
    CHECK_OK(zvmc_plan_identity_at(p, 0, &id));
    CHECK_INT(id.elsewhere_mask, 0);
    CHECK_OK(zvmc_plan_write(p, ZVMC_PLAN_TEXT, sink_write, &out));
    CHECK(strstr(out.text, "eligible only for members being emptied: LTICVM9, LTICVM5, "
              "LTICVM4\n"));
    CHECK(strstr(out.text, "also defined for: no remaining member\n"));
    out.len = 0;
    CHECK_OK(zvmc_plan_write(p, ZVMC_PLAN_REXX, sink_write, &out));
    CHECK(strstr(out.text, "n = 0\n"));
    zvmc_plan_free(p);
}

static void writer(const struct zvmc_objdir *od)
{
    struct zvmc_placement *pl = pf_placement(od, "LINUX01 LTICVM2\nLNXPIN LTICVM2\n"
                             "LNXTEST LTICVM2\nMAINT LTICVM2\n");
    struct sink a = { .fail_after = -1 }, b = { .fail_after = -1 }, f = { .fail_after = 0 };
    struct zvmc_plan *p;

    CHECK_OK(zvmc_plan_evacuate(od, MB(VM2), pl, NULL, NULL, &p));
    zvmc_placement_free(pl);
    for (int fmt = ZVMC_PLAN_TEXT; fmt <= ZVMC_PLAN_REXX; fmt++) {
        a.len = b.len = 0;
        CHECK_OK(zvmc_plan_write(p, (enum zvmc_plan_format)fmt, sink_write, &a));
        CHECK_OK(zvmc_plan_write(p, (enum zvmc_plan_format)fmt, sink_write, &b));
        CHECK(a.len > 0 && a.len == b.len && memcmp(a.text, b.text, a.len) == 0);
        f.calls = 0;
        CHECK_RC(zvmc_plan_write(p, (enum zvmc_plan_format)fmt, sink_write, &f), ZVMC_ERR_IO);
    }
    a.len = 0;
    CHECK_OK(zvmc_plan_write(p, ZVMC_PLAN_JSON, sink_write, &a));
    CHECK(strncmp(a.text, "{\"members_to_empty\":[\"LTICVM2\"],\"complete\":false,", 49) == 0);
    CHECK(strstr(a.text, "\n\"moves\":[\n{\"order\":1,\"user\":\"LNXTEST\",\"from\":\"LTICVM2\","
                 "\"to\":\"LTICVM9\",\"storage\":2147483648,\"est_seconds\":108,"));
    CHECK(strstr(a.text, "\"check\":\"reloc-guest-lan\",\"vaddr\":\"0700\","));
    CHECK(strstr(a.text, "\n\"capacity_after\":{\"LTICVM9\":null,\"LTICVM5\":null,"
                 "\"LTICVM4\":null},\n"));
    CHECK_RC(zvmc_plan_write(p, (enum zvmc_plan_format)0, sink_write, &a), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_plan_write(p, ZVMC_PLAN_JSON, NULL, &a), ZVMC_ERR_INVAL);
    zvmc_plan_free(p);
}

int main(void)
{
    size_t len, len2;
    uint8_t *img = pf_image(&len), *img2 = fx_image(0, &len2);
    struct zvmc_objdir *od, *other;

    CHECK_OK(zvmc_objdir_open_buffer(img, len, &od));
    CHECK_OK(zvmc_objdir_open_buffer(img2, len2, &other));
    arguments(od, other);
    accessors(od);
    everything(od);
    writer(od);
    zvmc_objdir_close(other);
    zvmc_objdir_close(od);
    free(img2);
    free(img);
    return 0;
}
