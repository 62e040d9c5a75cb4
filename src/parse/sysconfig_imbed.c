/* SPDX-License-Identifier: MIT */
/*
 * IMBED: `IMBED fn ft` reads the file fn ft into the configuration where the
 * statement stands.  CP reads imbedded files from the parm disk, a flat CMS
 * minidisk (CONFIRMED); zvmc reads fn.ft, fn.ft.fm or `fn ft`, in any case, from
 * the directory of the file that holds the IMBED, else an input of that name
 * (docs/imbed.md).  The statement's form, how deep IMBEDs may nest, and what a
 * record qualifier on IMBED means are UNCONFIRMED.
 *
 * Every file is read once.  It becomes a node of a forest: the inputs given to
 * the context are its roots, in the order given, and a file's children are the
 * files it imbeds, in IMBED order; the config's file list is the forest in
 * depth-first order, so a file's statements follow those of the files that
 * imbed it.  A file imbedded again is not read again (a warning says so); a file
 * also given as an input is read once, as imbedded.
 *
 * No recursion: the files being read form a stack of at most
 * ZVMC_MAX_IMBED_DEPTH + 1 frames, a fixed array, and every walk of the forest
 * is a loop over parent and sibling links.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "core/diag.h"
#include "parse/sysconfig_parse.h"
#include "util/strbuf.h"
#include "util/symtab.h"

/* The sources read from one file (device and inode): what parsed_source() and
 * later_input() ask, answered without a look at every source for every IMBED
 * (4,000 IMBEDs in one file took 0.06 s, 64,000 took 6.5 s). */
typedef struct imb_ident {
    char key[sizeof(dev_t) + sizeof(ino_t)];    /* the symtab key: dev, then ino */
    uint32_t first, last;       /* its sources in index order, through imb_src.same */
    uint32_t first_parsed;      /* the lowest of them parsed, or UINT32_MAX */
} imb_ident;

/* What zvmc knows of one source of the context. */
typedef struct imb_src {
    sc_file *file;      /* its parse; NULL until parsed */
    int parsed;
    int imbedded;       /* added by an IMBED, not given to the context */
    int id;             /* 0: not looked up; 1: dev and ino known; -1: none */
    dev_t dev;
    ino_t ino;
    imb_ident *ident;   /* its file's entry once registered (register_ids()) */
    uint32_t same;      /* the next source of the same file, or UINT32_MAX */
    uint32_t same_key;  /* the next input whose name could spell the same fn ft */
    size_t diag_first, diag_last;   /* the diagnostics in it, through sc_imbed.diag_next
                                     * (SIZE_MAX: none; index_diags()) */
    /* A file given to the context, while it is a root of the forest: */
    sc_file *prev_root;     /* the root before it */
    unsigned height;        /* how deep its subtree goes, set when its walk ends */
} imb_src;

/* The inputs whose base names could spell one fn ft (dent_key()), in index
 * order through imb_src.same_key: input_named() looks at those alone. */
typedef struct imb_named {
    uint32_t first, last;
} imb_named;

/* A directory's entries that could name fn.ft, read once (find_file()). */
typedef struct imb_dent {
    const char *name;           /* as the directory spells it */
    struct imb_dent *next;
} imb_dent;

typedef struct imb_dir {
    int dir_errno;              /* the directory could not be read */
    symtab names;               /* "FN.FT" (upper case) -> imb_dent list */
} imb_dir;

struct sc_imbed {
    imb_src *src;       /* one per source, from the context's allocator */
    uint32_t nsrc, src_cap;
    int buffer_noted;   /* the note on IMBED in an in-memory input was given */
    symtab dirs;        /* directory, as named -> imb_dir (in the arena) */
    symtab ids;         /* dev and ino -> imb_ident (in the arena) */
    uint32_t nids;      /* the sources before this one are in ids (register_ids()) */
    symtab named;       /* "FN.FT" (upper case) -> imb_named (in the arena) */
    uint32_t nnamed;    /* the sources before this one are in named (register_names()) */
    size_t *diag_next;  /* the next diagnostic in the same source, by index in ctx->diags */
    size_t ndiag;       /* the diagnostics before this one are in diag_next (index_diags()) */
    size_t diag_cap;
};

/* One walk: a file given to the context and what it imbeds. */
typedef struct walk {
    zvmc_ctx *ctx;
    sc_config *cfg;
    struct sc_imbed *st;
    uint32_t input;     /* the source given to the context */
    int annotate_all;   /* an input was re-hung under an IMBED, and its diagnostics
                         * could not be listed (annotate_adopted()) */
} walk;

/* ---- per-source state ------------------------------------------------------------ */

