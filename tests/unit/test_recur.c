/*
 * Unit tests for schedules/recur.c: rules expanded to instants in real
 * zones (Asia/Ho_Chi_Minh, Europe/Berlin), the friendly form, malformed
 * rules, and jumps checked against a plain walk with libical.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "../../schedules/recur.h"
#include "../../schedules/when.h"
#include "check.h"

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A local "YYYY-MM-DD HH:MM[:SS]" as an instant; it must parse. */
static int64_t
L(const char *s)
{
	struct lx_err err;
	int64_t t = 0;

	if (when_parse_local(s, &t, &err) == -1) {
		printf("bad test time '%s': %s\n", s, err.msg);
		failed = 1;
	}
	return t;
}

/* A UTC time as an instant, computed without mktime. */
static int64_t
U(int y, int mon, int d, int h, int m)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = m;
	return (int64_t)timegm(&tm) * WHEN_SEC;
}

/* The occurrences of dtstart+rule after `after`: want (NULL-ended), then
 * none if `end`. */
static void
expect(int line, const char *dtstart, const char *rule, const char *after,
    const char *const *want, int end)
{
	struct lx_err err;
	struct recur *r = recur_new(dtstart, rule, &err);
	int64_t t = L(after), got = 0;
	int i;

	if (r == NULL) {
		printf("line %d: recur_new(%s, %s): %s\n", line, dtstart, rule,
		    err.msg);
		failed = 1;
		return;
	}
	for (i = 0; want[i] != NULL; i++, t = got) {
		if (!recur_next(r, t, &got) || got != L(want[i])) {
			char s[40];

			when_format_human(got, s, sizeof s);
			printf("line %d: %s %s: #%d want %s, got %s\n", line,
			    dtstart, rule, i, want[i], s);
			failed = 1;
			break;
		}
	}
	if (end && want[i] == NULL && recur_next(r, t, &got)) {
		printf("line %d: %s %s: more than expected\n", line, dtstart,
		    rule);
		failed = 1;
	}
	recur_free(r);
}

#define EXPECT(dtstart, rule, after, end, ...)                                 \
	expect(__LINE__, dtstart, rule, after,                                 \
	    (const char *const[]){__VA_ARGS__, NULL}, end)

static void
test_month_ends(void)
{
	EXPECT("2026-01-31T05:30:00", "FREQ=MONTHLY", "2026-01-01", 0,
	    "2026-01-31 05:30", "2026-03-31 05:30", "2026-05-31 05:30",
	    "2026-07-31 05:30", "2026-08-31 05:30", "2026-10-31 05:30");
	EXPECT("2026-01-01T17:00:00", "FREQ=MONTHLY;BYMONTHDAY=31",
	    "2026-01-01", 0, "2026-01-31 17:00", "2026-03-31 17:00",
	    "2026-05-31 17:00");
	EXPECT("2026-01-01T17:00:00", "FREQ=MONTHLY;BYMONTHDAY=-1",
	    "2026-01-01", 0, "2026-01-31 17:00", "2026-02-28 17:00",
	    "2026-03-31 17:00", "2026-04-30 17:00");
	EXPECT("2027-12-01T05:30:00", "FREQ=MONTHLY;BYMONTHDAY=29",
	    "2027-12-01", 0, "2027-12-29 05:30", "2028-01-29 05:30",
	    "2028-02-29 05:30", "2028-03-29 05:30");
}

static void
test_leap_years(void)
{
	EXPECT("2028-02-29T05:30:00", "FREQ=YEARLY", "2028-01-01", 0,
	    "2028-02-29 05:30", "2032-02-29 05:30", "2036-02-29 05:30");
	/* From an old start, the jump lands on the right leap years. */
	EXPECT("2000-02-29T05:30:00", "FREQ=YEARLY", "2026-06-01", 0,
	    "2028-02-29 05:30", "2032-02-29 05:30");
	EXPECT("2096-02-29T05:30:00", "FREQ=YEARLY", "2096-03-01", 0,
	    "2104-02-29 05:30");
}

