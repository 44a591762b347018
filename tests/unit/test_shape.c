/*
 * One shape per record: each writer in schedules/wire.c puts exactly its
 * shape's keys on the wire, in order, once each; shapes have distinct
 * leading keys and no key twice.
 */
#include <string.h>

#include "../../proto/line.h"
#include "../../proto/shape.h"
#include "../../schedules/wire.h"
#include "check.h"

/* The keys of text, one per line, checked against shape s. */
static void
check_keys(const struct buf *b, const struct lx_shape *s, const char *what)
{
	const char *p = b->p, *end = b->p + b->len;
	size_t i = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *key, *value;
		size_t klen, vlen;
		int code;

		CHECK(nl != NULL);
		if (nl == NULL)
			return;
		CHECK(proto_reply_parse(p, (size_t)(nl - p), &key, &klen,
		          &value, &vlen, &code) == PROTO_KV);
		CHECK(i < s->n);
		if (i < s->n &&
		    (strlen(s->field[i].key) != klen ||
		        memcmp(s->field[i].key, key, klen) != 0)) {
			printf("%s: key %zu is '%.*s', the shape says '%s'\n",
			    what, i, (int)klen, key, s->field[i].key);
			CHECK(0);
		}
		i++;
		p = nl + 1;
	}
	if (i != s->n)
		printf("%s: %zu keys, the shape has %zu\n", what, i, s->n);
	CHECK_EQ(i, s->n);
}

static void
test_writers(void)
{
	struct clip c = {.id = 7,
	    .title = "Tin",
	    .topic = "cchc",
	    .rate = 22050,
	    .frames = 100};
	struct schedule s = {.id = 3, .clip_id = 7, .next_due = -1};
	struct airing a = {.id = 9, .clip_id = 7, .started = -1, .ended = -1};
	struct occurrence o = {.scheduled = 1, .clip_id = 7, .schedule_id = 3};
	struct buf b = {0};

	wire_put_clip(&b, &c);
	check_keys(&b, &lx_shape_clip, "clip");
	buf_reset(&b);
	wire_put_schedule(&b, &s);
	check_keys(&b, &lx_shape_schedule, "schedule");
	buf_reset(&b);
	wire_put_airing(&b, &a);
	check_keys(&b, &lx_shape_airing, "airing");
	buf_reset(&b);
	a.started = 5;
	a.schedule_id = 3;
	wire_put_airing(&b, &a);
	check_keys(&b, &lx_shape_airing, "airing that started");
	buf_reset(&b);
	wire_put_occurrence(&b, &o);
	check_keys(&b, &lx_shape_occurrence, "occurrence");
	buf_free(&b);
}

static void
test_shapes(void)
{
	const struct lx_shape *all[] = {&lx_shape_clip, &lx_shape_schedule,
	    &lx_shape_airing, &lx_shape_occurrence};
	size_t n = sizeof all / sizeof all[0];

	for (size_t k = 0; k < n; k++) {
		const struct lx_shape *s = all[k];

		for (size_t i = 0; i < s->n; i++) {
			CHECK(s->field[i].head != NULL);
			for (size_t j = i + 1; j < s->n; j++) {
				CHECK(strcmp(s->field[i].key,
				          s->field[j].key) != 0);
				CHECK(strcmp(s->field[i].name,
				          s->field[j].name) != 0);
			}
		}
		for (size_t j = k + 1; j < n; j++)
			CHECK(
			    strcmp(s->field[0].key, all[j]->field[0].key) != 0);
	}
}

int
main(void)
{
	test_writers();
	test_shapes();
	return failed;
}
