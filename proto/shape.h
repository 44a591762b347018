/*
 * The shape of each record on the wire, defined once: a clip, a schedule,
 * an airing (a row of the log) and an occurrence (an airing still to
 * come).  The daemon writes a record through its shape (schedules/wire.c)
 * and loaxactl reads and prints it through the same shape, so a key, its
 * JSON name, its type and its heading live in one place.
 */
#ifndef SHAPE_H
#define SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#ifndef N_
#define N_(s) s /* marked for translation where it is shown */
#endif

enum lx_type {
	LX_T_STR, /* text */
	LX_T_INT, /* integer */
	LX_T_NUM, /* decimal number */
	LX_T_SECONDS, /* decimal seconds; people read h:mm:ss */
	LX_T_INSTANT, /* wire instant (µs UTC); scripts read ISO 8601 local */
	LX_T_BOOL, /* 1 or 0 */
	LX_T_LOCAL, /* local floating time "YYYY-MM-DDTHH:MM:SS" */
	LX_T_MICROS /* a span in µs; people read ms or s */
};

#define LX_F_NULLABLE 1 /* an empty value is null (text is "" otherwise) */
#define LX_F_DETAIL 2 /* not a column of a table of many records */
#define LX_F_STATUS 4 /* an airing status: people read it in their words */

struct lx_field {
	const char *name; /* JSON key and CSV header */
	const char *key; /* the wire key */
	enum lx_type type;
	int flags; /* LX_F_* */
	const char *head; /* what people read: table heading, row label (N_) */
	const char *none; /* what a table shows for null (N_); NULL: "-" */
};

/* A record's shape: its fields in wire order, the first leading it. */
struct lx_shape {
	const struct lx_field *field;
	size_t n;
};

extern const struct lx_shape lx_shape_clip;
extern const struct lx_shape lx_shape_schedule;
extern const struct lx_shape lx_shape_airing;
extern const struct lx_shape lx_shape_occurrence;

/* Writing one record: the fields in the shape's order, each once. */
struct shape_writer {
	struct buf *out;
	const struct lx_shape *shape;
	size_t next; /* the field the next value is for */
};

/* Start a record of shape s on out. */
void shape_begin(
    struct shape_writer *w, struct buf *out, const struct lx_shape *s);
/* The next field's value: text (NULL: empty), an integer, an integer that
 * is none when negative (an instant, an id), or a printf number. */
void shape_put_str(struct shape_writer *w, const char *v);
void shape_put_int(struct shape_writer *w, int64_t v);
void shape_put_opt(struct shape_writer *w, int64_t v);
void shape_put_fixed(struct shape_writer *w, double v, int decimals);

#endif
