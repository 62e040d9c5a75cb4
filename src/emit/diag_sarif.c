/* SPDX-License-Identifier: MIT */
/* SARIF 2.1.0, so CI systems can show findings on the changed lines.  Every
 * check is a rule; notes become related locations. */
#include <string.h>
#include "check/check.h"
#include "emit/render.h"

static void region(strbuf *out, unsigned line, unsigned col, unsigned eline, unsigned ecol)
{
    sb_printf(out, "\"region\":{\"startLine\":%u,\"startColumn\":%u", line, col ? col : 1);
    if (eline)
        /* SARIF end columns are exclusive; ours are inclusive. */
        sb_printf(out, ",\"endLine\":%u,\"endColumn\":%u", eline, ecol + 1);
    sb_putc(out, '}');
}

/* The members of a location object, without its braces. */
static void physical_location(strbuf *out, const char *file, unsigned line, unsigned col,
                              unsigned eline, unsigned ecol)
{
    sb_puts(out, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    sb_json_str(out, file);
    sb_puts(out, "}");
    if (line) {
        sb_putc(out, ',');
        region(out, line, col, eline, ecol);
    }
    sb_puts(out, "}");
}

/* Each check's rule index (its position among the checks the results use, in
 * table order), or -1 when no result uses it: one pass over the findings, so
 * a run with many thousands of findings renders in linear time.  NULL when
 * the allocation fails (out->failed is set then). */
static int *rule_indexes(const zvmc_ctx *ctx, strbuf *out, size_t ncheck)
{
    int *rule = zalloc_malloc(out->alloc, (ncheck ? ncheck : 1) * sizeof *rule);
    if (!rule) {
        out->failed = 1;
        return NULL;
    }
    for (size_t i = 0; i < ncheck; i++)
        rule[i] = -1;
    for (size_t i = 0; i < ctx->ndiags; i++) {
        size_t idx;
        if (check_find(ctx->diags[i]->pub.check, &idx) && idx < ncheck)
            rule[idx] = 0;
    }
    int next = 0;
    for (size_t i = 0; i < ncheck; i++)
        if (rule[i] == 0)
            rule[i] = next++;
    return rule;
}

void render_sarif(const zvmc_ctx *ctx, strbuf *out)
{
    sb_puts(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                 "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"zvmc\",\"version\":");
    sb_json_str(out, zvmc_version());
    /* The rules are the checks the results use, in table order: the file then
     * changes only when the findings do. */
    size_t ncheck = zvmc_check_count();
    int *rule = rule_indexes(ctx, out, ncheck);
    if (!rule)
        return;
    sb_puts(out, ",\"rules\":[");
    size_t nrules = 0;
    for (size_t i = 0; i < ncheck; i++) {
        const zvmc_check_info *c = zvmc_check_get(i);
        if (rule[i] < 0)
            continue;
        sb_puts(out, nrules++ ? ",{\"id\":" : "{\"id\":");
        sb_json_str(out, c->name);
        sb_puts(out, ",\"shortDescription\":{\"text\":");
        sb_json_str(out, c->summary);
        sb_puts(out, "}}");
    }
    sb_puts(out, "]}},\"results\":[");
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const zvmc_diag *d = &ctx->diags[i]->pub;
        sb_puts(out, i ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
        sb_json_str(out, d->check);
        size_t ci;
        if (check_find(d->check, &ci) && ci < ncheck && rule[ci] >= 0)
            sb_printf(out, ",\"ruleIndex\":%d", rule[ci]);
        sb_printf(out, ",\"level\":\"%s\",\"message\":{\"text\":", severity_name(d->severity));
        sb_json_str(out, d->message);
        sb_puts(out, "}");
        if (d->file) {
            sb_puts(out, ",\"locations\":[{");
            physical_location(out, d->file, d->line, d->column, d->end_line, d->end_column);
            sb_puts(out, "}]");
        }
        size_t related = 0;
        for (size_t k = 0; k < d->n_notes; k++) {
            const zvmc_note *n = &d->notes[k];
            if (!n->file)
                continue;
            sb_puts(out, related++ ? "," : ",\"relatedLocations\":[");
            sb_printf(out, "{\"id\":%zu,", k);
            physical_location(out, n->file, n->line, n->column, 0, 0);
            sb_puts(out, ",\"message\":{\"text\":");
            sb_json_str(out, n->message);
            sb_puts(out, "}}");
        }
        if (related)
            sb_puts(out, "]");
        if (d->fixit && d->file && d->line) {
            sb_puts(out, ",\"fixes\":[{\"description\":{\"text\":");
            sb_json_str(out, d->fixit);
            sb_puts(out, "},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":");
            sb_json_str(out, d->file);
            sb_puts(out, "},\"replacements\":[{\"deletedRegion\":");
            sb_printf(out, "{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}",
                      d->line, d->column, d->end_line, d->end_column + 1);
            sb_puts(out, ",\"insertedContent\":{\"text\":");
            sb_json_str(out, d->fixit);
            sb_puts(out, "}}]}]}]");
        }
        sb_puts(out, "}");
    }
    sb_puts(out, "\n]}]}\n");
    zalloc_free(out->alloc, rule);
}
