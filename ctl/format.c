/*
 * Records printed through a field spec: aligned tables whose widths count
 * code points (titles are Vietnamese), CSV with RFC 4180 quoting, JSON
 * with every string escaped and instants as ISO 8601 local time.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/i18n.h"
#include "../schedules/when.h"
#include "format.h"
#include "msg.h"

#define FMT_TMP 64 /* a formatted value: an ISO instant, a number */

int
fmt_kind_parse(const char *s, enum fmt_kind *kind, struct lx_err *err)
{
	if (s == NULL || strcmp(s, "table") == 0)
		*kind = FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*kind = FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*kind = FMT_JSON;
	else
		return lx_err_set(err, LX_E_ARG, MSG_E_BAD_FORMAT, s);
	return 0;
}

/*
 * The code point at s (NUL-terminated) in *cp; returns its length in
 * bytes, 0 at the end.  A byte that does not start valid UTF-8 is U+FFFD,
 * length 1.
 */
static size_t
fmt_utf8_next(const unsigned char *s, uint32_t *cp)
{
	size_t len;

	if (*s == '\0')
		return 0;
	len = lx_utf8_next((const char *)s, strnlen((const char *)s, 4), cp);
	return len ? len : 1;
}

/* 1 for the combining marks decomposed Vietnamese uses (and their kin). */
static int
fmt_combining(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f);
}

size_t
fmt_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, len;
	uint32_t c;

	while ((len = fmt_utf8_next(p, &c)) != 0) {
		w += !fmt_combining(c);
		p += len;
	}
	return w;
}

void
fmt_json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t c;

	fputc('"', out);
	while ((len = fmt_utf8_next(p, &c)) != 0) {
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", (unsigned)c);
		else if (c == 0xfffd && len == 1)
			fputs("\xef\xbf\xbd", out);
		else
			fwrite(p, 1, len, out);
		p += len;
	}
	fputc('"', out);
}

/* 1 if s is a JSON number: an integer, or with decimals when `frac`. */
static int
fmt_is_number(const char *s, int frac)
{
	if (*s == '-')
		s++;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (frac && *s == '.' && s[1] >= '0' && s[1] <= '9')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	return *s == '\0';
}

/* Parse a whole decimal int64; 0, or -1 if s is not one. */
static int
fmt_parse_i64(const char *s, int64_t *out)
{
	return lx_int_parse(s, INT64_MIN, INT64_MAX, out);
}

/* 1 if v holds no value: absent or empty. */
static int
fmt_is_null(const char *v)
{
	return v == NULL || *v == '\0';
}

