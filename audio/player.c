/*
 * The player thread: it waits for a cue, opens the ALSA pcm and decodes
 * the first buffer (pre-roll), writes the first sample at the cue's
 * instant, plays to the end, and reports through a queue and a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <alsa/asoundlib.h>

#include "decode.h"
#include "player.h"

#define EVENT_RING 16 /* an airing posts two events: plenty */
#define BUFFER_US 500000 /* ALSA buffer, all of it pre-rolled */
#define PERIOD_US 100000 /* one write after the first; stop latency */
#define SLEEP_US 2000 /* the last stretch: clock_nanosleep, not cond */
#define FIFO_PRIORITY 10
#define MAX_FDS 8 /* the pcm's poll descriptors, and the stop eventfd */
#define QUIT_WAIT_US 500000 /* at exit, the longest wait for the thread */
#define DEVICE_TIMEOUT_US 5000000 /* default: see player_set_timeout */

struct player {
	char device[256];
	pthread_t thread;
	int pipe[2]; /* a byte per event; [0] is player_fd() */

	pthread_mutex_t lock; /* guards the fields up to `stop` */
	pthread_cond_t wake; /* a cue, a stop, or quit */
	int cued; /* `cue` waits for the thread to take it */
	struct player_cue cue;
	int64_t current; /* the airing cued or on air */
	int quit;
	struct player_event ring[EVENT_RING];
	unsigned head, count;
	atomic_int stop; /* set under lock, read between writes without */
	int stopfd; /* eventfd: readable once a stop is asked */
	atomic_llong timeout; /* µs with no frame taken: not responding */
	atomic_int closing; /* ENDED is sent; the device is being closed */
	atomic_int done; /* the thread has returned */

	int busy; /* the caller's thread only */
	int realtime_err; /* 0: the thread runs SCHED_FIFO; else why not */
};

/* One airing, owned by the thread from cue to ENDED. */
struct airing {
	struct player *p;
	struct player_cue cue;
	struct decoder *dec;
	struct decode_info info;
	snd_pcm_t *pcm;
	snd_pcm_uframes_t buffer_size, period_size;
	int16_t *buf; /* buffer_size frames: pre-roll, then a period */
	int64_t prerolled; /* frames in buf before the first write */
	struct player_event end;
	int64_t progress; /* CLOCK_MONOTONIC µs when the device last took
	                   * frames */
};

static int64_t
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int64_t
mono_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static struct timespec
timespec_us(int64_t us)
{
	struct timespec t = {us / 1000000, us % 1000000 * 1000};

	return t;
}

/* ALSA's own reports reach us as return codes; keep stderr quiet. */
static void
alsa_silent(const char *file, int line, const char *function, int err,
    const char *fmt, ...)
{
	(void)file;
	(void)line;
	(void)function;
	(void)err;
	(void)fmt;
}

static void
alsa_quiet(void)
{
	snd_lib_error_set_handler(alsa_silent);
}

/* Queue ev and make player_fd() readable; the caller may be asleep. */
static void
player_post(struct player *p, const struct player_event *ev)
{
	char byte = 0;
	ssize_t n;

	pthread_mutex_lock(&p->lock);
	if (p->count < EVENT_RING) {
		p->ring[(p->head + p->count) % EVENT_RING] = *ev;
		p->count++;
		n = write(p->pipe[1], &byte, 1);
		(void)n; /* a full pipe is readable already */
	}
	pthread_mutex_unlock(&p->lock);
}

/* End the airing as failed; device_error says whose fault.  Returns -1. */
static int
airing_fail(struct airing *a, int device_error, const char *reason)
{
	a->end.end = PLAYER_FAILED;
	a->end.device_error = device_error;
	a->end.at = now_us();
	lx_strlcpy(a->end.reason, reason, sizeof a->end.reason);
	return -1;
}

/* A failed ALSA call, named as "device: call: ALSA's text". */
static int
airing_fail_alsa(struct airing *a, const char *what, int rc)
{
	char reason[sizeof a->end.reason];

	snprintf(reason, sizeof reason, "%.120s: %.40s: %.80s", a->p->device,
	    what, snd_strerror(rc));
	return airing_fail(a, 1, reason);
}

