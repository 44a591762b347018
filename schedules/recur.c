/*
 * Recurrence: a floating local start and an RFC 5545 RRULE, checked
 * strictly here, expanded by libical, each occurrence made a UTC instant
 * by mktime in the process's TZ.  Also the friendly --at/--days form.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libical/ical.h>

#include "recur.h"
#include "when.h"

#define RECUR_MAX_COUNT 100000 /* bounds a walk from DTSTART (~2 us a step) */
#define RECUR_MAX_INTERVAL 9999
#define RECUR_MARGIN (86400 * WHEN_SEC) /* a jump lands this far early */

/*
 * Bounds on rules that never occur: BYMONTHDAY that no BYMONTH holds is
 * caught here.  Otherwise libical gives up by itself: a first period is
 * searched up to the year 20000 (under a second), occurrences stop after
 * 2582.  Either way the rule simply has no (more) occurrences.
 */

enum part {
	P_FREQ,
	P_UNTIL,
	P_COUNT,
	P_INTERVAL,
	P_BYSECOND,
	P_BYMINUTE,
	P_BYHOUR,
	P_BYDAY,
	P_BYMONTHDAY,
	P_BYYEARDAY,
	P_BYWEEKNO,
	P_BYMONTH,
	P_BYSETPOS,
	P_WKST,
	P_N
};

static const char *const part_names[P_N] = {"FREQ", "UNTIL", "COUNT",
    "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
    "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"};

/* The numeric BY lists: lo-hi, or with sign, 1-hi either way. */
static const struct {
	enum part part;
	int lo, hi, sign;
} by_ranges[] = {
    {P_BYSECOND, 0, 59, 0},
    {P_BYMINUTE, 0, 59, 0},
    {P_BYHOUR, 0, 23, 0},
    {P_BYMONTHDAY, 1, 31, 1},
    {P_BYYEARDAY, 1, 366, 1},
    {P_BYWEEKNO, 1, 53, 1},
    {P_BYMONTH, 1, 12, 0},
    {P_BYSETPOS, 1, 366, 1},
};

#define F(x) (1u << ICAL_##x##_RECURRENCE)
#define F_ALL                                                                  \
	(F(MINUTELY) | F(HOURLY) | F(DAILY) | F(WEEKLY) | F(MONTHLY) |         \
	    F(YEARLY))

/* BY parts RFC 5545 allows only with some FREQs. */
static const struct {
	enum part part;
	unsigned freqs;
} by_freqs[] = {
    {P_BYWEEKNO, F(YEARLY)},
    {P_BYYEARDAY, F_ALL & ~(F(DAILY) | F(WEEKLY) | F(MONTHLY))},
    {P_BYMONTHDAY, F_ALL & ~F(WEEKLY)},
};

static const char *const day_names[7] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_codes[7] = {
    "MO", "TU", "WE", "TH", "FR", "SA", "SU"};

struct recur {
	struct icaltimetype dtstart; /* floating local */
	struct icalrecurrencetype rule; /* UNTIL cleared: checked here */
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

/* Fill err with "bad rrule 'RULE': why"; returns -1. */
static int __attribute__((format(printf, 3, 4)))
bad_rule(struct lx_err *err, const char *rule, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return lx_err_set(err, LX_E_ARG, "bad rrule '%.80s': %s", rule, why);
}

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

/* Split a copy of rule in buf into its NAME=VALUE parts, each once. */
static int
rule_split(
    const char *rule, char *buf, const char *val[P_N], struct lx_err *err)
{
	char *c, *next;

	if (lx_strlcpy(buf, rule, LX_MAX_RRULE) == -1)
		return bad_rule(
		    err, rule, "longer than %d bytes", LX_MAX_RRULE - 1);
	for (c = buf; *c != '\0'; c++)
		if (*c <= ' ' || *c > '~')
			return bad_rule(err, rule,
			    "a space or a character outside printable ASCII");
	memset(val, 0, P_N * sizeof val[0]);
	for (c = buf; c != NULL; c = next) {
		char *eq;
		int i;

		if ((next = strchr(c, ';')) != NULL)
			*next++ = '\0';
		eq = strchr(c, '=');
		if (eq == NULL || eq == c || eq[1] == '\0')
			return bad_rule(err, rule, "'%s' is not NAME=VALUE", c);
		*eq = '\0';
		for (i = 0; i < P_N && strcasecmp(c, part_names[i]) != 0; i++)
			continue;
		if (i == P_N)
			return bad_rule(
			    err, rule, "'%s' is unknown or unsupported", c);
		if (val[i] != NULL)
			return bad_rule(
			    err, rule, "%s given twice", part_names[i]);
		val[i] = eq + 1;
	}
	return 0;
}

/* Read a whole decimal number of at most 9 digits at s; -1 if not one. */
static int
get_uint(const char *s, int *v)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 9 || s[n] != '\0')
		return -1;
	*v = atoi(s);
	return 0;
}

