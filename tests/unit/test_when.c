/*
 * Unit tests for schedules/when.c: strict parsing of local dates, times
 * and months, and ISO/human formatting, in zones with and without DST.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../schedules/when.h"
#include "check.h"

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A UTC time as an instant, computed without mktime. */
static int64_t
U(int y, int mon, int d, int h, int m, int s)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm) * WHEN_SEC;
}

/* s parses to want (a UTC instant). */
static void
good(int line, const char *s, int64_t want)
{
	struct lx_err err;
	int64_t t;

	if (when_parse_local(s, &t, &err) == -1) {
		printf("line %d: '%s': %s\n", line, s, err.msg);
		failed = 1;
	} else if (t != want) {
		printf("line %d: '%s': %lld, want %lld\n", line, s,
		    (long long)t, (long long)want);
		failed = 1;
	}
}

/* s is refused with an LX_E_ARG message holding why. */
static void
bad(int line, const char *s, const char *why)
{
	struct lx_err err = {0, ""};
	int64_t t;

	if (when_parse_local(s, &t, &err) != -1 || err.code != LX_E_ARG ||
	    strstr(err.msg, why) == NULL) {
		printf("line %d: '%s': want error with '%s', got '%s'\n", line,
		    s, why, err.msg);
		failed = 1;
	}
}

#define GOOD(s, ...) good(__LINE__, s, U(__VA_ARGS__))
#define BAD(s, why) bad(__LINE__, s, why)

static void
test_parse_local(void)
{
	GOOD("2026-11-23 05:30:00", 2026, 11, 22, 22, 30, 0);
	GOOD("2026-11-23T05:30:07", 2026, 11, 22, 22, 30, 7);
	GOOD("2026-11-23 05:30", 2026, 11, 22, 22, 30, 0);
	GOOD("2026-11-23 5:30", 2026, 11, 22, 22, 30, 0);
	GOOD("2026-11-23", 2026, 11, 22, 17, 0, 0);
	GOOD("2028-02-29 00:00", 2028, 2, 28, 17, 0, 0);
	GOOD("2000-02-29", 2000, 2, 28, 17, 0, 0);
	GOOD("2026-12-31 23:59:59", 2026, 12, 31, 16, 59, 59);
	BAD("2026-02-30", "2026-02 has no day 30");
	BAD("2026-02-29", "no day 29");
	BAD("2100-02-29", "no day 29");
	BAD("2026-04-31", "no day 31");
	BAD("2026-00-10", "no month 00");
	BAD("2026-13-10", "no month 13");
	BAD("2026-11-00", "no day 00");
	BAD("2026-11-23 24:00", "want 00-23 h");
	BAD("2026-11-23 23:60", "bad time");
	BAD("2026-11-23 23:59:60", "bad time");
	BAD("2026-11-23 05:30:00 ", "expected");
	BAD("2026-11-23x", "expected");
	BAD("2026-11-23 05:30:00.5", "expected");
	BAD("2026-11-23 05", "expected");
	BAD("2026-11-23 05:3", "expected");
	BAD("2026-11-23  05:30", "expected");
	BAD("2026-1-23", "expected");
	BAD("26-11-23", "expected");
	BAD("+026-11-23", "expected");
	BAD("2026/11/23", "expected");
	BAD("", "expected");
	BAD("1969-12-31", "year 1969");
}

static void
test_parse_clock(void)
{
	struct lx_err err;
	int s;

	CHECK(when_parse_clock("05:30", &s, &err) == 0);
	CHECK_EQ(s, 5 * 3600 + 30 * 60);
	CHECK(when_parse_clock("23:59:59", &s, &err) == 0);
	CHECK_EQ(s, 86399);
	CHECK(when_parse_clock("0:00", &s, &err) == 0);
	CHECK_EQ(s, 0);
	CHECK(when_parse_clock("24:00", &s, &err) == -1);
	CHECK(err.code == LX_E_ARG);
	CHECK(when_parse_clock("12:60", &s, &err) == -1);
	CHECK(when_parse_clock("12:00:60", &s, &err) == -1);
	CHECK(when_parse_clock("12", &s, &err) == -1);
	CHECK(when_parse_clock("12:0", &s, &err) == -1);
	CHECK(when_parse_clock("123:00", &s, &err) == -1);
	CHECK(when_parse_clock("12:00:", &s, &err) == -1);
	CHECK(when_parse_clock("12:00am", &s, &err) == -1);
	CHECK(when_parse_clock("-1:00", &s, &err) == -1);
	CHECK(when_parse_clock("", &s, &err) == -1);
}