/* The clip's own format: S16_LE, its channels and rate (or ALSA's plug). */
static int
pcm_hw_format(struct airing *a, snd_pcm_hw_params_t *hw)
{
	snd_pcm_t *pcm = a->pcm;
	char what[32];
	int rc;

	if ((rc = snd_pcm_hw_params_any(pcm, hw)) < 0 ||
	    (rc = snd_pcm_hw_params_set_rate_resample(pcm, hw, 1)) < 0 ||
	    (rc = snd_pcm_hw_params_set_access(
	         pcm, hw, SND_PCM_ACCESS_RW_INTERLEAVED)) < 0)
		return airing_fail_alsa(a, "hw_params", rc);
	rc = snd_pcm_hw_params_set_format(pcm, hw, SND_PCM_FORMAT_S16_LE);
	if (rc < 0)
		return airing_fail_alsa(a, "format S16_LE", rc);
	rc = snd_pcm_hw_params_set_channels(pcm, hw, a->info.channels);
	if (rc < 0) {
		snprintf(what, sizeof what, "%d channels", a->info.channels);
		return airing_fail_alsa(a, what, rc);
	}
	rc = snd_pcm_hw_params_set_rate(pcm, hw, a->info.rate, 0);
	if (rc < 0) {
		snprintf(what, sizeof what, "rate %d Hz", a->info.rate);
		return airing_fail_alsa(a, what, rc);
	}
	return 0;
}

/* Format, buffer and period, applied; learn the sizes ALSA chose. */
static int
pcm_hw_setup(struct airing *a)
{
	snd_pcm_hw_params_t *hw;
	unsigned buffer_us = BUFFER_US, period_us = PERIOD_US;
	int rc;

	snd_pcm_hw_params_alloca(&hw);
	if (pcm_hw_format(a, hw) == -1)
		return -1;
	if ((rc = snd_pcm_hw_params_set_buffer_time_near(
	         a->pcm, hw, &buffer_us, NULL)) < 0 ||
	    (rc = snd_pcm_hw_params_set_period_time_near(
	         a->pcm, hw, &period_us, NULL)) < 0)
		return airing_fail_alsa(a, "buffer size", rc);
	if ((rc = snd_pcm_hw_params(a->pcm, hw)) < 0 ||
	    (rc = snd_pcm_get_params(
	         a->pcm, &a->buffer_size, &a->period_size)) < 0)
		return airing_fail_alsa(a, "hw_params", rc);
	return 0;
}

/* Playback starts with the first write, which holds more than this. */
static int
pcm_sw_setup(struct airing *a)
{
	snd_pcm_t *pcm = a->pcm;
	snd_pcm_uframes_t period = a->period_size;
	snd_pcm_sw_params_t *sw;
	int rc;

	snd_pcm_sw_params_alloca(&sw);
	if ((rc = snd_pcm_sw_params_current(pcm, sw)) < 0 ||
	    (rc = snd_pcm_sw_params_set_start_threshold(pcm, sw, period)) < 0 ||
	    (rc = snd_pcm_sw_params_set_avail_min(pcm, sw, period)) < 0 ||
	    (rc = snd_pcm_sw_params(pcm, sw)) < 0)
		return airing_fail_alsa(a, "sw_params", rc);
	return 0;
}

/*
 * Open the device without blocking (a busy card fails at once rather
 * than waiting for its owner), and keep it so: every wait for the device
 * is a poll with a timeout that a stop also ends.
 */
static int
pcm_open(struct airing *a)
{
	int rc;

	rc = snd_pcm_open(
	    &a->pcm, a->p->device, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
	if (rc < 0) {
		a->pcm = NULL;
		return airing_fail_alsa(a, "snd_pcm_open", rc);
	}
	return pcm_hw_setup(a) == -1 || pcm_sw_setup(a) == -1 ? -1 : 0;
}

/* Decoder, device, buffer and the first buffer of frames. */
static int
airing_preroll(struct airing *a)
{
	struct lx_err err;
	size_t bytes;

	if ((a->dec = decoder_open_fd(a->cue.fd, &a->info, &err)) == NULL)
		return airing_fail(a, 0, err.msg);
	if (pcm_open(a) == -1)
		return -1;
	bytes = sizeof *a->buf * a->buffer_size * a->info.channels;
	if ((a->buf = malloc(bytes)) == NULL)
		return airing_fail(a, 0, "out of memory");
	a->prerolled = decoder_read(a->dec, a->buf, a->buffer_size, &err);
	if (a->prerolled == -1)
		return airing_fail(a, 0, err.msg);
	if (a->prerolled == 0)
		return airing_fail(a, 0, "cannot decode: no frames");
	return 0;
}

/*
 * The airing was stopped: drop what the device holds, and count only the
 * frames that were played, not those still queued.  Returns -1.
 */
static int
airing_stopped(struct airing *a)
{
	snd_pcm_sframes_t queued = 0;

	if (a->pcm != NULL) {
		if (snd_pcm_delay(a->pcm, &queued) < 0 || queued < 0)
			queued = 0;
		if (queued > a->end.frames)
			queued = a->end.frames;
		a->end.frames -= queued;
	}
	a->end.end = PLAYER_STOPPED;
	a->end.at = now_us();
	return -1;
}

/*
 * Wait for the instant: on the condition variable (so player_stop wakes
 * us) until shortly before, then sleep the rest on the clock itself.
 */
static int
airing_wait(struct airing *a)
{
	struct player *p = a->p;
	struct timespec coarse = timespec_us(a->cue.at - SLEEP_US);
	struct timespec fine = timespec_us(a->cue.at);
	int rc = 0;

	if (a->cue.at <= SLEEP_US) /* 0: as soon as ready */
		return atomic_load(&p->stop) ? airing_stopped(a) : 0;
	pthread_mutex_lock(&p->lock);
	while (!atomic_load(&p->stop) && rc == 0) /* ETIMEDOUT ends it */
		rc = pthread_cond_timedwait(&p->wake, &p->lock, &coarse);
	pthread_mutex_unlock(&p->lock);
	if (atomic_load(&p->stop))
		return airing_stopped(a);
	while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &fine, NULL) ==
	    EINTR)
		;
	/* A stop in the last stretch still keeps the first sample back. */
	return atomic_load(&p->stop) ? airing_stopped(a) : 0;
}

