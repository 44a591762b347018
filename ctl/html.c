/*
 * The printable page: A4 print styles, tables that repeat their heading
 * on each printed page, and a bar chart drawn in SVG with black strokes,
 * grey fills and hatching, so nothing depends on colour.  No script, no
 * font, no image is fetched: the page is one file.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/i18n.h"
#include "html.h"

#define HTML_TMP 64

/* Chart geometry, in SVG user units. */
#define CHART_W 640
#define CHART_H 240
#define CHART_LEFT 40
#define CHART_BOTTOM 40
#define CHART_TOP 16

static const char html_style[] =
    "@page{size:A4;margin:15mm 15mm 18mm 15mm}"
    "html{color:#000;background:#fff}"
    "body{font:10.5pt/1.4 'DejaVu Sans','Liberation Sans',Arial,"
    "sans-serif;margin:0 auto;max-width:180mm;padding:8mm 0}"
    "h1{font-size:16pt;margin:0 0 2pt}"
    "h2{font-size:12pt;margin:14pt 0 4pt;border-bottom:1px solid #000}"
    ".sub{margin:0 0 8pt;font-size:11pt}"
    "table{border-collapse:collapse;width:100%;margin:4pt 0}"
    "th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:top;"
    "text-align:left}"
    "th{background:#e6e6e6;font-weight:bold}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td.n,td:first-child{white-space:nowrap}"
    "tr.total td{font-weight:bold;border-top:2px solid #000}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "code{font:9pt 'DejaVu Sans Mono',monospace;word-break:break-all}"
    "svg{display:block;width:100%;height:auto;margin:4pt 0}"
    "svg text{font:11px sans-serif}"
    "@media print{body{padding:0;max-width:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

void
html_text(FILE *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*s, out);
		}
}

void
html_begin(FILE *out, const char *lang, const char *title, const char *subtitle)
{
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	html_text(out, lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
	html_text(out, title);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
	    html_style);
	html_text(out, title);
	fputs("</h1>\n", out);
	if (subtitle != NULL) {
		fputs("<p class=\"sub\">", out);
		html_text(out, subtitle);
		fputs("</p>\n", out);
	}
}

void
html_heading(FILE *out, const char *text)
{
	fputs("<h2>", out);
	html_text(out, text);
	fputs("</h2>\n", out);
}

void
html_para(FILE *out, const char *text)
{
	fputs("<p>", out);
	html_text(out, text);
	fputs("</p>\n", out);
}

/* A round top for the axis: 1, 2, 5 times a power of ten, at least v. */
static int64_t
html_axis_top(int64_t v)
{
	int64_t p = 1;

	for (;;) {
		if (v <= p)
			return p;
		if (v <= 2 * p)
			return 2 * p;
		if (v <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* The chart's y for value v on an axis of top `top`. */
static double
html_y(int64_t v, int64_t top)
{
	double h = CHART_H - CHART_BOTTOM - CHART_TOP;

	return CHART_H - CHART_BOTTOM - h * (double)v / (double)top;
}

/* The axis, its ticks and the base line. */
static void
html_axis(FILE *out, int64_t top)
{
	int64_t step = top <= 5 ? 1 : top / 5;

	for (int64_t v = 0; v <= top; v += step)
		fprintf(out,
		    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#999\" stroke-width=\"0.5\"/>"
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
		    CHART_LEFT, html_y(v, top), CHART_W, html_y(v, top),
		    CHART_LEFT - 4, html_y(v, top) + 4, (long long)v);
	fprintf(out,
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
	    CHART_LEFT, CHART_H - CHART_BOTTOM, CHART_W,
	    CHART_H - CHART_BOTTOM);
}

void
html_chart(FILE *out, const char *caption, const struct html_bar *bars,
    size_t n, int64_t line, const char *line_label)
{
	int64_t max = line;
	double slot, w, x, y;

	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	max = html_axis_top(max + (max == line));
	slot = (double)(CHART_W - CHART_LEFT) / (double)(n ? n : 1);
	w = slot * 0.6;
	fprintf(out, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    CHART_W, CHART_H);
	html_text(out, caption);
	fputs("\">\n<defs><pattern "
	      "id=\"hatch\" width=\"6\" height=\"6\" "
	      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	      "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
	      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" "
	      "stroke-width=\"2\"/></pattern></defs>\n",
	    out);
	html_axis(out, max);
	for (size_t i = 0; i < n; i++) {
		x = CHART_LEFT + slot * (double)i + (slot - w) / 2;
		y = html_y(bars[i].value, max);
		fprintf(out,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"%s\" stroke=\"#000\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lld"
		    "</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
		    x, y, w, CHART_H - CHART_BOTTOM - y,
		    bars[i].hatched ? "url(#hatch)" : "#999", x + w / 2, y - 3,
		    (long long)bars[i].value, x + w / 2,
		    CHART_H - CHART_BOTTOM + 16);
		html_text(out, bars[i].label);
		fputs("</text>\n", out);
	}
	y = html_y(line, max);
	fprintf(out,
	    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
	    "stroke-width=\"2\" stroke-dasharray=\"8 4\"/>"
	    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
	    CHART_LEFT, y, CHART_W, y, CHART_W, y - 5);
	html_text(out, line_label);
	fputs("</text>\n</svg>\n", out);
}

/* 1 for the types a table aligns right. */
static int
html_numeric(const struct lx_field *f)
{
	return f->type == LX_T_INT || f->type == LX_T_NUM ||
	    f->type == LX_T_SECONDS || f->type == LX_T_MICROS;
}

/* One cell: the value as people read it. */
static void
html_cell(FILE *out, const struct lx_field *f, const char *v)
{
	char tmp[HTML_TMP];

	fputs(html_numeric(f) ? "<td class=\"n\">" : "<td>", out);
	if (f->type == LX_T_STR && f->key != NULL &&
	    strcmp(f->key, "sha256") == 0 && v != NULL) {
		fputs("<code>", out);
		html_text(out, v);
		fputs("</code>", out);
	} else {
		html_text(out, fmt_human(f, v, tmp, sizeof tmp));
	}
	fputs("</td>", out);
}

void
html_table(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n, const int *strong)
{
	fputs("<table>\n<thead><tr>", out);
	for (size_t c = 0; c < nf; c++) {
		if (f[c].flags & LX_F_DETAIL)
			continue;
		fputs("<th>", out);
		html_text(out, _(f[c].head));
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < n; r++) {
		fputs(
		    strong && strong[r] ? "<tr class=\"total\">" : "<tr>", out);
		for (size_t c = 0; c < nf; c++)
			if (!(f[c].flags & LX_F_DETAIL))
				html_cell(
				    out, &f[c], reply_get(&recs[r], f[c].key));
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

void
html_pairs(
    FILE *out, const struct lx_field *f, size_t nf, const struct reply_rec *rec)
{
	fputs("<table>\n<tbody>\n", out);
	for (size_t i = 0; i < nf; i++) {
		fputs("<tr><th>", out);
		html_text(out, _(f[i].head));
		fputs("</th>", out);
		html_cell(out, &f[i], reply_get(rec, f[i].key));
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

void
html_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}
