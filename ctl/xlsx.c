/*
 * Workbooks through libxlsxwriter: each record a row of typed cells, the
 * header row frozen and filtered, columns as wide as their longest value.
 * Instants become local date-times (Excel has no time zones: the sheet
 * reads as the wall clock of this machine's TZ, as loaxactl prints).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "../proto/i18n.h"
#include "../schedules/when.h"
#include "xlsx.h"

/* What people read, in one place (number formats are Excel's, not words). */
#define XLSX_FMT_DATETIME "yyyy-mm-dd hh:mm:ss"
#define XLSX_FMT_DURATION "[h]:mm:ss"
#define XLSX_FMT_MS "0.000\" ms\""

#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 60
#define XLSX_DATETIME_WIDTH 20

struct xlsx {
	lxw_workbook *wb;
	lxw_format *head;
	lxw_format *datetime;
	lxw_format *duration;
	lxw_format *ms;
	lxw_format *wrap;
};

struct xlsx *
xlsx_open(const char *path, struct lx_err *err)
{
	struct xlsx *x = calloc(1, sizeof *x);
	lxw_workbook_options opt = {0};

	if (x == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		return NULL;
	}
	opt.tmpdir = getenv("TMPDIR");
	if ((x->wb = workbook_new_opt(path, &opt)) == NULL) {
		lx_err_set(err, LX_E_IO, "%s: cannot start a workbook", path);
		free(x);
		return NULL;
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	x->datetime = workbook_add_format(x->wb);
	format_set_num_format(x->datetime, XLSX_FMT_DATETIME);
	x->duration = workbook_add_format(x->wb);
	format_set_num_format(x->duration, XLSX_FMT_DURATION);
	x->ms = workbook_add_format(x->wb);
	format_set_num_format(x->ms, XLSX_FMT_MS);
	x->wrap = workbook_add_format(x->wb);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	return x;
}

/* A whole decimal integer; 0, or -1 if v is not one. */
static int
xlsx_int(const char *v, int64_t *out)
{
	char *end;

	if (v == NULL || *v == '\0')
		return -1;
	errno = 0;
	*out = strtoll(v, &end, 10);
	return *end == '\0' && errno == 0 ? 0 : -1;
}

/* A decimal number; 0, or -1. */
static int
xlsx_num(const char *v, double *out)
{
	char *end;

	if (v == NULL || *v == '\0')
		return -1;
	*out = strtod(v, &end);
	return *end == '\0' ? 0 : -1;
}

/* Instant t (µs UTC) as the local wall clock, to the microsecond. */
static void
xlsx_local(int64_t t, lxw_datetime *dt)
{
	time_t s = (time_t)(t / WHEN_SEC - (t % WHEN_SEC < 0));
	int64_t us = t - (int64_t)s * WHEN_SEC;
	struct tm tm;

	localtime_r(&s, &tm);
	dt->year = tm.tm_year + 1900;
	dt->month = tm.tm_mon + 1;
	dt->day = tm.tm_mday;
	dt->hour = tm.tm_hour;
	dt->min = tm.tm_min;
	dt->sec = tm.tm_sec + us / 1e6;
}

/* Write one cell of field f, value v; returns the width it needs. */
static size_t
xlsx_cell(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const struct lx_field *f, const char *v)
{
	lxw_datetime dt = {0};
	int64_t i;
	double d;

	if (v == NULL || *v == '\0')
		return 0;
	switch (f->type) {
	case LX_T_INSTANT:
		if (xlsx_int(v, &i) == -1)
			break;
		xlsx_local(i, &dt);
		worksheet_write_datetime(ws, row, col, &dt, x->datetime);
		return XLSX_DATETIME_WIDTH;
	case LX_T_LOCAL:
		if (sscanf(v, "%d-%d-%dT%d:%d:%lf", &dt.year, &dt.month,
		        &dt.day, &dt.hour, &dt.min, &dt.sec) != 6)
			break;
		worksheet_write_datetime(ws, row, col, &dt, x->datetime);
		return XLSX_DATETIME_WIDTH;
	case LX_T_BOOL:
		if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0)
			break;
		worksheet_write_boolean(ws, row, col, *v == '1', NULL);
		return 6;
	case LX_T_SECONDS:
		if (xlsx_num(v, &d) == -1)
			break;
		worksheet_write_number(ws, row, col, d / 86400, x->duration);
		return 10;
	case LX_T_MICROS:
		if (xlsx_int(v, &i) == -1)
			break;
		worksheet_write_number(ws, row, col, i / 1000., x->ms);
		return 12;
	case LX_T_INT:
	case LX_T_NUM:
		if (xlsx_num(v, &d) == -1)
			break;
		worksheet_write_number(ws, row, col, d, NULL);
		return strlen(v);
	case LX_T_STR:
		break;
	}
	worksheet_write_string(ws, row, col, v, x->wrap);
	return fmt_width(v);
}

