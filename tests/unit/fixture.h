/*
 * What the book's unit tests share: a clip added the short way (its
 * sha256 given, 1 s of 8 kHz mono).  Failure to add one ends the test.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "../../schedules/book.h"

/* Add a clip with this sha256 and topic; its id. */
static int64_t
add_clip(struct book *b, const char *sha, const char *topic)
{
	struct clip c = {0};
	struct lx_err err;

	snprintf(c.sha256, sizeof c.sha256, "%s", sha);
	snprintf(c.title, sizeof c.title, "Tin %s", sha);
	snprintf(c.topic, sizeof c.topic, "%s", topic);
	snprintf(c.format, sizeof c.format, "WAV");
	c.rate = 8000;
	c.channels = 1;
	c.frames = 8000;
	c.bytes = 16044;
	if (book_clip_add(b, &c, &err) == -1) {
		printf("clip add: %s\n", err.msg);
		exit(1);
	}
	return c.id;
}

#endif
