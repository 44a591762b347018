/*
 * loaxad: the parts in the order they start — flags and config, the book,
 * the clip library, the control socket, the player, the airing
 * orchestration — then the loop; on SIGTERM they stop in reverse.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>

#include "../audio/player.h"
#include "../proto/i18n.h"
#include "../schedules/book.h"
#include "commands.h"
#include "conf.h"
#include "ingest.h"
#include "library.h"
#include "log.h"
#include "notify.h"
#include "onair.h"
#include "server.h"
#include "tidy.h"

#define MAIN_MAX_OPTS 32

struct opts {
	const char *conf_file;
	int conf_given;
	int foreground;
	int verbose;
	char flag_key[MAIN_MAX_OPTS][64]; /* the config keys flags set */
	const char *flag_val[MAIN_MAX_OPTS]; /* ... to these (in argv) */
	int nflags;
};

static void
usage(FILE *f)
{
	struct buf b = {0};

	conf_usage(&b);
	fprintf(f,
	    _("usage: loaxad [-c FILE] [--state-dir DIR] [--socket PATH] "
	      "[--device ALSA_PCM] [-f] [-v]\n"
	      "Airs scheduled clips on time through ALSA and keeps the log.\n"
	      "  -c, --config FILE  config file (%s)\n"
	      "  -f, --foreground   stay in the foreground\n"
	      "  -v, --verbose      log debug lines\n"
	      "  -h, --help         print this help\n"
	      "  -V, --version      print the version\n"
	      "%s"
	      "Each option is also a key of the config file (max_delay "
	      "900).\n"),
	    CONF_DEFAULT_FILE, b.p ? b.p : "");
	buf_free(&b);
}

/*
 * Read the config file into c; a missing default file is fine.  Every
 * error goes into errs, one line each; returns how many.
 */
static int
main_load_conf(struct conf *c, const struct opts *o, struct buf *errs)
{
	struct buf text = {0};
	char chunk[4096];
	ssize_t n = 0;
	int fd = open(o->conf_file, O_RDONLY | O_CLOEXEC), nerr;

	if (fd == -1) {
		if (errno == ENOENT && !o->conf_given)
			return 0;
		buf_printf(errs, "%s: %s\n", o->conf_file, strerror(errno));
		return 1;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&text, chunk, (size_t)n);
	if (n == -1)
		buf_printf(errs, "%s: %s\n", o->conf_file, strerror(errno));
	close(fd);
	nerr = n == -1
	    ? 1
	    : conf_parse(c, text.p ? text.p : "", text.len, o->conf_file, errs);
	buf_free(&text);
	return nerr;
}

/* The config file, then the flags that override it. */
static int
main_conf(struct conf *c, const struct opts *o, struct buf *errs)
{
	struct lx_err err;
	int nerr = main_load_conf(c, o, errs);

	for (int i = 0; i < o->nflags; i++)
		if (conf_set(c, o->flag_key[i], o->flag_val[i], &err) == -1) {
			buf_printf(errs, "--%s: %s\n", o->flag_key[i], err.msg);
			nerr++;
		}
	return nerr;
}

/* Read the config file into c at start; exit 1 on any error. */
static void
main_read_conf(struct conf *c, const struct opts *o)
{
	struct buf errs = {0};

	if (main_load_conf(c, o, &errs) > 0) {
		fputs(errs.p, stderr);
		exit(1);
	}
	buf_free(&errs);
}

#define MAIN_SHORT "+c:fvhV" /* '+': stop at the first word not an option */
#define MAIN_KEY 256 /* getopt's value of the first config key's flag */

/* The long options: ours, then one per config key (--max-delay SECS). */
static void
main_long_opts(struct option *lo, char names[][64])
{
	static const struct option fixed[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"foreground", no_argument, NULL, 'f'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	};
	size_t n = sizeof fixed / sizeof fixed[0], k;

	memcpy(lo, fixed, sizeof fixed);
	for (k = 0; n + k + 1 < MAIN_MAX_OPTS &&
	     conf_flag_name(k, names[k], sizeof names[k]) == 0;
	     k++)
		lo[n + k] = (struct option){
		    names[k], required_argument, NULL, MAIN_KEY + (int)k};
	lo[n + k] = (struct option){NULL, 0, NULL, 0};
}

/* A bad command line: glibc has said why; say where help is. */
static void __attribute__((noreturn)) main_usage_error(void)
{
	fprintf(stderr, _("Try 'loaxad --help' for more information.\n"));
	exit(1);
}

/*
 * Flags, with getopt_long: -c first (the file is read before the other
 * flags override it), then the rest in a second pass.
 */
