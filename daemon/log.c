/*
 * The daemon's log lines: stderr with a local timestamp, stderr with
 * "<N>" priority prefixes under systemd (JOURNAL_STREAM set), or syslog.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static int log_verbose;
static int log_syslog;
static int log_journal;

void
log_init(int verbose, int daemonised)
{
	log_verbose = verbose;
	log_journal = getenv("JOURNAL_STREAM") != NULL;
	log_syslog = daemonised && !log_journal;
	if (log_syslog)
		openlog("loaxad", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

/* Write one line at syslog priority pri; errno-safe. */
static void
log_vline(int pri, const char *suffix, const char *fmt, va_list ap)
{
	int saved = errno;
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_syslog) {
		syslog(pri, "%s%s", msg, suffix);
	} else if (log_journal) {
		fprintf(stderr, "<%d>%s%s\n", pri, msg, suffix);
	} else {
		char stamp[32];
		struct timespec ts;
		struct tm tm;

		/* Not time(): its coarse clock lags a tick behind. */
		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ld loaxad: %s%s\n", stamp,
		    ts.tv_nsec / 1000000, msg, suffix);
	}
	errno = saved;
}

void
log_warn(const char *fmt, ...)
{
	char suffix[256];
	va_list ap;

	snprintf(suffix, sizeof suffix, ": %s", strerror(errno));
	va_start(ap, fmt);
	log_vline(LOG_WARNING, suffix, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_WARNING, "", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_INFO, "", fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vline(LOG_DEBUG, "", fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	char suffix[256];
	va_list ap;

	snprintf(suffix, sizeof suffix, ": %s", strerror(errno));
	va_start(ap, fmt);
	log_vline(LOG_ERR, suffix, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_ERR, "", fmt, ap);
	va_end(ap);
	exit(1);
}
