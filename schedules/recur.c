/*
 * Recurrence: a floating local start and an RFC 5545 RRULE, checked by
 * rrule.c, expanded by libical, each occurrence made a UTC instant by
 * mktime in the process's TZ.  Also the friendly --at/--days form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "../proto/i18n.h"
#include "days.h"
#include "recur.h"
#include "rrule.h"
#include "when.h"

#define RECUR_MARGIN (86400 * WHEN_SEC) /* a jump lands this far early */

/*
 * A rule with no occurrence at all: rrule.c catches some, else libical
 * gives up by itself: a first period is searched up to the year 20000
 * (under a second), occurrences stop after 2582.  Either way the rule
 * simply has no (more) occurrences.
 */

struct recur {
	struct icaltimetype dtstart; /* floating local */
	struct icalrecurrencetype rule; /* UNTIL cleared: see until */
	int once; /* no rule: one airing at dtstart */
	int never; /* the rule has no occurrence */
	int64_t start; /* dtstart as an instant */
	int64_t until; /* the last instant that may air */
	int started; /* iter_restart has run */
	icalrecur_iterator *it; /* NULL: libical found nothing */
	int from_start; /* it started at dtstart, no jump */
	int seen; /* it has produced an occurrence */
	int more; /* next holds an occurrence */
	int64_t next; /* the first one not yet passed */
	int64_t floor; /* next is right for after >= floor */
};

static struct icaltimetype
ical_from_tm(const struct tm *tm)
{
	struct icaltimetype t = icaltime_null_time();

	t.year = tm->tm_year + 1900;
	t.month = tm->tm_mon + 1;
	t.day = tm->tm_mday;
	t.hour = tm->tm_hour;
	t.minute = tm->tm_min;
	t.second = tm->tm_sec;
	return t;
}

