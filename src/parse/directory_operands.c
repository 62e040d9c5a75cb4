/* SPDX-License-Identifier: MIT */
/*
 * Operand decoding: the typed fields of each statement the checks read, from
 * its positional operands.  A missing or malformed operand is a dir-operands
 * finding (the statement is marked UD_F_BAD so that later checks skip it), not
 * a syntax error: the record was read, it just does not say enough.
 *
 * Storage sizes are only recorded here; whether they are well formed is the
 * dir-storage check's business.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/hugepage.h"
#include "core/diag.h"
#include "parse/directory_devices.h"
#include "parse/directory_parse.h"
#include "util/names.h"

/* The form of each statement whose operands are decoded, for messages. */
static const char *form_of(unsigned kind)
{
    switch (kind) {
    case UD_S_USER: return "USER userid password [storage [maxstorage [classes]]]";
    case UD_S_IDENTITY: return "IDENTITY userid password [storage [maxstorage [classes]]]";
    case UD_S_PROFILE: return "PROFILE name";
    case UD_S_SUBCONFIG: return "SUBCONFIG name";
    case UD_S_INCLUDE: return "INCLUDE profile";
    case UD_S_BUILD: return "BUILD ON member|* USING SUBCONFIG name";
    case UD_S_SYSAFFIN: return "SYSAFFIN sysname... | SYSAFFIN *";
    case UD_S_MDISK:
        return "MDISK vaddr devtype {start size|start END} volser [mode [pw...]] | "
               "MDISK vaddr devtype {DEVNO rdev|V-DISK blocks|T-DISK size} [mode [pw...]]";
    case UD_S_LINK: return "LINK userid|* vaddr vaddr [mode]";
    case UD_S_DEDICATE: return "DEDICATE vaddr rdev [options]";
    case UD_S_NICDEF: return "NICDEF vaddr [TYPE type] [DEVICES n] [LAN owner name] ...";
    case UD_S_SPECIAL: return "SPECIAL vaddr type [...]";
    case UD_S_CONSOLE: return "CONSOLE vaddr devtype [class [userid]]";
    case UD_S_SPOOL: return "SPOOL vaddr devtype [class]";
    case UD_S_DIRECTORY:
        return "DIRECTORY vaddr devtype volser [cpuid-model sysname] | "
               "DIRECTORY SSI vaddr devtype volser...";
    default: return NULL;
    }
}

/* Report a dir-operands finding at operand @at (NULL: the statement) and mark
 * the statement bad when it is an error. */
__attribute__((format(printf, 5, 6)))
static zvmc_diag_int *operr(ud_parse *p, ud_stmt *s, const ud_tok *at, zvmc_severity sev,
                            const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == ZVMC_SEV_ERROR)
        s->flags |= UD_F_BAD;
    zvmc_loc loc = at ? (zvmc_loc){ p->file, at->off, at->off + at->len }
                      : (zvmc_loc){ p->file, s->begin, s->begin + s->len };
    zvmc_diag_int *d = diag_report(p->ctx, "dir-operands", sev, loc, "%s", msg);
    const char *form = form_of(s->kind);
    if (form && sev == ZVMC_SEV_ERROR)
        diag_note(p->ctx, d, loc_none(), "the statement's form is: %s", form);
    return d;
}

#define TXT(t) (int)(t)->len, p->text + (t)->off

/* Is @t @word (written in upper case), in any case?  Inline, so that strlen
 * of a literal folds and most words fail on length; only the token's bytes
 * need upper-casing.  These tests run on every operand of some statements. */
static inline int tok_is(const ud_parse *p, const ud_tok *t, const char *word)
{
    size_t n = strlen(word);
    if (t->len != n)
        return 0;
    const char *s = p->text + t->off;
    for (size_t i = 0; i < n; i++)
        if (ascii_upper(s[i]) != word[i])
            return 0;
    return 1;
}

/* Is @t an abbreviation of @full at least @min characters long? */
static int abbrev(const ud_parse *p, const ud_tok *t, const char *full, size_t min)
{
    if (t->len < min || t->len > strlen(full))
        return 0;
    for (uint32_t i = 0; i < t->len; i++)
        if (ascii_upper(p->text[t->off + i]) != full[i])
            return 0;
    return 1;
}

int ud_parse_vaddr(const char *s, size_t n, uint16_t *out)
{
    uint32_t v;
    if (n == 0 || n > 4 || parse_hex(s, n, &v) != 0)
        return -1;
    *out = (uint16_t)v;
    return 0;
}

