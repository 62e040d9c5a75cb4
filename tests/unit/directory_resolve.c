/* SPDX-License-Identifier: MIT */
/* The directory front end and its per-member resolution, through the internal
 * API the relocation work uses: which statements each member's view of a user
 * holds and what pulled them in; that a user the same everywhere has one view;
 * and that every allocation failure unwinds without a leak. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/resolve.h"
#include "core/ctx.h"
#include "parse/directory_parse.h"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static const char ssi_dir[] =
    "DIRECTORY SSI 123 3390 ARES BRES\n"
    "PROFILE P\n"
    "  LINK M 0190 0190 RR\n"
    "IDENTITY M XXXXXXXX 32M 32M G\n"
    "  BUILD ON SYSA USING SUBCONFIG M-1\n"
    "  BUILD ON SYSB USING SUBCONFIG M-2\n"
    "  MDISK 0191 3390 1 10 SHR001 MR\n"
    "SUBCONFIG M-1\n"
    "  MDISK 0190 3390 100 10 &SYSRES RR\n"
    "SUBCONFIG M-2\n"
    "  MDISK 0190 3390 100 10 &SYSRES RR\n"
    "  MDISK 0192 3390 200 10 &SYSRES RR\n"
    "USER U XXXXXXXX 32M 32M G\n"
    "  INCLUDE P\n"
    "  MDISK 0191 3390 11 10 SHR001 MR\n";

static const char cse_dir[] =
    "DIRECTORY 123 3390 S1RES 11zzzz-2094 S1\n"
    "DIRECTORY 123 3390 S2RES 12zzzz-2094 S2\n"
    "DIRECTORY 123 3390 S3RES 13zzzz-2094 S3\n"
    "USER E XXXXXXXX 32M 32M G\n"
    "  IPL CMS\n"
    "SYSAFFIN S1 S2\n"
    "  MDISK 0191 3390 7959 6 +VMRES MR\n"
    "SYSAFFIN S3\n"
    "  MDISK 0191 3390 2396 6 +VMRES MR\n"
    "SYSAFFIN *\n"
    "  MDISK 0200 3390 1 10 SHR001 MR\n";

static zvmc_ctx *load(const char *text)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx || zvmc_add_buffer(ctx, "<test>", text, strlen(text), ZVMC_FILE_DIRECTORY) != 0)
        return NULL;
    zvmc_run_checks(ctx);
    return ctx;
}

/* The MDISKs of a view, as "vaddr@start" words. */
static void mdisks(const ud_view *v, char *out, size_t n)
{
    out[0] = '\0';
    ud_view_for_each(v, sg, s) {
        if (s->kind != UD_S_MDISK)
            continue;
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%04X@%u", len ? " " : "", s->u.mdisk.vaddr,
                 s->u.mdisk.start);
    }
}

static void test_ssi(void)
{
    zvmc_ctx *ctx = load(ssi_dir);
    EXPECT(ctx && ctx->directory && ctx->directory->res, "no resolution");
    if (!ctx || !ctx->directory || !ctx->directory->res)
        return;
    const ud_directory *dir = ctx->directory;
    const ud_resolved *r = dir->res;
    EXPECT(r->source == UD_MEMBERS_BUILD && r->nmembers == 2, "members from BUILD ON");
    EXPECT(r->ssi && !r->cse && !r->fragment, "an SSI directory");
    int a = ud_member_index(r, ctx_intern_upper(ctx, "SYSA", 4));
    int b = ud_member_index(r, ctx_intern_upper(ctx, "sysb", 4));
    EXPECT(a == 0 && b == 1, "member order");
    uint32_t u = ud_user_index(dir, r, ctx_intern_upper(ctx, "U", 1));
    uint32_t m = ud_user_index(dir, r, ctx_intern_upper(ctx, "M", 1));
    EXPECT(u != UINT32_MAX && m != UINT32_MAX, "users found");
    EXPECT(ud_user_index(dir, r, ctx_intern_upper(ctx, "P", 1)) == UINT32_MAX,
           "a PROFILE is no user");
    if (u == UINT32_MAX || m == UINT32_MAX)
        goto out;

    /* U: the same on both members, one view; the profile's LINK comes first */
    const ud_view *ua = ud_view_of(r, u, 0), *ub = ud_view_of(r, u, 1);
    EXPECT(ua == ub && ua->shared, "U shares one view");
    EXPECT(ua->nsegs == 2, "U: profile + own, got %u segments", ua->nsegs);
    if (ua->nsegs == 2) {
        EXPECT(ua->segs[0].owner->kind == UD_E_PROFILE && ua->segs[0].via &&
               ua->segs[0].via->kind == UD_S_INCLUDE, "U: PROFILE P via INCLUDE");
        EXPECT(ua->segs[1].owner == r->users[u] && !ua->segs[1].via, "U: own statements");
    }

    /* M: a view per member, each with its own SUBCONFIG */
    char buf[128];
    const ud_view *ma = ud_view_of(r, m, 0), *mb = ud_view_of(r, m, 1);
    EXPECT(ma != mb && !ma->shared, "M varies by member");
    mdisks(ma, buf, sizeof buf);
    EXPECT(!strcmp(buf, "0191@1 0190@100"), "M on SYSA: %s", buf);
    mdisks(mb, buf, sizeof buf);
    EXPECT(!strcmp(buf, "0191@1 0190@100 0192@200"), "M on SYSB: %s", buf);
    const ud_seg *last = &mb->segs[mb->nsegs - 1];
    EXPECT(last->owner->kind == UD_E_SUBCONFIG && !strcmp(last->owner->name, "M-2") &&
           last->via && last->via->kind == UD_S_BUILD, "M on SYSB: SUBCONFIG M-2 via BUILD");
    /* &SYSRES is each member's own volume; unknown without a SYSTEM CONFIG */
    ud_view_for_each(mb, sg, s)
        if (s->kind == UD_S_MDISK && (s->flags & UD_F_SYSRES))
            EXPECT(!strcmp(ud_mdisk_volume(r, 1, s), "&SYSRES"), "&SYSRES kept as a symbol");
out:
    zvmc_ctx_free(ctx);
}