static int64_t
ical_instant(struct icaltimetype t)
{
	return when_from_local(
	    t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static int
rule_compile(struct recur *r, const char *rule, struct lx_err *err)
{
	struct rrule rr;
	icalrecur_iterator *it;

	if (rrule_parse(rule, &rr, err) == -1)
		return -1;
	r->rule = rr.rule;
	r->until = rr.until;
	/* NULL here: no first occurrence before the year 20000. */
	if (rr.never ||
	    (it = icalrecur_iterator_new(r->rule, r->dtstart)) == NULL) {
		r->never = 1;
		return 0;
	}
	icalrecur_iterator_free(it);
	return 0;
}

struct recur *
recur_new(const char *dtstart, const char *rrule, struct lx_err *err)
{
	struct recur *r;
	struct tm tm;
	int timed;

	if (when_parse_tm(dtstart, &tm, &timed, err) == -1)
		return NULL;
	if (!timed) {
		lx_err_set(err, LX_E_ARG,
		    _("bad start '%.64s': expected YYYY-MM-DDTHH:MM[:SS]"),
		    dtstart);
		return NULL;
	}
	if ((r = calloc(1, sizeof *r)) == NULL) {
		lx_err_set(err, LX_E_IO, _("recurrence: out of memory"));
		return NULL;
	}
	r->dtstart = ical_from_tm(&tm);
	r->start = ical_instant(r->dtstart);
	r->until = INT64_MAX;
	r->floor = INT64_MIN;
	if (rrule == NULL || *rrule == '\0')
		r->once = 1;
	else if (rule_compile(r, rrule, err) == -1) {
		free(r);
		return NULL;
	}
	return r;
}

void
recur_free(struct recur *r)
{
	if (r == NULL)
		return;
	if (r->it != NULL)
		icalrecur_iterator_free(r->it);
	free(r);
}

/* Load the iterator's next occurrence, if any before UNTIL, into next. */
static void
iter_fetch(struct recur *r)
{
	struct icaltimetype t = icalrecur_iterator_next(r->it);

	r->more = !icaltime_is_null_time(t);
	if (r->more)
		r->next = ical_instant(t);
	if (r->more && r->next > r->until)
		r->more = 0;
	if (r->more)
		r->seen = 1;
	else if (r->from_start && !r->seen)
		r->never = 1;
}

static int64_t
gcd(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* A floating time as seconds on a clock without zones. */
static int64_t
ical_secs(struct icaltimetype t)
{
	struct tm tm = {0};

	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_sec = t.second;
	return timegm(&tm);
}

/*
 * DTSTART moved on to the last whole period before target, for HOURLY
 * and MINUTELY rules (libical 3.0.16's set_start misaligns them).  The
 * period is whole days and intervals both, so the time of day, from which
 * libical takes its phase, stays DTSTART's.
 */
static struct icaltimetype
rebase(const struct recur *r, struct icaltimetype target)
{
	int unit = r->rule.freq == ICAL_HOURLY_RECURRENCE ? 3600 : 60;
	int64_t step = (int64_t)unit * r->rule.interval;
	int64_t from = ical_secs(r->dtstart), ahead = ical_secs(target) - from;
	struct tm tm;
	time_t t;

	step = step / gcd(step, 86400) * 86400;
	t = (time_t)(from + (ahead > 0 ? ahead / step * step : 0));
	gmtime_r(&t, &tm);
	return ical_from_tm(&tm);
}

/*
 * Start the iterator again for occurrences after `after`.  Without COUNT
 * it jumps to a day before `after` (the margin covers DST shifts); with
 * COUNT it must walk from DTSTART, which RRULE_MAX_COUNT bounds.
 */
static void
iter_restart(struct recur *r, int64_t after)
{
	struct icaltimetype start = r->dtstart, target = r->dtstart;
	icalrecurrencetype_frequency f = r->rule.freq;
	int fine = f == ICAL_HOURLY_RECURRENCE || f == ICAL_MINUTELY_RECURRENCE;
	int jump = r->rule.count == 0 && after > r->start + RECUR_MARGIN;
	struct tm tm;
	time_t t;

	if (r->it != NULL)
		icalrecur_iterator_free(r->it);
	r->started = 1;
	r->floor = INT64_MIN;
	r->from_start = !jump;
	r->seen = 0;
	if (jump) {
		t = (time_t)((after - RECUR_MARGIN) / WHEN_SEC);
		localtime_r(&t, &tm);
		target = ical_from_tm(&tm);
		if (fine)
			start = rebase(r, target);
		r->floor = after;
	}
	r->it = icalrecur_iterator_new(r->rule, start);
	r->more = r->it != NULL;
	if (r->more && jump && !fine &&
	    !icalrecur_iterator_set_start(r->it, target))
		r->more = 0;
	if (r->more)
		iter_fetch(r);
}

int
recur_next(struct recur *r, int64_t after, int64_t *out)
{
	if (r->once) {
		if (r->start <= after)
			return 0;
		*out = r->start;
		return 1;
	}
	if (r->never)
		return 0;
	/* Back in time, or far ahead where a jump beats a walk. */
	if (!r->started || after < r->floor ||
	    (r->more && r->rule.count == 0 &&
	        after > r->next + 2 * RECUR_MARGIN))
		iter_restart(r, after);
	while (r->more && r->next <= after) {
		if (r->next > r->floor)
			r->floor = r->next;
		iter_fetch(r);
	}
	if (!r->more)
		return 0;
	*out = r->next;
	return 1;
}

/* A --from or --until date (no time) into tm. */
static int
day_parse(const char *s, const char *what, struct tm *tm, struct lx_err *err)
{
	int timed;

	if (when_parse_tm(s, tm, &timed, err) == -1)
		return -1;
	if (timed)
		return lx_err_set(err, LX_E_ARG,
		    _("bad %s '%.64s': expected YYYY-MM-DD"), what, s);
	return 0;
}

/* A --days value (NULL: daily) as "FREQ=DAILY" or "FREQ=WEEKLY;BYDAY=". */
static int
days_rule(const char *days, char out[64], struct lx_err *err)
{
	unsigned mask = DAYS_ALL;

	if (days != NULL && days_parse(days, &mask, err) == -1)
		return -1;
	if (mask == DAYS_ALL) {
		strcpy(out, "FREQ=DAILY");
		return 0;
	}
	strcpy(out, "FREQ=WEEKLY;BYDAY=");
	for (int d = 0; d < 7; d++)
		if (mask & 1u << d) {
			if (out[strlen(out) - 1] != '=')
				strcat(out, ",");
			strcat(out, days_code(d));
		}
	return 0;
}

/* tm (fields already checked) as "YYYY-MM-DDTHH:MM:SS". */
static void
dtstart_format(char *out, const struct tm *tm)
{
	snprintf(out, RECUR_DTSTART_LEN, "%04u-%02u-%02uT%02u:%02u:%02u",
	    (unsigned)(tm->tm_year + 1900) % 10000,
	    (unsigned)(tm->tm_mon + 1) % 100, (unsigned)tm->tm_mday % 100,
	    (unsigned)tm->tm_hour % 100, (unsigned)tm->tm_min % 100,
	    (unsigned)tm->tm_sec % 100);
}

/* A date as one number that orders like the date. */
static int
day_key(const struct tm *tm)
{
	return tm->tm_year * 10000 + tm->tm_mon * 100 + tm->tm_mday;
}

int
recur_friendly(const char *at, const char *days, const char *from,
    const char *until, int64_t now, char *dtstart, char *rrule,
    size_t rrule_len, struct lx_err *err)
{
	struct tm day, end;
	char freq[64], last[24] = "";
	int secs;

	if (when_parse_clock(at, &secs, err) == -1)
		return -1;
	if (from == NULL) {
		time_t t = (time_t)(now / WHEN_SEC);

		localtime_r(&t, &day);
	} else if (day_parse(from, "--from", &day, err) == -1)
		return -1;
	if (until != NULL && day_parse(until, "--until", &end, err) == -1)
		return -1;
	if (until != NULL && day_key(&end) < day_key(&day))
		return lx_err_set(err, LX_E_ARG,
		    _("--until %.20s is before the first day, %04d-%02d-%02d"),
		    until, day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
	if (days_rule(days, freq, err) == -1)
		return -1;
	if (until != NULL)
		snprintf(last, sizeof last, ";UNTIL=%04u%02u%02uT235959",
		    (unsigned)(end.tm_year + 1900) % 10000,
		    (unsigned)(end.tm_mon + 1) % 100,
		    (unsigned)end.tm_mday % 100);
	if (snprintf(rrule, rrule_len, "%s%s", freq, last) >= (int)rrule_len)
		return lx_err_set(
		    err, LX_E_ARG, _("rule longer than %zu bytes"), rrule_len);
	day.tm_hour = secs / 3600;
	day.tm_min = secs / 60 % 60;
	day.tm_sec = secs % 60;
	dtstart_format(dtstart, &day);
	return 0;
}

int
recur_dtstart(const char *when, char *dtstart, struct lx_err *err)
{
	struct tm tm;
	int timed;

	if (when_parse_tm(when, &tm, &timed, err) == -1)
		return -1;
	if (!timed)
		return lx_err_set(err, LX_E_ARG,
		    _("bad time '%.64s': expected YYYY-MM-DD HH:MM[:SS]"),
		    when);
	dtstart_format(dtstart, &tm);
	return 0;
}
