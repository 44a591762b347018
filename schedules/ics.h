/*
 * Schedules as an iCalendar file (RFC 5545), built with libical, for
 * Thunderbird, Google Calendar and Outlook: one VEVENT per schedule with
 * its RRULE, DTSTART in local time under a VTIMEZONE for this machine's
 * zone, SUMMARY the clip's title.
 */
#ifndef ICS_H
#define ICS_H

#include <stddef.h>
#include <stdint.h>

#include "../proto/buf.h"
#include "../proto/lx.h"

/* One schedule as a calendar event. */
struct ics_event {
	int64_t schedule; /* its id: the event's UID */
	const char *title; /* SUMMARY */
	const char *start; /* local floating "YYYY-MM-DDTHH:MM:SS" */
	const char *rrule; /* "" for a single airing */
	int64_t seconds; /* DURATION (the clip's length); 0: none */
	const char *description; /* DESCRIPTION, or NULL */
};

/*
 * Append a VCALENDAR of the n events to out (CRLF line ends), stamped
 * `now` (an instant).  The zone is this process's: $TZ, else
 * /etc/localtime; when it has no name libical knows, times are written
 * floating (each calendar's own zone).  0, or -1 with err (a rule or
 * start that does not parse).
 */
int ics_write(struct buf *out, const struct ics_event *ev, size_t n,
    int64_t now, struct lx_err *err);

#endif
