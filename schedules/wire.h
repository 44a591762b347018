/*
 * The book's records on the wire: one function a record, each writing
 * through its shape in proto/shape.c, so loaxad's replies (and loaxactl
 * --db's) carry every clip, schedule, airing and occurrence the same way.
 */
#ifndef WIRE_H
#define WIRE_H

#include "../proto/buf.h"
#include "book.h"

/* Append c as a clip record ("clip: 7", "title: …", …) to out. */
void wire_put_clip(struct buf *out, const struct clip *c);

/* Append s as a schedule record. */
void wire_put_schedule(struct buf *out, const struct schedule *s);

/* Append a as an airing record (a row of the log). */
void wire_put_airing(struct buf *out, const struct airing *a);

/* Append o as an occurrence record (an airing still to come). */
void wire_put_occurrence(struct buf *out, const struct occurrence *o);

#endif
