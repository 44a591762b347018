/*
 * Output: records (from reply.h) printed through their fields (a shape of
 * proto/shape.h, or a list of the same kind) as a table for people, CSV or
 * JSON for scripts.  What to print is the caller's; how to print it is
 * here, so the data never knows its format.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "../proto/shape.h"
#include "reply.h"

enum fmt_kind { FMT_TABLE, FMT_CSV, FMT_JSON };

/* Parse "table", "csv" or "json" (NULL: table).  0, or -1 with err. */
int fmt_kind_parse(const char *s, enum fmt_kind *kind, struct lx_err *err);

/*
 * Print n records: a table with a heading row (fields not LX_F_DETAIL),
 * CSV with a header row, or one JSON array of objects.
 */
void fmt_list(FILE *out, enum fmt_kind kind, const struct lx_field *f,
    size_t nf, const struct reply_rec *recs, size_t n);

/* Print one record: "heading  value" lines (every field), CSV header and
 * row, or one JSON object. */
void fmt_one(FILE *out, enum fmt_kind kind, const struct lx_field *f, size_t nf,
    const struct reply_rec *rec);

/* Print the members of rec as JSON object members ("a":1,"b":"x"), no
 * braces, for callers that build a larger object. */
void fmt_json_members(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *rec);

/* Print n records as one JSON array. */
void fmt_json_array(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n);

/* Print s as a JSON string, quoted and escaped; bad UTF-8 becomes U+FFFD. */
void fmt_json_string(FILE *out, const char *s);

/*
 * Write field f's value v (NULL: absent) as people read it into tmp (n
 * bytes) and return tmp or a constant string.
 */
const char *fmt_human(
    const struct lx_field *f, const char *v, char *tmp, size_t n);

/*
 * A copy of nf fields for people: headings and null words in the current
 * language, and the "status" field's words too (LX_F_STATUS).  Free it
 * with free().
 */
struct lx_field *fmt_fields_human(const struct lx_field *f, size_t nf);

/* Columns s takes on a terminal: code points, less combining marks. */
size_t fmt_width(const char *s);

#endif