static void
main_flags(int argc, char **argv, struct conf *c, struct opts *o)
{
	struct option lo[MAIN_MAX_OPTS];
	char names[MAIN_MAX_OPTS][64], flag[72], key[64];
	struct lx_err err;
	int ch, idx;

	main_long_opts(lo, names);
	argv[0] = (char *)"loaxad"; /* how getopt's messages name us */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, MAIN_SHORT, lo, NULL)) != -1)
		if (ch == 'c') {
			o->conf_file = optarg;
			o->conf_given = 1;
		}
	main_read_conf(c, o);
	opterr = 1;
	optind = 0; /* glibc: start over */
	while ((ch = getopt_long(argc, argv, MAIN_SHORT, lo, &idx)) != -1) {
		switch (ch) {
		case 'c':
			break;
		case 'f':
			o->foreground = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("loaxad %s\n", LX_VERSION);
			exit(0);
		case '?':
			main_usage_error();
		default:
			snprintf(flag, sizeof flag, "--%s", lo[idx].name);
			if (conf_flag_key(flag, key, sizeof key) == -1 ||
			    conf_set(c, key, optarg, &err) == -1) {
				fprintf(stderr, "loaxad: --%s: %s\n",
				    lo[idx].name, err.msg);
				exit(1);
			}
			if (o->nflags < MAIN_MAX_OPTS) { /* kept for SIGHUP */
				lx_strlcpy(o->flag_key[o->nflags], key,
				    sizeof o->flag_key[0]);
				o->flag_val[o->nflags++] = optarg;
			}
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("loaxad: unexpected argument '%s'\n"),
		    argv[optind]);
		main_usage_error();
	}
}

/* mkdir -p for the state folder and the socket's folder. */
static void
main_mkdirs(const char *path, mode_t mode)
{
	char tmp[LX_MAX_PATH];

	lx_strlcpy(tmp, path, sizeof tmp);
	for (char *p = tmp + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) == -1 && errno != EEXIST)
			fatal("%s", tmp);
		*p = '/';
	}
	if (mkdir(tmp, mode) == -1 && errno != EEXIST)
		fatal("%s", tmp);
}

/* Hold the state folder's lock for as long as we run: one loaxad per
 * database.  The pid is written once we know it. */
static int
main_lock_state(const char *dir)
{
	char path[LX_MAX_PATH + 16];
	int fd;

	snprintf(path, sizeof path, "%s/loaxad.pid", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1)
		fatal("%s", path);
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			fatalx("%s: in use by another loaxad", dir);
		fatal("%s: lock", path);
	}
	return fd;
}

/* Write our pid into the locked pid file. */
static void
main_write_pid(int fd)
{
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n)
		log_warn("pid file");
}

/* What a reload (SIGHUP) reaches. */
struct main_reload {
	ev_signal sighup;
	struct conf *conf;
	const struct opts *opts;
	struct book *book;
	struct player *player;
	struct onair *onair;
};

/* The settings a running daemon takes: the airing rules and the book's. */
static void
main_apply_conf(struct main_reload *r)
{
	struct conf *c = r->conf;
	struct onair_conf oc = {
	    c->max_delay, c->catch_up, c->preroll, c->device};
	struct lx_err err;

	if (book_meta_set_int(
	        r->book, "quota_per_month", c->quota_per_month, &err) == -1 ||
	    (c->commune[0] != '\0' &&
	        book_meta_set_text(r->book, "commune", c->commune, &err) == -1))
		log_warnx("config: %s", err.msg);
	player_set_timeout(r->player, c->device_timeout);
	onair_set_conf(r->onair, &oc);
}

/*
 * SIGHUP: read the config file again (the flags still win).  A file with
 * errors changes nothing; a key only a restart can change keeps its
 * value, and the log says so.
 */
static void
main_sighup_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct main_reload *r = (struct main_reload *)w;
	struct buf errs = {0};
	struct conf n;
	size_t i = 0;
	int k;
	char *line, *save;

	(void)loop, (void)revents;
	conf_defaults(&n);
	if (main_conf(&n, r->opts, &errs) > 0) {
		for (line = strtok_r(errs.p, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			log_warnx("%s", line);
		log_warnx(
		    "config %s: not reloaded; the settings stay as they were",
		    r->opts->conf_file);
		buf_free(&errs);
		return;
	}
	buf_free(&errs);
	while ((k = conf_keep_restart_key(&n, r->conf, &i)) != -1)
		log_warnx("config %s: %s changed; it takes effect at the next "
		          "start",
		    r->opts->conf_file, conf_key_name((size_t)k));
	*r->conf = n;
	main_apply_conf(r);
	log_info("config %s: reloaded", r->opts->conf_file);
}

static void
main_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)revents;
	log_info("signal %d: stopping", w->signum);
	ev_break(loop, EVBREAK_ALL);
}

/* Say once whether the player got real-time priority, and if not why. */
static void
main_log_realtime(const struct player *player)
{
	int prio, rc = player_realtime(player, &prio);

	if (rc == 0)
		log_info("player: real-time priority SCHED_FIFO %d", prio);
	else
		log_warnx("player: real-time priority SCHED_FIFO %d refused "
		          "(%s): airings may start late on a busy machine; "
		          "grant LimitRTPRIO=%d or CAP_SYS_NICE",
		    prio, strerror(rc), prio);
}

