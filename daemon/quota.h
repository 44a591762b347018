/*
 * The early warning: from the 20th of a month, when what has aired and
 * what is still scheduled cannot meet the month's quota, status says so
 * and the log says so once a day.
 */
#ifndef QUOTA_H
#define QUOTA_H

#include <ev.h>

#include "../proto/buf.h"
#include "../schedules/book.h"

struct quota;

/* Check now and then every morning, on loop.  Never fails. */
struct quota *quota_new(struct ev_loop *loop, struct book *b);

/*
 * Append this month's forecast to a status reply: quota_month, quota,
 * quota_items, quota_projected and quota_at_risk (1 from the 20th when
 * projected < quota, else 0).  Nothing when the book cannot be read.
 */
void quota_status(struct quota *q, struct buf *out);

/* Stop and free; NULL is fine. */
void quota_free(struct quota *q);

#endif