int ud_parse_storage(const char *s, size_t n, uint64_t *bytes)
{
    if (n == 0)
        return -1;
    unsigned shift = 0;
    switch (ascii_upper(s[n - 1])) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    case 'T': shift = 40; break;
    case 'P': shift = 50; break;
    case 'E': shift = 60; break;
    default: break;
    }
    uint64_t v;
    if (parse_dec(s, shift ? n - 1 : n, &v) != 0)
        return -1;
    if (shift && v > (UINT64_MAX >> shift))
        return -1;
    /* A number without a suffix is bytes; CP rounds it to a page. */
    *bytes = v << shift;
    return 0;
}

static const char *intern(ud_parse *p, const ud_tok *t)
{
    const char *text = p->text + t->off;
    struct ud_recent *r = NULL;
    uint64_t key = 0;
    if (t->len <= 8) {
        memcpy(&key, text, t->len);
        /* Fibonacci hashing of the bytes and the length: the top 8 bits */
        r = &p->recent[((key ^ t->len) * UINT64_C(0x9E3779B97F4A7C15)) >> 56];
        if (r->name && r->key == key && r->len == t->len)
            return r->name;
    }
    const char *s = ctx_intern_upper(p->ctx, text, t->len);
    if (!s) {
        p->oom = 1;
        return NULL;
    }
    if (r) {
        r->key = key;
        r->len = t->len;
        r->name = s;
    }
    return s;
}

static int vaddr_operand(ud_parse *p, ud_stmt *s, const ud_tok *t, uint16_t *out, const char *what)
{
    if (ud_parse_vaddr(p->text + t->off, t->len, out) == 0)
        return 1;
    operr(p, s, t, ZVMC_SEV_ERROR, "%s '%.*s' is not a device address: write 1 to 4 hexadecimal "
          "digits, e.g. 0191", what, TXT(t));
    return 0;
}

static int need(ud_parse *p, ud_stmt *s, uint32_t nops, uint32_t n, const char *what)
{
    if (nops >= n)
        return 1;
    operr(p, s, NULL, ZVMC_SEV_ERROR, "%s has no %s", ud_skind_name(s->kind), what);
    return 0;
}

static void extra(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops, uint32_t max,
                  const char *why)
{
    if (nops > max)
        operr(p, s, &ops[max], ZVMC_SEV_WARNING, "%s takes %u operand%s; '%.*s' and what "
              "follows %s", ud_skind_name(s->kind), max, max == 1 ? "" : "s", TXT(&ops[max]), why);
}

int ud_entry_name_ok(const char *s, size_t n)
{
    int ok = n >= 1 && n <= 8;
    for (size_t i = 0; ok && i < n; i++) {
        char c = ascii_upper(s[i]);
        ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '#' ||
             c == '$' || c == '_' || c == '-';
    }
    return ok;
}

int ud_name_reserved(const char *name)
{
    return !strcmp(name, "SYSTEM") || !strcmp(name, "SYSTEMMP") ||
           (strlen(name) == 8 && (!strncmp(name, "LOGN", 4) || !strncmp(name, "LOGL", 4) ||
                                  !strncmp(name, "LOGV", 4)));
}

/* User IDs, profile and subconfig names: 1-8 of A-Z 0-9 @ # $ _ - (S2, S3). */
static const char *entry_name(ud_parse *p, ud_stmt *s, const ud_tok *t)
{
    if (!ud_entry_name_ok(p->text + t->off, t->len)) {
        operr(p, s, t, ZVMC_SEV_ERROR, "'%.*s' is not a valid name: use 1 to 8 characters from "
              "A-Z, 0-9, @ # $ _ -", TXT(t));
        return NULL;
    }
    const char *name = intern(p, t);
    if (!name)
        return NULL;
    if (ud_name_reserved(name) && s->kind != UD_S_PROFILE)
        operr(p, s, t, ZVMC_SEV_ERROR, "%s is reserved for CP (SYSTEM, SYSTEMMP, LOGNxxxx, "
              "LOGLxxxx and LOGVxxxx are): choose another name", name);
    return name;
}

/* Nothing for dir-storage or dir-privclass (check/dir_entry.c) to say about the
 * head's own operands, told while they are at hand: those checks then read the
 * record back only when it has something, and a large directory's source is not
 * walked twice more after the parse (see source_walk() in core/ctx.h). */
static int plain_head(const ud_parse *p, const ud_tok *ops, uint32_t nops)
{
    uint64_t st = 0, mx = 0;
    if (nops > 2 && ud_parse_storage(p->text + ops[2].off, ops[2].len, &st) != 0)
        return 0;
    if (nops > 3 && (ud_parse_storage(p->text + ops[3].off, ops[3].len, &mx) != 0 || st > mx))
        return 0;
    for (uint32_t k = 0; nops > 4 && k < ops[4].len; k++) {
        char c = ascii_upper(p->text[ops[4].off + k]);
        if (!ud_is_privclass(c))
            return 0;
    }
    return 1;
}

