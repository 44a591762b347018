/*
 * The lateness probe: an LD_PRELOAD library that watches a program's ALSA
 * playback from outside and notes, per stream, when the first non-silent
 * frame was handed to ALSA (snd_pcm_writei, _writen, _mmap_commit) and
 * when the stream was started explicitly (snd_pcm_start), on
 * CLOCK_REALTIME, with snd_pcm_delay() just after.  One line per event is
 * appended to $LOAXA_PROBE_OUT; bench/bench.py reads them.
 *
 * Line: "<event> pid=P pcm=0xADDR t=US off=FRAMES n=FRAMES rate=HZ
 *        delay=FRAMES state=S dev=NAME"
 * event "first": the write holding the first non-silent frame; t is read
 * on entry, off is that frame's index in the stream, n the frames written
 * by the call, delay snd_pcm_delay() after it.  event "start": an
 * explicit snd_pcm_start(); off is the frames written before it.  event
 * "run": the write (entered at t, returned at t_end) during which the
 * stream went from PREPARED to RUNNING by its start threshold.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <alsa/asoundlib.h>

#define MAX_STREAMS 64

/* What the probe knows of one open pcm. */
struct stream {
	snd_pcm_t *pcm;
	char name[64];
	int known; /* format read from hw_params */
	snd_pcm_format_t format;
	unsigned channels, rate;
	int heard; /* the first non-silent frame went by */
	int running; /* seen RUNNING after a write or a start */
	int64_t written; /* frames handed over so far */
	const snd_pcm_channel_area_t *areas; /* from the last mmap_begin */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct stream streams[MAX_STREAMS];
static __thread int depth; /* > 0 inside ALSA: its own calls */

static int (*real_open)(snd_pcm_t **, const char *, snd_pcm_stream_t, int);
static int (*real_close)(snd_pcm_t *);
static snd_pcm_sframes_t (*real_writei)(
    snd_pcm_t *, const void *, snd_pcm_uframes_t);
static snd_pcm_sframes_t (*real_writen)(
    snd_pcm_t *, void **, snd_pcm_uframes_t);
static int (*real_mmap_begin)(snd_pcm_t *, const snd_pcm_channel_area_t **,
    snd_pcm_uframes_t *, snd_pcm_uframes_t *);
static snd_pcm_sframes_t (*real_mmap_commit)(
    snd_pcm_t *, snd_pcm_uframes_t, snd_pcm_uframes_t);
static int (*real_start)(snd_pcm_t *);

static void
probe_bind(void)
{
	real_open = dlsym(RTLD_NEXT, "snd_pcm_open");
	real_close = dlsym(RTLD_NEXT, "snd_pcm_close");
	real_writei = dlsym(RTLD_NEXT, "snd_pcm_writei");
	real_writen = dlsym(RTLD_NEXT, "snd_pcm_writen");
	real_mmap_begin = dlsym(RTLD_NEXT, "snd_pcm_mmap_begin");
	real_mmap_commit = dlsym(RTLD_NEXT, "snd_pcm_mmap_commit");
	real_start = dlsym(RTLD_NEXT, "snd_pcm_start");
}

static void
probe_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, probe_bind);
}

static int64_t
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* The slot of pcm, or a free one when add is set; NULL if none. */
static struct stream *
stream_find(snd_pcm_t *pcm, int add)
{
	struct stream *free_slot = NULL;

	for (int i = 0; i < MAX_STREAMS; i++) {
		if (streams[i].pcm == pcm)
			return &streams[i];
		if (streams[i].pcm == NULL && free_slot == NULL)
			free_slot = &streams[i];
	}
	if (!add || free_slot == NULL)
		return NULL;
	memset(free_slot, 0, sizeof *free_slot);
	free_slot->pcm = pcm;
	return free_slot;
}

/* Learn the stream's format once its hw_params are set. */
static int
stream_learn(struct stream *s)
{
	snd_pcm_hw_params_t *hw;
	int dir = 0;

	if (s->known)
		return 0;
	snd_pcm_hw_params_alloca(&hw);
	if (snd_pcm_hw_params_current(s->pcm, hw) < 0 ||
	    snd_pcm_hw_params_get_format(hw, &s->format) < 0 ||
	    snd_pcm_hw_params_get_channels(hw, &s->channels) < 0 ||
	    snd_pcm_hw_params_get_rate(hw, &s->rate, &dir) < 0)
		return -1;
	s->known = 1;
	return 0;
}

