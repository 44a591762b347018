/*
 * The clip library on disk: content-addressed files under one directory,
 * written by temp name + fsync + rename, checked by sha256 (nettle) before
 * each airing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "../audio/decode.h"
#include "../proto/i18n.h"
#include "library.h"
#include "log.h"

#define LIBRARY_TMP ".import-" /* the temp names of imports */

struct library {
	char dir[LX_MAX_PATH - 128];
	int dirfd;
	int64_t max_clip; /* bytes */
	int64_t min_free; /* bytes */
};

/* Remove the temp copies of imports a crash or power cut interrupted. */
static void
library_sweep(struct library *lib)
{
	struct dirent *de;
	DIR *d;
	int fd = openat(lib->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		log_warn("library %s: cannot list", lib->dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, LIBRARY_TMP, strlen(LIBRARY_TMP)) != 0)
			continue;
		if (unlinkat(lib->dirfd, de->d_name, 0) == -1)
			log_warn("library: %s: cannot remove", de->d_name);
		else
			log_info("library: removed %s, left by an interrupted "
			         "import",
			    de->d_name);
	}
	closedir(d);
}

struct library *
library_open(
    const char *dir, int64_t max_clip, int64_t min_free, struct lx_err *err)
{
	struct library *lib;

	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		lx_err_set(err, LX_E_IO, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	lib = calloc(1, sizeof *lib);
	if (lib == NULL || lx_strlcpy(lib->dir, dir, sizeof lib->dir) == -1) {
		free(lib);
		lx_err_set(err, LX_E_IO, "%s: path too long", dir);
		return NULL;
	}
	lib->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lib->dirfd == -1) {
		lx_err_set(err, LX_E_IO, "%s: %s", dir, strerror(errno));
		free(lib);
		return NULL;
	}
	lib->max_clip = max_clip;
	lib->min_free = min_free;
	library_sweep(lib);
	return lib;
}

void
library_close(struct library *lib)
{
	if (lib == NULL)
		return;
	close(lib->dirfd);
	free(lib);
}