static void decode_user(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (!need(p, s, nops, 1, "user ID"))
        return;
    s->u.ref.name = entry_name(p, s, &ops[0]);
    if (nops < 2) {
        operr(p, s, NULL, ZVMC_SEV_ERROR, "%s %.*s has no password: write one, or NOLOG (no "
              "logon), NOPASS, AUTOONLY or LBYONLY", ud_skind_name(s->kind), TXT(&ops[0]));
        return;
    }
    if (plain_head(p, ops, nops))
        s->flags |= UD_F_PLAIN_HEAD;
    /* DIRECTXA reads ten tokens of USER: userid ... escape character (S3). */
    if (nops > 10)
        operr(p, s, &ops[10], ZVMC_SEV_WARNING, "DIRECTXA reads 10 operands of %s and ignores "
              "'%.*s' and what follows", ud_skind_name(s->kind), TXT(&ops[10]));
}

static void decode_name(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (!need(p, s, nops, 1, "name"))
        return;
    s->u.ref.name = entry_name(p, s, &ops[0]);
    if (s->kind == UD_S_SUBCONFIG && nops > 1)
        /* S2: extra operands make DIRECTXA fail and leave the directory as it was. */
        operr(p, s, &ops[1], ZVMC_SEV_ERROR, "SUBCONFIG takes exactly one operand: DIRECTXA "
              "rejects '%.*s' and does not update the directory", TXT(&ops[1]));
    else if (s->kind == UD_S_INCLUDE)
        extra(p, s, ops, nops, 1, "are ignored");
    else if (s->kind == UD_S_PROFILE)
        extra(p, s, ops, nops, 1, "are ignored");
}

static void decode_build(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (nops != 5 || !tok_is(p, &ops[0], "ON") || !tok_is(p, &ops[2], "USING") ||
        !tok_is(p, &ops[3], "SUBCONFIG")) {
        operr(p, s, NULL, ZVMC_SEV_ERROR, "BUILD must read 'BUILD ON member USING SUBCONFIG "
              "name' (or 'BUILD ON * ...' in an SSI-ready directory)");
        return;
    }
    if (tok_is(p, &ops[1], "*"))
        s->flags |= UD_F_STAR;
    else
        s->u.build.member = intern(p, &ops[1]);
    s->u.build.subconfig = entry_name(p, s, &ops[4]);
}

static void decode_sysaffin(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (!need(p, s, nops, 1, "system name (or '*' for every system)"))
        return;
    if (nops == 1 && tok_is(p, &ops[0], "*")) {
        s->flags |= UD_F_STAR;
        return;
    }
    const char **v = arena_alloc(&p->dir->arena, nops * sizeof *v);
    if (!v) {
        p->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < nops; i++)
        v[i] = intern(p, &ops[i]);
    s->u.sysaffin.systems = v;
    s->u.sysaffin.n = nops;
}

static int parse_mode(const ud_parse *p, const ud_tok *t, uint8_t *mode)
{
    static const char *const modes[] = {
        [UD_MODE_R] = "R", [UD_MODE_RR] = "RR", [UD_MODE_W] = "W", [UD_MODE_WR] = "WR",
        [UD_MODE_M] = "M", [UD_MODE_MR] = "MR", [UD_MODE_MW] = "MW", [UD_MODE_SR] = "SR",
        [UD_MODE_SW] = "SW", [UD_MODE_ER] = "ER", [UD_MODE_EW] = "EW",
    };
    uint32_t n = t->len;
    uint8_t v = 0;
    if (n >= 2 && ascii_upper(p->text[t->off + n - 1]) == 'V') {
        v = UD_MODE_V;
        n--;
    }
    if (n < 1 || n > 2)
        return 0;
    /* Every mode is one or two letters: compare them folded, the second 0 when absent. */
    char u0 = ascii_upper(p->text[t->off]), u1 = n == 2 ? ascii_upper(p->text[t->off + 1]) : 0;
    for (unsigned m = UD_MODE_R; m < sizeof modes / sizeof modes[0]; m++) {
        if (modes[m][0] == u0 && modes[m][1] == u1) {
            *mode = (uint8_t)(m | v);
            return 1;
        }
    }
    /* a lone V: mode R with the V suffix is written "RV" */
    return 0;
}

static int mode_operand(ud_parse *p, ud_stmt *s, const ud_tok *t, uint8_t *mode)
{
    if (parse_mode(p, t, mode))
        return 1;
    operr(p, s, t, ZVMC_SEV_ERROR, "'%.*s' is not an access mode: use R, RR, W, WR, M, MR or "
          "MW, optionally followed by V", TXT(t));
    return 0;
}

