/*
 * Reporting periods: each is a run of whole local months, so its bounds
 * are month starts (when_from_local), whatever DST does at midnight.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../schedules/when.h"
#include "period.h"

#define PERIOD_MIN_YEAR 1970
#define PERIOD_MAX_YEAR 9999

/* Months in a period, and how many such periods a year has. */
static const int period_months[] = {[PERIOD_MONTH] = 1,
    [PERIOD_QUARTER] = 3,
    [PERIOD_HALF] = 6,
    [PERIOD_YEAR] = 12};
static const char *const period_forms[] = {[PERIOD_MONTH] = "YYYY-MM",
    [PERIOD_QUARTER] = "YYYY-Qn (n 1-4)",
    [PERIOD_HALF] = "YYYY-Hn (n 1-2)",
    [PERIOD_YEAR] = "YYYY"};
static const char period_letter[] = {[PERIOD_MONTH] = 0,
    [PERIOD_QUARTER] = 'Q',
    [PERIOD_HALF] = 'H',
    [PERIOD_YEAR] = 0};

/* Fill p for the period of that kind whose number in `year` is n (1..). */
static void
period_set(enum period_kind kind, int year, int n, struct period *p)
{
	int len = period_months[kind], m = (n - 1) * len + 1, end = m + len, w;

	p->kind = kind;
	p->from = when_from_local(year, m, 1, 0, 0, 0);
	p->to = when_from_local(
	    end > 12 ? year + 1 : year, end > 12 ? end - 12 : end, 1, 0, 0, 0);
	/* year is 4 digits and n at most 12 (period_parse): never truncated. */
	if (kind == PERIOD_MONTH)
		w = snprintf(p->label, sizeof p->label, "%04d-%02d", year, n);
	else if (kind == PERIOD_YEAR)
		w = snprintf(p->label, sizeof p->label, "%04d", year);
	else
		w = snprintf(p->label, sizeof p->label, "%04d-%c%d", year,
		    period_letter[kind], n);
	if (w < 0 || (size_t)w >= sizeof p->label)
		p->label[0] = '\0';
}

/* Exactly `len` digits at *s into *v; advances *s.  0 or -1. */
static int
period_digits(const char **s, int len, int *v)
{
	*v = 0;
	for (int i = 0; i < len; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return -1;
		*v = *v * 10 + (**s - '0');
	}
	return 0;
}

int
period_parse(
    enum period_kind kind, const char *s, struct period *p, struct lx_err *err)
{
	const char *q = s;
	int year, n = 1, max = 12 / period_months[kind];
	int64_t from, to;

	/* A month as people write it too: YYYY-MM or MM/YYYY (when.c). */
	if (kind == PERIOD_MONTH) {
		if (when_parse_month(s, &from, &to, err) == -1)
			return -1;
		period_of(PERIOD_MONTH, from, p);
		return 0;
	}
	if (period_digits(&q, 4, &year) == -1 || year < PERIOD_MIN_YEAR ||
	    year > PERIOD_MAX_YEAR)
		goto bad;
	if (kind != PERIOD_YEAR &&
	    (*q++ != '-' ||
	        toupper((unsigned char)*q++) != period_letter[kind] ||
	        period_digits(&q, 1, &n) == -1))
		goto bad;
	if (*q != '\0' || n < 1 || n > max)
		goto bad;
	period_set(kind, year, n, p);
	return 0;
bad:
	return lx_err_set(err, LX_E_ARG, "bad period '%.32s': expected %s", s,
	    period_forms[kind]);
}

void
period_of(enum period_kind kind, int64_t t, struct period *p)
{
	time_t s = (time_t)(t / WHEN_SEC);
	struct tm tm;

	localtime_r(&s, &tm);
	period_set(
	    kind, tm.tm_year + 1900, tm.tm_mon / period_months[kind] + 1, p);
}