/* One item of a BY list, s..s+len, against its range. */
static int
check_item(const char *s, size_t len, int i)
{
	char num[8];
	int v;

	if (len > 0 && (*s == '+' || *s == '-') && by_ranges[i].sign) {
		s++;
		len--;
	}
	if (len == 0 || len >= sizeof num)
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	if (get_uint(num, &v) == -1 || v > by_ranges[i].hi)
		return -1;
	return v < by_ranges[i].lo ? -1 : 0;
}

/* One BYDAY item: [+|-][week]XX. */
static int
check_day(const char *s, size_t len)
{
	char code[3];
	size_t n;
	int week = 0;

	if (len < 2)
		return -1;
	n = len - 2;
	if (n > 0 && (*s == '+' || *s == '-')) {
		s++;
		n--;
		if (n == 0)
			return -1;
	}
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9' || k >= 2)
			return -1;
		week = week * 10 + (s[k] - '0');
	}
	if (n > 0 && (week < 1 || week > 53))
		return -1;
	memcpy(code, s + n, 2);
	code[2] = '\0';
	return icalrecur_string_to_weekday(code) == ICAL_NO_WEEKDAY ? -1 : 0;
}

/* Each item of the BY list v for part p; i indexes by_ranges or is -1. */
static int
check_list(
    const char *rule, enum part p, int i, const char *v, struct lx_err *err)
{
	const char *s = v;

	for (;;) {
		size_t len = strcspn(s, ",");
		int bad = i < 0 ? check_day(s, len) : check_item(s, len, i);

		if (bad && i < 0)
			return bad_rule(err, rule,
			    "BYDAY item '%.*s' is not [+|-][1-53]MO..SU",
			    (int)len, s);
		if (bad)
			return bad_rule(err, rule,
			    "%s item '%.*s' is not in %s%d-%d", part_names[p],
			    (int)len, s, by_ranges[i].sign ? "+/-" : "",
			    by_ranges[i].sign ? 1 : by_ranges[i].lo,
			    by_ranges[i].hi);
		if (s[len] == '\0')
			return 0;
		s += len + 1;
	}
}

/* UNTIL as the last instant that may air: a date means its whole local
 * day, a trailing 'Z' a UTC time, else a floating local time. */
static int
until_parse(const char *v, int64_t *out)
{
	size_t n = strlen(v), i;
	int utc = n == 16 && v[15] == 'Z';
	char buf[24];
	struct tm tm;

	if (n != 8 && n != 15 && !utc)
		return -1;
	for (i = 0; i < n - utc; i++)
		if (i == 8 ? v[i] != 'T' : v[i] < '0' || v[i] > '9')
			return -1;
	if (n == 8)
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s 23:59:59", v, v + 4,
		    v + 6);
	else
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", v,
		    v + 4, v + 6, v + 9, v + 11, v + 13);
	if (when_parse_tm(buf, &tm, NULL, NULL) == -1)
		return -1;
	if (utc)
		*out = (int64_t)timegm(&tm) * WHEN_SEC;
	else
		*out = ical_instant(ical_from_tm(&tm));
	return 0;
}

