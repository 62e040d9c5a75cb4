/* SPDX-License-Identifier: MIT */
/* The table of passes, -W handling, and the driver behind zvmc_run_checks(). */
#include <string.h>
#include "check/check.h"
#include "check/cluster_devices.h"
#include "check/dir_checks.h"
#include "check/relocation.h"
#include "parse/directory_parse.h"
#include "parse/sysconfig_parse.h"
#include "util/names.h"
#include <stddef.h>

static const char *const after_blocks[] = { "begin-end", NULL };
static const char *const after_members[] = { "begin-end", "sysconfig-members", NULL };
static const char *const after_dir[] = { "dir-resolve", NULL };
static const char *const after_dir_devices[] = { "begin-end", "sysconfig-members",
                                                 "sysconfig-devices", "dir-resolve", NULL };

#define RESOLVER(n, fn_, needs_, pre, sum) { n, sum, 1, 1, needs_, fn_, pre }
#define CHECK_ON(n, fn_, needs_, pre, sum) { n, sum, 1, 0, needs_, fn_, pre }
#define CHECK_OFF(n, fn_, needs_, pre, sum) { n, sum, 0, 0, needs_, fn_, pre }
#define PARSER(n, sum) { n, sum, 1, 0, NEEDS_NOTHING, NULL, NULL }
/* A relocation reason of `zvmc relocate test`; in `zvmc check`, off unless asked
 * for with -Wreloc-NAME, when it lists every statement that blocks a guest. */
#define RELOC_REASON(n, sum) { n, sum, 0, 0, NEEDS_DIRECTORY, check_reloc_reasons, NULL }

