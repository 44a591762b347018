/*
 * libFuzzer target for the wire codec (proto/line.c): the input is one
 * line, split as a request and classified as a reply.  Words split out
 * must survive proto_quote and a second split unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../proto/buf.h"
#include "../../proto/line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Quote w's words into one line; split it again and compare. */
static void
requote(const struct proto_words *w)
{
	struct proto_words again;
	struct buf b = {0};
	struct lx_err err;

	for (int i = 0; i < w->argc; i++) {
		if (i > 0)
			buf_add(&b, " ", 1);
		proto_quote(&b, w->argv[i]);
	}
	if (proto_split(b.p != NULL ? b.p : "", b.len, &again, &err) == -1) {
		/* Quoting may double a line past LX_MAX_LINE, no more. */
		if (err.code != LX_E_LIMIT || b.len < LX_MAX_LINE)
			abort();
	} else {
		if (again.argc != w->argc)
			abort();
		for (int i = 0; i < w->argc; i++)
			if (strcmp(again.argv[i], w->argv[i]) != 0)
				abort();
	}
	buf_free(&b);
}

/* The pointers proto_reply_parse hands back stay inside the line. */
static void
reply(const char *line, size_t len)
{
	const char *key = NULL, *value = NULL;
	size_t klen = 0, vlen = 0;
	int code = -1;

	switch (
	    proto_reply_parse(line, len, &key, &klen, &value, &vlen, &code)) {
	case PROTO_KV:
		if (key != line || klen == 0 || value < line + klen ||
		    value + vlen != line + len)
			abort();
		break;
	case PROTO_ERR:
		if (code < 0 || value <= line || value + vlen != line + len)
			abort();
		break;
	case PROTO_OK:
	case PROTO_BAD:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly size bytes, so a read past the end is caught. */
	char *line = malloc(size > 0 ? size : 1), *s;
	struct proto_words w;
	struct lx_err err;
	int64_t n;

	memcpy(line, data, size);
	if (proto_split(line, size, &w, &err) == 0)
		requote(&w);
	else if (err.code != LX_E_ARG && err.code != LX_E_LIMIT)
		abort();
	reply(line, size);
	free(line);
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (proto_int(s, "n", -1000, INT64_MAX, &n, NULL) == 0 && n < -1000)
		abort();
	free(s);
	return 0;
}
