/* SPDX-License-Identifier: MIT */
/* zvmc relocate test | matrix: Live Guest Relocation eligibility, offline. */
#include <stdlib.h>
#include <string.h>
#include "cli/reloc_cli.h"
#include "zvmc/runtime.h"

static void help(void)
{
    printf("Usage: zvmc relocate test USER TO-MEMBER [--from MEMBER] --config FILE --directory FILE\n"
           "                         [--format text|json] [--no-imbed]\n"
           "       zvmc relocate matrix --config FILE --directory FILE [--member MEMBER]\n"
           "                         [--format text|json] [--no-imbed]\n\n"
           "'test' answers what VMRELOCATE TEST answers on a running cluster, offline: can USER\n"
           "move from a member to TO-MEMBER, and if not, every reason, each named by its check.\n"
           "Without --from, it tests from every other member.  'matrix' does it for every USER\n"
           "and IDENTITY and every ordered member pair (--member: pairs leaving that member),\n"
           "with a summary per member.\n\n"
           "Without --config, the rules that need the SYSTEM CONFIG (EQIDs, VSWITCHes, volumes,\n"
           "relocation domains) are skipped, and the output says so.  --no-imbed reads SYSTEM\n"
           "CONFIG IMBED statements without following them.\n\n"
           "Exit status (test): 0 eligible, 1 not eligible, 2 usage or input errors.\n"
           "Exit status (matrix): 0, or 2 on usage or input errors.\n"
           "Input files with syntax errors are reported and nothing is judged (exit 2).\n");
}

/* One verdict in the VMRELOCATE TEST style. */
static void text_verdict(FILE *out, const char *user, const char *from, const char *to,
                         const zvmc_reloc_item *it, size_t n)
{
    if (n == 0) {
        printf("User %s is eligible for relocation from %s to %s\n", user, from, to);
        return;
    }
    fprintf(out, "HCPRLH1940E %s is not relocatable from %s to %s for the following reason(s):\n",
            user, from, to);
    for (size_t i = 0; i < n; i++) {
        /* HCPRLI1996I is CP's message for a local minidisk; other reasons have
         * no message number zvmc can cite. */
        fprintf(out, "%s %s: %s [%s]%s\n",
                it[i].code == ZVMC_RELOC_LOCAL_MINIDISK ? "HCPRLI1996I" : "           ",
                user, it[i].message, it[i].check, it[i].confirmed ? "" : " (UNCONFIRMED rule)");
        if (it[i].file)
            fprintf(out, "            at %s:%u:%u\n", it[i].file, it[i].line, it[i].column);
    }
}

static int run_test(int argc, char **argv)
{
    reloc_opts o = { NULL, NULL, ZVMC_FORMAT_TEXT, 0, { NULL, NULL } };
    zvmc_ctx *ctx = reloc_load(argc, argv, &o, "relocate test");
    if (!ctx)
        return EXIT_USAGE;
    int status = EXIT_USAGE;
    if (o.positional != 2) {
        cli_usage_error("relocate test", "give USER and TO-MEMBER");
        goto out;
    }
    const char *user = o.pos[0];
    size_t nm = zvmc_reloc_member_count(ctx);
    int tested = 0, all_ok = 1;
    int ito = reloc_member_index(ctx, "relocate test", NULL, o.pos[1]);
    int ifrom = o.from ? reloc_member_index(ctx, "relocate test", "--from", o.from) : 0;
    if (ito < 0 || ifrom < 0)
        goto out;
    if (o.from && ifrom == ito) {
        cli_usage_error("relocate test", "--from and TO-MEMBER name the same member");
        goto out;
    }
    const char *to = zvmc_reloc_member(ctx, (size_t)ito);    /* as the cluster spells it */
    for (size_t i = 0; i < nm; i++) {
        const char *from = zvmc_reloc_member(ctx, i);
        if (o.from ? (int)i != ifrom : (int)i == ito)
            continue;
        const zvmc_reloc_item *it;
        size_t n;
        int rc = zvmc_relocate_test(ctx, user, from, to, &it, &n);
        if (rc == ZVMC_ENOUSER) {
            fprintf(stderr, "zvmc relocate test: the directory has no USER or IDENTITY %s\n",
                    user);
            goto out;
        }
        if (rc < 0) {   /* (the members were checked above) */
            fprintf(stderr, "zvmc relocate test: %s\n", zvmc_errmsg(rc));
            goto out;
        }
        all_ok &= rc == 1;
        if (o.format == ZVMC_FORMAT_JSON && !tested) {    /* the user is known: begin */
            printf("{\"user\":");
            reloc_json_str(stdout, user);
            printf(",\"to\":");
            reloc_json_str(stdout, to);
            printf(",\"config\":%s,\"verdicts\":[", zvmc_reloc_has_config(ctx) ? "true" : "false");
        }
        if (o.format == ZVMC_FORMAT_JSON) {
            printf("%s{\"from\":\"%s\",\"eligible\":%s,\"reasons\":", tested ? "," : "", from,
                   rc ? "true" : "false");
            reloc_json_items(stdout, it, n);
            printf("}");
        } else {
            text_verdict(stdout, user, from, to, it, n);
        }
        tested = 1;
    }
    if (!tested) {     /* TO-MEMBER is the cluster's only member */
        fprintf(stderr, "zvmc relocate test: no other member to move to %s from\n", to);
        goto out;
    }
    if (o.format == ZVMC_FORMAT_JSON)
        printf("]}\n");
    else
        reloc_no_config_note(ctx, stdout);
    status = all_ok ? EXIT_CLEAN : EXIT_FINDINGS;
out:
    zvmc_ctx_free(ctx);
    return status;
}

int cmd_relocate(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        help();
        return argc < 2 ? EXIT_USAGE : EXIT_CLEAN;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            help();
            return EXIT_CLEAN;
        }
    }
    if (!strcmp(argv[1], "test"))
        return run_test(argc, argv);
    if (!strcmp(argv[1], "matrix"))
        return relocate_matrix_main(argc, argv);
    cli_usage_error("relocate", "'%s' is not 'test' or 'matrix'", argv[1]);
    return EXIT_USAGE;
}