/* After a failed write: 0 when ALSA recovered (an xrun), else -1. */
static int
pcm_recover(struct airing *a, int rc)
{
	if (snd_pcm_recover(a->pcm, rc, 1) < 0)
		return airing_fail_alsa(a, "snd_pcm_writei", rc);
	return 0;
}

/*
 * Wait until the device can take frames, a stop is asked or `ms` pass:
 * poll on the pcm's descriptors and the stop eventfd.  0 (ready or time
 * up), 1 stopped, -1 failed.
 */
static int
pcm_wait(struct airing *a, int ms)
{
	struct pollfd fds[MAX_FDS];
	unsigned short revents;
	int n, rc;

	fds[0] = (struct pollfd){a->p->stopfd, POLLIN, 0};
	n = snd_pcm_poll_descriptors(a->pcm, fds + 1, MAX_FDS - 1);
	if (n < 0)
		return airing_fail_alsa(a, "snd_pcm_poll_descriptors", n);
	if (poll(fds, (nfds_t)n + 1, ms) == -1 && errno != EINTR)
		return airing_fail(a, 1, strerror(errno));
	if (atomic_load(&a->p->stop))
		return 1;
	if (n > 0 &&
	    (rc = snd_pcm_poll_descriptors_revents(
	         a->pcm, fds + 1, (unsigned)n, &revents)) < 0)
		return airing_fail_alsa(a, "snd_pcm_poll_descriptors", rc);
	return 0;
}

/*
 * No frame taken for the device timeout: the airing fails, never ends
 * done.  -1 then, else 0.
 */
static int
pcm_watchdog(struct airing *a)
{
	if (mono_us() - a->progress <= atomic_load(&a->p->timeout))
		return 0;
	return airing_fail(a, 1, "device not responding");
}

/*
 * Write n frames from buf, recovering from underruns on the way.  Stops
 * and a device that takes nothing end it within a period.  0, or -1 with
 * a->end filled (stopped or failed).
 */
static int
pcm_write(struct airing *a, const int16_t *buf, int64_t n)
{
	snd_pcm_sframes_t w;
	int rc;

	while (n > 0) {
		if (atomic_load(&a->p->stop))
			return airing_stopped(a);
		w = snd_pcm_writei(a->pcm, buf, n);
		if (w == -EAGAIN || w == 0) {
			if (pcm_watchdog(a) == -1)
				return -1;
			if ((rc = pcm_wait(a, PERIOD_US / 1000)) != 0)
				return rc == 1 ? airing_stopped(a) : -1;
			continue;
		}
		if (w < 0) {
			if (pcm_recover(a, (int)w) == -1)
				return -1;
			continue;
		}
		a->progress = mono_us();
		a->end.frames += w;
		buf += w * a->info.channels;
		n -= w;
	}
	return 0;
}

/*
 * Play out what the device still holds: wait until its delay reaches 0
 * (or it stops running), watching that it goes down.  0, or -1 with
 * a->end filled.
 */
