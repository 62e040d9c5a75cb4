/* SPDX-License-Identifier: MIT */
/* The disk map (see diskmap.h): text like DISKMAP EXEC's, or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/dir_checks.h"
#include "emit/diskmap.h"
#include "parse/directory_devices.h"
#include "parse/directory_parse.h"
#include "util/names.h"
#include "util/strbuf.h"

int zvmc_diskmap_volume(zvmc_ctx *ctx, const char *spec)
{
    if (!ctx || !spec)
        return ZVMC_EINVAL;
    const char *eq = strchr(spec, '=');
    size_t vlen = eq ? (size_t)(eq - spec) : 0;
    if (!eq || vlen == 0 || vlen > 6)
        return ZVMC_EINVAL;
    uint32_t cyl = ud_model_cylinders(eq + 1, strlen(eq + 1));
    if (!cyl)
        return ZVMC_EINVAL;
    ud_directory *dir = directory_get(ctx);
    const char *vol = dir ? ctx_intern_upper(ctx, spec, vlen) : NULL;
    if (!vol)
        return ZVMC_ENOMEM;
    int is_new;
    symtab_slot *slot = symtab_put(&dir->volsizes, vol, vlen, &is_new);
    if (!slot)
        return ZVMC_ENOMEM;
    slot->value = (void *)(uintptr_t)cyl;
    return 0;
}

/* ---- rendering ------------------------------------------------------------ */

typedef struct map {
    zvmc_ctx *ctx;
    const ud_resolved *res;
    const ud_extents *x;
    zvmc_format fmt;
    strbuf sb;
    int nvol;                   /* sections written (JSON commas) */
    int nrow;
} map;

/* A volume and whether some member has minidisks of its own on it. */
typedef struct volinfo {
    const char *vol;
    uint32_t id;                /* its id in the extent lists */
    int per_member;
} volinfo;

static int vol_cmp(const void *a, const void *b)
{
    return strcmp(((const volinfo *)a)->vol, ((const volinfo *)b)->vol);
}

/* [lo, hi) of the extents of @vol in a list sorted by volume */
static void range_of(const ud_extent *v, uint32_t n, uint32_t vol, uint32_t *lo, uint32_t *hi)
{
    uint32_t a = 0, b = n;
    while (a < b) {
        uint32_t mid = a + (b - a) / 2;
        if (v[mid].vol < vol)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (a < n && v[a].vol == vol)
        a++;
    *hi = a;
}

static void text_header(map *mp, const char *vol, uint32_t m, const ud_extent *first,
                        uint32_t size)
{
    const ud_resolved *res = mp->res;
    unsigned dc = first->s->devclass;
    sb_printf(&mp->sb, "%sVolume %s (%s, ", mp->nvol ? "\n" : "", vol,
              ud_devclass_name((ud_devclass)dc));
    if (size)
        sb_printf(&mp->sb, "%u %s)", size, ud_extent_unit(first));
    else
        sb_printf(&mp->sb, "size unknown)");
    if (m != UINT32_MAX && res->members[m])
        sb_printf(&mp->sb, ", member %s", res->members[m]);
    else if (res->members[0] && res->nmembers > 1)
        sb_puts(&mp->sb, ", every member");
    sb_printf(&mp->sb, "\n  %10s %10s %10s  %-8s  %-5s %s\n", "Start", "End", "Size", "Owner",
              "Vaddr", "Notes");
}

static void json_header(map *mp, const char *vol, uint32_t m, const ud_extent *first,
                        uint32_t size)
{
    const ud_resolved *res = mp->res;
    sb_puts(&mp->sb, mp->nvol ? ",\n{\"volser\":" : "\n{\"volser\":");
    sb_json_str(&mp->sb, vol);
    sb_puts(&mp->sb, ",\"member\":");
    if (m != UINT32_MAX && res->members[m])
        sb_json_str(&mp->sb, res->members[m]);
    else
        sb_puts(&mp->sb, "null");
    sb_puts(&mp->sb, ",\"devtype\":");
    sb_json_str(&mp->sb, ud_devclass_name((ud_devclass)first->s->devclass));
    if (size)
        sb_printf(&mp->sb, ",\"size\":%u", size);
    else
        sb_puts(&mp->sb, ",\"size\":null");
    sb_printf(&mp->sb, ",\"unit\":\"%s\",\"rows\":[", ud_extent_unit(first));
    mp->nrow = 0;
}

static void gap_row(map *mp, uint32_t from, uint32_t to)
{
    if (mp->fmt == ZVMC_FORMAT_TEXT) {
        sb_printf(&mp->sb, "  %10u %10u %10u  GAP\n", from, to, to - from + 1);
        return;
    }
    sb_printf(&mp->sb, "%s{\"kind\":\"gap\",\"start\":%u,\"end\":%u,\"size\":%u}",
              mp->nrow++ ? "," : "", from, to, to - from + 1);
}

static const char *name_of(const map *mp, const ud_extent *x)
{
    const char *n = mp->res->users[x->user]->name;
    return n ? n : "?";
}

static void overlap_row(map *mp, uint32_t from, uint32_t to, const ud_extent *a,
                        const ud_extent *b)
{
    if (mp->fmt == ZVMC_FORMAT_TEXT) {
        sb_printf(&mp->sb, "  %10u %10u %10u  OVERLAP   %s %04X with %s %04X\n", from, to,
                  to - from + 1, name_of(mp, a), a->s->u.mdisk.vaddr, name_of(mp, b),
                  b->s->u.mdisk.vaddr);
        return;
    }
    sb_printf(&mp->sb, "%s{\"kind\":\"overlap\",\"start\":%u,\"end\":%u,\"size\":%u,\"with\":[",
              mp->nrow++ ? "," : "", from, to, to - from + 1);
    const ud_extent *two[2] = { a, b };
    for (int i = 0; i < 2; i++) {
        sb_puts(&mp->sb, i ? ",{\"owner\":" : "{\"owner\":");
        sb_json_str(&mp->sb, name_of(mp, two[i]));
        sb_printf(&mp->sb, ",\"vaddr\":\"%04X\"}", two[i]->s->u.mdisk.vaddr);
    }
    sb_puts(&mp->sb, "]}");
}

/* Append to a comma-separated note. */
static void note_add(char *buf, size_t cap, const char *text)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", text);
}