/* In run order: resolution first, then checks. */
static const check_def table[] = {
    PARSER("input", "a file cannot be read, or exceeds a limit"),
    PARSER("syntax", "a record the grammar cannot read (statement form, quotes, comments)"),
    RESOLVER("begin-end", pass_sysconfig_blocks, NEEDS_CONFIG, NULL,
             "NAME: BEGIN / NAME: END blocks that are nested, unbalanced or mismatched"),
    RESOLVER("sysconfig-members", pass_sysconfig_members, NEEDS_CONFIG, after_blocks,
             "the cluster's members from SSI slots or System_Identifier (resolution)"),
    RESOLVER("sysconfig-devices", pass_sysconfig_devices, NEEDS_CONFIG, after_members,
             "each member's devices, EQIDs, VSWITCHes and relocation domains (resolution)"),
    CHECK_OFF("unknown-statement", check_unknown_statement, NEEDS_CONFIG, NULL,
              "a statement keyword that is not a SYSTEM CONFIG statement"),
    CHECK_ON("missing-comma", check_missing_comma, NEEDS_CONFIG, NULL,
             "a record starts with an operand: the record before lost its continuation comma"),
    CHECK_ON("comment-swallows-statements", check_comment_swallows, NEEDS_CONFIG, NULL,
             "a /* comment runs across records and hides statements from CP"),
    CHECK_ON("qualifier-unknown-system", check_qualifier_unknown_system, NEEDS_CONFIG,
             after_members, "a record qualifier names no system the file defines"),
    CHECK_ON("qualifier-twice", check_qualifier_twice, NEEDS_CONFIG, NULL,
             "a record with two qualifiers: CP reads the second as the statement (UNCONFIRMED)"),
    CHECK_ON("system-name", check_system_name, NEEDS_CONFIG, NULL,
             "an SSI cluster or system name that is not 1 to 8 letters and digits"),
    CHECK_ON("volume-label", check_volume_label, NEEDS_CONFIG, NULL,
             "a volume label over 6 characters, or a volume pattern no label can match"),
    CHECK_ON("system-identifier-conflict", check_system_identifier_conflict, NEEDS_CONFIG, NULL,
             "one LPAR or CPU ID mapped to two system names (UNCONFIRMED rule)"),
    CHECK_ON("ssi-member-count", check_ssi_member_count, NEEDS_CONFIG, after_members,
             "more SSI members or a higher slot than the z/VM level allows"),
    CHECK_ON("ssi-slot-duplicate", check_ssi_slot_duplicate, NEEDS_CONFIG, after_members,
             "an SSI slot number or member named twice"),
    CHECK_ON("ssi-system-identifier", check_ssi_system_identifier, NEEDS_CONFIG, after_members,
             "an SSI member that no System_Identifier maps to"),
    CHECK_ON("ssi-system-residence", check_ssi_system_residence, NEEDS_CONFIG, after_members,
             "a member with no System_Residence, or residence areas two members share"),
    CHECK_ON("cpowned-slot-conflict", check_cpowned_slot_conflict, NEEDS_CONFIG, after_members,
             "a CP_Owned slot with two volumes, or a volume in two slots (in a view or across members)"),
    CHECK_ON("ssi-pdr-cpowned", check_ssi_pdr_cpowned, NEEDS_CONFIG, after_members,
             "the SSI PDR volume is not CP_Owned (or a user volume) in every member's view"),
    CHECK_ON("ssi-islink-mesh", check_ssi_islink_mesh, NEEDS_CONFIG, after_members,
             "two SSI members with no ISFC link between them, or a link one way only"),
    CHECK_ON("islink-device", check_islink_device, NEEDS_CONFIG, after_members,
             "an ACTIVATE ISLINK device that is not a device number, used twice, or over 16"),
    CHECK_ON("eqid-type-conflict", check_eqid_type_conflict, NEEDS_CONFIG, after_members,
             "one EQID given two device TYPEs"),
    CHECK_ON("rdev-eqid-conflict", check_rdev_eqid_conflict, NEEDS_CONFIG, after_members,
             "one real device given two EQIDs in one member's view"),
    CHECK_ON("cse-in-ssi", check_cse_in_ssi, NEEDS_CONFIG, after_members,
             "CSE statements (XLINK_*, XSPOOL_*) in a configuration with an SSI statement"),
    CHECK_ON("cse-slot-conflict", check_cse_slot_conflict, NEEDS_CONFIG, NULL,
             "one CSE slot given to two systems, or one system two slots (UNCONFIRMED rule)"),
    CHECK_ON("relocation-domain", check_relocation_domain, NEEDS_CONFIG, after_members,
             "a Relocation_Domain naming a non-member, a member twice, or an implicit domain"),
    CHECK_ON("vswitch-attributes", check_vswitch_attributes, NEEDS_CONFIG, after_members,
             "one VSWITCH defined with different attributes on two members (UNCONFIRMED rule)"),
    CHECK_ON("vmlan-prefix", check_vmlan_prefix, NEEDS_CONFIG, after_members,
             "VMLAN MACPREFIX equal on two members, or USERPREFIX different (UNCONFIRMED rule)"),
    /* directory passes (issue 3): resolution first, then the dir-* checks */
    RESOLVER("dir-resolve", pass_dir_resolve, NEEDS_DIRECTORY, NULL,
             "each user's definition on each member: PROFILE, SUBCONFIG, SYSAFFIN (resolution)"),
    PARSER("dir-operands", "a directory statement with missing or malformed operands"),
    PARSER("dir-manager-extension",
           "a DirMaint-only form (AUTOG/AUTOR/AUTOV, *DVHOPT) that DIRECTXA does not take"),
    CHECK_ON("dir-duplicate", check_dir_duplicate, NEEDS_DIRECTORY, after_dir,
             "two USER/IDENTITY/PROFILE/SUBCONFIG entries of one name"),
    CHECK_ON("dir-undefined-profile", check_dir_undefined_profile, NEEDS_DIRECTORY, after_dir,
             "INCLUDE names a profile the directory does not define"),
    CHECK_ON("dir-build-member", check_dir_build_member, NEEDS_DIRECTORY, after_dir,
             "BUILD ON a system that is not a member of the cluster, or twice for one member"),
    CHECK_ON("dir-build-subconfig", check_dir_build_subconfig, NEEDS_DIRECTORY, after_dir,
             "BUILD names a SUBCONFIG the directory does not define"),
    CHECK_ON("dir-subconfig-orphan", check_dir_subconfig_orphan, NEEDS_DIRECTORY, after_dir,
             "a SUBCONFIG that no BUILD names"),
    CHECK_ON("dir-subconfig-shared", check_dir_subconfig_shared, NEEDS_DIRECTORY, after_dir,
             "two BUILD statements name one SUBCONFIG"),
    CHECK_ON("dir-identity-build-missing", check_dir_identity_build_missing, NEEDS_DIRECTORY,
             after_dir, "an IDENTITY with no BUILD for some member of the cluster"),
    CHECK_ON("dir-build-mixed", check_dir_build_mixed, NEEDS_DIRECTORY, after_dir,
             "BUILD ON * (SSI-ready) mixed with BUILD ON member (SSI-enabled)"),
    CHECK_ON("dir-sysaffin-ssi", check_dir_sysaffin_ssi, NEEDS_DIRECTORY, after_dir,
             "SYSAFFIN in an SSI directory, where CP does not support it"),
    CHECK_ON("dir-directory-form", check_dir_directory_form, NEEDS_DIRECTORY, after_dir,
             "CSE and SSI DIRECTORY statements mixed, or SSI volumes unlike the SYSTEM CONFIG's"),
    CHECK_ON("dir-vaddr-duplicate", check_dir_vaddr_duplicate, NEEDS_DIRECTORY, after_dir,
             "one virtual address defined twice in a user's resolved definition"),
    CHECK_ON("dir-link-target", check_dir_link_target, NEEDS_DIRECTORY, after_dir,
             "LINK to a user or minidisk that does not exist on that member"),
    CHECK_ON("dir-mdisk-overlap", check_dir_mdisk_overlap, NEEDS_DIRECTORY, after_dir,
             "two minidisks share cylinders of one volume in one member's view"),
    CHECK_ON("dir-volume-extent", check_dir_volume_extent, NEEDS_DIRECTORY, after_dir,
             "a minidisk runs past the end of its volume (when the volume size is known)"),
    CHECK_OFF("dir-mdisk-volume", check_dir_mdisk_volume, NEEDS_CONFIG | NEEDS_DIRECTORY,
             after_dir_devices, "a minidisk on a volume no member attaches (UNCONFIRMED rule)"),
    CHECK_ON("dir-storage", check_dir_storage, NEEDS_DIRECTORY, after_dir,
             "malformed storage sizes, or logon storage above the maximum"),
    CHECK_ON("dir-privclass", check_dir_privclass, NEEDS_DIRECTORY, after_dir,
             "privilege classes outside A-Z and 1-6"),
    CHECK_ON("dir-placement", check_dir_placement, NEEDS_DIRECTORY, after_dir,
             "a statement where CP does not take it (INCLUDE, BUILD, SUBCONFIG contents...)"),

    /* Relocation (issue 4): after the directory is resolved */
    CHECK_ON("eqid-one-sided", check_eqid_one_sided, NEEDS_CONFIG, after_members,
             "an EQID defined for one member and no other, and the guests it blocks"),
    CHECK_ON("reloc-profile-local-link", check_reloc_profile_local_link, NEEDS_DIRECTORY, NULL,
             "a PROFILE links a local minidisk, so no USER that includes it can relocate"),
    CHECK_ON("reloc-chpidv", check_reloc_chpidv, NEEDS_CONFIG | NEEDS_DIRECTORY, NULL,
             "a relocatable guest dedicates OSA/FCP devices without OPTION CHPIDVIRTUALIZATION ONE"),
    RELOC_REASON("reloc-identity", "the guest is an IDENTITY: never relocatable"),
    RELOC_REASON("reloc-disabled", "VMRELOCATE OFF"),
    RELOC_REASON("reloc-domain", "the target is outside the guest's relocation domain"),
    CHECK_ON("reloc-domain-undefined", check_reloc_domain_defined,
             NEEDS_CONFIG | NEEDS_DIRECTORY, NULL,
             "a guest's relocation domain (VMRELOCATE or SET VMRELOCATE DOMAIN) is not defined"),
    RELOC_REASON("reloc-local-minidisk", "a link to, or ownership of, a member-local minidisk"),
    RELOC_REASON("reloc-dedicated-eqid", "a dedicated device with no equivalent (EQID) on the target"),
    RELOC_REASON("reloc-dedicated-type", "a dedicated device of a type that never relocates"),
    RELOC_REASON("reloc-crypto-dedicated", "dedicated crypto queues (CRYPTO APDED)"),
    RELOC_REASON("reloc-cpu-dedicated", "a dedicated processor"),
    RELOC_REASON("reloc-guest-lan", "a NIC coupled to a guest LAN instead of a VSWITCH"),
    RELOC_REASON("reloc-vswitch", "a NIC coupled to a VSWITCH the target does not define"),
    RELOC_REASON("reloc-machine", "MACHINE XC"),
    RELOC_REASON("reloc-option", "an OPTION that ties the guest to its system"),
    PARSER("unknown-check", "a suppression comment names a check that does not exist"),
    PARSER("max-errors", "the note that says how many errors the limit left out"),
    PARSER("internal", "the library ran out of memory"),
};