/* Expand the friendly form and check its airings after `after`. */
static void
friendly(int line, const char *at, const char *days, const char *from,
    const char *until, const char *after, const char *const *want)
{
	char dtstart[RECUR_DTSTART_LEN], rrule[LX_MAX_RRULE];
	struct lx_err err;

	if (recur_friendly(at, days, from, until, L("2026-11-20"), dtstart,
	        rrule, sizeof rrule, &err) == -1) {
		printf("line %d: recur_friendly: %s\n", line, err.msg);
		failed = 1;
		return;
	}
	expect(line, dtstart, rrule, after, want, 1);
}

#define FRIENDLY(at, days, from, until, after, ...)                            \
	friendly(__LINE__, at, days, from, until, after,                       \
	    (const char *const[]){__VA_ARGS__, NULL})

static void
test_until_inclusive(void)
{
	FRIENDLY("05:30", NULL, "2026-11-20", "2026-11-22", "2026-11-01",
	    "2026-11-20 05:30", "2026-11-21 05:30", "2026-11-22 05:30");
	FRIENDLY("23:59:59", "daily", "2026-12-30", "2026-12-31", "2026-11-01",
	    "2026-12-30 23:59:59", "2026-12-31 23:59:59");
	FRIENDLY("17:00", "mon,wed,fri", "2026-11-23", "2026-11-27",
	    "2026-11-01", "2026-11-23 17:00", "2026-11-25 17:00",
	    "2026-11-27 17:00");
	FRIENDLY("05:30", NULL, "2026-11-22", "2026-11-22", "2026-11-01",
	    "2026-11-22 05:30");
	/* The form of UNTIL in a hand-written rule. */
	EXPECT("2026-11-20T05:30:00", "FREQ=DAILY;UNTIL=20261122", "2026-11-01",
	    1, "2026-11-20 05:30", "2026-11-21 05:30", "2026-11-22 05:30");
	EXPECT("2026-11-20T05:30:00", "FREQ=DAILY;UNTIL=20261122T053000",
	    "2026-11-01", 1, "2026-11-20 05:30", "2026-11-21 05:30",
	    "2026-11-22 05:30");
	EXPECT("2026-11-20T05:30:00", "FREQ=DAILY;UNTIL=20261122T052959",
	    "2026-11-01", 1, "2026-11-20 05:30", "2026-11-21 05:30");
	/* 05:30 +07:00 is 22:30Z the day before. */
	EXPECT("2026-11-20T05:30:00", "FREQ=DAILY;UNTIL=20261121T223000Z",
	    "2026-11-01", 1, "2026-11-20 05:30", "2026-11-21 05:30",
	    "2026-11-22 05:30");
	EXPECT("2026-11-20T05:30:00", "FREQ=DAILY;UNTIL=20261121T222959Z",
	    "2026-11-01", 1, "2026-11-20 05:30", "2026-11-21 05:30");
}

static void
test_weekly_hcm(void)
{
	char dtstart[RECUR_DTSTART_LEN], rrule[LX_MAX_RRULE], iso[48];
	struct lx_err err;
	struct recur *r;
	int64_t t,
	    want[] = {U(2026, 11, 22, 22, 30), U(2026, 11, 24, 22, 30),
	        U(2026, 11, 26, 22, 30), U(2026, 11, 29, 22, 30)};

	CHECK(recur_friendly("05:30", "mon,wed,fri", "2026-11-23", NULL, 0,
	          dtstart, rrule, sizeof rrule, &err) == 0);
	CHECK_STR(dtstart, "2026-11-23T05:30:00");
	CHECK_STR(rrule, "FREQ=WEEKLY;BYDAY=MO,WE,FR");
	r = recur_new(dtstart, rrule, &err);
	CHECK(r != NULL);
	if (r == NULL)
		return;
	t = U(2026, 11, 1, 0, 0);
	for (int i = 0; i < 4; i++) {
		CHECK(recur_next(r, t, &t) == 1);
		CHECK_EQ(t, want[i]);
	}
	when_format_iso(want[0], iso, sizeof iso);
	CHECK_STR(iso, "2026-11-23T05:30:00.000000+07:00");
	recur_free(r);
}