static void extent_row(map *mp, const ud_extent *x, uint32_t m, uint32_t size)
{
    const ud_seg *sg = ud_extent_seg(mp->res, x, m);
    uint32_t start = x->start;
    int past = size && x->end >= size && x->end != UINT32_MAX - 1;
    int open_end = x->end == UINT32_MAX - 1;
    char note[96] = "", from[40];
    if (x->cls == UD_XT_FULLPACK)
        note_add(note, sizeof note, "full pack");
    if (x->cls == UD_XT_ALLOCMAP)
        note_add(note, sizeof note, "allocation map");
    if (sg->owner->kind == UD_E_PROFILE || sg->owner->kind == UD_E_SUBCONFIG) {
        snprintf(from, sizeof from, "%s %s", ud_ekind_name(sg->owner->kind),
                 sg->owner->name ? sg->owner->name : "?");
        note_add(note, sizeof note, from);
    }
    if (open_end)
        note_add(note, sizeof note, "END of a volume of unknown size");
    if (past)
        note_add(note, sizeof note, "PAST THE END");
    zvmc_source *src = ctx_source(mp->ctx, sg->owner->file);
    unsigned line = 0, col = 0;
    if (src && source_ensure_lines(src, ctx_alloc(mp->ctx)))
        source_linecol(src, x->s->begin, &line, &col);
    if (mp->fmt == ZVMC_FORMAT_TEXT) {
        if (open_end)
            sb_printf(&mp->sb, "  %10u %10s %10s  %-8s  %04X", start, "END", "", name_of(mp, x),
                      x->s->u.mdisk.vaddr);
        else
            sb_printf(&mp->sb, "  %10u %10u %10u  %-8s  %04X", start, x->end,
                      x->end - start + 1, name_of(mp, x), x->s->u.mdisk.vaddr);
        sb_printf(&mp->sb, "%s%s\n", note[0] ? "  " : "", note);
        return;
    }
    sb_printf(&mp->sb, "%s{\"kind\":\"extent\",\"owner\":", mp->nrow++ ? "," : "");
    sb_json_str(&mp->sb, name_of(mp, x));
    sb_printf(&mp->sb, ",\"vaddr\":\"%04X\",\"start\":%u,", x->s->u.mdisk.vaddr, start);
    if (open_end)
        sb_puts(&mp->sb, "\"end\":null,\"size\":null");
    else
        sb_printf(&mp->sb, "\"end\":%u,\"size\":%u", x->end, x->end - start + 1);
    sb_printf(&mp->sb, ",\"fullpack\":%s,\"allocmap\":%s,\"past_end\":%s,\"entry\":",
              x->cls == UD_XT_FULLPACK ? "true" : "false",
              x->cls == UD_XT_ALLOCMAP ? "true" : "false", past ? "true" : "false");
    if (sg->owner->kind == UD_E_PROFILE || sg->owner->kind == UD_E_SUBCONFIG) {
        sb_puts(&mp->sb, "{\"kind\":");
        sb_json_str(&mp->sb, ud_ekind_name(sg->owner->kind));
        sb_puts(&mp->sb, ",\"name\":");
        sb_json_str(&mp->sb, sg->owner->name ? sg->owner->name : "");
        sb_puts(&mp->sb, "}");
    } else {
        sb_puts(&mp->sb, "null");
    }
    sb_puts(&mp->sb, ",\"file\":");
    sb_json_str(&mp->sb, src ? src->name : "");
    sb_printf(&mp->sb, ",\"line\":%u}", line);
}