static void
test_months(void)
{
	struct lx_err err;
	int64_t from, to, f2, t2;
	char label[8];

	CHECK(when_parse_month("2026-11", &from, &to, &err) == 0);
	CHECK_EQ(from, U(2026, 10, 31, 17, 0, 0));
	CHECK_EQ(to, U(2026, 11, 30, 17, 0, 0));
	CHECK(when_parse_month("2026-12", &from, &to, &err) == 0);
	CHECK_EQ(to, U(2026, 12, 31, 17, 0, 0));
	CHECK(when_parse_month("2026-13", &from, &to, &err) == -1);
	CHECK(when_parse_month("2026-1", &from, &to, &err) == -1);
	CHECK(when_parse_month("2026-11-01", &from, &to, &err) == -1);
	/* Day first, as Vietnamese writes it. */
	CHECK(when_parse_month("11/2026", &f2, &t2, &err) == 0);
	CHECK(when_parse_month("2026-11", &from, &to, &err) == 0);
	CHECK_EQ(f2, from);
	CHECK_EQ(t2, to);
	CHECK(when_parse_month("1/2027", &f2, &t2, &err) == 0);
	CHECK_EQ(f2, U(2026, 12, 31, 17, 0, 0));
	CHECK(when_parse_month("13/2026", &f2, &t2, &err) == -1);
	CHECK(when_parse_month("11/26", &f2, &t2, &err) == -1);
	CHECK(when_parse_month("11/20261", &f2, &t2, &err) == -1);
	CHECK(when_parse_month("/2026", &f2, &t2, &err) == -1);
	when_month_of(U(2026, 11, 30, 16, 59, 59), &f2, &t2, label);
	CHECK_STR(label, "2026-11");
	when_month_of(U(2026, 11, 30, 17, 0, 0), &f2, &t2, label);
	CHECK_STR(label, "2026-12");
	CHECK_EQ(f2, U(2026, 11, 30, 17, 0, 0));
	CHECK_EQ(when_day_start(U(2026, 11, 23, 16, 59, 0)),
	    U(2026, 11, 22, 17, 0, 0));
	CHECK_EQ(when_day_start(U(2026, 11, 23, 17, 0, 0)),
	    U(2026, 11, 23, 17, 0, 0));
}

static void
test_format(void)
{
	char s[48];
	int64_t t = U(2026, 11, 22, 22, 30, 0) + 123;

	when_format_iso(t, s, sizeof s);
	CHECK_STR(s, "2026-11-23T05:30:00.000123+07:00");
	when_format_human(t, s, sizeof s);
	CHECK_STR(s, "2026-11-23 05:30:00");
	when_format_iso(-1, s, sizeof s);
	CHECK_STR(s, "1970-01-01T07:59:59.999999+08:00");
	zone("America/New_York");
	when_format_iso(t, s, sizeof s);
	CHECK_STR(s, "2026-11-22T17:30:00.000123-05:00");
	zone("Asia/Kolkata");
	when_format_iso(t, s, sizeof s);
	CHECK_STR(s, "2026-11-23T04:00:00.000123+05:30");
	zone("Asia/Ho_Chi_Minh");
	CHECK(when_now() > U(2024, 1, 1, 0, 0, 0));
}