static int number_operand(ud_parse *p, ud_stmt *s, const ud_tok *t, uint32_t *out,
                          const char *what)
{
    uint64_t v;
    if (parse_dec(p->text + t->off, t->len, &v) == 0 && v <= 0xFFFFFFFFu) {
        *out = (uint32_t)v;
        return 1;
    }
    operr(p, s, t, ZVMC_SEV_ERROR, "%s '%.*s' is not a number", what, TXT(t));
    return 0;
}

/* The index of an interned volume label in dir->vols, added when new. */
static uint32_t volume_index(ud_parse *p, const char *vol)
{
    ud_directory *dir = p->dir;
    if (!vol)
        return 0;
    if ((dir->nvols + 1) * 2 > dir->volmap_mask) {
        /* grow the map (and rehash) before it is half full */
        uint32_t cap = dir->volmap_mask ? (dir->volmap_mask + 1) * 2 : 1024;
        uint32_t *map = huge_table(ctx_alloc(p->ctx), cap * sizeof *map);
        if (!map) {
            p->oom = 1;
            return 0;
        }
        for (uint32_t i = 1; i < dir->nvols; i++) {
            uint32_t k = ud_ptr_hash(dir->vols[i]) & (cap - 1);
            while (map[k])
                k = (k + 1) & (cap - 1);
            map[k] = i + 1;
        }
        huge_free(ctx_alloc(p->ctx), dir->volmap);
        dir->volmap = map;
        dir->volmap_mask = cap - 1;
    }
    uint32_t k = ud_ptr_hash(vol) & dir->volmap_mask;
    for (; dir->volmap[k]; k = (k + 1) & dir->volmap_mask)
        if (dir->vols[dir->volmap[k] - 1] == vol)
            return dir->volmap[k] - 1;
    if (dir->nvols == dir->vols_cap) {
        uint32_t cap = dir->vols_cap ? dir->vols_cap * 2 : 256;
        const char **v = zalloc_realloc(ctx_alloc(p->ctx), dir->vols, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return 0;
        }
        dir->vols = v;
        dir->vols_cap = cap;
        if (!dir->nvols)
            dir->vols[dir->nvols++] = NULL;     /* index 0: no volume */
    }
    dir->vols[dir->nvols] = vol;
    dir->volmap[k] = dir->nvols + 1;
    return dir->nvols++;
}

uint32_t ud_volume_find(const ud_directory *dir, const char *vol)
{
    if (!vol || !dir->volmap)
        return 0;
    uint32_t k = ud_ptr_hash(vol) & dir->volmap_mask;
    for (; dir->volmap[k]; k = (k + 1) & dir->volmap_mask)
        if (dir->vols[dir->volmap[k] - 1] == vol)
            return dir->volmap[k] - 1;
    return 0;
}

static void volser_operand(ud_parse *p, ud_stmt *s, const ud_tok *t)
{
    /* &SYSRES is CP's symbol for the system residence volume; DIRECTXA shows it
     * as +VMRES by default, and the seed paper's listing writes that. */
    if (tok_is(p, t, "&SYSRES") || tok_is(p, t, "+VMRES")) {
        s->flags |= UD_F_SYSRES;
        s->u.mdisk.vol = volume_index(p, ctx_intern(p->ctx, "&SYSRES", 7));
        return;
    }
    if (t->len > 6)
        operr(p, s, t, ZVMC_SEV_ERROR, "volume label '%.*s' is longer than 6 characters", TXT(t));
    const ud_tok *last = &p->last_vol;
    if (last->len == t->len && p->last_vol_idx &&
        ascii_casecmp_n(p->text + t->off, t->len, p->dir->vols[p->last_vol_idx]) == 0) {
        s->u.mdisk.vol = p->last_vol_idx;
        return;
    }
    s->u.mdisk.vol = volume_index(p, intern(p, t));
    p->last_vol = *t;
    p->last_vol_idx = s->u.mdisk.vol;
}

static void manager_form(ud_parse *p, ud_stmt *s, const ud_tok *t)
{
    s->flags |= UD_F_MANAGER;
    zvmc_loc loc = { p->file, t->off, t->off + t->len };
    diag_report(p->ctx, "dir-manager-extension", ZVMC_SEV_WARNING, loc,
                "%.*s is a directory manager's allocation request (DirMaint places the "
                "minidisk and writes the extent); DIRECTXA itself rejects it, so give a start "
                "cylinder and size before compiling this file", TXT(t));
}

