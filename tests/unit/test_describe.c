/*
 * Unit tests for schedules/describe.c and schedules/days.c: rules in
 * words, in English (the C locale) and in Vietnamese (vi_VN.UTF-8 with the
 * catalog the build made, found through LOAXA_LOCALEDIR).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../proto/i18n.h"
#include "../../schedules/days.h"
#include "../../schedules/describe.h"
#include "check.h"

static void
words(int line, const char *dtstart, const char *rrule, const char *want)
{
	struct buf b = {0};

	describe_rule(dtstart, rrule, &b);
	buf_add(&b, "", 1);
	if (strcmp(b.p, want) != 0) {
		printf("line %d: '%s' '%s'\n  got  '%s'\n  want '%s'\n", line,
		    dtstart, rrule ? rrule : "(null)", b.p, want);
		failed = 1;
	}
	buf_free(&b);
}

#define WORDS(...) words(__LINE__, __VA_ARGS__)
#define D1 "2026-12-01T05:30:00" /* a Tuesday */

static void
test_english(void)
{
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959",
	    "05:30 every Monday, Wednesday, Friday, from 2026-12-01 to "
	    "2026-12-31");
	WORDS(D1, "FREQ=DAILY", "05:30 every day, from 2026-12-01");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
	    "05:30 every day, from 2026-12-01");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
	    "05:30 every Monday to Friday, from 2026-12-01");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,TU,TH,FR,SA",
	    "05:30 every Monday, Tuesday, Thursday to Saturday, from "
	    "2026-12-01");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=SA,SU",
	    "05:30 every Saturday, Sunday, from 2026-12-01");
	WORDS(D1, "FREQ=DAILY;BYDAY=SU,MO",
	    "05:30 every Monday, Sunday, from "
	    "2026-12-01");
	WORDS(D1, "", "05:30 once, on 2026-12-01");
	WORDS(D1, NULL, "05:30 once, on 2026-12-01");
	WORDS("2026-12-01T17:00:30", "FREQ=DAILY",
	    "17:00:30 every day, from 2026-12-01");
	WORDS(D1, "FREQ=DAILY;INTERVAL=2",
	    "05:30 every 2 days, from "
	    "2026-12-01");
	WORDS(D1, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
	    "05:30 every 2 weeks on Monday, from 2026-12-01");
	WORDS(D1, "FREQ=WEEKLY", "05:30 every Tuesday, from 2026-12-01");
	WORDS(D1, "FREQ=MONTHLY;BYMONTHDAY=1,15",
	    "05:30 on day 1, 15 of every month, from 2026-12-01");
	WORDS(D1, "FREQ=MONTHLY",
	    "05:30 on day 1 of every month, from "
	    "2026-12-01");
	WORDS(D1, "FREQ=MONTHLY;INTERVAL=3",
	    "05:30 on day 1 of every 3 months, from 2026-12-01");
	WORDS(D1, "FREQ=HOURLY;INTERVAL=6",
	    "05:30, then every 6 hours, from 2026-12-01");
	WORDS(D1, "FREQ=MINUTELY;INTERVAL=30",
	    "05:30, then every 30 minutes, from 2026-12-01");
	WORDS(D1, "FREQ=DAILY;COUNT=10",
	    "05:30 every day, 10 times, from 2026-12-01");
	WORDS(D1, "FREQ=DAILY;COUNT=1",
	    "05:30 every day, 1 time, from "
	    "2026-12-01");
	/* What the words do not cover is given as it is. */
	WORDS(D1, "FREQ=YEARLY;BYMONTH=3",
	    "05:30, by the rule FREQ=YEARLY;BYMONTH=3");
	WORDS(D1, "FREQ=MONTHLY;BYDAY=1MO",
	    "05:30, by the rule FREQ=MONTHLY;BYDAY=1MO");
	WORDS(D1, "FREQ=MONTHLY;BYMONTHDAY=-1",
	    "05:30, by the rule FREQ=MONTHLY;BYMONTHDAY=-1");
	WORDS(D1, "FREQ=DAILY;BYHOUR=5,17",
	    "05:30, by the rule FREQ=DAILY;BYHOUR=5,17");
	WORDS(D1, "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
	    "05:30, by the rule FREQ=DAILY;INTERVAL=2;BYDAY=MO");
	WORDS(D1, "FREQ=BOGUS", "05:30, by the rule FREQ=BOGUS");
	WORDS("junk", "FREQ=DAILY", "junk FREQ=DAILY");
	CHECK_STR(days_name(0), "Monday");
	CHECK_STR(days_name(6), "Sunday");
	CHECK_STR(days_name(7), "");
	CHECK(days_code(7) == NULL);
	CHECK_STR(days_code(3), "TH");
}

static void
test_vietnamese(void)
{
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959",
	    "05:30 thứ Hai, thứ Tư, thứ Sáu, từ 01/12/2026 đến 31/12/2026");
	WORDS(D1, "FREQ=DAILY", "05:30 hằng ngày, từ 01/12/2026");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
	    "05:30 từ thứ Hai đến thứ Sáu, từ 01/12/2026");
	WORDS(D1, "FREQ=WEEKLY;BYDAY=SA,SU",
	    "05:30 thứ Bảy, Chủ nhật, từ 01/12/2026");
	WORDS(D1, "", "05:30 một lần, ngày 01/12/2026");
	WORDS(D1, "FREQ=DAILY;COUNT=10",
	    "05:30 hằng ngày, 10 lần, từ 01/12/2026");
	WORDS(D1, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
	    "05:30 thứ Hai, 2 tuần một lần, từ 01/12/2026");
	WORDS(D1, "FREQ=MONTHLY;BYMONTHDAY=1,15",
	    "05:30 ngày 1, 15 hằng tháng, từ 01/12/2026");
	WORDS(D1, "FREQ=YEARLY;BYMONTH=3",
	    "05:30, theo quy tắc FREQ=YEARLY;BYMONTH=3");
}

/* Switch to locale name and loaxa's catalogs; 0, or -1 if missing. */
static int
use_locale(const char *name)
{
	setenv("LC_ALL", name, 1);
	lx_i18n_init();
	return strcmp(setlocale(LC_MESSAGES, NULL), name) == 0 ? 0 : -1;
}

int
main(void)
{
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (use_locale("C") == 0)
		test_english();
	else
		CHECK(!"the C locale");
	if (use_locale("vi_VN.UTF-8") == 0)
		test_vietnamese();
	else {
		printf("no vi_VN.UTF-8 locale: run scripts/deps.sh\n");
		failed = 1;
	}
	printf("%s\n", failed ? "FAIL" : "ok");
	return failed;
}