#define NCHECKS (sizeof table / sizeof table[0])

size_t zvmc_check_count(void) { return NCHECKS; }

const zvmc_check_info *zvmc_check_get(size_t i)
{
    /* zvmc_check_info is the first three fields of check_def, in order. */
    _Static_assert(offsetof(check_def, name) == offsetof(zvmc_check_info, name), "layout");
    _Static_assert(offsetof(check_def, summary) == offsetof(zvmc_check_info, summary), "layout");
    _Static_assert(offsetof(check_def, default_on) == offsetof(zvmc_check_info, default_on),
                   "layout");
    return i < NCHECKS ? (const zvmc_check_info *)(const void *)&table[i] : NULL;
}

const check_def *check_find(const char *name, size_t *index)
{
    for (size_t i = 0; i < NCHECKS; i++) {
        if (strcmp(table[i].name, name) == 0) {
            if (index)
                *index = i;
            return &table[i];
        }
    }
    return NULL;
}

/* For suppression comments: is this a check name?  Gives the table's own
 * string, so comparisons can be by pointer. */
int check_known(const char *name, size_t len, const char **interned_name)
{
    for (size_t i = 0; i < NCHECKS; i++) {
        if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0) {
            *interned_name = table[i].name;
            return 1;
        }
    }
    return 0;
}

