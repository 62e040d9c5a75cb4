/* SPDX-License-Identifier: MIT */
/*
 * The migration report.  JSON (docs/convert.md): totals, then one item per
 * input statement, one per line, then the lines zvmc added.  Text, for
 * humans: the decisions first, then what was converted and removed, the
 * carried statements as ranges, the added lines and the outputs' check.
 */
#include <string.h>
#include "emit/convert.h"

static const char *const disp_names[] = { "carried", "converted", "removed", "decision" };

static const char *kind_name(zvmc_file_kind k)
{
    return k == ZVMC_FILE_SYSCONFIG ? "sysconfig" : "directory";
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void json_str_or_null(strbuf *sb, const char *s)
{
    if (s)
        sb_json_str(sb, s);
    else
        sb_puts(sb, "null");
}

static void json_item(strbuf *sb, const zvmc_convert_item *it)
{
    sb_puts(sb, "{\"file\":");
    sb_json_str(sb, it->file);
    sb_printf(sb, ",\"line\":%u,\"statement\":", it->line);
    sb_json_str(sb, it->statement);
    sb_printf(sb, ",\"disposition\":\"%s\",\"to_file\":", disp_names[it->disposition]);
    json_str_or_null(sb, it->to_file);
    if (it->to_file)
        sb_printf(sb, ",\"to_line\":%u", it->to_line);
    else
        sb_puts(sb, ",\"to_line\":null");
    sb_puts(sb, ",\"why\":");
    json_str_or_null(sb, it->why);
    sb_puts(sb, ",\"details\":[");
    for (size_t i = 0; i < it->ndetails; i++) {
        if (i)
            sb_putc(sb, ',');
        sb_json_str(sb, it->details[i]);
    }
    sb_puts(sb, "]}");
}

int cv_report_json(const zvmc_convert *cv, strbuf *sb)
{
    zvmc_convert_totals t;
    zvmc_convert_get_totals(cv, &t);
    sb_puts(sb, "{\"cluster\":");
    sb_json_str(sb, cv->opts.cluster);
    sb_printf(sb, ",\"zvm_level\":\"%d.%d\",\"members\":[", cv->ctx->zvm_version,
              cv->ctx->zvm_release);
    for (uint32_t m = 0; m < cv->nmembers; m++) {
        sb_printf(sb, "%s{\"slot\":%u,\"name\":", m ? "," : "", m + 1);
        sb_json_str(sb, cv->members[m]);
        sb_putc(sb, '}');
    }
    sb_puts(sb, "],\"left_behind\":[");
    int first = 1;
    for (uint32_t i = 0; i < cv->nsystems; i++) {
        const zvmc_convert_system *s = &cv->systems[i].pub;
        if (s->slot)
            continue;
        sb_puts(sb, first ? "{\"name\":" : ",{\"name\":");
        first = 0;
        sb_json_str(sb, s->name);
        sb_printf(sb, ",\"cse_slot\":%u,\"entries\":[", s->cse_slot);
        for (size_t k = 0; k < s->nentries; k++) {
            if (k)
                sb_putc(sb, ',');
            sb_json_str(sb, s->entries[k]);
        }
        sb_puts(sb, "]}");
    }
    sb_puts(sb, "],\"outputs\":[");
    for (uint32_t i = 0; i < cv->nouts; i++) {
        const zvmc_convert_output *o = &cv->outs[i].pub;
        sb_puts(sb, i ? ",{\"name\":" : "{\"name\":");
        sb_json_str(sb, o->name);
        sb_puts(sb, ",\"path\":");
        sb_json_str(sb, o->path);
        sb_printf(sb, ",\"kind\":\"%s\",\"fragment\":%s}", kind_name(o->kind),
                  o->kind == ZVMC_FILE_SYSCONFIG && cv->fragment ? "true" : "false");
    }
    sb_printf(sb, "],\n\"totals\":{\"input\":%zu,\"carried\":%zu,\"converted\":%zu,"
              "\"removed\":%zu,\"decision\":%zu},\n", t.input, t.carried, t.converted,
              t.removed, t.decision);
    sb_printf(sb, "\"added_totals\":{\"added\":%zu,\"decision\":%zu},\n", t.added,
              t.added_decisions);
    sb_printf(sb, "\"check\":{\"errors\":%u,\"islink_skeleton_errors\":%u,\"other_errors\":%u,"
              "\"warnings\":%u},\n\"items\":[\n", cv->check_skeleton + cv->check_other,
              cv->check_skeleton, cv->check_other, zvmc_count(cv->check, ZVMC_SEV_WARNING));
    for (uint32_t i = 0; i < cv->nitems; i++) {
        json_item(sb, &cv->items[i].pub);
        sb_puts(sb, i + 1 < cv->nitems ? ",\n" : "\n");
    }
    sb_puts(sb, "],\n\"added\":[\n");
    for (uint32_t i = 0; i < cv->nadded; i++) {
        const zvmc_convert_added *a = &cv->added[i].pub;
        sb_puts(sb, "{\"to_file\":");
        json_str_or_null(sb, a->to_file);
        sb_printf(sb, ",\"to_line\":%u,\"text\":", a->to_line);
        sb_json_str(sb, a->text);
        sb_printf(sb, ",\"decision\":%s,\"why\":", a->decision ? "true" : "false");
        sb_json_str(sb, a->why);
        sb_puts(sb, i + 1 < cv->nadded ? "},\n" : "}\n");
    }
    sb_puts(sb, "]}\n");
    return sb->failed ? ZVMC_ENOMEM : 0;
}

/* ---- text -------------------------------------------------------------------------------- */

static void text_item(strbuf *sb, const zvmc_convert_item *it)
{
    sb_printf(sb, "  %s:%u: %s\n", it->file, it->line, it->statement);
    if (it->to_file)
        sb_printf(sb, "      -> %s:%u\n", it->to_file, it->to_line);
    if (it->why)
        sb_printf(sb, "      %s\n", it->why);
    for (size_t i = 0; i < it->ndetails; i++)
        sb_printf(sb, "      - %s\n", it->details[i]);
}

static void text_added(strbuf *sb, const zvmc_convert_added *a)
{
    sb_printf(sb, "  %s:%u: %s (added)\n      %s\n", a->to_file ? a->to_file : "?",
              a->to_line, a->text, a->why);
}

static int plain_carry(const zvmc_convert_item *it)
{
    return it->disposition == ZVMC_DISP_CARRIED && !it->why && !it->ndetails;
}

/* The plain carried statements as ranges: file:first-last -> out:first-last. */
static void carried_ranges(const zvmc_convert *cv, strbuf *sb)
{
    for (uint32_t i = 0; i < cv->nitems;) {
        const zvmc_convert_item *a = &cv->items[i].pub;
        if (!plain_carry(a)) {
            i++;
            continue;
        }
        uint32_t j = i + 1;
        while (j < cv->nitems && plain_carry(&cv->items[j].pub) &&
               cv->items[j].pub.file == a->file && cv->items[j].pub.to_file == a->to_file)
            j++;
        const zvmc_convert_item *z = &cv->items[j - 1].pub;
        if (j - i == 1)
            sb_printf(sb, "  %s:%u -> %s:%u\n", a->file, a->line,
                      a->to_file ? a->to_file : "?", a->to_line);
        else
            sb_printf(sb, "  %s:%u-%u -> %s:%u-%u (%u statements)\n", a->file, a->line, z->line,
                      a->to_file ? a->to_file : "?", a->to_line, z->to_line, j - i);
        i = j;
    }
}

static void section(const zvmc_convert *cv, strbuf *sb, zvmc_disposition d, const char *title,
                    size_t n)
{
    if (!n)
        return;
    sb_printf(sb, "\n%s (%zu):\n", title, n);
    for (uint32_t i = 0; i < cv->nitems; i++)
        if (cv->items[i].pub.disposition == d)
            text_item(sb, &cv->items[i].pub);
}

int cv_report_text(const zvmc_convert *cv, strbuf *sb)
{
    zvmc_convert_totals t;
    zvmc_convert_get_totals(cv, &t);
    sb_printf(sb, "zvmc convert: CSE cluster to SSI cluster %s (z/VM %d.%d)\n", cv->opts.cluster,
              cv->ctx->zvm_version, cv->ctx->zvm_release);
    sb_puts(sb, "members, in slot order:");
    for (uint32_t m = 0; m < cv->nmembers; m++)
        sb_printf(sb, "%s %u %s", m ? "," : "", m + 1, cv->members[m]);
    sb_putc(sb, '\n');
    for (uint32_t i = 0; i < cv->nsystems; i++) {
        const zvmc_convert_system *s = &cv->systems[i].pub;
        if (s->slot)
            continue;
        sb_printf(sb, "left behind: %s", s->name);
        if (s->cse_slot)
            sb_printf(sb, " (CSE slot %u)", s->cse_slot);
        if (s->nentries) {
            sb_puts(sb, "; entries with statements only left-behind systems used:");
            for (size_t k = 0; k < s->nentries; k++)
                sb_printf(sb, "%s %s", k ? "," : "", s->entries[k]);
        }
        sb_putc(sb, '\n');
    }
    sb_puts(sb, "outputs:");
    for (uint32_t i = 0; i < cv->nouts; i++)
        sb_printf(sb, "%s %s%s", i ? "," : "", cv->outs[i].pub.path,
                  cv->outs[i].pub.kind == ZVMC_FILE_SYSCONFIG && cv->fragment
                      ? " (a fragment to merge)" : "");
    sb_printf(sb, "\n\n%zu input statements: %zu carried over, %zu converted, %zu removed, %zu "
              "need a decision\n", t.input, t.carried, t.converted, t.removed, t.decision);
    if (t.decision || t.added_decisions) {
        sb_printf(sb, "\nNeeds a decision (%zu, and %zu added line%s):\n", t.decision,
                  t.added_decisions, t.added_decisions == 1 ? "" : "s");
        for (uint32_t i = 0; i < cv->nitems; i++)
            if (cv->items[i].pub.disposition == ZVMC_DISP_DECISION)
                text_item(sb, &cv->items[i].pub);
        for (uint32_t i = 0; i < cv->nadded; i++)
            if (cv->added[i].pub.decision)
                text_added(sb, &cv->added[i].pub);
    }
    section(cv, sb, ZVMC_DISP_CONVERTED, "Converted", t.converted);
    section(cv, sb, ZVMC_DISP_REMOVED, "Removed", t.removed);
    if (t.carried) {
        sb_printf(sb, "\nCarried over, as written (%zu):\n", t.carried);
        carried_ranges(cv, sb);
        for (uint32_t i = 0; i < cv->nitems; i++)
            if (cv->items[i].pub.disposition == ZVMC_DISP_CARRIED &&
                !plain_carry(&cv->items[i].pub))
                text_item(sb, &cv->items[i].pub);
    }
    if (t.added > t.added_decisions) {
        sb_printf(sb, "\nAdded by zvmc convert (%zu):\n", t.added - t.added_decisions);
        for (uint32_t i = 0; i < cv->nadded; i++)
            if (!cv->added[i].pub.decision)
                text_added(sb, &cv->added[i].pub);
    }
    unsigned w = zvmc_count(cv->check, ZVMC_SEV_WARNING);
    sb_printf(sb, "\nzvmc check of the outputs: %u error%s", cv->check_skeleton + cv->check_other,
              cv->check_skeleton + cv->check_other == 1 ? "" : "s");
    if (cv->check_skeleton)
        sb_printf(sb, " (%u from the ISLINK skeletons: they go when the CTCs are filled in)",
                  cv->check_skeleton);
    sb_printf(sb, ", %u warning%s\n", w, w == 1 ? "" : "s");
    return sb->failed ? ZVMC_ENOMEM : 0;
}