/* FREQ, COUNT, INTERVAL, UNTIL, WKST and the BY lists, one by one. */
static int
check_values(
    struct recur *r, const char *rule, const char *val[P_N], struct lx_err *err)
{
	int n;

	if (val[P_FREQ] == NULL)
		return bad_rule(err, rule, "no FREQ");
	n = icalrecur_string_to_freq(val[P_FREQ]);
	if (n == ICAL_NO_RECURRENCE)
		return bad_rule(err, rule, "unknown FREQ '%s'", val[P_FREQ]);
	if (n == ICAL_SECONDLY_RECURRENCE)
		return bad_rule(
		    err, rule, "FREQ=SECONDLY is finer than a minute");
	if (val[P_COUNT] != NULL && val[P_UNTIL] != NULL)
		return bad_rule(err, rule, "COUNT and UNTIL together");
	if (val[P_COUNT] != NULL &&
	    (get_uint(val[P_COUNT], &n) == -1 || n < 1 || n > RECUR_MAX_COUNT))
		return bad_rule(
		    err, rule, "COUNT is not in 1-%d", RECUR_MAX_COUNT);
	if (val[P_INTERVAL] != NULL &&
	    (get_uint(val[P_INTERVAL], &n) == -1 || n < 1 ||
	        n > RECUR_MAX_INTERVAL))
		return bad_rule(
		    err, rule, "INTERVAL is not in 1-%d", RECUR_MAX_INTERVAL);
	if (val[P_UNTIL] != NULL && until_parse(val[P_UNTIL], &r->until) == -1)
		return bad_rule(
		    err, rule, "UNTIL is not a real YYYYMMDD[THHMMSS[Z]]");
	if (val[P_WKST] != NULL &&
	    icalrecur_string_to_weekday(val[P_WKST]) == ICAL_NO_WEEKDAY)
		return bad_rule(err, rule, "WKST is not MO..SU");
	if (val[P_BYSECOND] != NULL && strchr(val[P_BYSECOND], ',') != NULL)
		return bad_rule(
		    err, rule, "more than one BYSECOND is finer than a minute");
	for (size_t i = 0; i < sizeof by_ranges / sizeof by_ranges[0]; i++) {
		enum part p = by_ranges[i].part;

		if (val[p] != NULL && check_list(rule, p, (int)i, val[p], err))
			return -1;
	}
	if (val[P_BYDAY] != NULL &&
	    check_list(rule, P_BYDAY, -1, val[P_BYDAY], err))
		return -1;
	return 0;
}