/* The check whose name is within two edits of @name, for "did you mean". */
const char *check_nearest(const char *name, size_t len)
{
    char buf[64];
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, name, len);
    buf[len] = '\0';
    const char *best = NULL;
    unsigned best_d = 5;    /* lookalike_distance counts an edit as 2 */
    for (size_t i = 0; i < NCHECKS; i++) {
        unsigned d = lookalike_distance(buf, table[i].name);
        if (d < best_d) {
            best_d = d;
            best = table[i].name;
        }
    }
    return best;
}

int check_default_on(const char *name)
{
    const check_def *c = check_find(name, NULL);
    return c ? c->default_on : 1;
}

static int set_level(zvmc_ctx *ctx, const char *name, zvmc_level level)
{
    int is_new;
    symtab_slot *s = symtab_put(&ctx->levels, name, strlen(name), &is_new);
    if (!s)
        return ZVMC_ENOMEM;
    s->value = (void *)(intptr_t)(level + 1);
    return 0;
}

static int depends_on(const check_def *c, const char *name)
{
    for (const char *const *p = c->prereqs; p && *p; p++)
        if (strcmp(*p, name) == 0)
            return 1;
    return 0;
}

int zvmc_set_check(zvmc_ctx *ctx, const char *name, zvmc_level level)
{
    const check_def *c = check_find(name, NULL);
    if (!c)
        return ZVMC_EUNKNOWN_CHECK;
    int rc = set_level(ctx, c->name, level);
    if (rc)
        return rc;
    if (level != ZVMC_LEVEL_OFF) {
        /* Turning a check on turns on what it needs. */
        for (const char *const *p = c->prereqs; p && *p; p++)
            if (!diag_enabled(ctx, *p) && (rc = set_level(ctx, *p, ZVMC_LEVEL_ON)) != 0)
                return rc;
    } else {
        /* Turning a check off turns off what needs it. */
        for (size_t i = 0; i < NCHECKS; i++)
            if (depends_on(&table[i], c->name) && (rc = set_level(ctx, table[i].name, level)) != 0)
                return rc;
    }
    return 0;
}