/* 1 if the sample at p differs from the format's silence. */
static int
sample_loud(const struct stream *s, const unsigned char *p, int bytes)
{
	uint64_t silence = snd_pcm_format_silence_64(s->format);

	for (int i = 0; i < bytes; i++)
		if (p[i] != ((const unsigned char *)&silence)[i])
			return 1;
	return 0;
}

/*
 * The index of the first loud frame among n, or -1.  Sample c of frame i
 * is at base[c] + (first[c] + i * step[c]) bits.
 */
static int64_t
frames_first_loud(const struct stream *s, const snd_pcm_channel_area_t *a,
    snd_pcm_uframes_t offset, snd_pcm_uframes_t n)
{
	int bytes = snd_pcm_format_physical_width(s->format) / 8;

	if (bytes <= 0 || bytes > 8)
		return n > 0 ? 0 : -1;
	for (snd_pcm_uframes_t i = 0; i < n; i++)
		for (unsigned c = 0; c < s->channels; c++) {
			const unsigned char *p =
			    (const unsigned char *)a[c].addr +
			    (a[c].first + (offset + i) * a[c].step) / 8;

			if (sample_loud(s, p, bytes))
				return (int64_t)i;
		}
	return -1;
}

/* Append one event line to $LOAXA_PROBE_OUT. */
static void
probe_emit(const char *event, const struct stream *s, int64_t t, int64_t off,
    int64_t n, int64_t t_end)
{
	const char *path = getenv("LOAXA_PROBE_OUT");
	snd_pcm_sframes_t delay = -1;
	char line[512];
	int fd, len;

	if (path == NULL)
		return;
	if (snd_pcm_delay(s->pcm, &delay) < 0)
		delay = -1;
	len = snprintf(line, sizeof line,
	    "%s pid=%d pcm=%p t=%lld t_end=%lld off=%lld n=%lld rate=%u "
	    "delay=%ld state=%s dev=%s\n",
	    event, (int)getpid(), (void *)s->pcm, (long long)t,
	    (long long)t_end, (long long)off, (long long)n, s->rate,
	    (long)delay, snd_pcm_state_name(snd_pcm_state(s->pcm)), s->name);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) <
	    0)
		return;
	if (write(fd, line, (size_t)len) != len) {
		/* nothing to do: the reader sees a short file */
	}
	close(fd);
}

/*
 * After a write of n frames from areas at offset, entered at t, that
 * returned got: note the first loud frame if it is in it.
 */
static void
probe_written(snd_pcm_t *pcm, const snd_pcm_channel_area_t *a,
    snd_pcm_uframes_t offset, snd_pcm_uframes_t n, snd_pcm_sframes_t got,
    int64_t t)
{
	struct stream *s;
	int64_t loud, t_end = now_us();

	pthread_mutex_lock(&lock);
	s = stream_find(pcm, 1);
	if (s != NULL && got > 0 && !s->heard && stream_learn(s) == 0) {
		if (n > (snd_pcm_uframes_t)got)
			n = (snd_pcm_uframes_t)got;
		if ((loud = frames_first_loud(s, a, offset, n)) >= 0) {
			s->heard = 1;
			probe_emit(
			    "first", s, t, s->written + loud, got, t_end);
		}
	}
	if (s != NULL && got > 0)
		s->written += got;
	if (s != NULL && !s->running &&
	    snd_pcm_state(pcm) == SND_PCM_STATE_RUNNING) {
		s->running = 1;
		probe_emit("run", s, t, s->written, got, t_end);
	}
	pthread_mutex_unlock(&lock);
}

int
snd_pcm_open(
    snd_pcm_t **pcm, const char *name, snd_pcm_stream_t stream, int mode)
{
	struct stream *s;
	int rc;

	probe_init();
	depth++;
	rc = real_open(pcm, name, stream, mode);
	depth--;
	if (rc < 0 || depth > 0 || stream != SND_PCM_STREAM_PLAYBACK)
		return rc;
	pthread_mutex_lock(&lock);
	if ((s = stream_find(*pcm, 1)) != NULL)
		snprintf(s->name, sizeof s->name, "%s", name);
	pthread_mutex_unlock(&lock);
	return rc;
}