static int sync_sources(zvmc_ctx *ctx, sc_config *cfg)
{
    struct sc_imbed *st = cfg->imbed;
    if (!st) {
        st = arena_zalloc(&cfg->arena, sizeof *st);
        if (!st)
            return ZVMC_ENOMEM;
        symtab_init(&st->dirs, &ctx->alloc);
        symtab_init(&st->ids, &ctx->alloc);
        symtab_init(&st->named, &ctx->alloc);
        cfg->imbed = st;
    }
    if (st->src_cap < ctx->nsources) {
        /* grown by doubling: each IMBED adds a source */
        uint32_t cap = st->src_cap ? st->src_cap : 16;
        while (cap < ctx->nsources)
            cap = cap > UINT32_MAX / 2 ? ctx->nsources : cap * 2;
        imb_src *v = zalloc_realloc(&ctx->alloc, st->src, (size_t)cap * sizeof *v);
        if (!v)
            return ZVMC_ENOMEM;
        st->src = v;
        st->src_cap = cap;
    }
    for (; st->nsrc < ctx->nsources; st->nsrc++) {
        memset(&st->src[st->nsrc], 0, sizeof *st->src);
        st->src[st->nsrc].same = st->src[st->nsrc].same_key = UINT32_MAX;
        st->src[st->nsrc].diag_first = st->src[st->nsrc].diag_last = SIZE_MAX;
    }
    return 0;
}

int sc_imbed_parsed(const sc_config *cfg, uint32_t file)
{
    return cfg->imbed && file < cfg->imbed->nsrc && cfg->imbed->src[file].parsed;
}

void sc_imbed_free(zvmc_ctx *ctx, sc_config *cfg)
{
    if (cfg->imbed) {
        zalloc_free(&ctx->alloc, cfg->imbed->src);
        zalloc_free(&ctx->alloc, cfg->imbed->diag_next);
        symtab *dirs = &cfg->imbed->dirs;
        for (size_t i = 0; i < dirs->cap; i++)
            if (dirs->slots[i].key)
                symtab_free(&((imb_dir *)dirs->slots[i].value)->names);
        symtab_free(dirs);
        symtab_free(&cfg->imbed->ids);
        symtab_free(&cfg->imbed->named);
        cfg->imbed = NULL;      /* the struct itself lives in the arena */
    }
}

/* The file identity of a source read from a file (device and inode). */
static int source_id(zvmc_ctx *ctx, struct sc_imbed *st, uint32_t i)
{
    imb_src *e = &st->src[i];
    if (!e->id) {
        const zvmc_source *src = ctx_source(ctx, i);
        struct stat sb;
        e->id = -1;
        if (src && !src->in_memory && stat(src->name, &sb) == 0) {
            e->id = 1;
            e->dev = sb.st_dev;
            e->ino = sb.st_ino;
        }
    }
    return e->id == 1;
}

static int same_file(const imb_src *e, dev_t dev, ino_t ino)
{
    return e->id == 1 && e->dev == dev && e->ino == ino;
}

static void ident_key(char *key, dev_t dev, ino_t ino)
{
    memcpy(key, &dev, sizeof dev);
    memcpy(key + sizeof dev, &ino, sizeof ino);
}

/* The entry of file @dev/@ino, or NULL: register_ids() first. */
static imb_ident *ident_of(const struct sc_imbed *st, dev_t dev, ino_t ino)
{
    char key[sizeof(dev_t) + sizeof(ino_t)];
    ident_key(key, dev, ino);
    return symtab_get(&st->ids, key, sizeof key);
}

/* Mark source @i parsed (its parse is st->src[i].file). */
static void set_parsed(struct sc_imbed *st, uint32_t i)
{
    imb_src *e = &st->src[i];
    e->parsed = 1;
    if (e->ident && i < e->ident->first_parsed)
        e->ident->first_parsed = i;
}

/* Put every source not yet registered under its file's identity: those that
 * parsed_source() or later_input() could find: read from a file, a SYSTEM CONFIG
 * or of a kind not known yet (a source parsed here is a SYSTEM CONFIG, and one of
 * another kind never becomes one).  Each source is looked up (stat())
 * once, as source_id() did when these scanned every source.  0, or ZVMC_ENOMEM. */
static int register_ids(zvmc_ctx *ctx, sc_config *cfg)
{
    struct sc_imbed *st = cfg->imbed;
    for (; st->nids < st->nsrc; st->nids++) {
        uint32_t i = st->nids;
        const zvmc_source *src = ctx_source(ctx, i);
        if (src->in_memory || (src->kind != ZVMC_FILE_SYSCONFIG && src->kind != ZVMC_FILE_AUTO)
            || !source_id(ctx, st, i))
            continue;
        imb_src *e = &st->src[i];
        imb_ident *id = ident_of(st, e->dev, e->ino);
        if (!id) {
            id = arena_alloc(&cfg->arena, sizeof *id);
            if (!id)
                return ZVMC_ENOMEM;
            ident_key(id->key, e->dev, e->ino);
            id->first = i;
            id->first_parsed = UINT32_MAX;
            symtab_slot *sl = symtab_put(&st->ids, id->key, sizeof id->key, NULL);
            if (!sl)
                return ZVMC_ENOMEM;
            sl->value = id;
        } else {
            st->src[id->last].same = i;
        }
        id->last = i;
        e->ident = id;
        if (e->parsed && i < id->first_parsed)
            id->first_parsed = i;
    }
    return 0;
}

/* ---- the forest ------------------------------------------------------------------ */

/* The roots are linked both ways (sibling, imb_src.prev_root), so that an
 * input found imbedded leaves them without a walk from the first. */
static void add_root(sc_config *cfg, sc_file *f)
{
    cfg->imbed->src[f->file].prev_root = cfg->last_root;
    f->sibling = NULL;
    if (cfg->last_root)
        cfg->last_root->sibling = f;
    else
        cfg->roots = f;
    cfg->last_root = f;
}