int model_is_member(const sc_model *m, const char *name)
{
    for (uint32_t i = 0; i < m->nmembers; i++)
        if (m->members[i].name == name)
            return 1;
    return 0;
}

void report_member_limit(zvmc_ctx *ctx, const char *name, zvmc_loc loc)
{
    zvmc_diag_int *d = diag_report(
        ctx, "input", ZVMC_SEV_ERROR, loc,
        "%s would be member %u of the cluster: zvmc models at most %u members and leaves "
        "this one and any after it out of every check", name, SC_MODEL_MAX_MEMBERS + 1,
        SC_MODEL_MAX_MEMBERS);
    diag_note(ctx, d, loc_none(), "an SSI cluster has at most 8 members; each System_Identifier "
              "of a file without SSI, each system of a CSE DIRECTORY statement and each member "
              "a BUILD names is a member");
}

int model_is_system(const sc_model *m, const char *name)
{
    return ptrmap_has(&m->system_set, name);
}

typedef struct near_system {
    const zvmc_ctx *ctx;
    const sc_model *m;
    uint64_t best;          /* index in m->systems + 1 */
} near_system;

static void near_system_try(void *arg, const char *var, size_t len)
{
    near_system *q = arg;
    const char *p = interner_find(&q->ctx->names, var, len);
    uint64_t i = p ? ptrmap_get(&q->m->system_set, p) : 0;
    if (i && (!q->best || i < q->best))
        q->best = i;
}

const char *model_lookalike_system(const zvmc_ctx *ctx, const sc_model *m, const char *name)
{
    /* Look up each variant with one look-alike character swapped (distance
     * 1), not every system (quadratic: 8,000 unknown qualifiers against 8,000
     * System_Identifier names took 17 s).  Of several, the first defined. */
    if (ptrmap_has(&m->system_set, name))
        return name;        /* distance 0 */
    near_system q = { ctx, m, 0 };
    lookalike_variants(name, near_system_try, &q);
    return q.best ? m->systems[q.best - 1] : NULL;
}

void check_run_free(zvmc_ctx *ctx)
{
    check_run *run = ctx->run;
    if (!run)
        return;
    reloc_engine_free(run->reloc);
    cluster_devices_free(run);
    ptrmap_free(&run->model.system_set, &ctx->alloc);
    arena_free_all(&run->arena);
    zalloc_free(&ctx->alloc, run);
    ctx->run = NULL;
}

int run_wants_member(const check_run *r, const char *member)
{
    return r->ctx->member == NULL || r->ctx->member == member;
}

static zvmc_file_kind detect_kind(const zvmc_source *src);

