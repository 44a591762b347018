/*
 * Instants and local time: the clock, strict parsing of what people type
 * and formatting of what people read.  Local time is the process's TZ,
 * through localtime_r and mktime (tm_isdst = -1); nothing else is local.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../proto/i18n.h"
#include "when.h"

#define WHEN_MIN_YEAR 1970
#define WHEN_MAX_YEAR 9999

int64_t
when_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * WHEN_SEC + ts.tv_nsec / 1000;
}

/* Read min to max decimal digits at *p into *v and step past them. */
static int
get_num(const char **p, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		*v = *v * 10 + ((*p)[n] - '0');
		n++;
	}
	*p += n;
	return n < min ? -1 : 0;
}

static int
days_in_month(int year, int mon)
{
	static const int days[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return mon == 2 && leap ? 29 : days[mon - 1];
}

/*
 * "YYYY-MM-DD", or day first "D[D]/M[M]/YYYY" as Vietnamese dates are
 * written, at *p into tm; the format only, ranges are checked after.
 */
static int
get_date(const char **p, struct tm *tm)
{
	const char *q = *p;
	int y, m, d;

	if (get_num(&q, 1, 2, &d) == 0 && *q == '/') {
		q++;
		if (get_num(&q, 1, 2, &m) == -1 || *q++ != '/' ||
		    get_num(&q, 4, 4, &y) == -1)
			return -1;
		*p = q;
	} else if (get_num(p, 4, 4, &y) == -1 || *(*p)++ != '-' ||
	    get_num(p, 2, 2, &m) == -1 || *(*p)++ != '-' ||
	    get_num(p, 2, 2, &d) == -1)
		return -1;
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	return 0;
}

/* "H[H]:MM[:SS]" at *p into tm. */
static int
get_clock(const char **p, struct tm *tm)
{
	if (get_num(p, 1, 2, &tm->tm_hour) == -1 || *(*p)++ != ':' ||
	    get_num(p, 2, 2, &tm->tm_min) == -1)
		return -1;
	tm->tm_sec = 0;
	if (**p == ':') {
		(*p)++;
		if (get_num(p, 2, 2, &tm->tm_sec) == -1)
			return -1;
	}
	return 0;
}

static int
check_date(const char *s, const struct tm *tm, struct lx_err *err)
{
	int y = tm->tm_year + 1900, m = tm->tm_mon + 1;

	if (y < WHEN_MIN_YEAR || y > WHEN_MAX_YEAR)
		return lx_err_set(err, LX_E_ARG,
		    _("bad date '%.64s': year %d is outside %d-%d"), s, y,
		    WHEN_MIN_YEAR, WHEN_MAX_YEAR);
	if (m < 1 || m > 12)
		return lx_err_set(
		    err, LX_E_ARG, _("bad date '%.64s': no month %02d"), s, m);
	if (tm->tm_mday < 1 || tm->tm_mday > days_in_month(y, m))
		return lx_err_set(err, LX_E_ARG,
		    _("bad date '%.64s': %04d-%02d has no day %02d"), s, y, m,
		    tm->tm_mday);
	return 0;
}

static int
check_clock(const char *s, const struct tm *tm, struct lx_err *err)
{
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 59)
		return lx_err_set(err, LX_E_ARG,
		    _("bad time '%.64s': want 00-23 h, 00-59 min and s"), s);
	return 0;
}

int
when_parse_tm(const char *s, struct tm *tm, int *has_time, struct lx_err *err)
{
	const char *p = s;
	int timed = 0;

	memset(tm, 0, sizeof *tm);
	tm->tm_isdst = -1;
	if (get_date(&p, tm) == -1)
		goto bad;
	if (*p == ' ' || *p == 'T') {
		p++;
		timed = 1;
		if (get_clock(&p, tm) == -1)
			goto bad;
	}
	if (*p != '\0')
		goto bad;
	if (has_time != NULL)
		*has_time = timed;
	if (check_date(s, tm, err) == -1)
		return -1;
	return check_clock(s, tm, err);
bad:
	return lx_err_set(err, LX_E_ARG,
	    _("bad date '%.64s': expected YYYY-MM-DD or DD/MM/YYYY, then "
	      "maybe HH:MM[:SS]"),
	    s);
}

