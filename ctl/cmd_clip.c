/*
 * clip add, list, show, rm: the library.  clip add opens the file itself
 * and hands loaxad the descriptor, so the daemon never opens a path a
 * client names.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "msg.h"

#define CLIP_TOPIC "cchc" /* the quota's topic, the default */

static const struct fmt_field clip_fields[] = {
    {"id", "clip", FMT_INT, 0, MSG_H_ID, NULL},
    {"title", "title", FMT_STR, 0, MSG_H_TITLE, NULL},
    {"topic", "topic", FMT_STR, 0, MSG_H_TOPIC, NULL},
    {"source", "source", FMT_STR, FMT_DETAIL, MSG_H_SOURCE, NULL},
    {"format", "format", FMT_STR, 0, MSG_H_FORMAT, NULL},
    {"rate", "rate", FMT_INT, FMT_DETAIL, MSG_H_RATE, NULL},
    {"channels", "channels", FMT_INT, FMT_DETAIL, MSG_H_CHANNELS, NULL},
    {"frames", "frames", FMT_INT, FMT_DETAIL, MSG_H_FRAMES, NULL},
    {"duration", "duration", FMT_SECONDS, 0, MSG_H_DURATION, NULL},
    {"sha256", "sha256", FMT_STR, FMT_DETAIL, MSG_H_SHA256, NULL},
    {"added", "added", FMT_INSTANT, FMT_NULLABLE, MSG_H_ADDED, NULL},
};

#define CLIP_NFIELDS (sizeof clip_fields / sizeof clip_fields[0])

/* The file's name without folder and extension, the default title. */
static const char *
clip_default_title(const char *file, char *out, size_t n)
{
	const char *base = strrchr(file, '/');
	char *dot;

	lx_strlcpy(out, base ? base + 1 : file, n);
	dot = strrchr(out, '.');
	if (dot != NULL && dot != out)
		*dot = '\0';
	return out;
}

/* Check what loaxad would refuse; 0, or an exit status after an error. */
static int
clip_check(const struct ctl *c, const char *title, const char *topic,
    const char *source)
{
	size_t n = strlen(title);

	if (n == 0)
		return ctl_fail(c, MSG_E_TITLE_EMPTY);
	if (!lx_utf8_valid(title, n))
		return ctl_fail(c, MSG_E_TITLE_UTF8);
	if (n >= LX_MAX_TITLE)
		return ctl_fail(c, MSG_E_TITLE_LONG, LX_MAX_TITLE - 1);
	if (!lx_topic_valid(topic))
		return ctl_fail(c, MSG_E_TOPIC, topic);
	n = strlen(source);
	if (n >= LX_MAX_SOURCE || !lx_utf8_valid(source, n))
		return ctl_fail(c, MSG_E_SOURCE, LX_MAX_SOURCE - 1);
	return 0;
}

/* Open the clip for loaxad to read; the fd, or -1 after an error. */
static int
clip_open(const struct ctl *c, const char *file)
{
	struct stat st;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd == -1) {
		ctl_fail(c, "%s: %s", file, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		ctl_fail(c, MSG_E_NOT_FILE, file);
		close(fd);
		return -1;
	}
	return fd;
}

int
cmd_clip_add(struct ctl *c, int argc, char **argv)
{
	const char *file = NULL, *title = NULL, *topic = NULL, *source = NULL;
	const struct opt opt[] = {
	    {"--title", &title, NULL},
	    {"--topic", &topic, NULL},
	    {"--source", &source, NULL},
	    {NULL, NULL, NULL},
	};
	static const char *const args[] = {"FILE", NULL};
	const struct opts o = {opt, args, &file};
	char deftitle[LX_MAX_PATH];
	struct reply r = {0};
	const char *id;
	int fd, rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO)
		return rc;
	if (title == NULL)
		title = clip_default_title(file, deftitle, sizeof deftitle);
	topic = topic ? topic : CLIP_TOPIC;
	source = source ? source : "";
	if ((fd = clip_open(c, file)) == -1)
		return CTL_EXIT_USAGE;
	if ((rc = clip_check(c, title, topic, source)) == 0)
		rc = ctl_request(
		    c, &r, fd, "clipadd", title, topic, source, NULL);
	close(fd);
	if (rc == 0 && (id = ctl_need(c, &r, "clip")) != NULL)
		printf("%s\n", id);
	else if (rc == 0)
		rc = CTL_EXIT_LINK;
	reply_free(&r);
	return rc;
}

int
cmd_clip_list(struct ctl *c, int argc, char **argv)
{
	return ctl_list(
	    c, argc, argv, "cliplist", "clip", clip_fields, CLIP_NFIELDS);
}

int
cmd_clip_show(struct ctl *c, int argc, char **argv)
{
	const char *format = NULL, *arg = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL},
	    {NULL, NULL, NULL},
	};
	static const char *const args[] = {"ID", NULL};
	const struct opts o = {opt, args, &arg};
	struct reply r = {0};
	struct reply_rec rec;
	enum fmt_kind kind;
	char ids[24];
	int64_t id;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO ||
	    (rc = ctl_id(c, "ID", arg, &id)) != 0 ||
	    (rc = ctl_format(c, format, &kind)) != 0)
		return rc;
	snprintf(ids, sizeof ids, "%" PRId64, id);
	if ((rc = ctl_request(c, &r, -1, "clipshow", ids, NULL)) == 0) {
		rec = reply_all(&r);
		fmt_one(stdout, kind, clip_fields, CLIP_NFIELDS, &rec);
	}
	reply_free(&r);
	return rc;
}

int
cmd_clip_rm(struct ctl *c, int argc, char **argv)
{
	return ctl_by_id(c, argc, argv, "cliprm");
}