static void decode_mdisk(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (nops < 3) {
        operr(p, s, NULL, ZVMC_SEV_ERROR, "MDISK%s%.*s has no %s: give the extent (start "
              "cylinder and size, or DEVNO, V-DISK or T-DISK) and the volume label",
              nops ? " " : "", nops ? (int)ops[0].len : 0, nops ? p->text + ops[0].off : "",
              nops < 2 ? "device type or extent" : "extent");
        return;
    }
    if (!vaddr_operand(p, s, &ops[0], &s->u.mdisk.vaddr, "virtual address"))
        return;
    s->devclass = (uint8_t)ud_devclass_of(p->text + ops[1].off, ops[1].len);
    const ud_tok *how = &ops[2];
    uint32_t mode_at;
    if (tok_is(p, how, "DEVNO")) {
        if (!need(p, s, nops, 4, "real device number after DEVNO"))
            return;
        uint32_t rdev;
        if (parse_hex(p->text + ops[3].off, ops[3].len, &rdev) != 0 || ops[3].len > 4) {
            operr(p, s, &ops[3], ZVMC_SEV_ERROR, "DEVNO '%.*s' is not a device number: write "
                  "1 to 4 hexadecimal digits", TXT(&ops[3]));
            return;
        }
        s->u.mdisk.ext = UD_EXT_DEVNO;
        s->u.mdisk.start = rdev;
        mode_at = 4;
    } else if (tok_is(p, how, "V-DISK") || tok_is(p, how, "T-DISK")) {
        s->u.mdisk.ext = tok_is(p, how, "V-DISK") ? UD_EXT_VDISK : UD_EXT_TDISK;
        if (!need(p, s, nops, 4, "size") ||
            !number_operand(p, s, &ops[3], &s->u.mdisk.size, "size"))
            return;
        mode_at = 4;
    } else if (tok_is(p, how, "AUTOG") || tok_is(p, how, "AUTOR") || tok_is(p, how, "AUTOV")) {
        manager_form(p, s, how);
        s->u.mdisk.ext = UD_EXT_AUTO;
        if (!need(p, s, nops, 5, "size and group, region or volume") ||
            !number_operand(p, s, &ops[3], &s->u.mdisk.size, "size"))
            return;
        if (tok_is(p, how, "AUTOV"))
            volser_operand(p, s, &ops[4]);
        mode_at = 5;
    } else {
        if (!number_operand(p, s, how, &s->u.mdisk.start, "start cylinder (or DEVNO, V-DISK, "
                            "T-DISK)"))
            return;
        if (!need(p, s, nops, 5, "size and volume label"))
            return;
        if (tok_is(p, &ops[3], "END")) {
            s->u.mdisk.ext = UD_EXT_END;
        } else {
            if (!number_operand(p, s, &ops[3], &s->u.mdisk.size, "size (or END)"))
                return;
            if (s->u.mdisk.size == 0) {
                operr(p, s, &ops[3], ZVMC_SEV_ERROR, "a minidisk of size 0 holds nothing");
                return;
            }
            if ((uint64_t)s->u.mdisk.start + s->u.mdisk.size - 1 > 0xFFFFFFFEu) {
                operr(p, s, &ops[3], ZVMC_SEV_ERROR, "the extent runs past the largest volume");
                return;
            }
            s->u.mdisk.ext = UD_EXT_CYL;
        }
        volser_operand(p, s, &ops[4]);
        mode_at = 5;
    }
    if (nops > mode_at && !mode_operand(p, s, &ops[mode_at], &s->u.mdisk.mode))
        return;
    /* mode, then read, write and multiple-write passwords */
    extra(p, s, ops, nops, mode_at + 4, "are not MDISK operands (after the mode come at most "
          "three passwords)");
}

static void decode_link(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (nops < 3) {
        if (nops == 0)
            operr(p, s, NULL, ZVMC_SEV_ERROR, "LINK names no owner: write 'LINK owner vaddr "
                  "vaddr mode'");
        else if (nops == 1)
            operr(p, s, NULL, ZVMC_SEV_ERROR, "LINK %.*s names none of its minidisks: write "
                  "'LINK %.*s vaddr vaddr mode'", TXT(&ops[0]), TXT(&ops[0]));
        else
            operr(p, s, NULL, ZVMC_SEV_ERROR, "LINK %.*s %.*s gives no address for the link "
                  "itself: write 'LINK %.*s %.*s vaddr mode'", TXT(&ops[0]), TXT(&ops[1]),
                  TXT(&ops[0]), TXT(&ops[1]));
        return;
    }
    if (tok_is(p, &ops[0], "*")) {
        s->flags |= UD_F_STAR;      /* the linking user itself: resolved per user */
    } else {
        s->u.link.user = entry_name(p, s, &ops[0]);
    }
    if (!vaddr_operand(p, s, &ops[1], &s->u.link.target, "the owner's address") ||
        !vaddr_operand(p, s, &ops[2], &s->u.link.vaddr, "virtual address"))
        return;
    if (nops > 3)
        mode_operand(p, s, &ops[3], &s->u.link.mode);
    extra(p, s, ops, nops, 4, "are not LINK operands");
}

