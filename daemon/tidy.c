/*
 * The quiet-spell checkpoint: each commit re-arms a monotonic timer; when
 * it fires with no write since, the WAL is checkpointed and truncated
 * without waiting on anyone (a reader in the way means: later).
 */
#include <stdlib.h>

#include "../proto/buf.h"
#include "log.h"
#include "tidy.h"

#define TIDY_QUIET 5.0 /* seconds without a write that count as quiet */

struct tidy {
	struct ev_loop *loop;
	struct book *book;
	ev_timer quiet;
};

/* A commit: the quiet spell starts again. */
static void
tidy_commit(void *arg)
{
	struct tidy *t = arg;

	ev_timer_again(t->loop, &t->quiet);
}

static void
tidy_quiet_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct tidy *t = w->data;
	struct lx_err err;
	int rc;

	(void)revents;
	rc = book_checkpoint(t->book, &err);
	if (rc == 1) {
		ev_timer_again(loop, w);
		return;
	}
	ev_timer_stop(loop, w);
	if (rc == -1)
		log_warnx("database: checkpoint: %s", err.msg);
	else
		log_debug("database: quiet, WAL checkpointed and truncated");
}

struct tidy *
tidy_new(struct ev_loop *loop, struct book *b)
{
	struct tidy *t = xcalloc(1, sizeof *t);

	t->loop = loop;
	t->book = b;
	ev_init(&t->quiet, tidy_quiet_cb);
	t->quiet.repeat = TIDY_QUIET;
	t->quiet.data = t;
	book_on_commit(b, tidy_commit, t);
	return t;
}

void
tidy_free(struct tidy *t)
{
	if (t == NULL)
		return;
	book_on_commit(t->book, NULL, NULL);
	ev_timer_stop(t->loop, &t->quiet);
	free(t);
}
