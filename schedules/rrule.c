/*
 * RRULE checking: a rule split into its NAME=VALUE parts, each value and
 * each combination checked, then parsed by libical.  Strict on purpose:
 * libical accepts much it then expands wrongly or not at all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../proto/i18n.h"
#include "rrule.h"
#include "when.h"

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

/*
 * The numeric BY lists: lo-hi, or with sign, 1-hi either way; at most
 * `most` items, or libical fills its array and writes the end marker past
 * it (3.0.16), into the next list.
 */
static const struct {
	enum part part;
	int lo, hi, sign, most;
} by_ranges[] = {
    {P_BYSECOND, 0, 59, 0, ICAL_BY_SECOND_SIZE - 1},
    {P_BYMINUTE, 0, 59, 0, ICAL_BY_MINUTE_SIZE - 1},
    {P_BYHOUR, 0, 23, 0, ICAL_BY_HOUR_SIZE - 1},
    {P_BYMONTHDAY, 1, 31, 1, ICAL_BY_MONTHDAY_SIZE - 1},
    {P_BYYEARDAY, 1, 366, 1, ICAL_BY_YEARDAY_SIZE - 1},
    {P_BYWEEKNO, 1, 53, 1, ICAL_BY_WEEKNO_SIZE - 1},
    {P_BYMONTH, 1, 12, 0, ICAL_BY_MONTH_SIZE - 1},
    {P_BYSETPOS, 1, 366, 1, ICAL_BY_SETPOS_SIZE - 1},
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

/*
 * Fill err with "bad rrule 'RULE': why", why translated (xgettext knows
 * bad_rule's format); returns -1.
 */
static int __attribute__((format(printf, 3, 4)))
bad_rule(struct lx_err *err, const char *rule, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, _(fmt), ap);
	va_end(ap);
	return lx_err_set(err, LX_E_ARG, _("bad rrule '%.80s': %s"), rule, why);
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
	int most = i < 0 ? ICAL_BY_DAY_SIZE - 1 : by_ranges[i].most;

	for (int n = 1;; n++) {
		size_t len = strcspn(s, ",");
		int bad = i < 0 ? check_day(s, len) : check_item(s, len, i);

		if (n > most)
			return bad_rule(err, rule, "%s has more than %d items",
			    part_names[p], most);
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
		*out = when_from_local(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

/* FREQ, COUNT, INTERVAL, UNTIL, WKST and the BY lists, one by one. */
static int
check_values(
    int64_t *until, const char *rule, const char *val[P_N], struct lx_err *err)
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
	    (get_uint(val[P_COUNT], &n) == -1 || n < 1 || n > RRULE_MAX_COUNT))
		return bad_rule(
		    err, rule, "COUNT is not in 1-%d", RRULE_MAX_COUNT);
	if (val[P_INTERVAL] != NULL &&
	    (get_uint(val[P_INTERVAL], &n) == -1 || n < 1 ||
	        n > RRULE_MAX_INTERVAL))
		return bad_rule(
		    err, rule, "INTERVAL is not in 1-%d", RRULE_MAX_INTERVAL);
	if (val[P_UNTIL] != NULL && until_parse(val[P_UNTIL], until) == -1)
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

/* 1 if some BYMONTHDAY falls in some BYMONTH (29 days for February);
 * if not, the rule never occurs, and libical would not see that itself. */
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

int
rrule_parse(const char *rule, struct rrule *out, struct lx_err *err)
{
	char buf[LX_MAX_RRULE];
	const char *val[P_N];

	out->until = INT64_MAX;
	out->never = 0;
	if (rule_split(rule, buf, val, err) == -1 ||
	    check_values(&out->until, rule, val, err) == -1)
		return -1;
	icalerror_set_errors_are_fatal(0);
	icalerror_clear_errno();
	out->rule = icalrecurrencetype_from_string(rule);
	if (out->rule.freq == ICAL_NO_RECURRENCE)
		return bad_rule(err, rule, "libical cannot parse it");
	if (check_combos(&out->rule, rule, val, err) == -1)
		return -1;
	out->rule.until = icaltime_null_time();
	out->never = !monthdays_fit(&out->rule);
	return 0;
}
