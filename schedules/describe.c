/*
 * Rules in words: the RRULE read by rrule.c, then a phrase chosen by its
 * frequency, days and interval, each one a whole translatable sentence
 * piece so that a language can order it its own way.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "../proto/i18n.h"
#include "days.h"
#include "describe.h"
#include "rrule.h"
#include "when.h"

#define DESCRIBE_END ICAL_RECURRENCE_ARRAY_MAX

/* 1 if a BY list of libical's holds nothing. */
static int
describe_none(const short *list)
{
	return list[0] == DESCRIBE_END;
}

/* The plain days of BYDAY as a mask; -1 if one has a position ("1MO"). */
static int
describe_days(const struct icalrecurrencetype *r)
{
	int mask = 0;

	for (int i = 0; i < ICAL_BY_DAY_SIZE && r->by_day[i] != DESCRIBE_END;
	     i++) {
		int wd = icalrecurrencetype_day_day_of_week(r->by_day[i]);

		if (icalrecurrencetype_day_position(r->by_day[i]) != 0 ||
		    wd < ICAL_SUNDAY_WEEKDAY || wd > ICAL_SATURDAY_WEEKDAY)
			return -1;
		mask |= 1 << (wd + 5) % 7; /* Sunday 1 -> 6, Monday 2 -> 0 */
	}
	return mask;
}

/* The days of mask: "Monday, Wednesday", runs of three or more as
 * "Monday to Friday". */
static void
describe_day_list(unsigned mask, struct buf *out)
{
	int first = 1;

	for (int d = 0; d < 7; d++) {
		int e = d;

		if (!(mask & 1u << d))
			continue;
		while (e < 6 && mask & 1u << (e + 1))
			e++;
		if (!first)
			buf_printf(out, ", ");
		first = 0;
		if (e - d >= 2) {
			/* TRANSLATORS: a run of days, "Monday to Friday". */
			buf_printf(
			    out, _("%s to %s"), days_name(d), days_name(e));
			d = e;
		} else {
			buf_printf(out, "%s", days_name(d));
		}
	}
}

/* The month days of BYMONTHDAY, "1, 15"; 0, or -1 if one counts from the
 * end ("-1"). */
static int
describe_month_days(
    const struct icalrecurrencetype *r, int dflt, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	if (describe_none(r->by_month_day))
		snprintf(out, n, "%d", dflt);
	for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
	     r->by_month_day[i] != DESCRIBE_END && len < n;
	     i++) {
		if (r->by_month_day[i] < 1)
			return -1;
		len += (size_t)snprintf(out + len, n - len, "%s%d",
		    len ? ", " : "", r->by_month_day[i]);
	}
	return 0;
}

/* 1 if r has only the parts the words below cover. */
static int
describe_plain(const struct icalrecurrencetype *r)
{
	return describe_none(r->by_second) && describe_none(r->by_minute) &&
	    describe_none(r->by_hour) && describe_none(r->by_year_day) &&
	    describe_none(r->by_week_no) && describe_none(r->by_month) &&
	    describe_none(r->by_set_pos) &&
	    (r->freq == ICAL_MONTHLY_RECURRENCE ||
	        describe_none(r->by_month_day));
}

/* Days of the week: "05:30 every day", "05:30 every Monday, Friday",
 * "05:30 every 2 weeks on Monday". */
static void
describe_weekly(int days, int n, const char *clock, struct buf *out)
{
	struct buf list = {0};

	if (n == 1 && days == (int)DAYS_ALL)
		buf_printf(out, _("%s every day"), clock);
	else {
		describe_day_list((unsigned)days, &list);
		if (n == 1)
			/* TRANSLATORS: time, then days: "05:30 every Monday,
			   Friday". */
			buf_printf(out, _("%s every %s"), clock, list.p);
		else
			buf_printf(out, _("%s every %d weeks on %s"), clock, n,
			    list.p);
	}
	buf_free(&list);
}

