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

/* What loaxactl sends: title, topic and source, cleaned by the rule
 * loaxad applies (proto/lx.c). */
struct clip_text {
	char title[LX_MAX_PATH];
	char topic[LX_MAX_PATH];
	char source[LX_MAX_PATH];
};

/* Copy and clean the three; 0, or an exit status after an error. */
static int
clip_text(const struct ctl *c, struct clip_text *t, const char *title,
    const char *topic, const char *source)
{
	struct lx_err err;

	lx_strlcpy(t->title, title, sizeof t->title);
	lx_strlcpy(t->topic, topic, sizeof t->topic);
	lx_strlcpy(t->source, source, sizeof t->source);
	if (lx_text_clean(t->title, LX_MAX_TITLE, "--title", 0, &err) == -1 ||
	    lx_topic_clean(t->topic, &err) == -1 ||
	    lx_text_clean(t->source, LX_MAX_SOURCE, "--source", 1, &err) == -1)
		return ctl_fail(c, "%s", err.msg);
	return 0;
}

/*
 * Open the clip for loaxad to read; the fd, or -1 after an error.  A
 * FIFO, socket, device or folder is refused before and after the open,
 * which never blocks (O_NONBLOCK).
 */
static int
clip_open(const struct ctl *c, const char *file)
{
	struct stat st;
	int fd;

	if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
		ctl_fail(c, MSG_E_NOT_FILE, file);
		return -1;
	}
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
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
	    {"--title", &title, NULL, NULL, 0},
	    {"--topic", &topic, NULL, NULL, 0},
	    {"--source", &source, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	static const char *const args[] = {"FILE", NULL};
	const struct opts o = {opt, args, &file, NULL};
	char deftitle[LX_MAX_PATH];
	struct clip_text text;
	struct reply r = {0};
	const char *id;
	int fd, rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO)
		return rc;
	if (title == NULL)
		title = clip_default_title(file, deftitle, sizeof deftitle);
	if ((rc = clip_text(c, &text, title, topic ? topic : LX_TOPIC_QUOTA,
	         source ? source : "")) != 0)
		return rc;
	if ((fd = clip_open(c, file)) == -1)
		return CTL_EXIT_USAGE;
	rc = ctl_request(
	    c, &r, fd, "clipadd", text.title, text.topic, text.source, NULL);
	close(fd);
	if (rc == 0 && (id = ctl_need(c, &r, "clip")) != NULL) {
		printf("%s\n", id);
		fprintf(stderr, _(MSG_CLIP_ADDED), id, text.title);
	} else if (rc == 0)
		rc = CTL_EXIT_LINK;
	reply_free(&r);
	return rc;
}

int
cmd_clip_list(struct ctl *c, int argc, char **argv)
{
	return ctl_list(c, argc, argv, "cliplist", &lx_shape_clip, NULL);
}

int
cmd_clip_show(struct ctl *c, int argc, char **argv)
{
	const char *format = NULL, *arg = NULL;
	const struct opt opt[] = {
	    {"--format", &format, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	static const char *const args[] = {"ID", NULL};
	const struct opts o = {opt, args, &arg, NULL};
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
		struct lx_field *human = NULL;

		if (kind == FMT_TABLE)
			human = fmt_fields_human(
			    lx_shape_clip.field, lx_shape_clip.n);
		rec = reply_all(&r);
		fmt_one(stdout, kind, human ? human : lx_shape_clip.field,
		    lx_shape_clip.n, &rec);
		free(human);
	}
	reply_free(&r);
	return rc;
}

int
cmd_clip_rm(struct ctl *c, int argc, char **argv)
{
	return ctl_by_id(c, argc, argv, "cliprm", MSG_CLIP_REMOVED);
}