/* Column widths that fit, within bounds. */
static void
xlsx_widths(lxw_worksheet *ws, const size_t *w, size_t nf)
{
	for (size_t c = 0; c < nf; c++) {
		size_t width = w[c] + 2;

		if (width < XLSX_MIN_WIDTH)
			width = XLSX_MIN_WIDTH;
		if (width > XLSX_MAX_WIDTH)
			width = XLSX_MAX_WIDTH;
		worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c, (double)width, NULL);
	}
}

/* A new sheet named name; NULL with err. */
static lxw_worksheet *
xlsx_sheet(struct xlsx *x, const char *name, struct lx_err *err)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	if (ws == NULL)
		lx_err_set(err, LX_E_ARG, "sheet %s: cannot add it", name);
	return ws;
}

int
xlsx_table(struct xlsx *x, const char *name, const struct lx_field *f,
    size_t nf, const struct reply_rec *recs, size_t n, struct lx_err *err)
{
	lxw_worksheet *ws = xlsx_sheet(x, name, err);
	size_t *w, c, cw;

	if (ws == NULL)
		return -1;
	w = calloc(nf ? nf : 1, sizeof *w);
	if (w == NULL)
		return lx_err_set(err, LX_E_IO, "out of memory");
	for (c = 0; c < nf; c++) {
		worksheet_write_string(
		    ws, 0, (lxw_col_t)c, _(f[c].head), x->head);
		w[c] = fmt_width(_(f[c].head));
	}
	for (size_t r = 0; r < n; r++)
		for (c = 0; c < nf; c++) {
			cw = xlsx_cell(x, ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
			    &f[c], reply_get(&recs[r], f[c].key));
			if (cw > w[c])
				w[c] = cw;
		}
	xlsx_widths(ws, w, nf);
	free(w);
	worksheet_freeze_panes(ws, 1, 0);
	if (nf > 0)
		worksheet_autofilter(
		    ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(nf - 1));
	return 0;
}

int
xlsx_pairs(struct xlsx *x, const char *name, const struct lx_field *f,
    size_t nf, const struct reply_rec *rec, struct lx_err *err)
{
	lxw_worksheet *ws = xlsx_sheet(x, name, err);
	size_t w[2] = {0, 0}, cw;

	if (ws == NULL)
		return -1;
	for (size_t r = 0; r < nf; r++) {
		worksheet_write_string(
		    ws, (lxw_row_t)r, 0, _(f[r].head), x->head);
		if ((cw = fmt_width(f[r].head)) > w[0])
			w[0] = cw;
		cw = xlsx_cell(
		    x, ws, (lxw_row_t)r, 1, &f[r], reply_get(rec, f[r].key));
		if (cw > w[1])
			w[1] = cw;
	}
	xlsx_widths(ws, w, 2);
	return 0;
}

int
xlsx_close(struct xlsx *x, struct lx_err *err)
{
	lxw_error rc;

	if (x == NULL)
		return 0;
	rc = workbook_close(x->wb);
	free(x);
	if (rc != LXW_NO_ERROR)
		return lx_err_set(err, LX_E_IO, "%s", lxw_strerror(rc));
	return 0;
}
