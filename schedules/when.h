/*
 * Instants and local time.  An instant is int64_t microseconds since the
 * epoch, UTC; local time (the process's TZ) appears only at the edges:
 * parsing what a person typed and formatting what a person reads.
 */
#ifndef WHEN_H
#define WHEN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../proto/lx.h"

#define WHEN_SEC INT64_C(1000000)

/* The wall clock now, CLOCK_REALTIME, in microseconds. */
int64_t when_now(void);

/*
 * Parse local "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS"
 * ('T' may replace the space) into *out.  The date may also be written
 * day first, "DD/MM/YYYY" (or "D/M/YYYY"), as in Vietnam.  Fields are
 * range-checked (no 2026-02-30), and a time a DST change skips is refused.
 * Returns 0, or -1 with err LX_E_ARG.
 */
int when_parse_local(const char *s, int64_t *out, struct lx_err *err);

/*
 * The same forms as when_parse_local, range-checked but not converted:
 * tm gets the fields as typed (tm_year + 1900, tm_mon 0-11, tm_isdst -1),
 * *has_time (may be NULL) whether a time was given.  For floating local
 * times such as a recurrence's start.  Returns 0, or -1 with err LX_E_ARG.
 */
int when_parse_tm(
    const char *s, struct tm *tm, int *has_time, struct lx_err *err);

/* Parse "HH:MM" or "HH:MM:SS" into seconds since midnight; 0 or -1. */
int when_parse_clock(const char *s, int *secs, struct lx_err *err);

/* Parse "YYYY-MM" (or "MM/YYYY") into the local instants of its first moment
 * and of the next month's first moment. 0 or -1 with err LX_E_ARG. */
int when_parse_month(
    const char *s, int64_t *from, int64_t *to, struct lx_err *err);

/* The local month containing t, as its bounds (as when_parse_month) and
 * its "YYYY-MM" label (8 bytes). */
void when_month_of(int64_t t, int64_t *from, int64_t *to, char label[8]);

/* The local midnight that starts the day of t. */
int64_t when_day_start(int64_t t);

/*
 * Format t as ISO 8601 local time with microseconds and offset,
 * "2026-11-23T05:30:00.000123+07:00", into out (at least 40 bytes).
 */
void when_format_iso(int64_t t, char *out, size_t n);

/*
 * Format t for people, in local time and the current language's way:
 * "2026-11-23 05:30:00", Vietnamese "23/11/2026 05:30:00" (at least 24
 * bytes; "" if out is too small).
 */
void when_format_human(int64_t t, char *out, size_t n);

/* Format tm's date (with its 24-hour time when with_time) for people, as
 * when_format_human does. */
void when_format_tm(const struct tm *tm, int with_time, char *out, size_t n);

/* Convert broken-down local time (month 1-12) to an instant; uses mktime
 * with tm_isdst = -1. */
int64_t when_from_local(int year, int mon, int day, int h, int m, int s);

#endif
