/*
 * Output files written whole: mkstemp beside the target, then rename.
 * A failed command leaves no half file and does not touch an old one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

int
output_open(struct output *o, const char *path, struct lx_err *err)
{
	int fd;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (path == NULL) {
		o->f = stdout;
		return 0;
	}
	if (snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", path) >=
	    (int)sizeof o->tmp)
		return lx_err_set(err, LX_E_ARG, "%.200s: path too long", path);
	if ((fd = mkstemp(o->tmp)) == -1 || (o->f = fdopen(fd, "w")) == NULL) {
		lx_err_set(err, LX_E_IO, "%.200s: %s", path, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->tmp);
		}
		return -1;
	}
	/* mkstemp's 0600, less what umask takes: as any new file would be. */
	fchmod(fd, 0666 & ~umask(umask(0)));
	return 0;
}

void
output_by_path(struct output *o)
{
	if (o->path != NULL && o->f != NULL) {
		fclose(o->f);
		o->f = NULL;
	}
}

int
output_close(struct output *o, int ok, struct lx_err *err)
{
	int bad = 0;

	if (o->path == NULL) {
		if (ok && (fflush(stdout) == EOF || ferror(stdout)))
			return lx_err_set(
			    err, LX_E_IO, "stdout: %s", strerror(errno));
		return 0;
	}
	if (o->f != NULL) {
		bad =
		    fflush(o->f) == EOF || ferror(o->f) || fsync(fileno(o->f));
		bad = fclose(o->f) == EOF || bad;
	}
	if (ok && !bad && rename(o->tmp, o->path) == 0)
		return 0;
	if (ok)
		lx_err_set(
		    err, LX_E_IO, "%.200s: %s", o->path, strerror(errno));
	unlink(o->tmp);
	return ok ? -1 : 0;
}
