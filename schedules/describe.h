/*
 * A schedule's rule in words, for people, in the current language:
 * "05:30 every Monday, Wednesday, Friday, from 2026-12-01 to 2026-12-31"
 * ("05:30 thứ Hai, thứ Tư, thứ Sáu, từ 01/12/2026 đến 31/12/2026").
 */
#ifndef DESCRIBE_H
#define DESCRIBE_H

#include "../proto/buf.h"

/*
 * Append the words for a schedule's start (local "YYYY-MM-DDTHH:MM:SS")
 * and RRULE ("" or NULL: one airing) to out.  Daily, weekly, monthly,
 * hourly and minutely rules with plain days are put in words; a rule the
 * words do not cover is given as it is, after its time.  Pure: reads only
 * its arguments, the TZ and the language.
 */
void describe_rule(const char *dtstart, const char *rrule, struct buf *out);

#endif
