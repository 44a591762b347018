/*
 * The quota report as loaxactl prints it: one commune's report (its
 * months, its total, its items, what is still to come, the airings behind
 * it) or a district's (one row per commune and the total), in each format:
 * a table, CSV (one file, a `row` column naming each row's kind, layout in
 * docs/reports.md), JSON, an Excel workbook, a printable HTML page.
 */
#ifndef REPORT_OUT_H
#define REPORT_OUT_H

#include <stdio.h>

#include "format.h"
#include "reply.h"

/* The kinds report prints: format.h's, and two that write files. */
enum rpt_kind { RPT_TABLE, RPT_CSV, RPT_JSON, RPT_XLSX, RPT_HTML };

/* One commune's report, as records (each reply's records led by the key
 * named). */
struct rpt {
	struct reply head; /* the period's own pairs */
	struct reply months; /* "month": one per month */
	struct reply clips; /* "clip": one per item */
	struct reply up; /* "scheduled": airings still to come */
	struct reply log; /* "airing": the cchc airings of the period */
};

/* A district's report: records led by "row", whose value is "commune"
 * (one per commune) or "total" (the last). */
struct rpt_district {
	struct reply head; /* period, from, to, quota, generated */
	struct reply rows;
};

/*
 * Print r as kind to out (RPT_XLSX: out is unused, the workbook is
 * written to path).  0, or -1 with err.
 */
int rpt_print(const struct rpt *r, enum rpt_kind kind, FILE *out,
    const char *path, struct lx_err *err);

/* The same for a district. */
int rpt_print_district(const struct rpt_district *d, enum rpt_kind kind,
    FILE *out, const char *path, struct lx_err *err);

/* Free the records; r may be reused after. */
void rpt_free(struct rpt *r);
void rpt_free_district(struct rpt_district *d);

#endif
