/* SPDX-License-Identifier: MIT */
/*
 * The compiler's public API (<zvmc/compile.h>): argument and state errors,
 * deterministic bytes, stored verdicts equal to `zvmc relocate test`'s (the
 * same engine), XML valid against docs/zvmc.xsd with libxml2's
 * xmlSchemaValidateDoc, and the round trip through zvmc_dump() in memory.
 * Runs from the top of the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include "zvmc/compile.h"
#include "zvmc/relocate.h"
#include "zvmc/zvmc.h"

#define CONFIG "examples/ltics1/SYSTEM.CONFIG"
#define DIRECT "examples/ltics1/USER.DIRECT"
#define SCHEMA "docs/zvmc.xsd"

static int failures;
#define EXPECT(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "FAIL %s:%d: ", \
    __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static int to_buf(void *arg, const char *data, size_t len)
{
    buf *b = arg;
    if (b->len + len + 1 > b->cap) {
        size_t cap = (b->len + len + 1) * 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

/* A checked context of a config and a directory, each a file or a buffer. */
static zvmc_ctx *checked(const char *cfg_file, const buf *cfg, const char *dir_file,
                         const buf *dir)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    if (!ctx)
        return NULL;
    if (cfg_file)
        zvmc_add_file(ctx, cfg_file, ZVMC_FILE_SYSCONFIG);
    else
        zvmc_add_buffer(ctx, "<config>", cfg->data, cfg->len, ZVMC_FILE_SYSCONFIG);
    if (dir_file)
        zvmc_add_file(ctx, dir_file, ZVMC_FILE_DIRECTORY);
    else
        zvmc_add_buffer(ctx, "<directory>", dir->data, dir->len, ZVMC_FILE_DIRECTORY);
    int errors = zvmc_run_checks(ctx);
    EXPECT(errors == 0, "the inputs have %d errors", errors);
    return ctx;
}

static void test_errors(void)
{
    zvmc_ctx *ctx = zvmc_ctx_new(NULL);
    unsigned char *img = (unsigned char *)"x";
    size_t len = 1;
    EXPECT(zvmc_compile(NULL, 0, &img, &len) == ZVMC_EINVAL, "NULL context");
    EXPECT(zvmc_compile(ctx, 0, &img, &len) == ZVMC_ENOTRUN, "before zvmc_run_checks");
    EXPECT(img == NULL && len == 0, "a failed compile hands back no image");
    zvmc_ctx_free(ctx);

    /* an error: refused without FORCE, compiled with it */
    static const char bad[] = "USER BAD NOLOG 12Q 64M G\n";
    ctx = zvmc_ctx_new(NULL);
    zvmc_add_file(ctx, CONFIG, ZVMC_FILE_SYSCONFIG);
    zvmc_add_buffer(ctx, "<bad>", bad, sizeof bad - 1, ZVMC_FILE_DIRECTORY);
    EXPECT(zvmc_run_checks(ctx) > 0, "the bad directory has an error");
    EXPECT(zvmc_compile(ctx, 0, &img, &len) == ZVMC_EERRORS, "errors refuse the compile");
    EXPECT(zvmc_compile(ctx, ZVMC_COMPILE_FORCE, &img, &len) == 0, "FORCE compiles");
    zvmc_image_free(img);
    zvmc_ctx_free(ctx);

    /* a directory without a SYSTEM CONFIG is not a cluster */
    ctx = zvmc_ctx_new(NULL);
    zvmc_add_file(ctx, DIRECT, ZVMC_FILE_DIRECTORY);
    zvmc_run_checks(ctx);
    EXPECT(zvmc_compile(ctx, ZVMC_COMPILE_FORCE, &img, &len) == ZVMC_ENOCLUSTER, "no config");
    zvmc_ctx_free(ctx);
    EXPECT(strstr(zvmc_compile_errmsg(ZVMC_EERRORS), "errors") != NULL, "errmsg");
}

/* Every stored verdict is what zvmc_relocate_test() says for the pair. */
typedef struct cmp_arg {
    const struct zvmc_objdir *od;
    long pairs, mismatches;
} cmp_arg;