/* Combinations RFC 5545 forbids or libical cannot expand. */
static int
check_combos(const struct icalrecurrencetype *rt, const char *rule,
    const char *val[P_N], struct lx_err *err)
{
	int yearly = rt->freq == ICAL_YEARLY_RECURRENCE;

	for (size_t i = 0; i < sizeof by_freqs / sizeof by_freqs[0]; i++)
		if (val[by_freqs[i].part] != NULL &&
		    !(by_freqs[i].freqs & 1u << rt->freq))
			return bad_rule(err, rule,
			    "%s is not allowed with FREQ=%s",
			    part_names[by_freqs[i].part],
			    icalrecur_freq_to_string(rt->freq));
	for (int i = 0; rt->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (icalrecurrencetype_day_position(rt->by_day[i]) != 0 &&
		    (!(yearly || rt->freq == ICAL_MONTHLY_RECURRENCE) ||
		        val[P_BYWEEKNO] != NULL))
			return bad_rule(err, rule,
			    "numbered BYDAY: MONTHLY or YEARLY, no BYWEEKNO");
	if (yearly && val[P_BYYEARDAY] != NULL &&
	    (val[P_BYMONTH] != NULL || val[P_BYMONTHDAY] != NULL))
		return bad_rule(
		    err, rule, "libical cannot do BYYEARDAY with BYMONTH[DAY]");
	if (yearly && val[P_BYWEEKNO] != NULL && val[P_BYMONTHDAY] != NULL)
		return bad_rule(
		    err, rule, "libical cannot do BYWEEKNO with BYMONTHDAY");
	if (yearly && val[P_BYWEEKNO] != NULL && val[P_BYMONTH] != NULL &&
	    val[P_BYDAY] == NULL)
		return bad_rule(err, rule,
		    "libical cannot do BYWEEKNO with BYMONTH but no BYDAY");
	return 0;
}

/* 1 if some BYMONTHDAY falls in some BYMONTH (29 days for February). */
static int
monthdays_fit(const struct icalrecurrencetype *rt)
{
	static const int most[12] = {
	    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (rt->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX ||
	    rt->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
		return 1;
	for (int i = 0; rt->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		for (int j = 0;
		     rt->by_month_day[j] != ICAL_RECURRENCE_ARRAY_MAX; j++)
			if (abs(rt->by_month_day[j]) <=
			    most[rt->by_month[i] - 1])
				return 1;
	return 0;
}

static int
rule_compile(struct recur *r, const char *rule, struct lx_err *err)
{
	char buf[LX_MAX_RRULE];
	const char *val[P_N];
	icalrecur_iterator *it;

	if (rule_split(rule, buf, val, err) == -1 ||
	    check_values(r, rule, val, err) == -1)
		return -1;
	icalerror_clear_errno();
	r->rule = icalrecurrencetype_from_string(rule);
	if (r->rule.freq == ICAL_NO_RECURRENCE)
		return bad_rule(err, rule, "libical cannot parse it");
	if (check_combos(&r->rule, rule, val, err) == -1)
		return -1;
	r->rule.until = icaltime_null_time();
	/* NULL here: no first occurrence before the year 20000. */
	if (!monthdays_fit(&r->rule) ||
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
		    "bad start '%.64s': expected YYYY-MM-DDTHH:MM[:SS]",
		    dtstart);
		return NULL;
	}
	if ((r = calloc(1, sizeof *r)) == NULL) {
		lx_err_set(err, LX_E_IO, "recurrence: out of memory");
		return NULL;
	}
	icalerror_set_errors_are_fatal(0);
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
 * COUNT it must walk from DTSTART, which RECUR_MAX_COUNT bounds.
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
		    "bad %s '%.64s': expected YYYY-MM-DD", what, s);
	return 0;
}

/* days ("daily" or mon,...,sun) as "FREQ=DAILY" or "FREQ=WEEKLY;BYDAY=". */
static int
days_rule(const char *days, char out[64], struct lx_err *err)
{
	unsigned mask = 0;
	const char *s = days;
	size_t len;
	int d;

	if (days == NULL || strcasecmp(days, "daily") == 0) {
		strcpy(out, "FREQ=DAILY");
		return 0;
	}
	for (;; s += len + 1) {
		len = strcspn(s, ",");
		for (d = 0; d < 7; d++)
			if (len == 3 && strncasecmp(s, day_names[d], 3) == 0)
				break;
		if (d == 7)
			return lx_err_set(err, LX_E_ARG,
			    "bad days '%.64s': '%.*s' is not mon..sun or daily",
			    days, (int)len, s);
		if (mask & 1u << d)
			return lx_err_set(err, LX_E_ARG,
			    "bad days '%.64s': %s given twice", days,
			    day_names[d]);
		mask |= 1u << d;
		if (s[len] == '\0')
			break;
	}
	strcpy(out, "FREQ=WEEKLY;BYDAY=");
	for (d = 0; d < 7; d++)
		if (mask & 1u << d) {
			if (out[strlen(out) - 1] != '=')
				strcat(out, ",");
			strcat(out, day_codes[d]);
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
		    "--until %.20s is before the first day, %04d-%02d-%02d",
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
		    err, LX_E_ARG, "rule longer than %zu bytes", rrule_len);
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
		    "bad time '%.64s': expected YYYY-MM-DD HH:MM[:SS]", when);
	dtstart_format(dtstart, &tm);
	return 0;
}