/* The last file of @f's subtree in depth-first order. */
static sc_file *last_in(sc_file *f)
{
    while (f->last_child)
        f = f->last_child;
    return f;
}

/* Take root @f, whose walk has ended, from the roots and its subtree from the
 * file list, where it is a run of its own (the file list is the forest in
 * depth-first order, and holds every root but the one being walked). */
static void detach_root(sc_config *cfg, sc_file *f)
{
    imb_src *src = cfg->imbed->src;
    sc_file *prev = src[f->file].prev_root, *next = f->sibling;
    if (prev)
        prev->sibling = next;
    else
        cfg->roots = next;
    if (next)
        src[next->file].prev_root = prev;
    else
        cfg->last_root = prev;
    f->sibling = NULL;

    sc_file *before = prev ? last_in(prev) : NULL, *end = last_in(f);
    if (before)
        before->next = end->next;
    else
        cfg->files = end->next;
    if (cfg->last_file == end)
        cfg->last_file = before;
    end->next = NULL;
}

static void add_child(sc_file *parent, sc_file *f)
{
    f->parent = parent;
    f->sibling = NULL;
    if (parent->last_child)
        parent->last_child->sibling = f;
    else
        parent->first_child = f;
    parent->last_child = f;
}

/* The next file after @f in depth-first order within the subtree of @top (NULL at
 * its end); with @top NULL, within the whole forest. */
static sc_file *next_in(sc_file *f, const sc_file *top)
{
    if (f->first_child)
        return f->first_child;
    while (f != top && !f->sibling)
        f = f->parent;
    return f && f != top ? f->sibling : NULL;
}

/* The walk of root @top has ended: put its subtree at the end of the config's
 * file list, which then holds the forest in depth-first order again (the roots
 * before it are there already, less those it imbeds, which detach_root() took
 * out), and note how deep the subtree goes, for adopt().  Rebuilding the whole
 * list after each input made N inputs take N^2 steps. */
static void link_root(sc_config *cfg, sc_file *top)
{
    sc_file *last = cfg->last_file;
    unsigned h = 0;
    for (sc_file *f = top; f; f = next_in(f, top)) {
        if (last)
            last->next = f;
        else
            cfg->files = f;
        last = f;
        if (f->depth - top->depth > h)
            h = f->depth - top->depth;
    }
    last->next = NULL;
    cfg->last_file = last;
    cfg->imbed->src[top->file].height = h;
}

/* ---- messages -------------------------------------------------------------------- */

static void where(zvmc_ctx *ctx, zvmc_loc loc, const char **name, unsigned *line, unsigned *col)
{
    zvmc_source *src = ctx_source(ctx, loc.file);
    *name = src ? src->name : "?";
    *line = *col = 0;
    if (src && source_ensure_lines(src, &ctx->alloc))
        source_linecol(src, loc.begin, line, col);
}

/* "A.CONFIG:3:1 -> B.CONFIG:7:1 -> target": the IMBED statements from the input
 * down to @s (in file @f), then @target. */
static void chain_text(zvmc_ctx *ctx, strbuf *sb, const sc_file *f, const sc_stmt *s,
                       const char *target)
{
    const sc_stmt *v[ZVMC_MAX_IMBED_DEPTH + 2];
    unsigned n = 0;
    v[n++] = s;
    for (const sc_file *g = f; g->parent && n < sizeof v / sizeof v[0]; g = g->parent)
        v[n++] = g->imbed;
    while (n--) {
        const char *name;
        unsigned line, col;
        where(ctx, v[n]->loc, &name, &line, &col);
        sb_printf(sb, "%s:%u:%u -> ", name, line, col);
    }
    sb_puts(sb, target);
}

/* An error at IMBED @s of file @f: @head, then the chain of IMBEDs to @target. */
static int chain_error(walk *w, const sc_file *f, const sc_stmt *s, const char *head,
                       const char *target)
{
    strbuf sb;
    sb_init(&sb, &w->ctx->alloc);
    sb_puts(&sb, head);
    chain_text(w->ctx, &sb, f, s, target);
    int rc = sb.failed ? ZVMC_ENOMEM : 0;
    if (!rc)
        diag_report(w->ctx, "input", ZVMC_SEV_ERROR, s->loc, "%s", sb_cstr(&sb));
    sb_free(&sb);
    return rc;
}

/* ---- the IMBED statement --------------------------------------------------------- */

/* CMS file names and types: 1 to 8 letters, digits and $#@+-:_ . */
static int cms_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              strchr("$#@+-:_", c)))
            return 0;
    }
    return 1;
}