int zvmc_run_checks(zvmc_ctx *ctx)
{
    if (!ctx || ctx->ran)
        return ZVMC_EINVAL;
    ctx->ran = 1;
    int rc = 0;
    for (uint32_t i = 0; i < ctx->nsources && rc == 0; i++) {
        zvmc_source *src = &ctx->sources[i];
        if (src->kind == ZVMC_FILE_AUTO)
            src->kind = detect_kind(src);
        switch (src->kind) {
        case ZVMC_FILE_SYSCONFIG:
            rc = sysconfig_parse_source(ctx, i);
            break;
        case ZVMC_FILE_DIRECTORY:
            rc = directory_parse_source(ctx, i);
            break;
        default:
            diag_report(ctx, "input", ZVMC_SEV_ERROR, loc_none(),
                        "%s: cannot tell whether this is a SYSTEM CONFIG or a source directory; "
                        "name it with --config or --directory", src->name);
            break;
        }
    }
    /* Mapped sources (zvmc_set_map_files) give back their pages between phases:
     * a pass reads back a few operands, not the file. */
    ctx_release_sources(ctx);
    if (rc == 0) {
        /* The run's model outlives zvmc_run_checks: relocation queries read it. */
        check_run *run = zalloc_calloc(&ctx->alloc, 1, sizeof *run);
        if (!run) {
            rc = ZVMC_ENOMEM;
        } else {
            ctx->run = run;
            run->ctx = ctx;
            run->cfg = ctx->config;
            run->suggest_left = SUGGEST_BUDGET;
            arena_init(&run->arena, &ctx->alloc);
            int have = (ctx->config ? NEEDS_CONFIG : 0) | (ctx->directory ? NEEDS_DIRECTORY : 0);
            for (size_t i = 0; i < NCHECKS; i++) {
                const check_def *c = &table[i];
                if (!c->fn || (c->needs & have) != c->needs)
                    continue;
                if (c->resolver || diag_enabled(ctx, c->name)) {
                    c->fn(run);
                    ctx_release_sources(ctx);
                }
            }
        }
    }
    /* Findings inside imbedded files get their "imbedded from here" chain. */
    sysconfig_imbed_annotate(ctx);
    diag_sort(ctx);
    diag_finish(ctx);
    if (rc == 0 && ctx->oom)
        rc = ZVMC_ENOMEM;
    return rc < 0 ? rc : (int)ctx->counts[ZVMC_SEV_ERROR];
}

/* Tell a SYSTEM CONFIG from a source directory by the first records that
 * decide it: a slash-asterisk comment, a `NAME:` qualifier or a configuration statement
 * says SYSTEM CONFIG; a `*` comment or a directory statement says directory. */
static zvmc_file_kind detect_kind(const zvmc_source *src)
{
    static const char *const dir_words[] = {
        "DIRECTORY", "USER", "IDENTITY", "PROFILE", "SUBCONFIG", "GLOBALDEFS", "GLOBALOPTS",
        "POOL", "INCLUDE", "MDISK", "LINK", "BUILD", "SYSAFFIN",
    };
    const char *p = src->data, *end = src->data + src->len;
    int records = 0;
    while (p < end && records < 500) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < eol) {
            records++;
            if (eol - q >= 2 && q[0] == '/' && q[1] == '*')
                return ZVMC_FILE_SYSCONFIG;
            if (*q == '*')
                return ZVMC_FILE_DIRECTORY;
            const char *w = q;
            while (q < eol && *q != ' ' && *q != '\t' && *q != '\r' && *q != ',')
                q++;
            size_t n = (size_t)(q - w);
            if (n > 1 && w[n - 1] == ':')
                return ZVMC_FILE_SYSCONFIG;
            for (size_t i = 0; i < sizeof dir_words / sizeof dir_words[0]; i++)
                if (ascii_casecmp_n(w, n, dir_words[i]) == 0)
                    return ZVMC_FILE_DIRECTORY;
            if (sc_is_known_statement(w, n))
                return ZVMC_FILE_SYSCONFIG;
        }
        p = eol + 1;
    }
    return ZVMC_FILE_AUTO;
}
