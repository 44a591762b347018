/*
 * RRULE checking: an RFC 5545 rule value read strictly before libical sees
 * it, so that every rule libical would misread or cannot expand is refused
 * with a reason, and the rest reaches it in libical's own form.
 */
#ifndef RRULE_H
#define RRULE_H

#include <stdint.h>

#include <libical/ical.h>

#include "../proto/lx.h"

#define RRULE_MAX_COUNT 100000 /* bounds a walk from DTSTART (~2 us a step) */
#define RRULE_MAX_INTERVAL 9999

struct rrule {
	struct icalrecurrencetype rule; /* libical's form, UNTIL cleared */
	int64_t until; /* the last instant that may air; INT64_MAX: none */
	int never; /* no BYMONTHDAY falls in any BYMONTH */
};

/*
 * Check and parse rule, an RRULE value without "RRULE:", NUL-terminated,
 * at most LX_MAX_RRULE - 1 bytes.  Each NAME=VALUE part is checked on its
 * own and against the others; rules finer than minutely are refused.
 * UNTIL becomes out->until: a date means its whole local day, a trailing
 * 'Z' a UTC time, else a floating local time (the process's TZ).  Returns
 * 0, or -1 with err LX_E_ARG "bad rrule 'RULE': why".  out holds nothing
 * to free.
 */
int rrule_parse(const char *rule, struct rrule *out, struct lx_err *err);

#endif
