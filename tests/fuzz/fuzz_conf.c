/*
 * libFuzzer target for the config parser (daemon/conf.c): the input is a
 * whole loaxad.conf.  Each error is one "FILE:LINE: message" line, and
 * what the parser stores stays terminated and in range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../daemon/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 if s is terminated within n bytes. */
static int
terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

static void
check_conf(const struct conf *c)
{
	if (!terminated(c->state_dir, sizeof c->state_dir) ||
	    !terminated(c->socket, sizeof c->socket) ||
	    !terminated(c->device, sizeof c->device) ||
	    !terminated(c->operator_group, sizeof c->operator_group))
		abort();
	if (c->state_dir[0] != '/' || c->socket[0] != '/' ||
	    c->device[0] == '\0' || c->operator_group[0] == '\0')
		abort();
	if (c->max_delay < 0 || c->catch_up < 0 || c->preroll < 0 ||
	    c->quota_per_month < 1)
		abort();
}

/* The number of "fuzz.conf:N: " lines in errs. */
static int
count_errors(const struct buf *b)
{
	size_t i = 0;
	int n = 0;

	while (i < b->len) {
		const char *p = b->p + i;
		const char *nl = memchr(p, '\n', b->len - i);

		if (nl == NULL || strncmp(p, "fuzz.conf:", 10) != 0)
			abort();
		n++;
		i = (size_t)(nl - b->p) + 1;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size > 0 ? size : 1), *flag, key[64];
	struct buf errs = {0};
	struct conf c;
	int nerr;

	memcpy(text, data, size);
	conf_defaults(&c);
	nerr = conf_parse(&c, text, size, "fuzz.conf", &errs);
	if (nerr < 0 || count_errors(&errs) != nerr)
		abort();
	check_conf(&c);
	buf_free(&errs);
	free(text);
	flag = malloc(size + 1);
	memcpy(flag, data, size);
	flag[size] = '\0';
	if (conf_flag_key(flag, key, sizeof key) == 0 &&
	    (strlen(key) != strlen(flag) - 2 || strchr(key, '-') != NULL))
		abort();
	free(flag);
	return 0;
}
