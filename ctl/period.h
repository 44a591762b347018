/*
 * The periods officials report on: a month (YYYY-MM or MM/YYYY), a quarter
 * (YYYY-Qn), a half year (YYYY-Hn) and a year (YYYY), as the local
 * instants that bound them.  Pure: text and instants in, a period out.
 */
#ifndef PERIOD_H
#define PERIOD_H

#include <stdint.h>

#include "../proto/lx.h"

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF, PERIOD_YEAR };

struct period {
	enum period_kind kind;
	int64_t from, to; /* [from, to): local midnights starting months */
	char label[32]; /* "2026-05", "2026-Q2", "2026-H1", "2026"; any int */
};

/*
 * Parse s as a period of that kind ("2026-Q2"; q and h may be lower
 * case).  0, or -1 with err LX_E_ARG naming the form expected.
 */
int period_parse(
    enum period_kind kind, const char *s, struct period *p, struct lx_err *err);

/* The period of that kind holding instant t (this month, this quarter). */
void period_of(enum period_kind kind, int64_t t, struct period *p);

#endif
