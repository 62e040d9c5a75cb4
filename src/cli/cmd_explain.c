/* SPDX-License-Identifier: MIT */
/* zvmc explain CHECK: print a check's page from docs/checks/ (built in). */
#include <string.h>
#include "cli/check_docs.h"
#include "cli/cli.h"

static void help(void)
{
    printf("Usage: zvmc explain CHECK\n"
           "Print the page of a check: what it finds, why z/VM cares, an example that\n"
           "fires, the fix and how to suppress it.  CHECK is a name from\n"
           "'zvmc check --list-checks'; the -W option or the [-Wname] tag of a\n"
           "diagnostic works too (-Wno-eqid-one-sided, [-Weqid-one-sided]).\n\n"
           "Exit status: 0 when the page was printed, 2 for an unknown check.\n");
}

/* "[-Wno-NAME]" -> "NAME": what a user copies from a diagnostic or a command. */
static const char *check_name(const char *arg, char *buf, size_t size)
{
    size_t n = strlen(arg);
    if (n >= 2 && arg[0] == '[' && arg[n - 1] == ']') {
        arg++;
        n -= 2;
    }
    static const char *const prefixes[] = { "-Werror=", "-Wno-", "-W" };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t p = strlen(prefixes[i]);
        if (n > p && strncmp(arg, prefixes[i], p) == 0) {
            arg += p;
            n -= p;
            break;
        }
    }
    if (n >= size)
        n = size - 1;
    memcpy(buf, arg, n);
    buf[n] = '\0';
    return buf;
}

static const zvmc_check_info *find_check(const char *name)
{
    for (size_t i = 0; i < zvmc_check_count(); i++)
        if (strcmp(zvmc_check_get(i)->name, name) == 0)
            return zvmc_check_get(i);
    return NULL;
}

int cmd_explain(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        help();
        return EXIT_CLEAN;
    }
    if (argc != 2) {
        cli_usage_error("explain", "name one check");
        return EXIT_USAGE;
    }
    char buf[128];
    const char *name = check_name(argv[1], buf, sizeof buf);
    const zvmc_check_info *c = find_check(name);
    if (!c) {
        fprintf(stderr, "zvmc explain: there is no check called '%s' (see 'zvmc check --list-checks')\n",
                name);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < cli_check_docs_count; i++)
        if (strcmp(cli_check_docs[i].name, c->name) == 0) {
            fputs(cli_check_docs[i].text, stdout);
            return EXIT_CLEAN;     /* main() checks that it was written */
        }
    /* A check newer than its page: the one-line summary is all there is. */
    printf("# %s\n\n%s.\n", c->name, c->summary);
    return EXIT_CLEAN;
}
