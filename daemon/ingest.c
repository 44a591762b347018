/*
 * The import worker: a thread that waits for one job at a time, runs the
 * slow part of an import (decode check, copy, sha256, fsync, rename) and
 * wakes the loop with an ev_async to record it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../proto/buf.h"
#include "../proto/i18n.h"
#include "ingest.h"
#include "log.h"

struct ingest {
	struct ev_loop *loop;
	struct library *lib;
	ev_async wake; /* the worker finished a job */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ingest_job *todo; /* for the worker */
	struct ingest_job *done; /* for the loop */
	int busy; /* a job is todo, running or done but not delivered */
	int stop;
};

/* The slow part, on the worker thread, in the client's language. */
static void
ingest_run(struct ingest *ing, struct ingest_job *job)
{
	locale_t was = job->loc ? uselocale(job->loc) : (locale_t)0;

	job->rc = library_import(ing->lib, job->fd, &job->im, &job->err);
	if (job->rc == 0)
		job->rc = library_commit(
		    ing->lib, &job->im, &job->existed, &job->err);
	if (job->loc)
		uselocale(was);
}

static void *
ingest_main(void *arg)
{
	struct ingest *ing = arg;
	struct ingest_job *job;

	pthread_mutex_lock(&ing->mu);
	for (;;) {
		while (ing->todo == NULL && !ing->stop)
			pthread_cond_wait(&ing->cv, &ing->mu);
		if (ing->todo == NULL)
			break;
		job = ing->todo;
		ing->todo = NULL;
		pthread_mutex_unlock(&ing->mu);
		ingest_run(ing, job);
		pthread_mutex_lock(&ing->mu);
		ing->done = job;
		ev_async_send(ing->loop, &ing->wake);
	}
	pthread_mutex_unlock(&ing->mu);
	return NULL;
}

/* On the loop: deliver the finished job. */
static void
ingest_wake_cb(struct ev_loop *loop, ev_async *w, int revents)
{
	struct ingest *ing = w->data;
	struct ingest_job *job;

	(void)loop, (void)revents;
	pthread_mutex_lock(&ing->mu);
	job = ing->done;
	ing->done = NULL;
	if (job != NULL)
		ing->busy = 0;
	pthread_mutex_unlock(&ing->mu);
	if (job != NULL)
		job->done(job);
}

struct ingest *
ingest_new(struct ev_loop *loop, struct library *lib, struct lx_err *err)
{
	struct ingest *ing = xcalloc(1, sizeof *ing);
	int e;

	ing->loop = loop;
	ing->lib = lib;
	pthread_mutex_init(&ing->mu, NULL);
	pthread_cond_init(&ing->cv, NULL);
	ev_async_init(&ing->wake, ingest_wake_cb);
	ing->wake.data = ing;
	ev_async_start(loop, &ing->wake);
	if ((e = pthread_create(&ing->thread, NULL, ingest_main, ing)) != 0) {
		lx_err_set(err, LX_E_IO, "import thread: %s", strerror(e));
		ev_async_stop(loop, &ing->wake);
		free(ing);
		return NULL;
	}
	return ing;
}

int
ingest_start(struct ingest *ing, struct ingest_job *job, struct lx_err *err)
{
	pthread_mutex_lock(&ing->mu);
	if (ing->busy) {
		pthread_mutex_unlock(&ing->mu);
		return lx_err_set(err, LX_E_BUSY,
		    _("another clip is being imported; try again when it "
		      "is done"));
	}
	ing->busy = 1;
	ing->todo = job;
	pthread_cond_signal(&ing->cv);
	pthread_mutex_unlock(&ing->mu);
	return 0;
}

void
ingest_job_free(struct ingest_job *job)
{
	if (job == NULL)
		return;
	if (job->fd >= 0)
		close(job->fd);
	free(job);
}

void
ingest_free(struct ingest *ing)
{
	if (ing == NULL)
		return;
	pthread_mutex_lock(&ing->mu);
	ing->stop = 1;
	pthread_cond_signal(&ing->cv);
	pthread_mutex_unlock(&ing->mu);
	pthread_join(ing->thread, NULL);
	ev_async_stop(ing->loop, &ing->wake);
	/* Never recorded: its library file goes, unless another clip's. */
	if (ing->done != NULL && ing->done->rc == 0 && !ing->done->existed) {
		log_info("clip import stopped with the daemon");
		library_remove_sha(ing->lib, ing->done->im.clip.sha256);
	}
	ingest_job_free(ing->done);
	ingest_job_free(ing->todo);
	pthread_mutex_destroy(&ing->mu);
	pthread_cond_destroy(&ing->cv);
	free(ing);
}
