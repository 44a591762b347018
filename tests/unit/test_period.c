/*
 * Unit tests for reporting periods: each form parses to the local month
 * starts that bound it (over a year boundary too), the period holding an
 * instant, and bad forms refused with the form expected.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../ctl/period.h"
#include "../../schedules/when.h"
#include "check.h"

static int64_t
L(const char *s)
{
	int64_t t;

	if (when_parse_local(s, &t, NULL) == -1) {
		printf("bad time %s\n", s);
		exit(1);
	}
	return t;
}

/* s parses as kind to [from, to) with that label. */
static void
ok(enum period_kind kind, const char *s, const char *from, const char *to,
    const char *label)
{
	struct period p;
	struct lx_err err;

	if (period_parse(kind, s, &p, &err) == -1) {
		printf("%s: %s\n", s, err.msg);
		failed = 1;
		return;
	}
	CHECK_EQ(p.from, L(from));
	CHECK_EQ(p.to, L(to));
	CHECK_STR(p.label, label);
}

static void
bad(enum period_kind kind, const char *s)
{
	struct period p;
	struct lx_err err = {0, ""};

	CHECK(period_parse(kind, s, &p, &err) == -1);
	CHECK(err.code == LX_E_ARG && err.msg[0] != '\0');
}

int
main(void)
{
	struct period p;

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	ok(PERIOD_MONTH, "2026-05", "2026-05-01", "2026-06-01", "2026-05");
	ok(PERIOD_MONTH, "2026-12", "2026-12-01", "2027-01-01", "2026-12");
	ok(PERIOD_MONTH, "05/2026", "2026-05-01", "2026-06-01", "2026-05");
	ok(PERIOD_QUARTER, "2026-Q1", "2026-01-01", "2026-04-01", "2026-Q1");
	ok(PERIOD_QUARTER, "2026-q4", "2026-10-01", "2027-01-01", "2026-Q4");
	ok(PERIOD_HALF, "2026-H2", "2026-07-01", "2027-01-01", "2026-H2");
	ok(PERIOD_HALF, "2026-h1", "2026-01-01", "2026-07-01", "2026-H1");
	ok(PERIOD_YEAR, "2026", "2026-01-01", "2027-01-01", "2026");
	bad(PERIOD_MONTH, "2026-13");
	bad(PERIOD_MONTH, "2026-5");
	bad(PERIOD_MONTH, "26-05");
	bad(PERIOD_QUARTER, "2026-Q5");
	bad(PERIOD_QUARTER, "2026-Q0");
	bad(PERIOD_QUARTER, "2026-H1");
	bad(PERIOD_QUARTER, "2026Q1");
	bad(PERIOD_HALF, "2026-H3");
	bad(PERIOD_YEAR, "2026-");
	bad(PERIOD_YEAR, "");
	bad(PERIOD_YEAR, "10000");
	period_of(PERIOD_QUARTER, L("2026-11-15 12:00"), &p);
	CHECK_STR(p.label, "2026-Q4");
	period_of(PERIOD_HALF, L("2026-06-30 23:59"), &p);
	CHECK_STR(p.label, "2026-H1");
	period_of(PERIOD_MONTH, L("2027-01-01 00:00"), &p);
	CHECK_STR(p.label, "2027-01");
	CHECK_EQ(p.from, L("2027-01-01"));
	/* Across a DST change the bounds are still local midnights. */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	ok(PERIOD_QUARTER, "2026-Q1", "2026-01-01", "2026-04-01", "2026-Q1");
	ok(PERIOD_MONTH, "2026-10", "2026-10-01", "2026-11-01", "2026-10");
	if (!failed)
		printf("unit_period: ok\n");
	return failed;
}