/* Where a NICDEF names its network, and its TYPE, for the relocation rules and
 * the compiler (u.dev.nic), read as they have always read it: the first LAN
 * followed by two operands (LAN SYSTEM name is a VSWITCH), else the first
 * VSWITCH followed by one; the first TYPE. */
static void decode_nic(const ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    uint32_t n = nops < UD_NIC_MAXOPS ? nops : UD_NIC_MAXOPS;
    int type = -1, lan = -1, vsw = -1;     /* the first of each */
    for (uint32_t i = 0; i < n; i++) {
        if (type < 0 && tok_is(p, &ops[i], "TYPE"))
            type = (int)i;
        else if (lan < 0 && tok_is(p, &ops[i], "LAN"))
            lan = (int)i;
        else if (vsw < 0 && tok_is(p, &ops[i], "VSWITCH"))
            vsw = (int)i;
    }
    const ud_tok *net = NULL, *name = NULL;
    uint8_t form = UD_NIC_NONE;
    if (lan >= 0 && (uint32_t)lan + 2 < n) {
        if (tok_is(p, &ops[lan + 1], "SYSTEM")) {
            form = UD_NIC_VSWITCH;
            net = &ops[lan + 2];
        } else {
            form = UD_NIC_LAN;
            net = &ops[lan + 1];
            name = &ops[lan + 2];
        }
    } else if (vsw >= 0 && (uint32_t)vsw + 1 < n) {
        form = UD_NIC_VSWITCH;
        net = &ops[vsw + 1];
    }
    s->u.dev.nic = form;
    if (type >= 0 && (uint32_t)type + 1 < n)
        s->u.dev.nic |= abbrev(p, &ops[type + 1], "HIPERSOCKETS", 5) ? UD_NIC_TYPE_HIPERS
                                                                      : UD_NIC_TYPE_QDIO;
    /* operands lie in the statement's span, which is under 256 bytes */
    if (net) {
        s->u.dev.net = (uint8_t)(net->off - s->begin);
        s->u.dev.netlen = (uint8_t)net->len;
    }
    if (name) {
        s->u.dev.lan = (uint8_t)(name->off - s->begin);
        s->u.dev.lanlen = (uint8_t)name->len;
    }
}

/* DEDICATE, SPECIAL, NICDEF, CONSOLE, SPOOL */
static void decode_device(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (!need(p, s, nops, 1, "virtual address"))
        return;
    if (!vaddr_operand(p, s, &ops[0], &s->u.dev.vaddr, "virtual address"))
        return;
    s->u.dev.count = 1;
    switch (s->kind) {
    case UD_S_DEDICATE:
        if (!need(p, s, nops, 2, "real device"))
            return;
        if (ops[1].len > 4 || parse_hex(p->text + ops[1].off, ops[1].len, &s->u.dev.rdev) != 0)
            s->u.dev.rdev = UINT32_MAX;     /* a volume label */
        break;
    case UD_S_NICDEF:
        decode_nic(p, s, ops, nops);
        /* DEVICES n: the NIC takes n consecutive addresses (3 by default). */
        s->u.dev.count = 3;
        for (uint32_t i = 1; i + 1 < nops; i++) {
            if (tok_is(p, &ops[i], "DEVICES") || tok_is(p, &ops[i], "DEVICE")) {
                uint32_t n;
                if (number_operand(p, s, &ops[i + 1], &n, "DEVICES count")) {
                    if (n < 3 || n > 3072)
                        operr(p, s, &ops[i + 1], ZVMC_SEV_ERROR, "a NIC has 3 to 3072 devices");
                    else
                        s->u.dev.count = (uint16_t)n;
                }
                break;
            }
        }
        break;
    case UD_S_SPECIAL:
        if (!need(p, s, nops, 2, "device type"))
            return;
        /* SPECIAL vaddr QDIO|HIPER n ...: a simulated NIC of n devices */
        if (nops > 2 && (tok_is(p, &ops[1], "QDIO") || tok_is(p, &ops[1], "HIPER") ||
                         tok_is(p, &ops[1], "HIPERS") || tok_is(p, &ops[1], "IQD"))) {
            uint64_t n;
            if (parse_dec(p->text + ops[2].off, ops[2].len, &n) == 0 && n >= 1 && n <= 3072)
                s->u.dev.count = (uint16_t)n;
        }
        break;
    case UD_S_CONSOLE:
    case UD_S_SPOOL:
        need(p, s, nops, 2, "device type");
        break;
    default:
        break;
    }
    if ((uint32_t)s->u.dev.vaddr + s->u.dev.count - 1 > 0xFFFF)
        operr(p, s, &ops[0], ZVMC_SEV_ERROR, "%u devices from address %04X run past FFFF",
              s->u.dev.count, s->u.dev.vaddr);
}

