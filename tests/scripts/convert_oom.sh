# SPDX-License-Identifier: MIT
# zvmc convert through the library when memory runs out: the paper's cluster is
# converted again and again with the Nth allocation of the conversion failing,
# for every N until one run needs no failure.  Each failed run must return
# ZVMC_ENOMEM (never crash, never half-succeed), and free what it took: in a
# sanitizer build, LeakSanitizer fails the program on any leak.
. tests/lib.sh

CC=$(sed -n 's/^CC = //p' config.mk)
: "${CC:=cc}"
lib=$BUILD/libzvmc.a
[ -f "$lib" ] || { echo "no $lib"; exit 77; }
san=
if nm "$lib" 2>/dev/null | grep -q ' U __asan_'; then
    san="-fsanitize=address,undefined -fno-omit-frame-pointer"
fi
xml=$(sed -n 's/^XML_LIBS = //p' config.mk)

cat > "$TMP/oom.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include "zvmc/convert.h"

/* Allocations the conversion may still make (-1: no limit).  A test program,
 * single-threaded: a global is the simplest way to reach the allocator. */
static long budget = -1;
static int failed;

static int take(void)
{
    if (budget == 0) {
        failed = 1;
        return 0;
    }
    if (budget > 0)
        budget--;
    return 1;
}
static void *my_malloc(void *ud, size_t n) { (void)ud; return take() ? malloc(n) : NULL; }
static void *my_realloc(void *ud, void *p, size_t n) { (void)ud; return take() ? realloc(p, n) : NULL; }
static void my_free(void *ud, void *p) { (void)ud; free(p); }
static int sink(void *arg, const char *data, size_t len) { (void)arg; (void)data; (void)len; return 0; }

int main(void)
{
    static const zvmc_allocator a = { my_malloc, my_realloc, my_free, NULL };
    static const char *const members[] = { "LTICVM2", "LTICVM9", "LTICVM5", "LTICVM4" };
    for (long n = 0;; n++) {
        budget = -1;
        zvmc_ctx *ctx = zvmc_ctx_new(&a), *eq = zvmc_ctx_new(&a);
        if (!ctx || !eq || zvmc_add_file(ctx, "examples/cse/SYSTEM.CONFIG", ZVMC_FILE_SYSCONFIG) ||
            zvmc_add_file(ctx, "examples/cse/USER.DIRECT", ZVMC_FILE_DIRECTORY) ||
            zvmc_add_file(eq, "examples/ltics1/SYSTEM.CONFIG", ZVMC_FILE_SYSCONFIG) ||
            zvmc_run_checks(ctx) < 0 || zvmc_run_checks(eq) < 0) {
            fprintf(stderr, "cannot read the example\n");
            return 1;
        }
        zvmc_convert_opts o = { "LTICS1", members, 4, "S1COM1", NULL, 0, eq, "." };
        budget = n;
        failed = 0;
        zvmc_convert *cv = zvmc_convert_new(ctx);
        int rc = cv ? zvmc_convert_run(cv, &o) : ZVMC_ENOMEM;
        if (rc == 0)
            rc = zvmc_convert_report(cv, ZVMC_FORMAT_JSON, sink, NULL);
        int done = !failed;         /* no allocation had to fail */
        budget = -1;
        zvmc_convert_free(cv);
        zvmc_ctx_free(eq);
        zvmc_ctx_free(ctx);
        if (rc != 0 && rc != ZVMC_ENOMEM) {
            fprintf(stderr, "allocation %ld failed: returned %d, not ZVMC_ENOMEM\n", n, rc);
            return 1;
        }
        if (done) {
            if (rc != 0) {
                fprintf(stderr, "no allocation failed, but the run returned %d\n", rc);
                return 1;
            }
            printf("%ld allocations, each failed once\n", n);
            return 0;
        }
        if (rc == 0) {
            fprintf(stderr, "allocation %ld failed, but the run succeeded\n", n);
            return 1;
        }
    }
}
EOF

# shellcheck disable=SC2086 # flags are words
$CC -std=c11 -Wall -Wextra -Werror $san -Iinclude -o "$TMP/oom" "$TMP/oom.c" "$lib" $xml \
    2> "$TMP/cc.log" || { cat "$TMP/cc.log"; fail "cannot build the test program"; finish; }
"$TMP/oom" > "$TMP/out" 2>&1 || { fail "convert under failing allocations"; head -20 "$TMP/out"; }
cat "$TMP/out"
finish