/* libical skips a DTSTART whose weekday is not in BYDAY: only listed days
 * air (2026-11-24 is a Tuesday). */
static void
test_dtstart_off_byday(void)
{
	struct recur *r;
	struct lx_err err;
	int64_t t;

	EXPECT("2026-11-24T05:30:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
	    "2026-11-01", 0, "2026-11-25 05:30", "2026-11-27 05:30",
	    "2026-11-30 05:30");
	FRIENDLY("05:30", "fri", "2026-11-24", "2026-12-04", "2026-11-01",
	    "2026-11-27 05:30", "2026-12-04 05:30");
	/* COUNT counts only the days that air. */
	EXPECT("2026-11-24T05:30:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=3",
	    "2026-11-01", 1, "2026-11-25 05:30", "2026-11-27 05:30",
	    "2026-11-30 05:30");
	r = recur_new(
	    "2026-11-24T05:30:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR", &err);
	t = L("2026-11-01");
	for (int i = 0; r != NULL && i < 30; i++) {
		struct tm tm;
		time_t s;

		CHECK(recur_next(r, t, &t) == 1);
		s = (time_t)(t / WHEN_SEC);
		localtime_r(&s, &tm);
		CHECK(tm.tm_wday == 1 || tm.tm_wday == 3 || tm.tm_wday == 5);
		CHECK_EQ(tm.tm_hour * 60 + tm.tm_min, 5 * 60 + 30);
	}
	recur_free(r);
}

static void
test_once(void)
{
	struct lx_err err;
	struct recur *r = recur_new("2026-11-23 05:30:00", NULL, &err);
	int64_t t;

	CHECK(r != NULL);
	CHECK(recur_next(r, 0, &t) == 1);
	CHECK_EQ(t, U(2026, 11, 22, 22, 30));
	CHECK(recur_next(r, t - 1, &t) == 1);
	CHECK(recur_next(r, t, &t) == 0);
	recur_free(r);
	r = recur_new("2026-11-23T05:30", "", &err);
	CHECK(r != NULL);
	CHECK(recur_next(r, L("2026-11-23 05:29:59"), &t) == 1);
	CHECK(recur_next(r, L("2026-11-23 05:30"), &t) == 0);
	recur_free(r);
}