static void test_cse(void)
{
    zvmc_ctx *ctx = load(cse_dir);
    if (!ctx || !ctx->directory || !ctx->directory->res) {
        EXPECT(0, "no resolution");
        return;
    }
    const ud_resolved *r = ctx->directory->res;
    EXPECT(r->source == UD_MEMBERS_CSE && r->nmembers == 3 && r->cse && !r->ssi,
           "members from the CSE DIRECTORY statements");
    uint32_t e = ud_user_index(ctx->directory, r, ctx_intern_upper(ctx, "E", 1));
    char buf[128];
    const char *want[3] = { "0191@7959 0200@1", "0191@7959 0200@1", "0191@2396 0200@1" };
    for (uint32_t k = 0; k < 3 && e != UINT32_MAX; k++) {
        const ud_view *v = ud_view_of(r, e, k);
        mdisks(v, buf, sizeof buf);
        EXPECT(!strcmp(buf, want[k]), "E on S%u: %s", k + 1, buf);
        /* +VMRES is &SYSRES: on a CSE system, the volume of its DIRECTORY statement */
        ud_view_for_each(v, sg, s)
            if (s->kind == UD_S_MDISK && (s->flags & UD_F_SYSRES))
                EXPECT(ud_mdisk_volume(r, k, s)[1] == '0' + (int)k + 1, "E's RES on S%u", k + 1);
    }
    EXPECT(zvmc_count(ctx, ZVMC_SEV_ERROR) == 0, "the CSE directory is clean");
    zvmc_ctx_free(ctx);
}

/* An allocator that fails the Nth allocation (0: never), counting live blocks. */
typedef struct failing {
    long n, count, live;
} failing;

static void *f_malloc(void *ud, size_t size)
{
    failing *f = ud;
    if (++f->count == f->n)
        return NULL;
    void *p = malloc(size);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *ud, void *ptr, size_t size)
{
    failing *f = ud;
    if (++f->count == f->n)
        return NULL;
    void *p = realloc(ptr, size);
    f->live += p && !ptr;
    return p;
}

static void f_free(void *ud, void *ptr)
{
    failing *f = ud;
    f->live -= ptr != NULL;
    free(ptr);
}

static int run_with(failing *f, const char *text)
{
    zvmc_allocator al = { f_malloc, f_realloc, f_free, f };
    zvmc_ctx *ctx = zvmc_ctx_new(&al);
    if (!ctx)
        return ZVMC_ENOMEM;
    int rc = zvmc_add_buffer(ctx, "<test>", text, strlen(text), ZVMC_FILE_DIRECTORY);
    if (rc == 0)
        rc = zvmc_run_checks(ctx);
    zvmc_ctx_free(ctx);
    return rc;
}

static void test_oom(const char *text, const char *what)
{
    failing f = { 0, 0, 0 };
    int clean = run_with(&f, text);
    long total = f.count;
    EXPECT(clean >= 0 && f.live == 0, "%s: a full run (rc %d, %ld live)", what, clean, f.live);
    for (long n = 1; n <= total; n++) {
        failing g = { n, 0, 0 };
        int rc = run_with(&g, text);
        EXPECT(rc == ZVMC_ENOMEM || rc >= 0, "%s: allocation %ld fails: rc %d", what, n, rc);
        EXPECT(g.live == 0, "%s: allocation %ld fails: %ld blocks leak", what, n, g.live);
    }
}

int main(void)
{
    test_ssi();
    test_cse();
    test_oom(ssi_dir, "SSI directory");
    test_oom(cse_dir, "CSE directory");
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