/* One volume in one view: the common extents a[] and the member's b[] merged
 * by start, with GAP rows between covered stretches and an OVERLAP row where an
 * extent starts inside the stretch before it.  Full packs are listed but cover
 * nothing (they overlay by design). */
static void section(map *mp, const char *vol, uint32_t m, const ud_extent *a, uint32_t na,
                    const ud_extent *b, uint32_t nb)
{
    const ud_extent *first = na && (!nb || a[0].start <= b[0].start)
                             ? &a[0] : &b[0];
    uint32_t size = ud_volume_size(mp->ctx->directory, vol, first->s->devclass);
    int fba = ud_devclass_is_fba((ud_devclass)first->s->devclass);
    if (mp->fmt == ZVMC_FORMAT_TEXT)
        text_header(mp, vol, m, first, size);
    else
        json_header(mp, vol, m, first, size);
    /* A full pack overlays the other minidisks of its volume; alone on it, it
     * is the volume's one tenant and leaves no free space. */
    int overlays = 0;
    for (uint32_t k = 0; k < na && !overlays; k++)
        overlays = a[k].cls != UD_XT_FULLPACK;
    for (uint32_t k = 0; k < nb && !overlays; k++)
        overlays = b[k].cls != UD_XT_FULLPACK;
    /* Cylinder 0 of a CKD volume holds its label: free space starts at 1. */
    uint64_t next_free = fba ? 0 : 1;
    const ud_extent *holder = NULL;
    uint32_t i = 0, j = 0;
    while (i < na || j < nb) {
        int from_b = j < nb && (i >= na || b[j].start < a[i].start);
        const ud_extent *x = from_b ? &b[j++] : &a[i++];
        uint32_t start = x->start;
        int overlay = x->cls == UD_XT_FULLPACK && overlays;
        if (!overlay && start > next_free)
            gap_row(mp, (uint32_t)next_free, start - 1);
        extent_row(mp, x, m, size);
        if (overlay)
            continue;
        if (holder && start <= holder->end)
            overlap_row(mp, start, x->end < holder->end ? x->end : holder->end, x, holder);
        if (!holder || x->end > holder->end)
            holder = x;
        if ((uint64_t)x->end + 1 > next_free)
            next_free = (uint64_t)x->end + 1;
    }
    if (size && next_free < size)
        gap_row(mp, (uint32_t)next_free, size - 1);
    if (mp->fmt == ZVMC_FORMAT_JSON)
        sb_puts(&mp->sb, "]}");
    mp->nvol++;
}

/* DEVNO minidisks: whole real devices, on no volume. */
static void devno_list(map *mp)
{
    const ud_resolved *res = mp->res;
    int n = 0;
    for (uint32_t u = 0; u < res->nusers; u++) {
        const ud_view *v = ud_view_of(res, u, 0);
        ud_view_for_each(v, sg, s) {
            if (s->kind != UD_S_MDISK || (s->flags & UD_F_BAD) || s->u.mdisk.ext != UD_EXT_DEVNO)
                continue;
            const char *owner = res->users[u]->name ? res->users[u]->name : "?";
            if (mp->fmt == ZVMC_FORMAT_TEXT) {
                if (!n)
                    sb_printf(&mp->sb, "%sDEVNO minidisks (whole real devices)\n  %-5s  %-8s  "
                              "%-5s\n", mp->nvol ? "\n" : "", "Rdev", "Owner", "Vaddr");
                sb_printf(&mp->sb, "  %04X   %-8s  %04X\n", s->u.mdisk.start, owner,
                          s->u.mdisk.vaddr);
            } else {
                sb_printf(&mp->sb, "%s{\"rdev\":\"%04X\",\"owner\":", n ? "," : "",
                          s->u.mdisk.start);
                sb_json_str(&mp->sb, owner);
                sb_printf(&mp->sb, ",\"vaddr\":\"%04X\"}", s->u.mdisk.vaddr);
            }
            n++;
        }
    }
}

