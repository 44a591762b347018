/*
 * The sd_notify side of loaxad: readiness, a one-line status for
 * `systemctl status`, the watchdog ping from the loop, and stopping.
 * libsystemd's sd_notify does nothing when $NOTIFY_SOCKET is unset.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <systemd/sd-daemon.h>

#include "../proto/i18n.h"
#include "log.h"
#include "notify.h"

struct notify {
	struct ev_loop *loop;
	struct onair *onair;
	ev_timer watchdog;
	int watching;
	ev_timer refresh; /* STATUS= within a second of a change */
	int refreshing;
	char status[LX_MAX_TITLE + 64]; /* the last STATUS= sent */
};

/* The value of `key: ` in a reply (first match) into out; 0 or -1. */
static int
notify_reply_value(const char *reply, const char *key, char *out, size_t len)
{
	size_t klen = strlen(key);

	for (const char *l = reply; l != NULL && *l != '\0';
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *end = strchr(l, '\n');
		size_t n;

		if (strncmp(l, key, klen) != 0 || strncmp(l + klen, ": ", 2))
			continue;
		l += klen + 2;
		n = end != NULL ? (size_t)(end - l) : strlen(l);
		snprintf(out, len, "%.*s", (int)n, l);
		return 0;
	}
	return -1;
}

/* "05:30" today, "03/12 05:30" on a later day, for instant us. */
static void
notify_when(long long us, char *out, size_t len)
{
	time_t t = (time_t)(us / 1000000), now = time(NULL);
	struct tm tm, today;

	localtime_r(&t, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(out, len, "%H:%M", &tm);
	else
		strftime(out, len, "%d/%m %H:%M", &tm);
}

void
notify_status_text(struct onair *onair, char *out, size_t len)
{
	struct buf reply = {0};
	char title[LX_MAX_TITLE], at[32], when[32];
	locale_t was = uselocale(LC_GLOBAL_LOCALE); /* the daemon's language */

	onair_status(onair, &reply);
	if (notify_reply_value(reply.p, "on_air_title", title, sizeof title) ==
	        0 &&
	    notify_reply_value(reply.p, "on_air", at, sizeof at) == 0 &&
	    at[0] != '\0')
		snprintf(out, len, _("on air: %s"), title);
	else if (notify_reply_value(reply.p, "scheduled", at, sizeof at) == 0 &&
	    notify_reply_value(reply.p, "title", title, sizeof title) == 0) {
		notify_when(strtoll(at, NULL, 10), when, sizeof when);
		snprintf(out, len, _("next: %s %s"), when, title);
	} else
		snprintf(out, len, "%s", _("nothing scheduled"));
	uselocale(was);
	buf_free(&reply);
}

/* Send head (READY=1, WATCHDOG=1, ...) with STATUS= when it changed;
 * with head NULL, STATUS= alone and only when it changed. */
static void
notify_send(struct notify *n, const char *head)
{
	char status[sizeof n->status], msg[sizeof status + 64];
	int rc;

	notify_status_text(n->onair, status, sizeof status);
	if (strcmp(status, n->status) == 0) {
		if (head == NULL)
			return;
		snprintf(msg, sizeof msg, "%s", head);
	} else if (head == NULL)
		snprintf(msg, sizeof msg, "STATUS=%s", status);
	else
		snprintf(msg, sizeof msg, "%s\nSTATUS=%s", head, status);
	if ((rc = sd_notify(0, msg)) < 0)
		log_debug("sd_notify: %s", strerror(-rc));
	else if (rc > 0)
		memcpy(n->status, status, sizeof status);
}

static void
notify_watchdog_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct notify *n = w->data;

	(void)loop, (void)revents;
	notify_send(n, "WATCHDOG=1");
}

static void
notify_refresh_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct notify *n = w->data;

	(void)loop, (void)revents;
	notify_send(n, NULL);
}

struct notify *
notify_new(struct ev_loop *loop, struct onair *onair)
{
	struct notify *n = xcalloc(1, sizeof *n);
	uint64_t usec = 0;

	n->loop = loop;
	n->onair = onair;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		double half = (double)usec / 2e6;

		ev_timer_init(&n->watchdog, notify_watchdog_cb, half, half);
		n->watchdog.data = n;
		ev_timer_start(loop, &n->watchdog);
		n->watching = 1;
		log_info("watchdog: a ping every %.3f s", half);
	}
	if (getenv("NOTIFY_SOCKET") != NULL) { /* a manager is listening */
		ev_timer_init(&n->refresh, notify_refresh_cb, 1., 1.);
		n->refresh.data = n;
		ev_timer_start(loop, &n->refresh);
		n->refreshing = 1;
	}
	return n;
}

void
notify_ready(struct notify *n)
{
	notify_send(n, "READY=1");
}

void
notify_stopping(struct notify *n)
{
	char msg[128];
	int rc;

	(void)n;
	snprintf(msg, sizeof msg, "STOPPING=1\nSTATUS=%s", _("stopping"));
	if ((rc = sd_notify(0, msg)) < 0)
		log_debug("sd_notify: %s", strerror(-rc));
}

void
notify_free(struct notify *n)
{
	if (n == NULL)
		return;
	if (n->watching)
		ev_timer_stop(n->loop, &n->watchdog);
	if (n->refreshing)
		ev_timer_stop(n->loop, &n->refresh);
	free(n);
}
