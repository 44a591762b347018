/*
 * A printable page: one self-contained HTML document (inline CSS and SVG,
 * nothing fetched) laid out for A4 and readable printed in black and
 * white.  The caller says what goes on it, in order; values are printed
 * as people read them (format.h's fmt_human) and escaped.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "format.h"
#include "reply.h"

/* One bar of a chart. */
struct html_bar {
	const char *label; /* under the bar */
	int64_t value;
	int hatched; /* drawn hatched (e.g. short of the line) */
};

/* Begin the page on out: the document head, its style, and the title
 * (h1) with a subtitle line under it (may be NULL). */
void html_begin(
    FILE *out, const char *lang, const char *title, const char *subtitle);

/* A heading (h2). */
void html_heading(FILE *out, const char *text);

/* A paragraph of plain text. */
void html_para(FILE *out, const char *text);

/*
 * A bar chart (inline SVG) of n bars against a dashed horizontal line at
 * `line` labelled line_label; caption describes it for screen readers.
 */
void html_chart(FILE *out, const char *caption, const struct html_bar *bars,
    size_t n, int64_t line, const char *line_label);

/* A table: a header row of the fields' headings (LX_F_DETAIL ones left
 * out), a row per record; rows in `strong` (may be NULL; n flags) are set
 * in bold (a total). */
void html_table(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n, const int *strong);

/* A two-column table: each field's heading and its value in rec. */
void html_pairs(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *rec);

/* End the page. */
void html_end(FILE *out);

/* Print s with &, <, >, " and ' escaped. */
void html_text(FILE *out, const char *s);

#endif
