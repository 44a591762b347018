/*
 * Excel workbooks for officials, written with libxlsxwriter: one sheet per
 * table, a header row, frozen panes, an autofilter, column widths that
 * fit, and real cells (instants as local date-times an official can sort
 * and filter by, numbers as numbers, durations as [h]:mm:ss).
 */
#ifndef XLSX_H
#define XLSX_H

#include <stddef.h>

#include "../proto/lx.h"
#include "format.h"
#include "reply.h"

struct xlsx;

/* Start a workbook that xlsx_close writes to path.  NULL with err. */
struct xlsx *xlsx_open(const char *path, struct lx_err *err);

/*
 * Add a sheet named `name` (at most 31 characters): a header row of the
 * fields' headings, then one row per record, each field a typed cell.
 * 0, or -1 with err.
 */
int xlsx_table(struct xlsx *x, const char *name, const struct lx_field *f,
    size_t nf, const struct reply_rec *recs, size_t n, struct lx_err *err);

/*
 * Add a sheet of label/value rows, one per field of rec (the fields'
 * headings as labels).  0, or -1 with err.
 */
int xlsx_pairs(struct xlsx *x, const char *name, const struct lx_field *f,
    size_t nf, const struct reply_rec *rec, struct lx_err *err);

/* Write the file and free x (NULL is fine).  0, or -1 with err. */
int xlsx_close(struct xlsx *x, struct lx_err *err);

#endif