static void decode_storage(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (!need(p, s, nops, 1, "size"))
        return;
    uint64_t b;
    if (ud_parse_storage(p->text + ops[0].off, ops[0].len, &b) == 0)
        s->u.storage.bytes = b;
}

/* COMMAND DEFINE STORAGE RESERVED size: the standby storage a guest adds at logon.
 * CP's minimum abbreviations are DEF and STOR; the shorter ST seen in real files
 * is taken too, as this only feeds a warning. */
static void decode_command(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    uint64_t b;
    if (nops >= 4 && abbrev(p, &ops[0], "DEFINE", 3) && abbrev(p, &ops[1], "STORAGE", 2) &&
        abbrev(p, &ops[2], "RESERVED", 3) &&
        ud_parse_storage(p->text + ops[3].off, ops[3].len, &b) == 0)
        s->u.storage.bytes = b;
}

static void add_dirstmt(ud_parse *p, ud_dirstmt *d)
{
    if (p->dir->last_dir)
        p->dir->last_dir->next = d;
    else
        p->dir->dirs = d;
    p->dir->last_dir = d;
    p->dir->ndirs++;
}

static void decode_directory(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    ud_dirstmt *d = arena_zalloc(&p->dir->arena, sizeof *d);
    if (!d) {
        p->oom = 1;
        return;
    }
    d->loc = (zvmc_loc){ p->file, s->begin, s->begin + s->len };
    d->entry = p->entry;
    add_dirstmt(p, d);
    d->form = UD_DIR_BAD;
    uint32_t first = 0;
    int ssi = nops > 0 && tok_is(p, &ops[0], "SSI");
    if (ssi)
        first = 1;
    if (nops < first + 3) {
        operr(p, s, NULL, ZVMC_SEV_ERROR, "DIRECTORY needs a device address, a device type and "
              "a volume label");
        return;
    }
    uint16_t vaddr;
    if (!vaddr_operand(p, s, &ops[first], &vaddr, "DIRECTORY address"))
        return;
    uint32_t nvols = ssi ? nops - first - 2 : 1;
    const char **vols = arena_alloc(&p->dir->arena, nvols * sizeof *vols);
    if (!vols) {
        p->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < nvols; i++) {
        const ud_tok *t = &ops[first + 2 + i];
        if (t->len > 6) {
            operr(p, s, t, ZVMC_SEV_ERROR, "volume label '%.*s' is longer than 6 characters",
                  TXT(t));
            return;
        }
        vols[i] = intern(p, t);
    }
    d->vols = vols;
    d->nvols = nvols;
    if (ssi) {
        d->form = UD_DIR_SSI;
    } else if (nops == 3) {
        d->form = UD_DIR_PLAIN;
    } else if (nops == 5) {
        d->form = UD_DIR_CSE;
        d->sysname = intern(p, &ops[4]);
    } else {
        operr(p, s, &ops[3], ZVMC_SEV_ERROR, "DIRECTORY takes a volume label, then either "
              "nothing more or a CPU ID and model and a system name (the CSE form)");
    }
}

/* Is some operand of a CPU statement DEDICATE? */
static int any_dedicate(const ud_parse *p, const ud_tok *ops, uint32_t nops)
{
    for (uint32_t i = 0; i < nops; i++)
        if (tok_is(p, &ops[i], "DEDICATE"))
            return 1;
    return 0;
}

/* Is some operand of an OPTION statement one that ties a guest to its member? */
static int any_tied_option(const ud_parse *p, const ud_tok *ops, uint32_t nops)
{
    for (uint32_t i = 0; i < nops; i++)
        if (tok_is(p, &ops[i], "LKFAC") || tok_is(p, &ops[i], "CFVM") ||
            tok_is(p, &ops[i], "CFUSER") || tok_is(p, &ops[i], "TODENABLE"))
            return 1;
    return 0;
}

/* UD_F_RELOC_WORDS: the tests are those of the readers (relocation.c,
 * compile_view.c), on all the operands where they read the first 24, so a
 * statement without the mark holds nothing they would find. */
