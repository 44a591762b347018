/*
 * iCalendar export: the local zone's name found as tzselect would, its
 * VTIMEZONE from libical's zone data, and each schedule's rule carried
 * over with UNTIL made UTC (RFC 5545 wants that when DTSTART has a TZID;
 * the book reads a floating UNTIL as local time).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libical/ical.h>

#include "ics.h"
#include "rrule.h"
#include "when.h"

#define ICS_PRODID "-//loaxa//loaxactl " LX_VERSION "//EN"
#define ICS_ZONEINFO "zoneinfo/"

/* The local zone's name ("Asia/Ho_Chi_Minh") into name; 0, or -1. */
static int
ics_zone_name(char *name, size_t n)
{
	const char *tz = getenv("TZ"), *p;
	char link[PATH_MAX];
	ssize_t len;

	if (tz != NULL && *tz != '\0') {
		tz += *tz == ':';
		if ((p = strstr(tz, ICS_ZONEINFO)) != NULL)
			tz = p + strlen(ICS_ZONEINFO);
		return *tz == '/' ? -1 : lx_strlcpy(name, tz, n);
	}
	if ((len = readlink("/etc/localtime", link, sizeof link - 1)) == -1)
		return -1;
	link[len] = '\0';
	if ((p = strstr(link, ICS_ZONEINFO)) == NULL)
		return -1;
	return lx_strlcpy(name, p + strlen(ICS_ZONEINFO), n);
}

/* The local zone as libical knows it, its name in name (n bytes), or
 * NULL: write floating times. */
static icaltimezone *
ics_zone(char *name, size_t n)
{
	if (ics_zone_name(name, n) == -1)
		return NULL;
	return icaltimezone_get_builtin_timezone(name);
}

/*
 * The zone's VTIMEZONE for the calendar: TZID the plain name calendar
 * apps know (libical's own carries a prefix), its history cut a year
 * before the first event.
 */
static icalcomponent *
ics_vtimezone(icaltimezone *zone, const char *name, time_t first)
{
	icalcomponent *vtz =
	    icalcomponent_new_clone(icaltimezone_get_component(zone));
	icalproperty *p =
	    icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	icaltimezone *utc = icaltimezone_get_utc_timezone();

	if (p != NULL)
		icalproperty_set_tzid(p, name);
	icaltimezone_truncate_vtimezone(vtz,
	    icaltime_from_timet_with_zone(first - 366 * 86400, 0, utc),
	    icaltime_null_time(), 0);
	return vtz;
}

/* A schedule's start as an icaltimetype in zone (NULL: floating). */
static int
ics_start(const char *start, icaltimezone *zone, struct icaltimetype *t,
    struct lx_err *err)
{
	struct tm tm;
	int timed;

	if (when_parse_tm(start, &tm, &timed, err) == -1)
		return -1;
	*t = icaltime_null_time();
	t->year = tm.tm_year + 1900;
	t->month = tm.tm_mon + 1;
	t->day = tm.tm_mday;
	t->hour = tm.tm_hour;
	t->minute = tm.tm_min;
	t->second = tm.tm_sec;
	if (zone != NULL)
		*t = icaltime_set_timezone(t, zone);
	return 0;
}

/* The RRULE property for rule, its UNTIL in UTC. */
static icalproperty *
ics_rrule(const char *rule, struct lx_err *err)
{
	struct rrule rr;

	if (rrule_parse(rule, &rr, err) == -1)
		return NULL;
	if (rr.until != INT64_MAX)
		rr.rule.until =
		    icaltime_from_timet_with_zone((time_t)(rr.until / WHEN_SEC),
		        0, icaltimezone_get_utc_timezone());
	return icalproperty_new_rrule(rr.rule);
}

/* One VEVENT. */
static icalcomponent *
ics_event(const struct ics_event *e, icaltimezone *zone, const char *tzid,
    int64_t now, struct lx_err *err)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct icaltimetype start;
	icalproperty *p;
	char uid[64];

	if (ics_start(e->start, zone, &start, err) == -1)
		goto fail;
	snprintf(
	    uid, sizeof uid, "schedule-%lld@loaxa", (long long)e->schedule);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev,
	    icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
	        (time_t)(now / WHEN_SEC), 0, icaltimezone_get_utc_timezone())));
	p = icalproperty_new_dtstart(start);
	if (zone != NULL)
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	icalcomponent_add_property(ev, p);
	if (e->seconds > 0)
		icalcomponent_add_property(ev,
		    icalproperty_new_duration(
		        icaldurationtype_from_int((int)e->seconds)));
	if (e->rrule != NULL && *e->rrule != '\0') {
		if ((p = ics_rrule(e->rrule, err)) == NULL)
			goto fail;
		icalcomponent_add_property(ev, p);
	}
	icalcomponent_add_property(ev, icalproperty_new_summary(e->title));
	if (e->description != NULL && *e->description != '\0')
		icalcomponent_add_property(
		    ev, icalproperty_new_description(e->description));
	return ev;
fail:
	icalcomponent_free(ev);
	return NULL;
}

/* The earliest of the events' starts, in seconds; now when none parse. */
static time_t
ics_first(const struct ics_event *ev, size_t n, int64_t now)
{
	time_t first = (time_t)(now / WHEN_SEC);
	int64_t t;

	for (size_t i = 0; i < n; i++)
		if (when_parse_local(ev[i].start, &t, NULL) == 0 &&
		    t / WHEN_SEC < first)
			first = (time_t)(t / WHEN_SEC);
	return first;
}

int
ics_write(struct buf *out, const struct ics_event *ev, size_t n, int64_t now,
    struct lx_err *err)
{
	char name[128];
	icaltimezone *zone = ics_zone(name, sizeof name);
	icalcomponent *cal, *e;
	char *text;

	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"),
	    icalproperty_new_prodid(ICS_PRODID),
	    icalproperty_new_calscale("GREGORIAN"), (void *)0);
	if (zone != NULL)
		icalcomponent_add_component(
		    cal, ics_vtimezone(zone, name, ics_first(ev, n, now)));
	for (size_t i = 0; i < n; i++) {
		if ((e = ics_event(&ev[i], zone, name, now, err)) == NULL) {
			icalcomponent_free(cal);
			return -1;
		}
		icalcomponent_add_component(cal, e);
	}
	text = icalcomponent_as_ical_string(cal);
	buf_add(out, text, strlen(text));
	icalcomponent_free(cal);
	return 0;
}
