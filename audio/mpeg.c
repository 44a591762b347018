/*
 * libmpg123 behind decode.c's interface: one format (signed 16-bit at the
 * stream's own rate and channels), the length counted by mpg123_scan so
 * that a stream without a Xing/Info header still has its exact length.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mpg123.h>

#include "mpeg.h"

#define MPEG_MAX_CHANNELS 2

struct mpeg {
	mpg123_handle *mh;
	int channels;
	int rate;
};

static pthread_once_t mpeg_once = PTHREAD_ONCE_INIT;

/* Needed by libmpg123 before 1.27, a no-op since. */
static void
mpeg_init(void)
{
	mpg123_init();
}

/* Accept only signed 16-bit output at every rate libmpg123 decodes. */
static int
mpeg_formats(mpg123_handle *mh)
{
	const long *rates;
	size_t n;

	if (mpg123_format_none(mh) != MPG123_OK)
		return -1;
	mpg123_rates(&rates, &n);
	for (size_t i = 0; i < n; i++)
		if (mpg123_format(mh, rates[i], MPG123_MONO | MPG123_STEREO,
		        MPG123_ENC_SIGNED_16) != MPG123_OK)
			return -1;
	return 0;
}

/* The name the clip table shows: MP3, MP2 or MP1. */
static void
mpeg_name(mpg123_handle *mh, char *out, size_t n)
{
	struct mpg123_frameinfo fi;
	static const char *const names[] = {"MP1", "MP2", "MP3"};

	if (mpg123_info(mh, &fi) == MPG123_OK && fi.layer >= 1 && fi.layer <= 3)
		lx_strlcpy(out, names[fi.layer - 1], n);
	else
		lx_strlcpy(out, "MP3", n);
}

/* Open fd from its start and learn the format; 0 or -1 with err. */
static int
mpeg_open_at_start(struct mpeg *m, int fd, struct lx_err *err)
{
	long rate;
	int ch, enc;

	if (lseek(fd, 0, SEEK_SET) == -1)
		return lx_err_set(err, LX_E_AUDIO, "not an audio file: %m");
	if (mpg123_open_fd(m->mh, fd) != MPG123_OK ||
	    mpg123_getformat(m->mh, &rate, &ch, &enc) != MPG123_OK)
		return lx_err_set(err, LX_E_AUDIO, "not an audio file: %s",
		    mpg123_strerror(m->mh));
	if (enc != MPG123_ENC_SIGNED_16 || ch < 1 || ch > MPEG_MAX_CHANNELS)
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: MPEG output format %d, %d channels",
		    enc, ch);
	if (m->rate != 0 && (rate != m->rate || ch != m->channels))
		return lx_err_set(err, LX_E_AUDIO,
		    "not an audio file: MPEG format changed on reopening");
	m->rate = (int)rate;
	m->channels = ch;
	return 0;
}

/*
 * Open, scan the whole stream for its exact length, then open it again:
 * decoding after the scan's seek back to the start is not always
 * sample-exact with a fresh decode (libmpg123 1.31, MPEG 2 joint stereo).
 */
static int
mpeg_start(struct mpeg *m, int fd, struct decode_info *info, struct lx_err *err)
{
	off_t len;

	if (mpeg_open_at_start(m, fd, err) == -1)
		return -1;
	if (mpg123_scan(m->mh) != MPG123_OK ||
	    (len = mpg123_length(m->mh)) <= 0)
		return lx_err_set(err, LX_E_AUDIO, "not an audio file: %s",
		    mpg123_strerror(m->mh));
	mpeg_name(m->mh, info->format, sizeof info->format);
	mpg123_close(m->mh);
	if (mpeg_open_at_start(m, fd, err) == -1)
		return -1;
	info->rate = m->rate;
	info->channels = m->channels;
	info->frames = (int64_t)len;
	return 0;
}

struct mpeg *
mpeg_open_fd(int fd, struct decode_info *info, struct lx_err *err)
{
	struct mpeg *m;
	int e = MPG123_OK;

	pthread_once(&mpeg_once, mpeg_init);
	if ((m = calloc(1, sizeof *m)) == NULL ||
	    (m->mh = mpg123_new(NULL, &e)) == NULL) {
		lx_err_set(err, LX_E_IO, "libmpg123: %s",
		    m == NULL ? "out of memory" : mpg123_plain_strerror(e));
		free(m);
		return NULL;
	}
	/* Quiet: its messages would go to the daemon's stderr, not our log. */
	if (mpg123_param(m->mh, MPG123_ADD_FLAGS, MPG123_QUIET, 0) !=
	        MPG123_OK ||
	    mpeg_formats(m->mh) == -1) {
		lx_err_set(
		    err, LX_E_IO, "libmpg123: %s", mpg123_strerror(m->mh));
		mpeg_close(m);
		return NULL;
	}
	if (mpeg_start(m, fd, info, err) == -1) {
		mpeg_close(m);
		return NULL;
	}
	return m;
}

int64_t
mpeg_read(struct mpeg *m, int16_t *buf, int64_t n, struct lx_err *err)
{
	size_t want = (size_t)n * (size_t)m->channels * sizeof *buf, have = 0;
	size_t done;
	long rate;
	int rc, ch, enc;

	while (have < want) {
		rc = mpg123_read(
		    m->mh, (unsigned char *)buf + have, want - have, &done);
		have += done;
		if (rc == MPG123_DONE || (rc == MPG123_OK && done == 0))
			break;
		if (rc == MPG123_NEW_FORMAT &&
		    mpg123_getformat(m->mh, &rate, &ch, &enc) == MPG123_OK &&
		    rate == m->rate && ch == m->channels)
			continue;
		if (rc == MPG123_NEW_FORMAT)
			return lx_err_set(err, LX_E_AUDIO,
			    "cannot decode: the MPEG stream changes format");
		if (rc != MPG123_OK)
			return lx_err_set(err, LX_E_AUDIO, "cannot decode: %s",
			    mpg123_strerror(m->mh));
	}
	return (int64_t)(have / ((size_t)m->channels * sizeof *buf));
}

void
mpeg_close(struct mpeg *m)
{
	if (m == NULL)
		return;
	mpg123_close(m->mh);
	mpg123_delete(m->mh);
	free(m);
}