int
when_parse_local(const char *s, int64_t *out, struct lx_err *err)
{
	struct tm tm, want;
	int timed;

	if (when_parse_tm(s, &tm, &timed, err) == -1)
		return -1;
	want = tm;
	*out = when_from_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	/* A time skipped by a DST change; a bare date means its start. */
	if (timed) {
		time_t t = (time_t)(*out / WHEN_SEC);

		localtime_r(&t, &tm);
		if (tm.tm_hour != want.tm_hour || tm.tm_min != want.tm_min)
			return lx_err_set(err, LX_E_ARG,
			    _("bad time '%.64s': skipped by a DST change"), s);
	}
	return 0;
}

int
when_parse_clock(const char *s, int *secs, struct lx_err *err)
{
	const char *p = s;
	struct tm tm;

	if (get_clock(&p, &tm) == -1 || *p != '\0')
		return lx_err_set(err, LX_E_ARG,
		    _("bad time '%.64s': expected HH:MM[:SS]"), s);
	if (check_clock(s, &tm, err) == -1)
		return -1;
	*secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

int
when_parse_month(const char *s, int64_t *from, int64_t *to, struct lx_err *err)
{
	const char *p = s;
	int y, m, ok;

	if (get_num(&p, 1, 2, &m) == 0 && *p == '/') { /* "M[M]/YYYY" */
		p++;
		ok = get_num(&p, 4, 4, &y) == 0;
	} else {
		p = s;
		ok = get_num(&p, 4, 4, &y) == 0 && *p++ == '-' &&
		    get_num(&p, 2, 2, &m) == 0;
	}
	if (!ok || *p != '\0')
		return lx_err_set(err, LX_E_ARG,
		    _("bad month '%.64s': expected YYYY-MM or MM/YYYY"), s);
	if (y < WHEN_MIN_YEAR || y > WHEN_MAX_YEAR || m < 1 || m > 12)
		return lx_err_set(
		    err, LX_E_ARG, _("bad month '%.64s': no such month"), s);
	*from = when_from_local(y, m, 1, 0, 0, 0);
	*to = when_from_local(
	    m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, 0, 0, 0);
	return 0;
}

/* The local broken-down time of t and its microseconds. */
static int
local_tm(int64_t t, struct tm *tm)
{
	int64_t secs = t / WHEN_SEC, us = t % WHEN_SEC;
	time_t tt;

	if (us < 0) {
		us += WHEN_SEC;
		secs--;
	}
	tt = (time_t)secs;
	localtime_r(&tt, tm);
	return (int)us;
}

void
when_month_of(int64_t t, int64_t *from, int64_t *to, char label[8])
{
	struct tm tm;

	local_tm(t, &tm);
	snprintf(label, 8, "%04u-%02u", (unsigned)(tm.tm_year + 1900) % 10000,
	    (unsigned)(tm.tm_mon + 1) % 100);
	when_parse_month(label, from, to, NULL);
}

int64_t
when_day_start(int64_t t)
{
	struct tm tm;

	local_tm(t, &tm);
	return when_from_local(
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0, 0);
}

void
when_format_iso(int64_t t, char *out, size_t n)
{
	struct tm tm;
	int us = local_tm(t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';

	if (off < 0)
		off = -off;
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, us, sign, off / 3600, off % 3600 / 60);
}

/* strftime into out, "" if it does not fit. */
static void
when_strftime(const char *fmt, const struct tm *tm, char *out, size_t n)
{
	if (n > 0 && strftime(out, n, fmt, tm) == 0)
		out[0] = '\0';
}

void
when_format_human(int64_t t, char *out, size_t n)
{
	struct tm tm;

	local_tm(t, &tm);
	when_format_tm(&tm, 1, out, n);
}

void
when_format_tm(const struct tm *tm, int with_time, char *out, size_t n)
{
	/* TRANSLATORS: strftime formats of a date, and of a date and
	   24-hour time, in tables; Vietnamese writes "%d/%m/%Y". */
	const char *fmt = with_time ? _("%Y-%m-%d %H:%M:%S") : _("%Y-%m-%d");

	when_strftime(fmt, tm, out, n);
}

int64_t
when_from_local(int year, int mon, int day, int h, int m, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * WHEN_SEC;
}
