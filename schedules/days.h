/*
 * Days of the week as people write them on the command line (--days) and
 * read them in a rule's description: English and Vietnamese names,
 * ranges and the usual sets.  Day 0 is Monday, 6 Sunday.
 */
#ifndef DAYS_H
#define DAYS_H

#include "../proto/lx.h"

#define DAYS_ALL 0x7fu /* every day: bit d set for day d */

/*
 * Parse a --days value into a mask of days (bit 0 Monday ... bit 6
 * Sunday).  It is a comma list (spaces around commas allowed) of:
 *   days: mon..sun, monday..sunday; t2..t7 and cn; thu2..thu7, chunhat;
 *         "thứ Hai" .. "thứ Bảy", "thứ 2", "Chủ nhật" (any case, with or
 *         without diacritics, precomposed or combining);
 *   ranges: mon-fri, t2-t6, "thứ 2 đến thứ 6" (a range may wrap: sat-mon);
 *   sets: daily (hằng ngày), weekdays (ngày thường), weekend (cuối tuần).
 * A day named twice is refused.  Returns 0, or -1 with err LX_E_ARG
 * naming the word it could not read.
 */
int days_parse(const char *s, unsigned *mask, struct lx_err *err);

/* The RFC 5545 code of day d, "MO".."SU"; NULL outside 0-6. */
const char *days_code(int d);

/* Day d's name in the current language ("Monday", "thứ Hai"). */
const char *days_name(int d);

#endif
