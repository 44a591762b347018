/*
 * Recurrence: a schedule's start (local, floating) and optional RFC 5545
 * RRULE, expanded with libical into instants.  Also turns the friendly
 * --at/--days/--from/--until form into a start and a rule.
 */
#ifndef RECUR_H
#define RECUR_H

#include <stddef.h>
#include <stdint.h>

#include "../proto/lx.h"

#define RECUR_DTSTART_LEN 20 /* "YYYY-MM-DDTHH:MM:SS" + NUL */

struct recur;

/*
 * Compile a schedule: dtstart is local "YYYY-MM-DDTHH:MM:SS" (or with a
 * space), rrule an RFC 5545 RRULE value without "RRULE:" or NULL/"" for a
 * single airing.  Rules finer than minutely are refused.  Returns a new
 * recur the caller frees with recur_free, or NULL with err LX_E_ARG naming
 * what is wrong.
 */
struct recur *recur_new(
    const char *dtstart, const char *rrule, struct lx_err *err);

/* Free r; NULL is fine. */
void recur_free(struct recur *r);

/*
 * The first occurrence strictly after `after` (an instant), in *out.
 * Returns 1 when found, 0 when the rule has no more occurrences.  Cheap
 * for increasing `after` (the iterator is kept); any order works.
 */
int recur_next(struct recur *r, int64_t after, int64_t *out);

/*
 * The friendly form: at "HH:MM[:SS]"; days "daily" or a comma list of
 * mon,tue,wed,thu,fri,sat,sun (NULL = daily); from "YYYY-MM-DD" (NULL =
 * the day of `now`); until "YYYY-MM-DD" inclusive (NULL = none).  Writes
 * dtstart (RECUR_DTSTART_LEN bytes) and rrule (rrule_len bytes), e.g.
 * "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959".  Returns 0, or -1
 * with err LX_E_ARG.
 */
int recur_friendly(const char *at, const char *days, const char *from,
    const char *until, int64_t now, char *dtstart, char *rrule,
    size_t rrule_len, struct lx_err *err);

/*
 * "YYYY-MM-DD HH:MM[:SS]" (local) to dtstart form "YYYY-MM-DDTHH:MM:SS".
 * Returns 0, or -1 with err LX_E_ARG.
 */
int recur_dtstart(const char *when, char *dtstart, struct lx_err *err);

#endif