/* The operands of an IMBED: 1 with @fn and @ft set, or 0 (reported). */
static int operands(zvmc_ctx *ctx, const sc_stmt *s, const char **fn, const char **ft)
{
    const sc_namelist *l = &s->u.imbed.names;
    if (l->n < 2) {
        const char *w = l->n ? l->v[0].s : NULL, *dot = w ? strchr(w, '.') : NULL;
        if (dot && dot > w && dot[1] && !strchr(dot + 1, '.') && dot - w <= 8 &&
            strlen(dot + 1) <= 8) {
            zvmc_diag_int *d = diag_report(ctx, "syntax", ZVMC_SEV_ERROR, l->v[0].loc,
                "IMBED takes the file name and the file type as two words: CMS names a file "
                "'fn ft', not 'fn.ft'");
            char fix[20];
            snprintf(fix, sizeof fix, "%.*s %s", (int)(dot - w), w, dot + 1);
            diag_fixit(ctx, d, fix);
        } else {
            diag_report(ctx, "syntax", ZVMC_SEV_ERROR, s->loc,
                        "IMBED needs a file name and a file type: 'IMBED fn ft'");
        }
        return 0;
    }
    for (unsigned i = 0; i < 2; i++) {
        if (!cms_name_ok(l->v[i].s)) {
            diag_report(ctx, "syntax", ZVMC_SEV_ERROR, l->v[i].loc,
                        "'%s' is not a CMS file %s: 1 to 8 letters, digits or $#@+-:_", l->v[i].s,
                        i ? "type" : "name");
            return 0;
        }
    }
    if (l->n > 2)
        diag_report(ctx, "syntax", ZVMC_SEV_WARNING, l->v[2].loc,
                    "IMBED takes a file name and a file type; zvmc ignores '%s' (IMBED has no "
                    "file mode that zvmc knows of: CP reads imbedded files from the parm disk)",
                    l->v[2].s);
    *fn = l->v[0].s;
    *ft = l->v[1].s;
    return 1;
}

/* ---- finding the file ------------------------------------------------------------ */

/* A CMS file mode: a letter, optionally followed by a digit 0-6 (as the third part
 * of a name in docs/cpsyntax.md). */
static int is_filemode(const char *s)
{
    char c = s[0];
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 32);
    return c >= 'A' && c <= 'Z' && (!s[1] || (s[1] >= '0' && s[1] <= '6' && !s[2]));
}

static int upper_eq(const char *a, const char *upper, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = a[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != upper[i])
            return 0;
    }
    return 1;
}

/* How name @n spells fn ft: -1 when it does not; else FN.FT (0) first, then
 * fn.ft (1), other cases (2), fn.ft.fm (3), then with a blank (4); the order
 * decides between two spellings in one directory. */
static int spelling(const char *n, const char *fn, const char *ft)
{
    size_t fl = strlen(fn), tl = strlen(ft), len = strlen(n), base = fl + 1 + tl;
    if (len < base || (n[fl] != '.' && n[fl] != ' ') || !upper_eq(n, fn, fl) ||
        !upper_eq(n + fl + 1, ft, tl) ||
        (len > base && (n[fl] != '.' || n[base] != '.' || !is_filemode(n + base + 1))))
        return -1;
    int upper = 1, lower = 1;
    for (const char *p = n; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            upper = 0;
        if (*p >= 'A' && *p <= 'Z')
            lower = 0;
    }
    return n[fl] == ' ' ? 4 : len > base ? 3 : upper ? 0 : lower ? 1 : 2;
}

typedef struct found {
    char best[24], other[24];   /* names are at most 8 + 1 + 8 + 1 + 2 characters */
    int best_rank, other_rank;
    unsigned count;
    dev_t dev;
    ino_t ino;
    int dir_errno;              /* the directory could not be read */
    uint32_t input;             /* found among the inputs: which; else UINT32_MAX */
} found;

static int better(const char *n, int rank, const char *than, int than_rank)
{
    return !than[0] || rank < than_rank || (rank == than_rank && strcmp(n, than) < 0);
}

/* Count name @n, spelled @rank, and keep it when it is the best so far. */
static int consider(found *r, const char *n, int rank, dev_t dev, ino_t ino)
{
    r->count++;
    if (better(n, rank, r->best, r->best_rank)) {
        if (r->best[0]) {
            memcpy(r->other, r->best, sizeof r->other);
            r->other_rank = r->best_rank;
        }
        snprintf(r->best, sizeof r->best, "%s", n);
        r->best_rank = rank;
        r->dev = dev;
        r->ino = ino;
        return 1;
    }
    if (better(n, rank, r->other, r->other_rank)) {
        snprintf(r->other, sizeof r->other, "%s", n);
        r->other_rank = rank;
    }
    return 0;
}

/* The key of the fn.ft that name @n could spell, upper case, into @key (18
 * bytes): what precedes its first '.' or blank, a '.', and what follows up to
 * the next '.'; 0 when no CMS fn ft could match it (spelling() is -1 for every
 * fn ft whose key differs). */