static int compare_pair(void *arg, const char *user, int identity, const char *from,
                        const char *to, const zvmc_reloc_item *items, size_t n)
{
    cmp_arg *c = arg;
    (void)identity;
    int u = zvmc_user_find(c->od, user), a = zvmc_member_find(c->od, from);
    int b = zvmc_member_find(c->od, to), nr = -1;
    c->pairs++;
    int rc = zvmc_reloc_verdict(c->od, u, a, b, &nr);
    if (rc != (n == 0) || nr != (int)n) {
        c->mismatches++;
        return 0;
    }
    /* the same reasons; stored sorted, so look each one up */
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (int k = 0; k < nr && !found; k++) {
            struct zvmc_reason r;
            zvmc_reloc_reason_at(c->od, u, a, b, k, &r);
            found = (int)r.code == items[i].code && !strcmp(r.message, items[i].message);
        }
        if (!found)
            c->mismatches++;
    }
    return 0;
}

static int xml_valid(const buf *xml)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(SCHEMA);
    xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
    xmlDocPtr doc = xmlReadMemory(xml->data, (int)xml->len, "cluster.xml", NULL, XML_PARSE_NONET);
    int rc = vc && doc ? xmlSchemaValidateDoc(vc, doc) : -1;
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return rc == 0;
}

int main(void)
{
    test_errors();

    zvmc_ctx *ctx = checked(CONFIG, NULL, DIRECT, NULL);
    unsigned char *img = NULL, *img2 = NULL;
    size_t len = 0, len2 = 0;
    EXPECT(zvmc_compile(ctx, 0, &img, &len) == 0, "compile the example");
    EXPECT(zvmc_compile(ctx, 0, &img2, &len2) == 0, "compile it again");
    EXPECT(len == len2 && img && img2 && !memcmp(img, img2, len), "the same bytes twice");
    zvmc_image_free(img2);

    struct zvmc_objdir *od = NULL;
    EXPECT(zvmc_objdir_open_buffer(img, len, &od) == 0, "the runtime opens the image");
    if (!od)
        return 1;
    EXPECT(zvmc_member_count(od) == 4, "four members");
    EXPECT(zvmc_user_find(od, "LITSWAS1") >= 0 && zvmc_user_find(od, "MAINT") >= 0, "users");

    cmp_arg c = { od, 0, 0 };
    EXPECT(zvmc_relocate_matrix(ctx, NULL, compare_pair, &c) == 0, "the matrix runs");
    EXPECT(c.pairs == (long)zvmc_user_count(od) * 12, "every pair compared (%ld)", c.pairs);
    EXPECT(c.mismatches == 0, "%ld stored verdicts differ from zvmc_relocate_test", c.mismatches);

    /* XML from the context and from the object directory: equal and valid */
    buf x1 = { 0 }, x2 = { 0 };
    EXPECT(zvmc_xml(ctx, 0, to_buf, &x1) == 0, "zvmc_xml");
    EXPECT(zvmc_dump(od, ZVMC_DUMP_XML, NULL, to_buf, &x2) == 0, "zvmc_dump xml");
    EXPECT(x1.len && x1.len == x2.len && !memcmp(x1.data, x2.data, x1.len), "the same XML");
    EXPECT(xml_valid(&x1), "the XML is valid against " SCHEMA);

    /* round trip in memory: dump text and config, compile them, same bytes */
    buf text = { 0 }, cfg = { 0 }, json = { 0 };
    EXPECT(zvmc_dump(od, ZVMC_DUMP_TEXT, NULL, to_buf, &text) == 0, "dump text");
    EXPECT(zvmc_dump(od, ZVMC_DUMP_CONFIG, NULL, to_buf, &cfg) == 0, "dump config");
    EXPECT(zvmc_dump(od, ZVMC_DUMP_JSON, NULL, to_buf, &json) == 0, "dump json");
    EXPECT(zvmc_dump(od, ZVMC_DUMP_TEXT, "NOSUCH", to_buf, &json) == ZVMC_ENOMEMBER, "member");
    EXPECT(zvmc_dump(od, (zvmc_dump_format)99, NULL, to_buf, &json) == ZVMC_EINVAL, "format");
    zvmc_ctx *back = checked(NULL, &cfg, NULL, &text);
    EXPECT(zvmc_compile(back, 0, &img2, &len2) == 0, "compile the dump");
    EXPECT(len == len2 && img2 && !memcmp(img, img2, len), "the dump compiles to the same bytes");
    zvmc_image_free(img2);
    zvmc_ctx_free(back);

    zvmc_objdir_close(od);
    zvmc_image_free(img);
    zvmc_ctx_free(ctx);
    free(x1.data);
    free(x2.data);
    free(text.data);
    free(cfg.data);
    free(json.data);
    xmlCleanupParser();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