static int
pcm_drain(struct airing *a)
{
	snd_pcm_sframes_t delay, last = -1;
	snd_pcm_state_t st;

	for (;;) {
		st = snd_pcm_state(a->pcm);
		if (st != SND_PCM_STATE_RUNNING && st != SND_PCM_STATE_PREPARED)
			return 0;
		if (snd_pcm_delay(a->pcm, &delay) < 0 || delay <= 0)
			return 0;
		if (st == SND_PCM_STATE_PREPARED) { /* too short to start */
			if (snd_pcm_start(a->pcm) < 0)
				return 0;
		}
		if (last < 0 || delay < last)
			a->progress = mono_us();
		last = delay;
		if (pcm_watchdog(a) == -1)
			return -1;
		if (poll(&(struct pollfd){a->p->stopfd, POLLIN, 0}, 1,
		        PERIOD_US / 2000) == -1 &&
		    errno != EINTR)
			return airing_fail(a, 1, strerror(errno));
		if (atomic_load(&a->p->stop))
			return airing_stopped(a);
	}
}

/*
 * The first write: the clock is read immediately before it, and that is
 * when the airing started.
 */
static int
airing_first(struct airing *a)
{
	struct player_event ev = {.kind = PLAYER_STARTED, .id = a->cue.id};
	struct timespec t;
	snd_pcm_sframes_t w;

	clock_gettime(CLOCK_REALTIME, &t);
	a->progress = mono_us();
	w = snd_pcm_writei(a->pcm, a->buf, a->prerolled);
	if (w == -EAGAIN) {
		w = 0;
	} else if (w < 0) {
		if (pcm_recover(a, (int)w) == -1)
			return -1;
		w = 0;
	}
	ev.at = (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
	player_post(a->p, &ev);
	a->end.frames = w;
	return pcm_write(a, a->buf + w * a->info.channels, a->prerolled - w);
}

/* The rest of the clip, a period at a time, then the drain. */
static int
airing_rest(struct airing *a)
{
	struct lx_err err;
	int64_t n;

	for (;;) {
		if (atomic_load(&a->p->stop))
			return airing_stopped(a);
		n = decoder_read(a->dec, a->buf, a->period_size, &err);
		if (n == -1) {
			snd_pcm_drop(a->pcm);
			return airing_fail(a, 0, err.msg);
		}
		if (n == 0)
			break;
		if (pcm_write(a, a->buf, n) == -1)
			return -1;
	}
	if (pcm_drain(a) == -1)
		return -1;
	a->end.end = PLAYER_DONE;
	a->end.at = now_us();
	return 0;
}

/*
 * One airing, start to end.  ENDED is sent before the device is closed: a
 * hung device can keep snd_pcm_close waiting for ever, and the row must
 * not wait with it (player_busy stays 1 until the close returns).
 */
static void
airing_run(struct player *p, const struct player_cue *cue)
{
	struct airing a = {.p = p, .cue = *cue};

	a.end.kind = PLAYER_ENDED;
	a.end.id = cue->id;
	if (airing_preroll(&a) == 0 && airing_wait(&a) == 0 &&
	    airing_first(&a) == 0)
		airing_rest(&a);
	atomic_store(&p->closing, 1);
	player_post(p, &a.end);
	if (a.pcm != NULL) {
		if (a.end.end != PLAYER_DONE)
			snd_pcm_drop(a.pcm);
		snd_pcm_close(a.pcm);
	}
	decoder_close(a.dec);
	close(cue->fd);
	free(a.buf);
	atomic_store(&p->closing, 0);
	player_post(
	    p, &(struct player_event){.kind = PLAYER_RELEASED, .id = cue->id});
}

static void *
player_main(void *arg)
{
	struct player *p = arg;
	struct player_cue cue;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->cued && !p->quit)
			pthread_cond_wait(&p->wake, &p->lock);
		if (p->quit)
			break;
		cue = p->cue;
		p->cued = 0;
		pthread_mutex_unlock(&p->lock);
		airing_run(p, &cue);
		pthread_mutex_lock(&p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	atomic_store(&p->done, 1);
	return NULL;
}

/*
 * The thread takes no signals: they belong to the daemon's loop.  It is
 * born SCHED_FIFO, which needs root, CAP_SYS_NICE or RLIMIT_RTPRIO >= 10;
 * refused (EPERM), it runs at normal priority and realtime_err says why:
 * then the first write is late by up to several ms on busy CPUs.
 */
static int
player_spawn(struct player *p)
{
	struct sched_param sp = {.sched_priority = FIFO_PRIORITY};
	pthread_attr_t attr;
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	pthread_attr_setschedparam(&attr, &sp);
	p->realtime_err = pthread_create(&p->thread, &attr, player_main, p);
	pthread_attr_destroy(&attr);
	rc = p->realtime_err;
	if (rc == EPERM)
		rc = pthread_create(&p->thread, NULL, player_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* Free what player_new made, once no thread runs. */
static void
player_release(struct player *p)
{
	if (p->cued)
		close(p->cue.fd);
	close(p->pipe[0]);
	close(p->pipe[1]);
	close(p->stopfd);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

struct player *
player_new(const char *device, struct lx_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct player *p;
	int rc;

	pthread_once(&once, alsa_quiet);
	if ((p = calloc(1, sizeof *p)) == NULL) {
		lx_err_set(err, LX_E_IO, "out of memory");
		return NULL;
	}
	if (lx_strlcpy(p->device, device, sizeof p->device) == -1) {
		free(p);
		lx_err_set(
		    err, LX_E_ARG, "%.64s...: device name too long", device);
		return NULL;
	}
	if (pipe2(p->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		lx_err_set(err, LX_E_IO, "pipe: %s", strerror(errno));
		free(p);
		return NULL;
	}
	if ((p->stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		lx_err_set(err, LX_E_IO, "eventfd: %s", strerror(errno));
		close(p->pipe[0]);
		close(p->pipe[1]);
		free(p);
		return NULL;
	}
	atomic_store(&p->timeout, DEVICE_TIMEOUT_US);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	if ((rc = player_spawn(p)) != 0) {
		lx_err_set(err, LX_E_IO, "player thread: %s", strerror(rc));
		player_release(p);
		return NULL;
	}
	return p;
}

int
player_realtime(const struct player *p, int *priority)
{
	*priority = FIFO_PRIORITY;
	return p->realtime_err;
}

/* Make the stop eventfd readable (the thread polls on it). */
static void
player_wake_stop(struct player *p)
{
	uint64_t one = 1;
	ssize_t n = write(p->stopfd, &one, sizeof one);

	(void)n; /* full: readable already */
}

void
player_free(struct player *p)
{
	struct timespec t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	atomic_store(&p->stop, 1);
	player_wake_stop(p);
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	/* On the monotonic clock: a wall clock set back (or faked) must not
	 * turn the wait into an error or an endless one. */
	t = timespec_us(mono_us() + QUIT_WAIT_US);
	if (pthread_clockjoin_np(p->thread, NULL, CLOCK_MONOTONIC, &t) != 0) {
		/* Stuck in the device (a hung sound server): leave it be;
		 * the process is exiting and its row is finished. */
		pthread_detach(p->thread);
		return;
	}
	player_release(p);
}

int
player_fd(const struct player *p)
{
	return p->pipe[0];
}

int
player_cue(struct player *p, const struct player_cue *cue, struct lx_err *err)
{
	if (p->busy) {
		close(cue->fd);
		return lx_err_set(err, LX_E_BUSY, "%s: busy with airing %lld",
		    p->device, (long long)p->current);
	}
	pthread_mutex_lock(&p->lock);
	p->cue = *cue;
	p->cued = 1;
	p->current = cue->id;
	atomic_store(&p->stop, 0);
	while (read(p->stopfd, &(uint64_t){0}, sizeof(uint64_t)) > 0)
		;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	p->busy = 1;
	return 0;
}

void
player_stop(struct player *p, int64_t id)
{
	pthread_mutex_lock(&p->lock);
	if (p->busy && p->current == id) {
		atomic_store(&p->stop, 1);
		player_wake_stop(p);
		pthread_cond_signal(&p->wake);
	}
	pthread_mutex_unlock(&p->lock);
}

int
player_busy(const struct player *p)
{
	return p->busy || atomic_load(&p->closing);
}

void
player_set_timeout(struct player *p, int64_t us)
{
	atomic_store(&p->timeout, us);
}

int
player_event_next(struct player *p, struct player_event *ev)
{
	char drain[64];

	pthread_mutex_lock(&p->lock);
	if (p->count == 0) {
		/* Empty: the bytes of the events taken go too. */
		while (read(p->pipe[0], drain, sizeof drain) > 0)
			;
		pthread_mutex_unlock(&p->lock);
		return 0;
	}
	*ev = p->ring[p->head];
	p->head = (p->head + 1) % EVENT_RING;
	p->count--;
	pthread_mutex_unlock(&p->lock);
	if (ev->kind == PLAYER_ENDED && ev->id == p->current)
		p->busy = 0;
	return 1;
}

int
player_probe(struct player *p, struct lx_err *err)
{
	snd_pcm_t *pcm;
	int rc;

	rc = snd_pcm_open(
	    &pcm, p->device, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
	if (rc < 0)
		return lx_err_set(err, LX_E_DEVICE, "%s: snd_pcm_open: %s",
		    p->device, snd_strerror(rc));
	snd_pcm_close(pcm);
	return 0;
}