static int dent_key(const char *n, char *key)
{
    size_t fl = strcspn(n, ". ");
    if (!n[fl] || fl < 1 || fl > 8)
        return 0;
    size_t tl = strcspn(n + fl + 1, ".");
    if (tl < 1 || tl > 8)
        return 0;
    for (size_t i = 0; i < fl + 1 + tl; i++) {
        char c = n[i];
        key[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    }
    key[fl] = '.';
    key[fl + 1 + tl] = '\0';
    return 1;
}

/* The key of fn ft itself: "FN.FT", upper case, into @key (18 bytes). */
static void fnft_key(char *key, const char *fn, const char *ft)
{
    snprintf(key, 18, "%s.%s", fn, ft);     /* operands(): 1 to 8 each */
    for (char *k = key; *k; k++)
        if (*k >= 'a' && *k <= 'z')
            *k = (char)(*k - 32);
}

/* Read directory @dir into @d: its names by the fn.ft they could spell. */
static int read_dir(zvmc_ctx *ctx, sc_config *cfg, const char *dir, imb_dir *d)
{
    symtab_init(&d->names, &ctx->alloc);
    DIR *h = opendir(dir);
    if (!h) {
        d->dir_errno = errno ? errno : ENOENT;
        return 0;
    }
    int rc = 0;
    for (struct dirent *e; (e = readdir(h)) != NULL;) {
        char key[18];
        if (!dent_key(e->d_name, key))
            continue;
        size_t kl = strlen(key);
        imb_dent *x = arena_alloc(&cfg->arena, sizeof *x);
        if (!x || !(x->name = arena_strdup(&cfg->arena, e->d_name))) {
            rc = ZVMC_ENOMEM;
            break;
        }
        /* a new key is stored (in the arena); a known one finds its slot */
        x->next = symtab_get(&d->names, key, kl);
        const char *k = x->next ? key : arena_strndup(&cfg->arena, key, kl);
        symtab_slot *sl = k ? symtab_put(&d->names, k, kl, NULL) : NULL;
        if (!sl) {
            rc = ZVMC_ENOMEM;
            break;
        }
        sl->value = x;
    }
    closedir(h);
    if (rc)
        symtab_free(&d->names);
    return rc;
}

/* Look in @dir (@prefix: how names in it are written, "" or "dir/") for the regular
 * file fn.ft.  0 (see @r), or ZVMC_ENOMEM.  Each directory is read once per
 * configuration, the first time an IMBED looks in it: reading it for every IMBED
 * made 4,000 IMBEDs of files in one directory take 2.9 s.  Which name wins does
 * not depend on the order of the entries (consider()). */
static int find_file(zvmc_ctx *ctx, sc_config *cfg, const char *dir, const char *prefix,
                     const char *fn, const char *ft, found *r)
{
    memset(r, 0, sizeof *r);
    r->input = UINT32_MAX;
    struct sc_imbed *st = cfg->imbed;
    size_t dl = strlen(dir);
    imb_dir *d = symtab_get(&st->dirs, dir, dl);
    if (!d) {
        d = arena_zalloc(&cfg->arena, sizeof *d);
        if (!d || read_dir(ctx, cfg, dir, d))
            return ZVMC_ENOMEM;
        int is_new;
        symtab_slot *sl = symtab_put(&st->dirs, dir, dl, &is_new);
        if (!sl) {
            symtab_free(&d->names);
            return ZVMC_ENOMEM;
        }
        sl->value = d;      /* @dir is in the arena (dir_of()) */
    }
    if (d->dir_errno) {
        r->dir_errno = d->dir_errno;
        return 0;
    }
    char key[18];
    fnft_key(key, fn, ft);
    strbuf path;
    sb_init(&path, &ctx->alloc);
    int rc = 0;
    for (const imb_dent *e = symtab_get(&d->names, key, strlen(key)); e; e = e->next) {
        const char *n = e->name;
        int rank = spelling(n, fn, ft);
        if (rank < 0)
            continue;
        path.len = 0;
        sb_puts(&path, prefix);
        sb_puts(&path, n);
        if (path.failed) {
            rc = ZVMC_ENOMEM;
            break;
        }
        struct stat sb;
        if (stat(sb_cstr(&path), &sb) == 0 && S_ISREG(sb.st_mode))
            consider(r, n, rank, sb.st_dev, sb.st_ino);
    }
    sb_free(&path);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Put every input not yet registered under the fn.ft its base name could spell
 * (as read_dir() does a directory's names).  An imbedded source is never one
 * (it is marked so as soon as it is added); whether an input is a SYSTEM CONFIG
 * is asked when it is looked at, as its kind may be found later.  0, or
 * ZVMC_ENOMEM. */
static int register_names(zvmc_ctx *ctx, sc_config *cfg)
{
    struct sc_imbed *st = cfg->imbed;
    for (; st->nnamed < st->nsrc; st->nnamed++) {
        uint32_t i = st->nnamed;
        const zvmc_source *src = ctx_source(ctx, i);
        char key[18];
        if (st->src[i].imbedded || src->in_memory || !dent_key(base_name(src->name), key))
            continue;
        size_t kl = strlen(key);
        imb_named *e = symtab_get(&st->named, key, kl);
        if (!e) {
            const char *k = arena_strndup(&cfg->arena, key, kl);
            symtab_slot *sl = k ? symtab_put(&st->named, k, kl, NULL) : NULL;
            if (!sl || !(e = arena_alloc(&cfg->arena, sizeof *e)))
                return ZVMC_ENOMEM;
            sl->value = e;
            e->first = i;
        } else {
            st->src[e->last].same_key = i;
        }
        e->last = i;
    }
    return 0;
}

/* Not in the directory: an input given to the context under the name, from
 * wherever it was read (imbedded files used to be given so).  0, or
 * ZVMC_ENOMEM. */
static int input_named(walk *w, const char *fn, const char *ft, found *r)
{
    if (register_names(w->ctx, w->cfg))
        return ZVMC_ENOMEM;
    char key[18];
    fnft_key(key, fn, ft);
    const imb_named *e = symtab_get(&w->st->named, key, strlen(key));
    for (uint32_t i = e ? e->first : UINT32_MAX; i != UINT32_MAX; i = w->st->src[i].same_key) {
        const zvmc_source *src = ctx_source(w->ctx, i);
        if (src->kind != ZVMC_FILE_SYSCONFIG && src->kind != ZVMC_FILE_AUTO)
            continue;
        const char *base = base_name(src->name);
        int rank = spelling(base, fn, ft);
        if (rank >= 0 && source_id(w->ctx, w->st, i) &&
            consider(r, base, rank, w->st->src[i].dev, w->st->src[i].ino))
            r->input = i;
    }
    return 0;
}

/* The directory of source @name, and the prefix that names a file beside it. */
static int dir_of(sc_config *cfg, const char *name, const char **dir, const char **prefix)
{
    const char *slash = strrchr(name, '/');
    if (!slash) {
        *dir = ".";
        *prefix = "";
        return 0;
    }
    size_t n = (size_t)(slash - name);
    *dir = n ? arena_strndup(&cfg->arena, name, n) : "/";
    *prefix = arena_strndup(&cfg->arena, name, n + 1);
    return *dir && *prefix ? 0 : ZVMC_ENOMEM;
}

/* ---- the chain notes ------------------------------------------------------------- */

static int has_note(const zvmc_diag_int *d, zvmc_loc loc)
{
    for (size_t k = 0; k < d->pub.n_notes; k++)
        if (d->note_locs[k].file == loc.file && d->note_locs[k].begin == loc.begin &&
            !strcmp(d->notes[k].message, SC_IMBEDDED_FROM))
            return 1;
    return 0;
}

/* Give diagnostic @d, in a source of @st, the IMBED chain of its file. */
static void annotate(zvmc_ctx *ctx, const struct sc_imbed *st, zvmc_diag_int *d)
{
    const sc_file *f = st->src[d->loc.file].file;
    /* The levels noted already (before an input was found imbedded, or by an
     * earlier call) are the inner ones: add the rest, outwards. */
    for (const sc_file *g = f; g && g->parent; g = g->parent)
        if (!has_note(d, g->imbed->loc))
            diag_note(ctx, d, g->imbed->loc, SC_IMBEDDED_FROM);
}

static void annotate_from(zvmc_ctx *ctx, size_t first)
{
    const struct sc_imbed *st = ctx->config ? ctx->config->imbed : NULL;
    if (!st)
        return;
    for (size_t i = first; i < ctx->ndiags; i++) {
        zvmc_diag_int *d = ctx->diags[i];
        if (loc_valid(d->loc) && d->loc.file < st->nsrc)
            annotate(ctx, st, d);
    }
}

/* List the diagnostics not listed yet under their sources (those annotate_from()
 * would look at).  Nothing reorders ctx->diags while the inputs are parsed
 * (diag_sort() runs after the passes).  0, or ZVMC_ENOMEM. */
static int index_diags(zvmc_ctx *ctx, struct sc_imbed *st)
{
    if (st->diag_cap < ctx->ndiags) {
        size_t cap = st->diag_cap ? st->diag_cap : 64;
        while (cap < ctx->ndiags)
            cap *= 2;
        size_t *v = zalloc_realloc(&ctx->alloc, st->diag_next, cap * sizeof *v);
        if (!v)
            return ZVMC_ENOMEM;
        st->diag_next = v;
        st->diag_cap = cap;
    }
    for (; st->ndiag < ctx->ndiags; st->ndiag++) {
        size_t i = st->ndiag;
        const zvmc_diag_int *d = ctx->diags[i];
        st->diag_next[i] = SIZE_MAX;
        if (!loc_valid(d->loc) || d->loc.file >= st->nsrc)
            continue;
        imb_src *e = &st->src[d->loc.file];
        if (e->diag_last != SIZE_MAX)
            st->diag_next[e->diag_last] = i;
        else
            e->diag_first = i;
        e->diag_last = i;
    }
    return 0;
}

/* Root @g has been hung under an IMBED of the walk: the diagnostics in its
 * files, given so far the IMBED chain up to @g, get the rest.  These alone, as
 * annotate_from(ctx, 0) would find no other note missing: every other
 * diagnostic reported before the walk has its whole chain already (the walk
 * that reported it gave it, only a root gains levels, and one reported outside
 * a walk is in no file of the forest), and those of the walk get theirs when it
 * ends.  The subtree is now where the walk leaves it, so these notes are those
 * the end of the walk would give.  Looking at every diagnostic again for each
 * such input made 2N inputs that each imbed the one before take N^2 steps.
 * Without room for the list, every diagnostic is looked at when the walk ends,
 * as before. */
static void annotate_adopted(walk *w, sc_file *g)
{
    if (index_diags(w->ctx, w->st)) {
        w->annotate_all = 1;
        return;
    }
    for (sc_file *f = g; f; f = next_in(f, g))
        for (size_t i = w->st->src[f->file].diag_first; i != SIZE_MAX; i = w->st->diag_next[i])
            annotate(w->ctx, w->st, w->ctx->diags[i]);
}

/* ---- following one IMBED --------------------------------------------------------- */

/* The source holding the file @id that has been parsed (the first such), or
 * UINT32_MAX. */
static uint32_t parsed_source(const imb_ident *id)
{
    return id ? id->first_parsed : UINT32_MAX;
}

/* An input given after the one being read that is this file: it is read here,
 * as imbedded, instead of on its own.  Asked only when no source of the file is
 * parsed (parsed_source()), and the one it finds is parsed at once, so a file's
 * sources are looked at once, not once for each IMBED. */
static uint32_t later_input(walk *w, const imb_ident *id)
{
    for (uint32_t i = id ? id->first : UINT32_MAX; i != UINT32_MAX; i = w->st->src[i].same) {
        const zvmc_source *src = ctx_source(w->ctx, i);
        if (i <= w->input || w->st->src[i].parsed || src->in_memory ||
            (src->kind != ZVMC_FILE_SYSCONFIG && src->kind != ZVMC_FILE_AUTO))
            continue;
        return i;
    }
    return UINT32_MAX;
}

static void also_input_note(zvmc_ctx *ctx, const sc_stmt *s, const char *fn, const char *ft,
                            const char *name)
{
    diag_report(ctx, "input", ZVMC_SEV_NOTE, s->loc,
                "'%s %s' is %s, which was also given as an input: zvmc reads it once, as "
                "imbedded here", fn, ft, name);
}

/* Hang input @g, read already, under IMBED @s of file @f. */
static void adopt(walk *w, sc_file *f, const sc_stmt *s, sc_file *g, const char *fn,
                  const char *ft, int noted)
{
    const char *name = ctx_source(w->ctx, g->file)->name;
    unsigned h = w->st->src[g->file].height;  /* a root whose walk has ended (link_root()) */
    if (f->depth + 1 + h > ZVMC_MAX_IMBED_DEPTH) {
        zvmc_diag_int *d = diag_report(w->ctx, "input", ZVMC_SEV_ERROR, s->loc,
            "IMBED nested too deeply: '%s %s' (%s, also given as an input) imbeds files %u "
            "levels deep, which here makes %u, over zvmc's limit of %d; it is read as an input",
            fn, ft, name, h, f->depth + 1 + h, ZVMC_MAX_IMBED_DEPTH);
        diag_note(w->ctx, d, loc_none(), "this IMBED is %u levels deep", f->depth + 1);
        return;
    }
    detach_root(w->cfg, g);
    add_child(f, g);
    g->imbed = s;
    unsigned base = g->depth;
    for (sc_file *x = g; x; x = next_in(x, g))
        x->depth = x->depth - base + f->depth + 1;
    annotate_adopted(w, g);
    if (!noted)
        also_input_note(w->ctx, s, fn, ft, name);
}

/* Follow IMBED @s of file @f: read the file and return it in *@child, or report why
 * not.  0, or ZVMC_ENOMEM. */
static int follow_one(walk *w, sc_file *f, const sc_stmt *s, sc_file **child)
{
    zvmc_ctx *ctx = w->ctx;
    *child = NULL;
    const char *fn, *ft;
    if (!operands(ctx, s, &fn, &ft) || ctx->no_imbed)
        return 0;
    if (ctx_source(ctx, f->file)->in_memory) {
        if (!w->st->buffer_noted) {
            w->st->buffer_noted = 1;
            diag_report(ctx, "input", ZVMC_SEV_NOTE, s->loc,
                        "IMBED is not followed in %s: it was given as a buffer, with no "
                        "directory to find '%s %s' in; add imbedded files as inputs of their own",
                        ctx_source(ctx, f->file)->name, fn, ft);
        }
        return 0;
    }
    const char *dir, *prefix;
    if (dir_of(w->cfg, ctx_source(ctx, f->file)->name, &dir, &prefix))
        return ZVMC_ENOMEM;
    found r;
    if (find_file(ctx, w->cfg, dir, prefix, fn, ft, &r))
        return ZVMC_ENOMEM;
    if (!r.count) {
        int dir_errno = r.dir_errno;
        if (input_named(w, fn, ft, &r))
            return ZVMC_ENOMEM;
        r.dir_errno = dir_errno;
    }
    if (!r.count) {
        zvmc_diag_int *d;
        if (r.dir_errno)
            d = diag_report(ctx, "input", ZVMC_SEV_ERROR, s->loc,
                            "IMBED file '%s %s' not found: cannot read the directory %s: %s", fn,
                            ft, dir, strerror(r.dir_errno));
        else
            d = diag_report(ctx, "input", ZVMC_SEV_ERROR, s->loc,
                            "IMBED file '%s %s' not found in %s; looked for %s.%s, %s.%s.fm and "
                            "'%s %s', in any case", fn, ft, dir, fn, ft, fn, ft, fn, ft);
        diag_note(ctx, d, loc_none(), "CP reads imbedded files from the parm disk; zvmc reads "
                  "them from the directory of the file that imbeds them");
        return 0;
    }
    const char *path = r.input != UINT32_MAX ? ctx_source(ctx, r.input)->name
                     : arena_printf(&w->cfg->arena, "%s%s", prefix, r.best);
    if (!path)
        return ZVMC_ENOMEM;
    if (r.input != UINT32_MAX)
        diag_report(ctx, "input", ZVMC_SEV_NOTE, s->loc,
                    "'%s %s' is not in %s: zvmc reads the input %s, which has its name%s", fn,
                    ft, dir, path, r.count > 1 ? " (the first input of that name)" : "");
    else if (r.count > 1)
        diag_report(ctx, "input", ZVMC_SEV_WARNING, s->loc,
                    "'%s %s' matches %u files in %s: zvmc reads %s, not %s (a parm disk holds "
                    "one file of a name)", fn, ft, r.count, dir, r.best, r.other);

    /* A cycle: the file is one of those being read. */
    for (const sc_file *g = f; g; g = g->parent) {
        if (source_id(ctx, w->st, g->file) && same_file(&w->st->src[g->file], r.dev, r.ino)) {
            char head[96];
            snprintf(head, sizeof head, "IMBED cycle: '%s %s' is already being read, so the "
                     "IMBED is not followed: ", fn, ft);
            return chain_error(w, f, s, head, ctx_source(ctx, g->file)->name);
        }
    }
    /* Read already: imbedded elsewhere, or given as an input. */
    if (register_ids(ctx, w->cfg))
        return ZVMC_ENOMEM;
    const imb_ident *id = ident_of(w->st, r.dev, r.ino);
    uint32_t done = parsed_source(id);
    if (done != UINT32_MAX) {
        sc_file *g = w->st->src[done].file;
        if (!g) {
            return 0;
        } else if (g->parent) {
            sc_reimbed *re = arena_zalloc(&w->cfg->arena, sizeof *re);
            if (!re)
                return ZVMC_ENOMEM;
            re->imbed = s;
            re->next = g->reimbeds;
            g->reimbeds = re;   /* the begin-end pass reports it */
        } else {
            adopt(w, f, s, g, fn, ft, r.input != UINT32_MAX);
        }
        return 0;
    }
    if (f->depth + 1 > ZVMC_MAX_IMBED_DEPTH) {
        /* The notes "imbedded from here" give the chain. */
        diag_report(ctx, "input", ZVMC_SEV_ERROR, s->loc,
                    "IMBED nested too deeply: '%s %s' (%s) would be level %u, over zvmc's limit "
                    "of %d, so the IMBED is not followed", fn, ft, path, f->depth + 1,
                    ZVMC_MAX_IMBED_DEPTH);
        return 0;
    }
    uint32_t j = later_input(w, id);
    if (j != UINT32_MAX) {
        ctx->sources[j].kind = ZVMC_FILE_SYSCONFIG;
        if (r.input == UINT32_MAX)
            also_input_note(ctx, s, fn, ft, ctx_source(ctx, j)->name);
    } else {
        size_t nd = ctx->ndiags;
        int rc = zvmc_add_file(ctx, path, ZVMC_FILE_SYSCONFIG);
        if (rc == ZVMC_ENOMEM)
            return rc;
        if (rc) {   /* unreadable or too big: say which IMBEDs wanted it */
            for (size_t i = nd; i < ctx->ndiags; i++) {
                diag_note(ctx, ctx->diags[i], s->loc, SC_IMBEDDED_FROM);
                for (const sc_file *g = f; g->parent; g = g->parent)
                    diag_note(ctx, ctx->diags[i], g->imbed->loc, SC_IMBEDDED_FROM);
            }
            return 0;
        }
        j = ctx->nsources - 1;
        if (sync_sources(ctx, w->cfg))
            return ZVMC_ENOMEM;
        w->st->src[j].imbedded = 1;
        w->st->src[j].id = 1;
        w->st->src[j].dev = r.dev;
        w->st->src[j].ino = r.ino;
    }
    sc_file *g;
    int rc = sc_parse_file(ctx, w->cfg, j, 1, &g);
    if (g) {
        w->st->src[j].file = g;
        set_parsed(w->st, j);
        g->imbed = s;
        g->depth = f->depth + 1;
        add_child(f, g);
        *child = g;
    }
    return rc;
}

/* ---- the walk -------------------------------------------------------------------- */

/* Follow every IMBED of @top and of the files they read, depth first. */
static int follow_all(walk *w, sc_file *top)
{
    struct frame {
        sc_file *f;
        const sc_stmt *next;    /* the next statement to look at */
    } stack[ZVMC_MAX_IMBED_DEPTH + 1];
    unsigned n = 0;
    stack[n++] = (struct frame){ top, top->first };
    while (n) {
        struct frame *t = &stack[n - 1];
        const sc_stmt *s = t->next;
        while (s && s->kind != SC_IMBED)
            s = s->next;
        if (!s) {
            n--;
            continue;
        }
        t->next = s->next;
        sc_file *child;
        int rc = follow_one(w, t->f, s, &child);
        if (rc)
            return rc;
        /* follow_one reads no file deeper than the limit, so the stack holds it */
        if (child && n < sizeof stack / sizeof stack[0])
            stack[n++] = (struct frame){ child, child->first };
    }
    return 0;
}

void sysconfig_imbed_annotate(zvmc_ctx *ctx)
{
    annotate_from(ctx, 0);
}

int sc_imbed_parse_input(zvmc_ctx *ctx, sc_config *cfg, uint32_t file)
{
    if (sync_sources(ctx, cfg))
        return ZVMC_ENOMEM;
    walk w = { ctx, cfg, cfg->imbed, file, 0 };
    size_t first_diag = ctx->ndiags;
    sc_file *f;
    int rc = sc_parse_file(ctx, cfg, file, 0, &f);
    if (f) {
        w.st->src[file].file = f;
        set_parsed(w.st, file);
        add_root(cfg, f);
        if (rc == 0)
            rc = follow_all(&w, f);
        link_root(cfg, f);
        annotate_from(ctx, w.annotate_all ? 0 : first_diag);
    }
    if (rc)
        ctx->oom = 1;
    return rc;
}
