/*
 * Each record of the book written through its shape: the values in the
 * shape's order, "none" as an empty value.
 */
#include "../proto/shape.h"
#include "wire.h"

/* Who: a user's name (or uid), none when "" (unknown, or scheduled). */
static void
wire_put_user(struct shape_writer *w, const char *who)
{
	shape_put_str(w, who);
}

void
wire_put_clip(struct buf *out, const struct clip *c)
{
	struct shape_writer w;

	shape_begin(&w, out, &lx_shape_clip);
	shape_put_int(&w, c->id);
	shape_put_str(&w, c->title);
	shape_put_str(&w, c->topic);
	shape_put_str(&w, c->source);
	shape_put_str(&w, c->format);
	shape_put_int(&w, c->rate);
	shape_put_int(&w, c->channels);
	shape_put_int(&w, c->frames);
	shape_put_fixed(&w, c->rate > 0 ? (double)c->frames / c->rate : 0.0, 3);
	shape_put_str(&w, c->sha256);
	shape_put_int(&w, c->added);
	shape_put_int(&w, c->bytes);
	wire_put_user(&w, c->added_by);
}

void
wire_put_schedule(struct buf *out, const struct schedule *s)
{
	struct shape_writer w;

	shape_begin(&w, out, &lx_shape_schedule);
	shape_put_int(&w, s->id);
	shape_put_int(&w, s->clip_id);
	shape_put_str(&w, s->title);
	shape_put_str(&w, s->dtstart);
	shape_put_str(&w, s->rrule);
	shape_put_opt(&w, s->next_due);
	shape_put_int(&w, s->priority);
	wire_put_user(&w, s->added_by);
}

void
wire_put_airing(struct buf *out, const struct airing *a)
{
	struct shape_writer w;

	shape_begin(&w, out, &lx_shape_airing);
	shape_put_int(&w, a->id);
	shape_put_int(&w, a->clip_id);
	shape_put_str(&w, a->title);
	shape_put_opt(&w, a->schedule_id > 0 ? a->schedule_id : -1);
	shape_put_int(&w, a->scheduled);
	shape_put_opt(&w, a->started);
	if (a->started >= 0)
		shape_put_int(&w, a->started - a->scheduled);
	else
		shape_put_str(&w, NULL);
	shape_put_opt(&w, a->ended);
	shape_put_int(&w, a->frames);
	shape_put_str(&w, book_status_name(a->status));
	shape_put_str(&w, a->reason);
	shape_put_str(&w, a->topic);
	shape_put_int(&w, a->priority);
	wire_put_user(&w, a->by);
}

void
wire_put_occurrence(struct buf *out, const struct occurrence *o)
{
	struct shape_writer w;

	shape_begin(&w, out, &lx_shape_occurrence);
	shape_put_int(&w, o->scheduled);
	shape_put_int(&w, o->clip_id);
	shape_put_str(&w, o->title);
	shape_put_opt(&w, o->schedule_id > 0 ? o->schedule_id : -1);
}
