/*
 * icsnext FILE.ics N [AFTER]: read an iCalendar file with libical, expand
 * each VEVENT's RRULE from its DTSTART in the zone its TZID names (the
 * file's own VTIMEZONE), and print the first N occurrences at or after
 * AFTER (seconds since the epoch; default now), earliest first, one per
 * line as "SECONDS UID SUMMARY".  A calendar app's reading, for the
 * tests to compare with `loaxactl schedule next`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#define MAXOCC 100000

struct occ {
	time_t t;
	const char *uid;
	const char *summary;
};

static struct occ occs[MAXOCC];
static size_t nocc;

static int
occ_cmp(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	size_t lx = strlen(x->uid), ly = strlen(y->uid);

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	/* "schedule-9" before "schedule-10": by length, then text. */
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		perror(path);
		exit(2);
	}
	rewind(f);
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	p[n] = '\0';
	fclose(f);
	return p;
}

/* The zone DTSTART's TZID names, from the calendar's VTIMEZONEs. */
static icaltimezone *
zone_of(icalcomponent *cal, icalproperty *dtstart)
{
	icalparameter *p =
	    icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER);

	if (p == NULL)
		return NULL; /* floating: this machine's zone */
	return icalcomponent_get_timezone(cal, icalparameter_get_tzid(p));
}

/* Add the event's occurrences at or after `after`, up to n of them. */
static void
expand(icalcomponent *cal, icalcomponent *ev, time_t after, size_t n)
{
	icalproperty *ds =
	    icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalproperty *rr =
	    icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	icaltimezone *zone;
	struct icaltimetype start, t;
	icalrecur_iterator *it;
	size_t got = 0;
	time_t s;

	if (ds == NULL) {
		fprintf(stderr, "icsnext: a VEVENT without DTSTART\n");
		exit(1);
	}
	zone = zone_of(cal, ds);
	start = icalproperty_get_dtstart(ds);
	if (rr == NULL) {
		s = zone ? icaltime_as_timet_with_zone(start, zone)
		         : icaltime_as_timet(start);
		if (s >= after && nocc < MAXOCC)
			occs[nocc++] =
			    (struct occ){s, icalcomponent_get_uid(ev),
			        icalcomponent_get_summary(ev)};
		return;
	}
	it = icalrecur_iterator_new(icalproperty_get_rrule(rr), start);
	while (it != NULL && got < n && nocc < MAXOCC) {
		t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		s = zone ? icaltime_as_timet_with_zone(t, zone)
		         : icaltime_as_timet(t);
		if (s < after)
			continue;
		occs[nocc++] = (struct occ){s, icalcomponent_get_uid(ev),
		    icalcomponent_get_summary(ev)};
		got++;
	}
	icalrecur_iterator_free(it);
}

int
main(int argc, char **argv)
{
	icalcomponent *cal, *ev;
	char *text;
	time_t after;
	size_t n;

	if (argc < 3) {
		fprintf(stderr, "usage: icsnext FILE.ics N [AFTER]\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	after = argc > 3 ? (time_t)strtoll(argv[3], NULL, 10) : time(NULL);
	text = slurp(argv[1]);
	cal = icalparser_parse_string(text);
	free(text);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "icsnext: not an iCalendar file\n");
		return 1;
	}
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		expand(cal, ev, after, n);
	qsort(occs, nocc, sizeof *occs, occ_cmp);
	for (size_t i = 0; i < nocc && i < n; i++)
		printf("%lld %s %s\n", (long long)occs[i].t, occs[i].uid,
		    occs[i].summary);
	icalcomponent_free(cal);
	icaltimezone_free_builtin_timezones();
	return 0;
}
