/*
 * mkclip: write a sine tone with libsndfile, the clips the tests import
 * and play.  Usage: mkclip OUT FORMAT SECONDS FREQ [RATE] [CHANNELS]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#define AMPLITUDE 0.5
#define CHUNK 1024

static const struct {
	const char *name;
	int format;
} formats[] = {
    {"wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
    {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS},
    {"mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III},
};

static int
format_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].format;
	return 0;
}

/* Write frames of the tone; returns 0, or -1 on a short write. */
static int
write_tone(SNDFILE *sf, const SF_INFO *si, long frames, double freq)
{
	double buf[CHUNK * 8];
	long done = 0, i, n;
	int c;

	while (done < frames) {
		n = frames - done < CHUNK ? frames - done : CHUNK;
		for (i = 0; i < n; i++)
			for (c = 0; c < si->channels; c++)
				buf[i * si->channels + c] = AMPLITUDE *
				    sin(2 * M_PI * freq * (done + i) /
				        si->samplerate);
		if (sf_writef_double(sf, buf, n) != n)
			return -1;
		done += n;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	SF_INFO si = {0};
	SNDFILE *sf;
	double seconds, freq;

	if (argc < 5 || argc > 7) {
		fprintf(stderr,
		    "usage: mkclip OUT wav|flac|ogg|opus|mp3 "
		    "SECONDS FREQ [RATE] [CHANNELS]\n");
		return 2;
	}
	seconds = atof(argv[3]);
	freq = atof(argv[4]);
	si.samplerate = argc > 5 ? atoi(argv[5]) : 48000;
	si.channels = argc > 6 ? atoi(argv[6]) : 1;
	si.format = format_lookup(argv[2]);
	if (si.format == 0 || !sf_format_check(&si) || si.channels > 8) {
		fprintf(stderr,
		    "mkclip: %s at %d Hz, %d channels: "
		    "not writable\n",
		    argv[2], si.samplerate, si.channels);
		return 1;
	}
	if ((sf = sf_open(argv[1], SFM_WRITE, &si)) == NULL) {
		fprintf(stderr, "mkclip: %s: %s\n", argv[1], sf_strerror(NULL));
		return 1;
	}
	if (write_tone(sf, &si, (long)(seconds * si.samplerate), freq) == -1) {
		fprintf(stderr, "mkclip: %s: %s\n", argv[1], sf_strerror(sf));
		sf_close(sf);
		return 1;
	}
	return sf_close(sf) == 0 ? 0 : 1;
}