static int wants(const map *mp, uint32_t m)
{
    return !mp->ctx->member || mp->res->members[m] == mp->ctx->member;
}

static int collect_volumes(map *mp, volinfo **out, uint32_t *nout)
{
    const ud_extents *x = mp->x;
    size_t cap = (size_t)x->ncommon + 1;
    for (uint32_t m = 0; m < x->nmembers; m++)
        cap += x->nspec[m];
    volinfo *v = zalloc_malloc(ctx_alloc(mp->ctx), cap * sizeof *v);
    if (!v)
        return 0;
    uint32_t n = 0;
    /* each list is sorted by volume: take each run's volume once */
    for (uint32_t i = 0; i < x->ncommon; i++)
        if (!i || x->common[i].vol != x->common[i - 1].vol)
            v[n++] = (volinfo){ ud_extents_volser(x, x->common[i].vol), x->common[i].vol, 0 };
    for (uint32_t m = 0; m < x->nmembers; m++)
        for (uint32_t i = 0; i < x->nspec[m]; i++)
            if (!i || x->spec[m][i].vol != x->spec[m][i - 1].vol)
                v[n++] = (volinfo){ ud_extents_volser(x, x->spec[m][i].vol),
                                    x->spec[m][i].vol, 1 };
    qsort(v, n, sizeof *v, vol_cmp);
    /* merge duplicates; a volume is per member if any list but the common has it */
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (k && v[k - 1].id == v[i].id)
            v[k - 1].per_member |= v[i].per_member;
        else
            v[k++] = v[i];
    }
    *out = v;
    *nout = k;
    return 1;
}

int zvmc_diskmap_render(zvmc_ctx *ctx, zvmc_format format, zvmc_write_fn write, void *arg)
{
    if (!ctx || !write || !ctx->directory || !ctx->directory->res ||
        (format != ZVMC_FORMAT_TEXT && format != ZVMC_FORMAT_JSON))
        return ZVMC_EINVAL;
    ud_extents x;
    if (ud_extents_collect(ctx, ctx->directory->res, &x) != 0)
        return ZVMC_ENOMEM;
    map mp;
    memset(&mp, 0, sizeof mp);
    mp.ctx = ctx;
    mp.res = ctx->directory->res;
    mp.x = &x;
    mp.fmt = format;
    sb_init(&mp.sb, ctx_alloc(ctx));
    volinfo *vols = NULL;
    uint32_t nvols = 0;
    int rc = 0;
    if (!collect_volumes(&mp, &vols, &nvols)) {
        rc = ZVMC_ENOMEM;
        goto out;
    }
    if (format == ZVMC_FORMAT_JSON) {
        sb_puts(&mp.sb, "{\"members\":[");
        for (uint32_t m = 0; m < mp.res->nmembers && mp.res->members[m]; m++) {
            if (m)
                sb_putc(&mp.sb, ',');
            sb_json_str(&mp.sb, mp.res->members[m]);
        }
        sb_puts(&mp.sb, "],\"volumes\":[");
    }
    for (uint32_t i = 0; i < nvols; i++) {
        uint32_t clo, chi;
        range_of(x.common, x.ncommon, vols[i].id, &clo, &chi);
        if (!vols[i].per_member) {
            section(&mp, vols[i].vol, UINT32_MAX, x.common + clo, chi - clo, NULL, 0);
            continue;
        }
        for (uint32_t m = 0; m < x.nmembers; m++) {
            uint32_t slo, shi;
            range_of(x.spec[m], x.nspec[m], vols[i].id, &slo, &shi);
            if (wants(&mp, m) && (chi > clo || shi > slo))
                section(&mp, vols[i].vol, m, x.common + clo, chi - clo, x.spec[m] + slo,
                        shi - slo);
        }
    }
    if (format == ZVMC_FORMAT_JSON)
        sb_puts(&mp.sb, "\n],\"devno\":[");
    devno_list(&mp);
    if (format == ZVMC_FORMAT_JSON)
        sb_puts(&mp.sb, "]}\n");
    if (mp.sb.failed)
        rc = ZVMC_ENOMEM;
    else if (mp.sb.len && write(arg, mp.sb.data, mp.sb.len) != 0)
        rc = ZVMC_EIO;
out:
    zalloc_free(ctx_alloc(ctx), vols);
    sb_free(&mp.sb);
    ud_extents_free(ctx, &x);
    return rc;
}