/* The hex form of a digest. */
static void
library_hex(const uint8_t *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Copy in to out (when out >= 0) from offset 0, hashing; the byte count
 * in *bytes.  0 or -1 with err. */
static int
library_copy(int in, int out, char sha[65], int64_t *bytes, struct lx_err *err)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char block[65536];
	int64_t total = 0;
	ssize_t n;

	sha256_init(&ctx);
	while ((n = pread(in, block, sizeof block, total)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return lx_err_set(
			    err, LX_E_IO, "read: %s", strerror(errno));
		sha256_update(&ctx, (size_t)n, (uint8_t *)block);
		if (out >= 0 && write(out, block, (size_t)n) != n)
			return lx_err_set(err, LX_E_IO, "library: write: %s",
			    strerror(errno ? errno : ENOSPC));
		total += n;
	}
	sha256_digest(&ctx, sizeof digest, digest);
	library_hex(digest, sizeof digest, sha);
	*bytes = total;
	return 0;
}

/* Decode the copy to its end and fill the clip's audio facts. */
static int
library_check(int fd, struct clip *c, struct lx_err *err)
{
	struct decode_info info;
	int64_t frames = decoder_count(fd, &info, err);

	if (frames < 0)
		return -1;
	lx_strlcpy(c->format, info.format, sizeof c->format);
	c->rate = info.rate;
	c->channels = info.channels;
	c->frames = frames;
	return 0;
}

/* Refuse, before a byte is copied, a file too big for the limit or for
 * the space left in the library. */
static int
library_bounds(struct library *lib, int64_t size, struct lx_err *err)
{
	struct statvfs vfs;
	int64_t avail;

	if (size > lib->max_clip)
		return lx_err_set(err, LX_E_LIMIT,
		    _("file too big: %lld bytes, more than max_clip_size "
		      "(%lld)"),
		    (long long)size, (long long)lib->max_clip);
	if (fstatvfs(lib->dirfd, &vfs) == -1)
		return lx_err_set(
		    err, LX_E_IO, "library: statvfs: %s", strerror(errno));
	avail = (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize;
	if (avail - size < lib->min_free)
		return lx_err_set(err, LX_E_IO,
		    _("not enough space in the library: %lld bytes free, "
		      "the clip needs %lld and min_free_space keeps %lld"),
		    (long long)avail, (long long)size,
		    (long long)lib->min_free);
	return 0;
}

/* The copy's checks: the source did not change while it was copied. */
static int
library_same(int fd, const struct stat *st, int64_t bytes, struct lx_err *err)
{
	struct stat now;

	if (fstat(fd, &now) == -1 || now.st_size != st->st_size ||
	    bytes != st->st_size || now.st_mtim.tv_sec != st->st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != st->st_mtim.tv_nsec)
		return lx_err_set(
		    err, LX_E_IO, _("the file changed while it was imported"));
	return 0;
}

int
library_import(
    struct library *lib, int fd, struct import *im, struct lx_err *err)
{
	struct stat st;
	int out, rc;

	memset(im, 0, sizeof *im);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return lx_err_set(err, LX_E_ARG, _("not a regular file"));
	if (st.st_size == 0)
		return lx_err_set(err, LX_E_AUDIO, _("empty file"));
	if (library_bounds(lib, st.st_size, err) == -1 ||
	    library_check(fd, &im->clip, err) == -1)
		return -1;
	snprintf(im->tmp, sizeof im->tmp, "%s/" LIBRARY_TMP "XXXXXX", lib->dir);
	if ((out = mkostemp(im->tmp, O_CLOEXEC)) == -1)
		return lx_err_set(err, LX_E_IO, "library: %s", strerror(errno));
	rc = library_copy(fd, out, im->clip.sha256, &im->clip.bytes, err);
	if (rc == 0 && fsync(out) == -1)
		rc = lx_err_set(
		    err, LX_E_IO, "library: fsync: %s", strerror(errno));
	if (rc == 0)
		rc = library_same(fd, &st, im->clip.bytes, err);
	close(out);
	if (rc == -1)
		library_abort(lib, im);
	return rc;
}

int
library_commit(
    struct library *lib, struct import *im, int *existed, struct lx_err *err)
{
	char path[LX_MAX_PATH];

	*existed = 0;
	snprintf(path, sizeof path, "%s/%s", lib->dir, im->clip.sha256);
	/* Never over a file of the same name: a clip's, or one a crash
	 * left between rename and record, with the same bytes either way. */
	if (renameat2(AT_FDCWD, im->tmp, AT_FDCWD, path, RENAME_NOREPLACE) ==
	    -1) {
		if (errno == EEXIST) {
			*existed = 1;
			library_abort(lib, im);
			return 0;
		}
		lx_err_set(
		    err, LX_E_IO, "library: rename: %s", strerror(errno));
		library_abort(lib, im);
		return -1;
	}
	im->tmp[0] = '\0';
	if (fsync(lib->dirfd) == -1)
		return lx_err_set(
		    err, LX_E_IO, "library: fsync: %s", strerror(errno));
	return 0;
}

void
library_abort(struct library *lib, struct import *im)
{
	(void)lib;
	if (im->tmp[0] != '\0')
		unlink(im->tmp);
	im->tmp[0] = '\0';
}

int
library_open_clip(struct library *lib, const struct clip *c, struct lx_err *err)
{
	char path[LX_MAX_PATH], sha[65];
	int64_t bytes;
	int fd;

	snprintf(path, sizeof path, "%s/%s", lib->dir, c->sha256);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return lx_err_set(err, LX_E_IO, "clip damaged: %s: %s",
		    c->sha256, strerror(errno));
	if (library_copy(fd, -1, sha, &bytes, err) == -1 || bytes != c->bytes ||
	    strcmp(sha, c->sha256) != 0) {
		close(fd);
		return lx_err_set(err, LX_E_IO,
		    "clip damaged: %s: content changed", c->sha256);
	}
	return fd;
}

void
library_remove(struct library *lib, const struct clip *c)
{
	library_remove_sha(lib, c->sha256);
}

void
library_remove_sha(struct library *lib, const char *sha256)
{
	unlinkat(lib->dirfd, sha256, 0);
}