/* How often, after the time: "every day", "every Monday, Friday", ...;
 * -1 if the words do not cover it. */
static int
describe_often(const struct icalrecurrencetype *r, const struct tm *start,
    const char *clock, struct buf *out)
{
	int days = describe_days(r), n = r->interval > 1 ? r->interval : 1;
	int hourly;
	char md[128];

	if (!describe_plain(r) || days < 0)
		return -1;
	switch (r->freq) {
	case ICAL_DAILY_RECURRENCE:
		if (n > 1 && days != 0)
			return -1;
		if (n > 1)
			buf_printf(out, _("%s every %d days"), clock, n);
		else
			describe_weekly(
			    days ? days : (int)DAYS_ALL, 1, clock, out);
		return 0;
	case ICAL_WEEKLY_RECURRENCE:
		/* No BYDAY: the weekday of the start. */
		if (days == 0)
			days = 1 << (start->tm_wday + 6) % 7;
		describe_weekly(days, n, clock, out);
		return 0;
	case ICAL_MONTHLY_RECURRENCE:
		if (days != 0 ||
		    describe_month_days(r, start->tm_mday, md, sizeof md) == -1)
			return -1;
		if (n == 1)
			buf_printf(
			    out, _("%s on day %s of every month"), clock, md);
		else
			buf_printf(out, _("%s on day %s of every %d months"),
			    clock, md, n);
		return 0;
	case ICAL_HOURLY_RECURRENCE:
	case ICAL_MINUTELY_RECURRENCE:
		hourly = r->freq == ICAL_HOURLY_RECURRENCE;
		if (days != 0)
			return -1;
		if (n == 1)
			buf_printf(out,
			    hourly ? _("%s, then every hour")
			           : _("%s, then every minute"),
			    clock);
		else
			buf_printf(out,
			    hourly ? _("%s, then every %d hours")
			           : _("%s, then every %d minutes"),
			    clock, n);
		return 0;
	default:
		return -1;
	}
}

/* ", 10 times", ", from 2026-12-01 to 2026-12-31". */
static void
describe_bounds(const struct rrule *rr, const struct tm *start, struct buf *out)
{
	char from[32], to[32];
	struct tm tm;
	time_t t;

	if (rr->rule.count > 0)
		buf_printf(out,
		    ngettext(", %d time", ", %d times", rr->rule.count),
		    rr->rule.count);
	when_format_tm(start, 0, from, sizeof from);
	if (rr->until == INT64_MAX) {
		buf_printf(out, _(", from %s"), from);
		return;
	}
	t = (time_t)(rr->until / WHEN_SEC);
	localtime_r(&t, &tm);
	when_format_tm(&tm, 0, to, sizeof to);
	buf_printf(out, _(", from %s to %s"), from, to);
}

void
describe_rule(const char *dtstart, const char *rrule, struct buf *out)
{
	struct rrule rr;
	struct tm start, noon;
	char clock[16], day[32];
	size_t mark = out->len;

	if (when_parse_tm(dtstart, &start, NULL, NULL) == -1) {
		buf_printf(out, "%s %s", dtstart, rrule ? rrule : "");
		return;
	}
	noon = start; /* the weekday of the date, on no zone's clock */
	timegm(&noon);
	start.tm_wday = noon.tm_wday;
	snprintf(clock, sizeof clock,
	    start.tm_sec ? "%02d:%02d:%02d" : "%02d:%02d", start.tm_hour,
	    start.tm_min, start.tm_sec);
	if (rrule == NULL || *rrule == '\0') {
		when_format_tm(&start, 0, day, sizeof day);
		buf_printf(out, _("%s once, on %s"), clock, day);
		return;
	}
	if (rrule_parse(rrule, &rr, NULL) == 0 &&
	    describe_often(&rr.rule, &start, clock, out) == 0) {
		describe_bounds(&rr, &start, out);
		return;
	}
	out->len = mark;
	buf_printf(out, _("%s, by the rule %s"), clock, rrule);
}