/* 1 when systemd started us: never daemonise then. */
static int
main_under_systemd(void)
{
	return getenv("INVOCATION_ID") != NULL ||
	    getenv("NOTIFY_SOCKET") != NULL;
}

int
main(int argc, char **argv)
{
	struct opts o = {.conf_file = CONF_DEFAULT_FILE};
	struct conf c;
	struct lx_err err;
	char path[LX_MAX_PATH + 32], sockdir[sizeof c.socket];
	struct ev_loop *loop;
	struct book *book;
	struct library *lib;
	struct server *srv;
	struct player *player;
	struct onair *onair;
	struct notify *notify;
	struct tidy *tidy;
	struct commands cmds;
	struct onair_conf oc;
	ev_signal sigterm, sigint;
	struct main_reload reload;
	int daemonise, lockfd;

	tzset();
	lx_i18n_init();
	if (commands_check(&err) == -1)
		fatalx("%s", err.msg);
	conf_defaults(&c);
	main_flags(argc, argv, &c, &o);
	daemonise = !o.foreground && !main_under_systemd();
	log_init(o.verbose, 0);
	signal(SIGPIPE, SIG_IGN);

	main_mkdirs(c.state_dir, 0750);
	lockfd = main_lock_state(c.state_dir);
	snprintf(path, sizeof path, "%s/loaxa.db", c.state_dir);
	if ((book = book_open(path, 0, &err)) == NULL)
		fatalx("%s", err.msg);
	if (book_meta_set_int(
	        book, "quota_per_month", c.quota_per_month, &err) == -1)
		fatalx("%s", err.msg);
	/* Reports name the commune, and so do copies of the database. */
	if (c.commune[0] != '\0' &&
	    book_meta_set_text(book, "commune", c.commune, &err) == -1)
		fatalx("%s", err.msg);
	snprintf(path, sizeof path, "%s/clips", c.state_dir);
	if ((lib = library_open(
	         path, c.max_clip_size, c.min_free_space, &err)) == NULL)
		fatalx("%s", err.msg);

	loop = ev_default_loop(EVFLAG_AUTO);
	tidy = tidy_new(loop, book);
	cmds = (struct commands){.book = book, .lib = lib, .conf = &c};
	lx_strlcpy(sockdir, c.socket, sizeof sockdir);
	main_mkdirs(dirname(sockdir), 0755);
	srv = server_open(
	    loop, c.socket, c.operator_group, commands_run, &cmds, &err);
	if (srv == NULL)
		fatalx("%s", err.msg);
	if (daemonise) {
		if (daemon(1, 0) == -1)
			fatal("daemon");
		log_init(o.verbose, 1);
		ev_loop_fork(loop);
	}
	main_write_pid(lockfd);

	if ((player = player_new(c.device, &err)) == NULL)
		fatalx("%s", err.msg);
	main_log_realtime(player);
	player_set_timeout(player, c.device_timeout);
	oc = (struct onair_conf){c.max_delay, c.catch_up, c.preroll, c.device};
	if ((onair = onair_new(loop, book, player, lib, &oc, &err)) == NULL)
		fatalx("%s", err.msg);
	cmds.onair = onair;
	cmds.quota = quota_new(loop, book);
	/* A thread: only after daemon(), which forks. */
	if ((cmds.ingest = ingest_new(loop, lib, &err)) == NULL)
		fatalx("%s", err.msg);
	ev_signal_init(&sigterm, main_signal_cb, SIGTERM);
	ev_signal_init(&sigint, main_signal_cb, SIGINT);
	ev_signal_start(loop, &sigterm);
	ev_signal_start(loop, &sigint);
	reload = (struct main_reload){.conf = &c,
	    .opts = &o,
	    .book = book,
	    .player = player,
	    .onair = onair};
	ev_signal_init(&reload.sighup, main_sighup_cb, SIGHUP);
	ev_signal_start(loop, &reload.sighup);
	if (onair_start(onair, &err) == -1)
		fatalx("%s", err.msg);
	notify = notify_new(loop, onair);

	log_info("loaxad %s: state %s, socket %s, device %s", LX_VERSION,
	    c.state_dir, c.socket, c.device);
	notify_ready(notify);
	ev_run(loop, 0);

	notify_stopping(notify);
	notify_free(notify);
	quota_free(cmds.quota);
	onair_free(onair);
	player_free(player);
	ingest_free(cmds.ingest);
	server_close(srv);
	commands_free(&cmds);
	library_close(lib);
	tidy_free(tidy);
	book_close(book);
	ev_signal_stop(loop, &sigterm);
	ev_signal_stop(loop, &sigint);
	ev_signal_stop(loop, &reload.sighup);
	ev_loop_destroy(loop);
	log_info("stopped");
	close(lockfd);
	return 0;
}