/* Decimal seconds "90.5" as "1:31", "3700" as "1:01:40". */
static const char *
fmt_duration(const char *v, char *tmp, size_t n)
{
	int64_t s = 0;
	const char *p = v;

	for (; *p >= '0' && *p <= '9' && s < INT64_MAX / 100; p++)
		s = s * 10 + (*p - '0');
	if (p == v || (*p != '\0' && *p != '.'))
		return v;
	if (*p == '.' && p[1] >= '5' && p[1] <= '9')
		s++;
	if (s >= 3600)
		snprintf(tmp, n, "%lld:%02d:%02d", (long long)(s / 3600),
		    (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(tmp, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
	return tmp;
}

const char *
fmt_human(const struct lx_field *f, const char *v, char *tmp, size_t n)
{
	struct tm tm;
	int64_t t;
	int timed;

	if (fmt_is_null(v) && f->type == LX_T_STR &&
	    !(f->flags & LX_F_NULLABLE))
		return "";
	if (fmt_is_null(v))
		return f->none ? f->none : MSG_NONE;
	if (f->flags & LX_F_STATUS)
		return lx_status_human(v);
	switch (f->type) {
	case LX_T_INSTANT:
		if (fmt_parse_i64(v, &t) != 0)
			return v;
		when_format_human(t, tmp, n);
		return tmp;
	case LX_T_BOOL:
		return strcmp(v, "1") == 0 ? MSG_YES
		    : strcmp(v, "0") == 0  ? MSG_NO
		                           : v;
	case LX_T_SECONDS:
		return fmt_duration(v, tmp, n);
	case LX_T_MICROS:
		if (fmt_parse_i64(v, &t) != 0)
			return v;
		if (t > -1000000 && t < 1000000)
			snprintf(tmp, n, "%.3f ms", t / 1000.);
		else
			snprintf(tmp, n, "%.1f s", t / 1000000.);
		return tmp;
	case LX_T_LOCAL:
		if (when_parse_tm(v, &tm, &timed, NULL) != 0)
			return v;
		when_format_tm(&tm, timed, tmp, n);
		return tmp;
	default:
		return v;
	}
}

struct lx_field *
fmt_fields_human(const struct lx_field *f, size_t nf)
{
	struct lx_field *h = xcalloc(nf + 1, sizeof *h);

	for (size_t j = 0; j < nf; j++) {
		h[j] = f[j];
		if (f[j].head != NULL && *f[j].head != '\0')
			h[j].head = _(f[j].head);
		if (f[j].none != NULL && *f[j].none != '\0')
			h[j].none = _(f[j].none);
		if (strcmp(f[j].name, "status") == 0)
			h[j].flags |= LX_F_STATUS;
	}
	return h;
}

/* The value as scripts read it in CSV: ISO instants, true/false. */
static const char *
fmt_plain(const struct lx_field *f, const char *v, char *tmp, size_t n)
{
	int64_t t;

	if (fmt_is_null(v))
		return "";
	if (f->type == LX_T_INSTANT && fmt_parse_i64(v, &t) == 0) {
		when_format_iso(t, tmp, n);
		return tmp;
	}
	if (f->type == LX_T_BOOL &&
	    (strcmp(v, "1") == 0 || strcmp(v, "0") == 0))
		return *v == '1' ? "true" : "false";
	return v;
}

static void
fmt_json_value(FILE *out, const struct lx_field *f, const char *v)
{
	char tmp[FMT_TMP];
	int64_t t;

	if (fmt_is_null(v)) {
		fputs(f->type == LX_T_STR && !(f->flags & LX_F_NULLABLE)
		        ? "\"\""
		        : "null",
		    out);
		return;
	}
	if (((f->type == LX_T_INT || f->type == LX_T_MICROS) &&
	        fmt_is_number(v, 0)) ||
	    ((f->type == LX_T_NUM || f->type == LX_T_SECONDS) &&
	        fmt_is_number(v, 1)))
		fputs(v, out);
	else if (f->type == LX_T_BOOL &&
	    (strcmp(v, "1") == 0 || strcmp(v, "0") == 0))
		fputs(*v == '1' ? "true" : "false", out);
	else if (f->type == LX_T_INSTANT && fmt_parse_i64(v, &t) == 0) {
		when_format_iso(t, tmp, sizeof tmp);
		fmt_json_string(out, tmp);
	} else
		fmt_json_string(out, v);
}

void
fmt_json_members(
    FILE *out, const struct lx_field *f, size_t nf, const struct reply_rec *rec)
{
	for (size_t j = 0; j < nf; j++) {
		if (j > 0)
			fputc(',', out);
		fmt_json_string(out, f[j].name);
		fputc(':', out);
		fmt_json_value(out, &f[j], reply_get(rec, f[j].key));
	}
}

void
fmt_json_array(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		fputs(i > 0 ? ",\n{" : "\n{", out);
		fmt_json_members(out, f, nf, &recs[i]);
		fputc('}', out);
	}
	fputs(n > 0 ? "\n]" : "]", out);
}

/* One CSV field, quoted when it holds a comma, a quote or a line break. */
static void
fmt_csv_cell(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* A CSV row: the header when rec is NULL. */
static void
fmt_csv_row(
    FILE *out, const struct lx_field *f, size_t nf, const struct reply_rec *rec)
{
	char tmp[FMT_TMP];

	for (size_t j = 0; j < nf; j++) {
		if (j > 0)
			fputc(',', out);
		fmt_csv_cell(out,
		    rec == NULL ? f[j].name
		                : fmt_plain(&f[j], reply_get(rec, f[j].key),
		                      tmp, sizeof tmp));
	}
	fputc('\n', out);
}

/* 1 for the columns a table aligns right. */
static int
fmt_right(const struct lx_field *f)
{
	return f->type == LX_T_INT || f->type == LX_T_NUM ||
	    f->type == LX_T_SECONDS || f->type == LX_T_MICROS;
}

/* A table row: the headings when rec is NULL.  w holds column widths. */
static void
fmt_table_row(FILE *out, const struct lx_field *f, size_t nf, const size_t *w,
    const struct reply_rec *rec)
{
	struct buf line = {0};
	char tmp[FMT_TMP];

	for (size_t j = 0; j < nf; j++) {
		const char *s;
		int pad;

		if (f[j].flags & LX_F_DETAIL)
			continue;
		s = rec == NULL ? f[j].head
		                : fmt_human(&f[j], reply_get(rec, f[j].key),
		                      tmp, sizeof tmp);
		pad = (int)(w[j] - fmt_width(s));
		buf_printf(&line, "%*s%s%*s  ", fmt_right(&f[j]) ? pad : 0, "",
		    s, fmt_right(&f[j]) ? 0 : pad, "");
	}
	/* No trailing blanks: the last column, or empty ones, pad nothing. */
	while (line.len > 0 && line.p[line.len - 1] == ' ')
		line.len--;
	fprintf(out, "%.*s\n", (int)line.len, line.len ? line.p : "");
	buf_free(&line);
}

static void
fmt_table(FILE *out, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n)
{
	size_t *w = xcalloc(nf, sizeof w[0]);
	char tmp[FMT_TMP];

	for (size_t j = 0; j < nf; j++) {
		if (f[j].flags & LX_F_DETAIL)
			continue;
		w[j] = fmt_width(f[j].head);
		for (size_t i = 0; i < n; i++) {
			size_t cw = fmt_width(fmt_human(&f[j],
			    reply_get(&recs[i], f[j].key), tmp, sizeof tmp));

			if (cw > w[j])
				w[j] = cw;
		}
	}
	fmt_table_row(out, f, nf, w, NULL);
	for (size_t i = 0; i < n; i++)
		fmt_table_row(out, f, nf, w, &recs[i]);
	free(w);
}

void
fmt_list(FILE *out, enum fmt_kind kind, const struct lx_field *f, size_t nf,
    const struct reply_rec *recs, size_t n)
{
	switch (kind) {
	case FMT_TABLE:
		fmt_table(out, f, nf, recs, n);
		break;
	case FMT_CSV:
		fmt_csv_row(out, f, nf, NULL);
		for (size_t i = 0; i < n; i++)
			fmt_csv_row(out, f, nf, &recs[i]);
		break;
	case FMT_JSON:
		fmt_json_array(out, f, nf, recs, n);
		fputc('\n', out);
		break;
	}
}

/* One record for people: a heading and its value a line, values aligned. */
static void
fmt_vertical(
    FILE *out, const struct lx_field *f, size_t nf, const struct reply_rec *rec)
{
	char tmp[FMT_TMP];
	size_t w = 0;

	for (size_t j = 0; j < nf; j++) {
		size_t hw = fmt_width(f[j].head);

		if (hw > w)
			w = hw;
	}
	for (size_t j = 0; j < nf; j++) {
		const char *h = f[j].head;

		fprintf(out, "%s%*s%s\n", h, (int)(w - fmt_width(h) + 2), "",
		    fmt_human(
		        &f[j], reply_get(rec, f[j].key), tmp, sizeof tmp));
	}
}

void
fmt_one(FILE *out, enum fmt_kind kind, const struct lx_field *f, size_t nf,
    const struct reply_rec *rec)
{
	switch (kind) {
	case FMT_TABLE:
		fmt_vertical(out, f, nf, rec);
		break;
	case FMT_CSV:
		fmt_csv_row(out, f, nf, NULL);
		fmt_csv_row(out, f, nf, rec);
		break;
	case FMT_JSON:
		fputc('{', out);
		fmt_json_members(out, f, nf, rec);
		fputs("}\n", out);
		break;
	}
}
