/*
 * The daemon's log lines: stderr with a local timestamp, stderr with
 * "<N>" priority prefixes under systemd (JOURNAL_STREAM set), or syslog.
 * Lines are in the daemon's language, whoever's request is being served.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "../proto/i18n.h"
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

/*
 * Write one line at syslog priority pri; errno-safe.  fmt is translated
 * into the process's language, not that of the request being served.
 */
static void
log_vline(int pri, int with_errno, const char *fmt, va_list ap)
{
	int saved = errno;
	locale_t was = uselocale(LC_GLOBAL_LOCALE);
	char msg[1024], suffix[256] = "";

	if (pri != LOG_DEBUG)
		fmt = _(fmt);
	if (with_errno)
		snprintf(suffix, sizeof suffix, ": %s", strerror(saved));
	uselocale(was);
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

const char *
log_status(const char *status)
{
	locale_t was = uselocale(LC_GLOBAL_LOCALE);
	const char *s = lx_status_human(status);

	uselocale(was);
	return s;
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_WARNING, 1, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_WARNING, 0, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_INFO, 0, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vline(LOG_DEBUG, 0, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_ERR, 1, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_ERR, 0, fmt, ap);
	va_end(ap);
	exit(1);
}