static void
test_dst(void)
{
	char s[48];

	zone("Europe/Berlin");
	GOOD("2026-03-29 01:59:59", 2026, 3, 29, 0, 59, 59);
	GOOD("2026-03-29 03:00", 2026, 3, 29, 1, 0, 0);
	BAD("2026-03-29 02:30", "skipped by a DST change");
	GOOD("2026-03-29", 2026, 3, 28, 23, 0, 0);
	GOOD("2026-10-25 04:00", 2026, 10, 25, 3, 0, 0);
	when_format_iso(U(2026, 7, 1, 10, 0, 0), s, sizeof s);
	CHECK_STR(s, "2026-07-01T12:00:00.000000+02:00");
	when_format_iso(U(2026, 1, 1, 10, 0, 0), s, sizeof s);
	CHECK_STR(s, "2026-01-01T11:00:00.000000+01:00");
	/* A day 23 hours long. */
	CHECK_EQ(
	    when_day_start(U(2026, 3, 29, 12, 0, 0)), U(2026, 3, 28, 23, 0, 0));
	CHECK_EQ(when_day_start(U(2026, 3, 30, 12, 0, 0)) -
	        when_day_start(U(2026, 3, 29, 12, 0, 0)),
	    23 * 3600 * WHEN_SEC);
	/* Havana's clocks go from 00:00 to 01:00: the day starts at 01:00. */
	zone("America/Havana");
	GOOD("2026-03-08", 2026, 3, 8, 5, 0, 0);
	zone("Asia/Ho_Chi_Minh");
}

static void
test_parse_tm(void)
{
	struct lx_err err;
	struct tm tm;
	int timed;

	CHECK(when_parse_tm("2026-11-23T05:30", &tm, &timed, &err) == 0);
	CHECK(timed == 1 && tm.tm_year == 126 && tm.tm_mon == 10 &&
	    tm.tm_mday == 23 && tm.tm_hour == 5 && tm.tm_min == 30 &&
	    tm.tm_sec == 0 && tm.tm_isdst == -1);
	CHECK(when_parse_tm("2026-11-23", &tm, &timed, &err) == 0);
	CHECK(timed == 0 && tm.tm_hour == 0);
	/* Not converted, so a time DST skips is kept as typed. */
	zone("Europe/Berlin");
	CHECK(when_parse_tm("2026-03-29 02:30", &tm, NULL, &err) == 0);
	CHECK(tm.tm_hour == 2 && tm.tm_min == 30);
	zone("Asia/Ho_Chi_Minh");
	CHECK(when_parse_tm("2026-02-29 02:30", &tm, NULL, NULL) == -1);
	/* Day first: DD/MM/YYYY, D/M/YYYY, with a time or not. */
	CHECK(when_parse_tm("23/11/2026 05:30", &tm, &timed, &err) == 0);
	CHECK(timed == 1 && tm.tm_year == 126 && tm.tm_mon == 10 &&
	    tm.tm_mday == 23 && tm.tm_hour == 5 && tm.tm_min == 30);
	CHECK(when_parse_tm("1/2/2027", &tm, &timed, &err) == 0);
	CHECK(timed == 0 && tm.tm_year == 127 && tm.tm_mon == 1 &&
	    tm.tm_mday == 1);
	CHECK(when_parse_tm("30/02/2026", &tm, NULL, NULL) == -1);
	CHECK(when_parse_tm("23/13/2026", &tm, NULL, NULL) == -1);
	CHECK(when_parse_tm("23/11/26", &tm, NULL, NULL) == -1);
	CHECK(when_parse_tm("23/11-2026", &tm, NULL, NULL) == -1);
	CHECK(when_parse_tm("123/11/2026", &tm, NULL, NULL) == -1);
}

/* Dates for people, in the C locale (English keeps ISO order). */
static void
test_format_people(void)
{
	struct tm tm = {.tm_year = 126,
	    .tm_mon = 11,
	    .tm_mday = 1,
	    .tm_hour = 17,
	    .tm_min = 5,
	    .tm_sec = 9};
	char out[32], tiny[8];

	when_format_tm(&tm, 0, out, sizeof out);
	CHECK_STR(out, "2026-12-01");
	when_format_tm(&tm, 1, out, sizeof out);
	CHECK_STR(out, "2026-12-01 17:05:09");
	when_format_tm(&tm, 1, tiny, sizeof tiny);
	CHECK_STR(tiny, "");
	when_format_human(U(2026, 11, 30, 17, 0, 0), out, sizeof out);
	CHECK_STR(out, "2026-12-01 00:00:00");
}

int
main(void)
{
	zone("Asia/Ho_Chi_Minh");
	test_parse_local();
	test_parse_clock();
	test_months();
	test_format();
	test_dst();
	test_parse_tm();
	test_format_people();
	printf("%s\n", failed ? "FAIL" : "ok");
	return failed;
}
