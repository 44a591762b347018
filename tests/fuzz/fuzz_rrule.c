/*
 * libFuzzer target for recurrence: the input's lines are an RRULE, a
 * start, and the friendly form's --at, --days, --from and --until.  The
 * rule is checked, compiled, walked and put in words; the friendly form
 * must give a start and a rule that compile.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../schedules/describe.h"
#include "../../schedules/recur.h"
#include "../../schedules/rrule.h"
#include "../../schedules/when.h"

#define FUZZ_FIELDS 6
#define FUZZ_START "2026-11-23T05:30:00"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Berlin", 1); /* DST both ways */
	tzset();
	return 0;
}

/* Split text at newlines into f; a missing or empty field is NULL. */
static void
fields(char *text, char *f[FUZZ_FIELDS])
{
	char *s = text;

	for (int i = 0; i < FUZZ_FIELDS; i++) {
		char *nl = s != NULL ? strchr(s, '\n') : NULL;

		if (nl != NULL)
			*nl = '\0';
		f[i] = s != NULL && *s != '\0' ? s : NULL;
		s = nl != NULL ? nl + 1 : NULL;
	}
}

/*
 * From a few instants, forwards and back in time, walk four occurrences,
 * each later than the last.  A rule rrule_parse took must compile (ok).
 */
static void
walk(const char *dtstart, const char *rule, int ok)
{
	static const int64_t afters[] = {0, INT64_C(1798761600) * WHEN_SEC,
	    INT64_C(4102444800) * WHEN_SEC, INT64_C(1700000000) * WHEN_SEC,
	    INT64_C(253402214400) * WHEN_SEC, -INT64_C(3155760000) * WHEN_SEC};
	struct lx_err err;
	struct recur *r = recur_new(dtstart, rule, &err);
	int64_t t, prev;

	if (r == NULL) {
		if (ok || err.code != LX_E_ARG)
			abort();
		return;
	}
	for (size_t i = 0; i < sizeof afters / sizeof afters[0]; i++) {
		prev = afters[i];
		for (int k = 0; k < 4 && recur_next(r, prev, &t); k++, prev = t)
			if (t <= prev)
				abort();
	}
	recur_free(r);
}

/* The friendly form's output must compile. */
static void
friendly(char *f[FUZZ_FIELDS])
{
	char dtstart[RECUR_DTSTART_LEN], rule[LX_MAX_RRULE];
	struct lx_err err;
	struct recur *r;

	if (f[2] == NULL)
		return;
	if (recur_friendly(f[2], f[3], f[4], f[5],
	        INT64_C(1795000000) * WHEN_SEC, dtstart, rule, sizeof rule,
	        &err) == -1)
		return;
	if ((r = recur_new(dtstart, rule, &err)) == NULL) {
		fprintf(stderr, "friendly %s %s: %s\n", dtstart, rule, err.msg);
		abort();
	}
	recur_free(r);
}

/* Any start and rule can be put in words, or given as they are. */
static void
describe(const char *dtstart, const char *rule)
{
	struct buf b = {0};

	describe_rule(dtstart, rule, &b);
	if (b.len == 0)
		abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *f[FUZZ_FIELDS], dtstart[RECUR_DTSTART_LEN];
	struct rrule rr;
	struct lx_err err;
	int ok = 1;

	if (size > 4 * LX_MAX_RRULE)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	fields(text, f);
	if (f[0] != NULL && rrule_parse(f[0], &rr, &err) == -1) {
		if (err.code != LX_E_ARG)
			abort();
		ok = 0;
	}
	if (f[1] != NULL && recur_dtstart(f[1], dtstart, &err) == -1 &&
	    err.code != LX_E_ARG)
		abort();
	walk(f[1] != NULL ? f[1] : FUZZ_START, f[0], f[1] == NULL && ok);
	friendly(f);
	describe(f[1] != NULL ? f[1] : FUZZ_START, f[0]);
	free(text);
	return 0;
}