/* Three schedules merged into one timeline, as `schedule next` does. */
static void
test_merge(void)
{
	static const char *const want[] = {"2026-11-23 05:30",
	    "2026-11-23 17:00", "2026-11-24 09:00", "2026-11-24 17:00",
	    "2026-11-25 05:30", "2026-11-25 17:00", "2026-11-26 17:00",
	    "2026-11-27 05:30", "2026-11-27 17:00", "2026-11-30 05:30"};
	static const int who[] = {0, 1, 2, 1, 0, 1, 1, 0, 1, 0};
	struct recur *r[3];
	struct lx_err err;
	int64_t next[3], after = L("2026-11-23");
	int more[3];

	r[0] = recur_new(
	    "2026-11-23T05:30:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR", &err);
	r[1] = recur_new(
	    "2026-11-23T17:00:00", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", &err);
	r[2] = recur_new("2026-11-24T09:00:00", NULL, &err);
	for (int i = 0; i < 3; i++)
		more[i] = recur_next(r[i], after, &next[i]);
	for (int n = 0; n < 10; n++) {
		int best = -1;

		for (int i = 0; i < 3; i++)
			if (more[i] && (best < 0 || next[i] < next[best]))
				best = i;
		CHECK(best == who[n]);
		if (best < 0)
			break;
		CHECK_EQ(next[best], L(want[n]));
		more[best] = recur_next(r[best], next[best], &next[best]);
	}
	for (int i = 0; i < 3; i++)
		recur_free(r[i]);
}

static void
bad(int line, const char *dtstart, const char *rule, const char *why)
{
	struct lx_err err = {0, ""};
	struct recur *r = recur_new(dtstart, rule, &err);

	if (r != NULL || err.code != LX_E_ARG || strstr(err.msg, why) == NULL) {
		printf("line %d: '%s' '%s': want error with '%s', got %s "
		       "(code %d)\n",
		    line, dtstart, rule, why, r != NULL ? "success" : err.msg,
		    err.code);
		failed = 1;
	}
	recur_free(r);
}

#define BAD(rule, why) bad(__LINE__, "2026-11-23T05:30:00", rule, why)

static void
test_malformed(void)
{
	BAD("FREQ=FOO", "bad rrule 'FREQ=FOO': unknown FREQ 'FOO'");
	BAD("FREQ=SECONDLY", "finer than a minute");
	BAD("FREQ=MINUTELY;BYSECOND=0,30", "finer than a minute");
	BAD("BYDAY=MO", "no FREQ");
	BAD("FREQ=DAILY;FREQ=WEEKLY", "FREQ given twice");
	BAD("FREQ=DAILY;COUNT=2;UNTIL=20270101", "COUNT and UNTIL");
	BAD("FREQ=DAILY;COUNT=0", "COUNT is not in");
	BAD("FREQ=DAILY;COUNT=100001", "COUNT is not in");
	BAD("FREQ=DAILY;INTERVAL=0", "INTERVAL is not in");
	BAD("FREQ=DAILY;INTERVAL=2x", "INTERVAL is not in");
	BAD("FREQ=WEEKLY;BYDAY=XX", "BYDAY item 'XX'");
	BAD("FREQ=WEEKLY;BYDAY=MO,", "BYDAY item ''");
	BAD("FREQ=WEEKLY;BYDAY=1MO", "numbered BYDAY:");
	BAD("FREQ=MONTHLY;BYDAY=54MO", "BYDAY item '54MO'");
	BAD("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY item '32'");
	BAD("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY item '0'");
	BAD("FREQ=YEARLY;BYMONTH=13", "BYMONTH item '13'");
	BAD("FREQ=YEARLY;BYMONTH=-1", "BYMONTH item '-1'");
	BAD("FREQ=DAILY;BYHOUR=5,", "BYHOUR item ''");
	BAD("FREQ=DAILY;BYHOUR=24", "BYHOUR item '24'");
	BAD("FREQ=DAILY;UNTIL=20261301", "UNTIL is not");
	BAD("FREQ=DAILY;UNTIL=2026", "UNTIL is not");
	BAD("FREQ=DAILY;UNTIL=20261231T240000", "UNTIL is not");
	BAD("FREQ=DAILY;", "'' is not NAME=VALUE");
	BAD("FREQ", "'FREQ' is not NAME=VALUE");
	BAD("FREQ=DAILY; BYHOUR=5", "space");
	BAD("FREQ=DAILY;RSCALE=GREGORIAN", "'RSCALE' is unknown");
	BAD("FREQ=DAILY;FOO=1", "'FOO' is unknown");
	BAD("FREQ=DAILY;WKST=XX", "WKST");
	BAD("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed");
	BAD("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO is not allowed");
	BAD("FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY is not allowed");
	BAD("FREQ=YEARLY;BYYEARDAY=1;BYMONTH=2", "libical cannot do");
	BAD("FREQ=YEARLY;BYWEEKNO=2;BYMONTH=2", "libical cannot do");
	bad(__LINE__, "2026-02-30T05:30:00", "FREQ=DAILY", "no day 30");
	bad(__LINE__, "2026-11-23", "FREQ=DAILY", "bad start");
	bad(__LINE__, "2026-11-23T24:00:00", "FREQ=DAILY", "bad time");
	bad(__LINE__, "2026-11-23T05:30:00x", "FREQ=DAILY", "expected");
}

static void
test_odd_but_fine(void)
{
	EXPECT("2026-11-23T05:30:00", "freq=weekly;byday=mo,fr", "2026-11-23",
	    0, "2026-11-23 05:30", "2026-11-27 05:30", "2026-11-30 05:30");
	EXPECT("2026-11-23T05:30:00", "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=5,17",
	    "2026-11-23", 0, "2026-11-27 05:30", "2026-11-27 17:30",
	    "2026-12-25 05:30");
	EXPECT("2026-11-23T05:30:00", "FREQ=DAILY;BYMONTHDAY=+1", "2026-11-23",
	    0, "2026-12-01 05:30");
	EXPECT("2026-11-23T05:30:00", "FREQ=HOURLY;INTERVAL=6", "2026-11-23", 0,
	    "2026-11-23 05:30", "2026-11-23 11:30", "2026-11-23 17:30",
	    "2026-11-23 23:30");
}

static void
friendly_bad(int line, const char *at, const char *days, const char *from,
    const char *until, const char *why)
{
	char dtstart[RECUR_DTSTART_LEN], rrule[LX_MAX_RRULE];
	struct lx_err err = {0, ""};

	if (recur_friendly(at, days, from, until, L("2026-11-20"), dtstart,
	        rrule, sizeof rrule, &err) != -1 ||
	    err.code != LX_E_ARG || strstr(err.msg, why) == NULL) {
		printf("line %d: want error with '%s', got '%s'\n", line, why,
		    err.msg);
		failed = 1;
	}
}

/* Each spelling of --days, and the rule it must make. */
static void
test_days_spellings(void)
{
	static const struct {
		const char *days, *rule;
	} cases[] = {
	    {"mon,wed,fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"t2,t4,t6", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"T2, T4, T6", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"mon, wed ,fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"thu2,thu4,thu6", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"Monday,Wednesday,Friday", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"thứ Hai, thứ Tư, thứ Sáu", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"thứ 2,thứ 4,thứ 6", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"THỨ HAI,THỨ TƯ,THỨ SÁU", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    /* the same, decomposed (NFD): u + horn + acute, ... */
	    {"th\x75\xcc\x9b\xcc\x81 hai,th\x75\xcc\x9b tu\xcc\x9b,"
	     "th\x75\xcc\x9b\xcc\x81 sa\xcc\x81u",
	        "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"fri,mon,wed", "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
	    {"mon-fri", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"t2-t6", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"T2 - T6", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"t2–t6", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"thứ 2 đến thứ 6", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"từ thứ Hai đến thứ Sáu", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"ngày thường", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
	    {"t7,cn", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"sat-sun", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"thứ 7, Chủ nhật", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"thu7,chunhat", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"weekend", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"cuối tuần", "FREQ=WEEKLY;BYDAY=SA,SU"},
	    {"sat-mon", "FREQ=WEEKLY;BYDAY=MO,SA,SU"},
	    {"cn-t2", "FREQ=WEEKLY;BYDAY=MO,SU"},
	    {"thu", "FREQ=WEEKLY;BYDAY=TH"},
	    {"t5", "FREQ=WEEKLY;BYDAY=TH"},
	    {"thứ năm", "FREQ=WEEKLY;BYDAY=TH"},
	    {"t4", "FREQ=WEEKLY;BYDAY=WE"},
	    {"thứ tư", "FREQ=WEEKLY;BYDAY=WE"},
	    {"daily", "FREQ=DAILY"},
	    {"DAILY", "FREQ=DAILY"},
	    {"hằng ngày", "FREQ=DAILY"},
	    {"mon-sun", "FREQ=DAILY"},
	    {"t2-cn", "FREQ=DAILY"},
	    {"weekdays,weekend", "FREQ=DAILY"},
	    {"t2,t3,t4,t5,t6,t7,cn", "FREQ=DAILY"},
	};
	/* What is no day, and what the refusal says. */
	static const struct {
		const char *days, *why;
	} bad[] = {
	    {"mon,mon", "Monday is given twice"},
	    {"mon,Mon", "Monday is given twice"},
	    {"mon-fri,t4", "Wednesday is given twice"},
	    {"daily,mon", "Monday is given twice"},
	    {"mon,foo", "'foo' is not a day"},
	    {"mon,,tue", "'' is not a day"},
	    {"", "'' is not a day"},
	    {"mon,", "'' is not a day"},
	    {"t8", "'t8' is not a day"},
	    {"t1", "'t1' is not a day"},
	    {"thứ,t2", "'thứ' is not a day"},
	    {"lundi", "'lundi' is not a day"},
	    {"mon-", "'mon-' is not a day"},
	    {"mon-fri-sun", "'mon-fri-sun' is not a day"},
	    {"mon;wed", "'mon;wed' is not a day"},
	    {"mon wed", "'mon wed' is not a day"},
	};
	char dtstart[RECUR_DTSTART_LEN], rrule[LX_MAX_RRULE];
	struct lx_err err;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		friendly_bad(
		    __LINE__, "05:30", bad[i].days, NULL, NULL, bad[i].why);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (recur_friendly("05:30", cases[i].days, "2026-11-23", NULL,
		        0, dtstart, rrule, sizeof rrule, &err) != 0) {
			printf("--days '%s': %s\n", cases[i].days, err.msg);
			failed = 1;
			continue;
		}
		if (strcmp(rrule, cases[i].rule) != 0) {
			printf("--days '%s': '%s', want '%s'\n", cases[i].days,
			    rrule, cases[i].rule);
			failed = 1;
		}
	}
}

static void
test_friendly_forms(void)
{
	char dtstart[RECUR_DTSTART_LEN], rrule[LX_MAX_RRULE], small[16];
	struct lx_err err;

	CHECK(recur_friendly("5:30", "Fri,mon,WED", "2026-11-23", "2026-12-31",
	          0, dtstart, rrule, sizeof rrule, &err) == 0);
	CHECK_STR(dtstart, "2026-11-23T05:30:00");
	CHECK_STR(rrule, "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959");
	CHECK(recur_friendly("17:00:30", "DAILY", NULL, NULL,
	          L("2026-11-24 23:59"), dtstart, rrule, sizeof rrule,
	          &err) == 0);
	CHECK_STR(dtstart, "2026-11-24T17:00:30");
	CHECK_STR(rrule, "FREQ=DAILY");
	CHECK(recur_friendly("05:30", "sun,sat,fri,thu,wed,tue,mon", NULL, NULL,
	          L("2026-11-24"), dtstart, rrule, sizeof rrule, &err) == 0);
	CHECK_STR(rrule, "FREQ=DAILY");
	CHECK(recur_friendly("05:30", NULL, NULL, "2026-12-31", 0, dtstart,
	          small, sizeof small, &err) == -1);
	friendly_bad(__LINE__, "24:00", NULL, NULL, NULL, "bad time '24:00'");
	friendly_bad(__LINE__, "05:60", NULL, NULL, NULL, "bad time");
	friendly_bad(__LINE__, "05:30x", NULL, NULL, NULL, "expected HH:MM");
	friendly_bad(__LINE__, "0530", NULL, NULL, NULL, "expected HH:MM");
	friendly_bad(__LINE__, "05:30", NULL, "2026-02-30", NULL,
	    "2026-02 has no day 30");
	friendly_bad(
	    __LINE__, "05:30", NULL, "2026-11-23 05:00", NULL, "bad --from");
	friendly_bad(__LINE__, "05:30", NULL, "2026-12-01", "2026-11-30",
	    "--until 2026-11-30 is before");
	friendly_bad(__LINE__, "05:30", NULL, NULL, "2026-11-19",
	    "--until 2026-11-19 is before the first day, 2026-11-20");
	friendly_bad(__LINE__, "05:30", NULL, NULL, "2026-13-01", "no month");
}

static void
test_dtstart(void)
{
	char out[RECUR_DTSTART_LEN];
	struct lx_err err;

	CHECK(recur_dtstart("2026-11-23 05:30", out, &err) == 0);
	CHECK_STR(out, "2026-11-23T05:30:00");
	CHECK(recur_dtstart("2026-11-23T05:30:07", out, &err) == 0);
	CHECK_STR(out, "2026-11-23T05:30:07");
	CHECK(recur_dtstart("2026-11-23", out, &err) == -1);
	CHECK(recur_dtstart("2026-11-23 24:00", out, &err) == -1);
	CHECK(recur_dtstart("2026-11-23 05:30 ", out, &err) == -1);
	CHECK(recur_dtstart("2025-02-29 05:30", out, &err) == -1);
}

/* Local wall-clock times hold across Berlin's DST changes. */
static void
test_dst_berlin(void)
{
	struct lx_err err;
	struct recur *r;
	int64_t t;
	int64_t want[] = {U(2026, 3, 28, 4, 30), U(2026, 3, 29, 3, 30),
	    U(2026, 3, 30, 3, 30), U(2026, 10, 24, 3, 30),
	    U(2026, 10, 25, 4, 30)};

	zone("Europe/Berlin");
	r = recur_new("2026-03-28T05:30:00", "FREQ=DAILY", &err);
	CHECK(r != NULL);
	t = U(2026, 3, 1, 0, 0);
	for (int i = 0; r != NULL && i < 5; i++) {
		if (i == 3)
			t = U(2026, 10, 24, 0, 0);
		CHECK(recur_next(r, t, &t) == 1);
		CHECK_EQ(t, want[i]);
	}
	recur_free(r);
	EXPECT("2026-03-23T05:30:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
	    "2026-03-24", 0, "2026-03-25 05:30", "2026-03-27 05:30",
	    "2026-03-30 05:30", "2026-04-01 05:30");
	/* A jump from an old start lands on the right side of the change. */
	EXPECT("2020-01-01T05:30:00", "FREQ=DAILY", "2026-03-28 06:00", 0,
	    "2026-03-29 05:30", "2026-03-30 05:30");
	EXPECT("2020-01-01T05:30:00", "FREQ=HOURLY;INTERVAL=12", "2026-10-25",
	    0, "2026-10-25 05:30", "2026-10-25 17:30");
	zone("Asia/Ho_Chi_Minh");
}

static void
test_never(void)
{
	struct lx_err err;
	struct recur *r;
	int64_t t, t0 = when_now();

	r = recur_new("2026-01-01T05:30:00",
	    "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2", &err);
	CHECK(r != NULL);
	CHECK(r != NULL && recur_next(r, 0, &t) == 0);
	recur_free(r);
	r = recur_new("2026-01-01T05:30:00",
	    "FREQ=DAILY;BYMONTH=2,11;BYMONTHDAY=31,-31", &err);
	CHECK(r != NULL && recur_next(r, 0, &t) == 0);
	recur_free(r);
	CHECK(when_now() - t0 < WHEN_SEC / 10);
	/* libical's own bound: no fifth... sixth Monday before 20000. */
	r = recur_new(
	    "2026-01-01T05:30:00", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", &err);
	CHECK(r != NULL && recur_next(r, 0, &t) == 0);
	CHECK(r != NULL && recur_next(r, L("2030-01-01"), &t) == 0);
	recur_free(r);
	/* An UNTIL before DTSTART. */
	r = recur_new("2026-01-01T05:30:00", "FREQ=DAILY;UNTIL=20251231", &err);
	CHECK(r != NULL && recur_next(r, 0, &t) == 0);
	recur_free(r);
	/* Leap days only, then a gap of eight years at 2100. */
	EXPECT("2096-02-01T05:30:00", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29",
	    "2096-01-01", 0, "2096-02-29 05:30", "2104-02-29 05:30");
}

static const char *const walk_rules[] = {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;BYHOUR=5,17;BYMINUTE=0,30", "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,MO;WKST=SU", "FREQ=MONTHLY",
    "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,-1",
    "FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=2;BYMONTH=1,7;BYDAY=1SU",
    "FREQ=YEARLY;BYYEARDAY=100,-1", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
    "FREQ=HOURLY", "FREQ=HOURLY;INTERVAL=5",
    "FREQ=HOURLY;INTERVAL=7;BYHOUR=5,17", "FREQ=HOURLY;BYHOUR=5,17",
    "FREQ=HOURLY;INTERVAL=5;BYHOUR=9,10,11",
    "FREQ=MINUTELY;INTERVAL=50;BYHOUR=7,8,9", "FREQ=MINUTELY;INTERVAL=7",
    "FREQ=MINUTELY;INTERVAL=45;BYHOUR=5,6", "FREQ=DAILY;BYDAY=MO,FR;COUNT=500",
    "FREQ=HOURLY;INTERVAL=5;COUNT=3000", "FREQ=DAILY;UNTIL=20270315T053000",
    NULL};

/* The occurrences of dtstart+rule by a plain libical walk, up to 2040 or
 * n of them; *whole says whether that is all of them. */
static int
walk(const char *dtstart, const char *rule, int64_t *all, int n, int *whole)
{
	struct icaltimetype t = icaltime_from_string(dtstart);
	icalrecur_iterator *it;
	int i = 0;

	it = icalrecur_iterator_new(icalrecurrencetype_from_string(rule), t);
	*whole = 0;
	while (it != NULL && i < n) {
		t = icalrecur_iterator_next(it);
		*whole = icaltime_is_null_time(t);
		if (*whole || t.year > 2040)
			break;
		all[i++] = when_from_local(
		    t.year, t.month, t.day, t.hour, t.minute, t.second);
	}
	icalrecur_iterator_free(it);
	return i;
}

/* recur_next(after) is the first walked occurrence after `after`, for
 * random `after` going forwards and backwards. */
static void
test_jumps(void)
{
	static int64_t all[20000];
	struct lx_err err;

	srand(5545);
	for (int i = 0; walk_rules[i] != NULL; i++) {
		const char *rule = walk_rules[i];
		int64_t t = 0;
		struct recur *r = recur_new("2024-01-31T05:30:00", rule, &err);
		int ended, n;

		n = walk("20240131T053000", rule, all, 20000, &ended);
		CHECK(r != NULL && n > 10);
		for (int k = 0; r != NULL && k < 200; k++) {
			int j = rand() % (ended ? n : n - 1), e = 0, got;
			int64_t after = all[j];

			if (k % 3 == 1)
				after--;
			if (k % 3 == 2)
				after -= rand() % (2 * 86400) * WHEN_SEC;
			while (e < n && all[e] <= after)
				e++;
			got = recur_next(r, after, &t);
			if (got != (e < n) || (got && t != all[e])) {
				printf("%s: after #%d: got %d %lld, want "
				       "%lld\n",
				    rule, j, got, (long long)t,
				    e < n ? (long long)all[e] : -1LL);
				failed = 1;
				break;
			}
		}
		CHECK(r != NULL && recur_next(r, INT64_MIN, &t) == 1 &&
		    t == all[0]);
		CHECK(r != NULL && recur_next(r, INT64_MAX - 1, &t) == 0);
		recur_free(r);
	}
}

int
main(void)
{
	FILE *errs = tmpfile();
	char buf[512];
	size_t n;

	/* libical must not print: catch anything written to stderr. */
	dup2(fileno(errs), 2);
	zone("Asia/Ho_Chi_Minh");
	test_month_ends();
	test_leap_years();
	test_until_inclusive();
	test_weekly_hcm();
	test_dtstart_off_byday();
	test_once();
	test_merge();
	test_malformed();
	test_odd_but_fine();
	test_friendly_forms();
	test_days_spellings();
	test_dtstart();
	test_dst_berlin();
	test_never();
	test_jumps();
	rewind(errs);
	while ((n = fread(buf, 1, sizeof buf, errs)) > 0) {
		printf("written to stderr: %.*s\n", (int)n, buf);
		failed = 1;
	}
	printf("%s\n", failed ? "FAIL" : "ok");
	return failed;
}