static int reloc_words(const ud_parse *p, const ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    switch (s->kind) {
    case UD_S_COMMAND:      /* COMMAND SET VMRELOCATE * ... */
        return nops >= 2 && tok_is(p, &ops[0], "SET") && abbrev(p, &ops[1], "VMRELOCATE", 5);
    case UD_S_CPU:
        return any_dedicate(p, ops, nops);
    case UD_S_CRYPTO:
        return nops >= 1 && (abbrev(p, &ops[0], "APDEDICATED", 5) ||
                             abbrev(p, &ops[0], "DOMAIN", 3));
    case UD_S_MACHINE:
        return nops >= 1 && tok_is(p, &ops[0], "XC");
    case UD_S_OPTION:
        return any_tied_option(p, ops, nops);
    default:
        return 0;
    }
}

static void mark_reloc_words(const ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    if (reloc_words(p, s, ops, nops))
        s->flags |= UD_F_RELOC_WORDS;
}

void ud_decode(ud_parse *p, ud_stmt *s, const ud_tok *ops, uint32_t nops)
{
    switch (s->kind) {
    case UD_S_USER: case UD_S_IDENTITY: decode_user(p, s, ops, nops); break;
    case UD_S_PROFILE: case UD_S_SUBCONFIG: case UD_S_INCLUDE: decode_name(p, s, ops, nops); break;
    case UD_S_POOL: if (nops) s->u.ref.name = intern(p, &ops[0]); break;
    case UD_S_GLOBALDEFS: extra(p, s, ops, nops, 0, "are ignored"); break;
    case UD_S_BUILD: decode_build(p, s, ops, nops); break;
    case UD_S_SYSAFFIN: decode_sysaffin(p, s, ops, nops); break;
    case UD_S_MDISK: decode_mdisk(p, s, ops, nops); break;
    case UD_S_LINK: decode_link(p, s, ops, nops); break;
    case UD_S_DEDICATE: case UD_S_NICDEF: case UD_S_SPECIAL: case UD_S_CONSOLE:
    case UD_S_SPOOL:
        decode_device(p, s, ops, nops);
        break;
    case UD_S_STORAGE: case UD_S_MAXSTORAGE: decode_storage(p, s, ops, nops); break;
    case UD_S_COMMAND:
        decode_command(p, s, ops, nops);
        mark_reloc_words(p, s, ops, nops);
        break;
    case UD_S_CPU: case UD_S_CRYPTO: case UD_S_MACHINE: case UD_S_OPTION:
        mark_reloc_words(p, s, ops, nops);
        break;
    case UD_S_DIRECTORY: decode_directory(p, s, ops, nops); break;
    default: break;
    }
}

/* ---- reading operands back ------------------------------------------------ */

const char *ud_tok_text(const zvmc_ctx *ctx, uint32_t file, ud_tok t)
{
    const zvmc_source *src = ctx_source(ctx, file);
    return src ? src->data + t.off : "";
}

const char *ud_stmt_text(zvmc_source *src, const ud_stmt *s)
{
    if (!src || s->begin > src->len || s->len > src->len - s->begin)
        return NULL;
    source_walk(src, s->begin);
    return src->data + s->begin;
}

/* The scanner's {BLANK}, as a table: both operand splitters test every byte. */
const unsigned char ud_blank_table[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1, [0x1A] = 1,
};
#define is_blank(c) (ud_blank_table[(unsigned char)(c)])

uint32_t ud_operands(const zvmc_ctx *ctx, const ud_entry *e, const ud_stmt *s, ud_tok *out,
                     uint32_t max)
{
    zvmc_source *src = ctx_source(ctx, e->file);
    if (!src)
        return 0;
    source_walk(src, s->begin);     /* a walk in file order gives back what it passed */
    const char *t = src->data;
    uint32_t i = s->begin, end = s->begin + s->len, n = 0;
    while (i < end && !is_blank(t[i]))     /* the keyword */
        i++;
    for (;;) {
        while (i < end && is_blank(t[i]))
            i++;
        if (i >= end)
            break;
        uint32_t b = i;
        while (i < end && !is_blank(t[i]))
            i++;
        if (n < max) {
            out[n].off = b;
            out[n].len = i - b;
        }
        n++;
    }
    return n;
}

zvmc_loc ud_operand_loc(const zvmc_ctx *ctx, const ud_entry *e, const ud_stmt *s, uint32_t i)
{
    ud_tok ops[16];
    uint32_t n = ud_operands(ctx, e, s, ops, 16);
    if (i < n && i < 16) {
        zvmc_loc l = { e->file, ops[i].off, ops[i].off + ops[i].len };
        return l;
    }
    return ud_stmt_loc(e, s);
}
