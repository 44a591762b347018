/*
 * Twin schedules: a new schedule whose airings a live one of the same
 * clip already makes, so that each would be logged and counted twice.
 * Compared by occurrences, not by their text: the same rule typed on
 * another day (another DTSTART), or in other words, is a twin too.
 */
#include <stdint.h>

#include "book.h"

#define TWIN_LOOK 8 /* occurrences compared */

struct twin_find {
	const struct schedule *s; /* the new one */
	int64_t now;
	int64_t times[TWIN_LOOK]; /* its next occurrences */
	int n; /* how many it has (fewer when it ends) */
	int64_t twin; /* the live schedule found, 0: none */
};

/* The next occurrences after now of (dtstart, rrule) into t; how many,
 * or -1 with err. */
static int
twin_times(const char *dtstart, const char *rrule, int64_t now,
    int64_t t[TWIN_LOOK], struct lx_err *err)
{
	struct recur *r = recur_new(dtstart, rrule, err);
	int n = 0;

	if (r == NULL)
		return -1;
	while (n < TWIN_LOOK && recur_next(r, n ? t[n - 1] : now, &t[n]))
		n++;
	recur_free(r);
	return n;
}

static int
twin_check(void *arg, const struct schedule *live)
{
	struct twin_find *f = arg;
	int64_t t[TWIN_LOOK];
	int n;

	if (live->clip_id != f->s->clip_id || live->next_due < 0)
		return 0;
	/* The live one's airings from the new one's first on (a rule that no
	 * longer compiles, n = -1, is no twin of anything). */
	n = twin_times(live->dtstart, live->rrule, f->times[0] - 1, t, NULL);
	if (n < f->n)
		return 0;
	for (int i = 0; i < f->n; i++)
		if (t[i] != f->times[i])
			return 0;
	f->twin = live->id;
	return 1;
}

int
book_schedule_twin(struct book *b, const struct schedule *s, int64_t now,
    int64_t *twin, struct lx_err *err)
{
	struct twin_find f = {s, now, {0}, 0, 0};

	if ((f.n = twin_times(s->dtstart, s->rrule, now, f.times, err)) == -1)
		return -1;
	if (f.n == 0)
		return 0;
	if (book_schedule_each(b, twin_check, &f, err) == -1)
		return -1;
	*twin = f.twin;
	return f.twin != 0;
}