int
snd_pcm_close(snd_pcm_t *pcm)
{
	struct stream *s;

	probe_init();
	pthread_mutex_lock(&lock);
	if (depth == 0 && (s = stream_find(pcm, 0)) != NULL)
		s->pcm = NULL;
	pthread_mutex_unlock(&lock);
	return real_close(pcm);
}

snd_pcm_sframes_t
snd_pcm_writei(snd_pcm_t *pcm, const void *buf, snd_pcm_uframes_t n)
{
	snd_pcm_channel_area_t a[32];
	struct stream *s;
	snd_pcm_sframes_t got;
	int64_t t = now_us();
	unsigned ch = 0, width = 0;

	probe_init();
	if (depth > 0)
		return real_writei(pcm, buf, n);
	depth++;
	got = real_writei(pcm, buf, n);
	depth--;
	pthread_mutex_lock(&lock);
	if ((s = stream_find(pcm, 1)) != NULL && stream_learn(s) == 0) {
		ch = s->channels;
		width = (unsigned)snd_pcm_format_physical_width(s->format);
	}
	pthread_mutex_unlock(&lock);
	if (ch == 0 || ch > 32)
		return got;
	for (unsigned c = 0; c < ch; c++) {
		a[c].addr = (void *)buf;
		a[c].first = c * width;
		a[c].step = ch * width;
	}
	probe_written(pcm, a, 0, n, got, t);
	return got;
}

snd_pcm_sframes_t
snd_pcm_writen(snd_pcm_t *pcm, void **bufs, snd_pcm_uframes_t n)
{
	snd_pcm_channel_area_t a[32];
	struct stream *s;
	snd_pcm_sframes_t got;
	int64_t t = now_us();
	unsigned ch = 0, width = 0;

	probe_init();
	if (depth > 0)
		return real_writen(pcm, bufs, n);
	depth++;
	got = real_writen(pcm, bufs, n);
	depth--;
	pthread_mutex_lock(&lock);
	if ((s = stream_find(pcm, 1)) != NULL && stream_learn(s) == 0) {
		ch = s->channels;
		width = (unsigned)snd_pcm_format_physical_width(s->format);
	}
	pthread_mutex_unlock(&lock);
	if (ch == 0 || ch > 32)
		return got;
	for (unsigned c = 0; c < ch; c++) {
		a[c].addr = bufs[c];
		a[c].first = 0;
		a[c].step = width;
	}
	probe_written(pcm, a, 0, n, got, t);
	return got;
}

int
snd_pcm_mmap_begin(snd_pcm_t *pcm, const snd_pcm_channel_area_t **areas,
    snd_pcm_uframes_t *offset, snd_pcm_uframes_t *frames)
{
	struct stream *s;
	int rc;

	probe_init();
	if (depth > 0)
		return real_mmap_begin(pcm, areas, offset, frames);
	depth++;
	rc = real_mmap_begin(pcm, areas, offset, frames);
	depth--;
	pthread_mutex_lock(&lock);
	if (rc >= 0 && (s = stream_find(pcm, 1)) != NULL)
		s->areas = *areas;
	pthread_mutex_unlock(&lock);
	return rc;
}

snd_pcm_sframes_t
snd_pcm_mmap_commit(
    snd_pcm_t *pcm, snd_pcm_uframes_t offset, snd_pcm_uframes_t n)
{
	const snd_pcm_channel_area_t *a = NULL;
	struct stream *s;
	snd_pcm_sframes_t got;
	int64_t t = now_us();

	probe_init();
	if (depth > 0)
		return real_mmap_commit(pcm, offset, n);
	pthread_mutex_lock(&lock);
	if ((s = stream_find(pcm, 0)) != NULL)
		a = s->areas;
	pthread_mutex_unlock(&lock);
	depth++;
	got = real_mmap_commit(pcm, offset, n);
	depth--;
	if (a != NULL)
		probe_written(pcm, a, offset, n, got, t);
	return got;
}

int
snd_pcm_start(snd_pcm_t *pcm)
{
	struct stream *s;
	int64_t t = now_us();
	int rc;

	probe_init();
	if (depth > 0)
		return real_start(pcm);
	depth++;
	rc = real_start(pcm);
	depth--;
	pthread_mutex_lock(&lock);
	if (rc >= 0 && (s = stream_find(pcm, 1)) != NULL) {
		stream_learn(s);
		s->running = 1;
		probe_emit("start", s, t, s->written, 0, now_us());
	}
	pthread_mutex_unlock(&lock);
	return rc;
}
