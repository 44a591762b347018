/*
 * loaxad's log, in OpenBSD ntpd's shape: to stderr with a timestamp, with
 * syslog priority prefixes ("<4>") under systemd's journal, or to syslog
 * once daemonised.  log_warn appends strerror(errno); log_warnx does not.
 */
#ifndef LOG_H
#define LOG_H

/* Set where lines go: verbose enables log_debug; daemonised uses syslog. */
void log_init(int verbose, int daemonised);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An airing's status or state ("done") in the daemon's language, for a
 * log line's arguments (the format itself is translated by the line). */
const char *log_status(const char *status);

/* Log and exit(1): only main() calls these, before ev_run(). */
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif
