/*
 * decode: the reference decoding of a clip, as raw interleaved s16le, for
 * the sample-exact tests.  Prints "rate channels frames" on stdout.
 */
#include <stdio.h>

#include <sndfile.h>

#define CHUNK 4096

int
main(int argc, char **argv)
{
	static short buf[CHUNK * 8];
	SF_INFO si = {0};
	SNDFILE *sf;
	FILE *out;
	sf_count_t got, frames = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: decode IN OUT.raw\n");
		return 2;
	}
	if ((sf = sf_open(argv[1], SFM_READ, &si)) == NULL) {
		fprintf(stderr, "decode: %s: %s\n", argv[1], sf_strerror(NULL));
		return 1;
	}
	if (si.channels > 8 || (out = fopen(argv[2], "wb")) == NULL) {
		fprintf(stderr, "decode: %s: cannot write\n", argv[2]);
		return 1;
	}
	/* The player decodes with clipping on; so does the reference. */
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	while ((got = sf_readf_short(sf, buf, CHUNK)) > 0) {
		fwrite(buf, sizeof buf[0] * si.channels, got, out);
		frames += got;
	}
	if (sf_error(sf) != SF_ERR_NO_ERROR || fclose(out) != 0) {
		fprintf(stderr, "decode: %s: %s\n", argv[1], sf_strerror(sf));
		return 1;
	}
	sf_close(sf);
	printf("%d %d %lld\n", si.samplerate, si.channels, (long long)frames);
	return 0;
}
