/*
 * Talking to the service manager (systemd's sd_notify protocol): READY=1
 * once the socket answers, STATUS= with what is on air or next,
 * WATCHDOG=1 from the loop at half of $WATCHDOG_USEC, STOPPING=1.  With
 * no $NOTIFY_SOCKET every call does nothing.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <ev.h>
#include <stddef.h>

#include "onair.h"

struct notify;

/*
 * Start the watchdog timer on loop when the manager asked for one
 * ($WATCHDOG_USEC, for this pid), and, when a manager listens
 * ($NOTIFY_SOCKET), a once-a-second look at onair that sends STATUS=
 * when it changed (so `systemctl status` is at most a second behind).
 * Never fails; free with notify_free.
 */
struct notify *notify_new(struct ev_loop *loop, struct onair *onair);

/* READY=1 and the first STATUS=: call just before ev_run(). */
void notify_ready(struct notify *n);

/* STOPPING=1: the loop has ended and the parts are stopping. */
void notify_stopping(struct notify *n);

/*
 * What STATUS= says, from the status reply: "on air: TITLE",
 * "next: 05:30 TITLE" (a later day: "next: 03/12 05:30 TITLE") or
 * "nothing scheduled", into out (size len).
 */
void notify_status_text(struct onair *onair, char *out, size_t len);

/* Stop the timer and free; NULL is fine. */
void notify_free(struct notify *n);

#endif
