/*
 * The schedule book: clips, schedules and airings in one SQLite file (WAL,
 * foreign keys on, schema in schedules/schema.c).  loaxad opens it to
 * change it; loaxactl --db opens it read-only.  Every call that changes an
 * airing is one transaction.
 */
#ifndef BOOK_H
#define BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "../proto/lx.h"
#include "recur.h"

#define BOOK_READONLY 1

struct book;

struct clip {
	int64_t id;
	char sha256[65];
	char title[LX_MAX_TITLE];
	char topic[LX_MAX_TOPIC];
	char source[LX_MAX_SOURCE];
	char format[32]; /* "MP3", "WAV", "FLAC", "OGG/VORBIS", "OGG/OPUS" */
	int rate;
	int channels;
	int64_t frames;
	int64_t bytes;
	int64_t added; /* instant */
	char added_by[LX_MAX_USER]; /* who: a name, or a uid; "" unknown */
};

struct schedule {
	int64_t id;
	int64_t clip_id;
	char title[LX_MAX_TITLE]; /* the clip's, filled on reads */
	char dtstart[RECUR_DTSTART_LEN];
	char rrule[LX_MAX_RRULE]; /* "" for a single airing */
	int priority; /* 0 normal; room for Circular 39/2020 levels */
	int64_t created;
	char added_by[LX_MAX_USER]; /* who made it, as a clip's */
	int64_t next_due; /* first occurrence with no airing row; -1: none */
};

enum airing_status {
	AIRING_PLAYING,
	AIRING_DONE,
	AIRING_INTERRUPTED,
	AIRING_FAILED,
	AIRING_MISSED
};

struct airing {
	int64_t id;
	int64_t clip_id;
	char title[LX_MAX_TITLE];
	char topic[LX_MAX_TOPIC];
	int64_t schedule_id; /* 0: manual */
	int64_t scheduled; /* instant it was due (manual: requested) */
	int64_t started; /* first sample written; -1: never */
	int64_t ended; /* -1: not yet */
	int64_t frames;
	enum airing_status status;
	char reason[256];
	int priority;
	char by[LX_MAX_USER]; /* who asked for a manual airing; "" */
};

/* One future airing of a schedule, as `schedule next` lists it. */
struct occurrence {
	int64_t scheduled;
	int64_t schedule_id;
	int64_t clip_id;
	char title[LX_MAX_TITLE];
	char topic[LX_MAX_TOPIC];
};

/* "playing", "done", ... */
const char *book_status_name(enum airing_status s);

/*
 * Open (creating and migrating unless BOOK_READONLY) the book at path.
 * Returns a handle to book_close, or NULL with err.
 */
struct book *book_open(const char *path, int flags, struct lx_err *err);
/* Close; NULL is fine. */
void book_close(struct book *b);

/*
 * Call fn(ctx) after each commit of b's connection (from inside the
 * commit, on the thread that committed), once the commit has also been
 * checkpointed into the main file as far as readers allow.  NULL fn
 * stops it.
 */
void book_on_commit(struct book *b, void (*fn)(void *), void *ctx);

/*
 * Checkpoint the whole WAL into the main file and truncate it to zero
 * bytes, without waiting for anyone: a copy of the file alone is then
 * the whole database.  0 done, 1 a reader or writer is in the way (try
 * later), -1 with err.
 */
int book_checkpoint(struct book *b, struct lx_err *err);

/*
 * How many rows this handle has changed since it opened: when it has not
 * moved, nothing this handle wrote has changed the book (a cheap test for
 * a cache of a costly answer).
 */
int64_t book_changes(struct book *b);

/* A key of the meta table as text into v (n bytes): 1 found, 0 absent
 * (v is ""), -1 with err. */
int book_meta_text(
    struct book *b, const char *key, char *v, size_t n, struct lx_err *err);
/* Set a key of the meta table to text. 0 or -1 with err. */
int book_meta_set_text(
    struct book *b, const char *key, const char *v, struct lx_err *err);
/* A key of the meta table ("quota_per_month"), or def when absent. */
int64_t book_meta_int(struct book *b, const char *key, int64_t def);
/* Set a key of the meta table. 0 or -1 with err. */
int book_meta_set_int(
    struct book *b, const char *key, int64_t v, struct lx_err *err);

/*
 * 0 if no live clip has this sha256; -1 with err LX_E_EXIST naming the
 * clip it duplicates ("file duplicates clip 7 (title)"), or LX_E_IO.
 */
int book_clip_check_new(struct book *b, const char *sha256, struct lx_err *err);
/*
 * Add a clip; c->id is filled.  A clip with the same sha256 in the
 * library fails with LX_E_EXIST, the message naming it.
 */
int book_clip_add(struct book *b, struct clip *c, struct lx_err *err);
/* Fill c with clip id; LX_E_NOENT when there is none (or it was removed). */
int book_clip_get(
    struct book *b, int64_t id, struct clip *c, struct lx_err *err);
/* The live clip with this sha256: 1 found (c filled), 0 none, -1 error. */
int book_clip_by_sha(
    struct book *b, const char *sha256, struct clip *c, struct lx_err *err);
/*
 * Remove clip id from the library (its airings stay in the log).  Refused
 * with LX_E_BUSY while live schedules use it, the message naming them.
 */
int book_clip_remove(
    struct book *b, int64_t id, int64_t now, struct lx_err *err);
/* Call fn for each live clip by id; fn returning non-zero stops. */
int book_clip_each(struct book *b, int (*fn)(void *, const struct clip *),
    void *ctx, struct lx_err *err);

/*
 * The first airing of a schedule (start and rule as recur_new takes them)
 * after now, in *first.  0, or -1 with err LX_E_ARG: a bad rule, or "the
 * schedule never airs after now".  loaxactl checks with it before sending.
 */
int book_schedule_first(const char *dtstart, const char *rrule, int64_t now,
    int64_t *first, struct lx_err *err);
/*
 * Add a schedule for a live clip; s->id and s->next_due are filled (the
 * first occurrence after now).  LX_E_ARG if the rule never airs after now.
 */
int book_schedule_add(
    struct book *b, struct schedule *s, int64_t now, struct lx_err *err);
/*
 * A live schedule of the same clip that already makes the next airings s
 * (not yet added) would make after now (the first few): 1 with its id in
 * *twin, 0 if there is none, -1 with err (s's rule is bad).
 */
int book_schedule_twin(struct book *b, const struct schedule *s, int64_t now,
    int64_t *twin, struct lx_err *err);
/* Remove schedule id: it airs no more; its airings stay. */
int book_schedule_remove(
    struct book *b, int64_t id, int64_t now, struct lx_err *err);
int book_schedule_get(
    struct book *b, int64_t id, struct schedule *s, struct lx_err *err);
/* Call fn for each live schedule by id. */
int book_schedule_each(struct book *b,
    int (*fn)(void *, const struct schedule *), void *ctx, struct lx_err *err);
/*
 * The live schedule with the earliest next_due: 1 (s filled), 0 when
 * nothing is scheduled, -1 on error.
 */
int book_schedule_due(struct book *b, struct schedule *s, struct lx_err *err);

/* How many live schedules have an occurrence due at or before t, not yet
 * logged (waiting for the output).  -1 on error. */
int64_t book_schedule_count_due(struct book *b, int64_t t, struct lx_err *err);

/*
 * The next n airings across all live schedules, at or after `from`,
 * earliest first, ties by schedule id; stop before `to` (0: no bound).
 * fn is called for each. Returns the number listed, or -1.
 */
int book_next(struct book *b, int64_t from, int64_t to, int n,
    int (*fn)(void *, const struct occurrence *), void *ctx,
    struct lx_err *err);

/* What a new airing row is about. */
struct airing_due {
	int64_t clip_id;
	int64_t schedule_id; /* 0: manual */
	int64_t scheduled; /* the instant it was due (manual: asked for) */
	int priority;
	char by[LX_MAX_USER]; /* who asked for a manual one; "" scheduled */
};

/*
 * Begin an airing: insert its row `playing` (started and ended unset).
 * For a scheduled airing, d->scheduled must be that schedule's next_due,
 * which advances in the same transaction.  Returns the airing id, or -1.
 */
int64_t book_airing_begin(
    struct book *b, const struct airing_due *d, struct lx_err *err);
/* Record the instant the first sample reached the device. */
int book_airing_started(
    struct book *b, int64_t id, int64_t started, struct lx_err *err);
/*
 * Finish a `playing` airing as status (done, interrupted, failed), with
 * its end instant, frames played and reason; or as missed (a cue withdrawn
 * before its first sample: no end, no frames), only while it has no
 * start.  A finished row is never changed again: LX_E_BUSY if the row is
 * not `playing` (or has started, for missed).
 */
int book_airing_finish(struct book *b, int64_t id, enum airing_status status,
    int64_t ended, int64_t frames, const char *reason, struct lx_err *err);
/*
 * Log an airing that will not air: its row `missed` with reason, in one
 * transaction that also advances a schedule's next_due, as
 * book_airing_begin.  Returns the airing id, or -1.
 */
int64_t book_airing_missed(struct book *b, const struct airing_due *d,
    const char *reason, struct lx_err *err);
/*
 * After a crash: every row left `playing` becomes `interrupted` (reason
 * "daemon stopped", ended unset).  Returns how many, or -1.
 */
int book_airing_recover(struct book *b, struct lx_err *err);
/*
 * Call fn for each airing scheduled in [from, to), oldest first; clip_id
 * 0 means every clip.
 */
int book_airing_each(struct book *b, int64_t from, int64_t to, int64_t clip_id,
    int (*fn)(void *, const struct airing *), void *ctx, struct lx_err *err);

/* What `log --verify` found. */
enum chain_problem {
	CHAIN_OK,
	CHAIN_EDITED, /* a row's content or hash was changed */
	CHAIN_MISSING, /* a row was deleted */
	CHAIN_INSERTED /* a row was added outside the daemon */
};

struct chain_verdict {
	enum chain_problem problem;
	int64_t rows; /* rows that verified, in finishing order */
	char head[65]; /* the last verified row's hash; "" for none */
	int64_t adopted; /* the first rows, chained when the chain came in */
	int64_t airing; /* the first row that does not match; 0: none known */
	int64_t position; /* its position in the chain; 0: none */
	char why[160];
};

/* "ok", "edited", "missing", "inserted". */
const char *book_chain_problem_name(enum chain_problem p);

/*
 * Walk the airing log's hash chain (docs/log-integrity.md) and fill v.
 * A broken chain is not an error: v says where and why.  -1 with err only
 * when the book cannot be read.
 */
int book_log_verify(
    struct book *b, struct chain_verdict *v, struct lx_err *err);

/*
 * The log's recorded length (rows chained) and head (65 bytes, "" when
 * empty), without walking it: what a report prints.  0 or -1 with err.
 */
int book_log_head(
    struct book *b, int64_t *rows, char *head, struct lx_err *err);

/* The bands of the day a report counts airings in, by local start hour. */
#define REPORT_BANDS 5

/* Band i starts at local hour report_band_hour[i] (0, 7, 11, 14, 17). */
extern const int report_band_hour[REPORT_BANDS];
/* Its name for scripts: "before_07", "07_11", "11_14", "14_17",
 * "after_17". */
extern const char *const report_band_key[REPORT_BANDS];

/* What aired: in a month, or over a period. */
struct report_sum {
	int64_t items; /* distinct cchc items (by sha256) aired done */
	int64_t airings; /* done airings of cchc clips */
	int64_t airtime; /* µs of cchc audio aired done (frames / rate) */
	int64_t hours[REPORT_BANDS]; /* those airings by local start hour */
};

struct report_month {
	int64_t from, to; /* the local month, clipped to the period */
	char label[8]; /* "YYYY-MM" */
	struct report_sum sum;
	int met; /* sum.items >= quota */
	int running; /* now is inside it: pending and projected apply */
	int64_t pending; /* cchc airings still to come in it */
	int64_t projected; /* items + distinct new cchc items among those */
};

struct report {
	int64_t quota; /* distinct items a month requires */
	int nmonths;
	struct report_month month[LX_MAX_MONTHS];
	struct report_sum total; /* items: distinct over the whole period */
	int64_t months_met;
	int64_t pending, projected; /* the running month's; 0 when none */
};

/* One item (a distinct cchc audio) aired done in a report's period. */
struct report_item {
	int64_t clip_id; /* the clip with this audio aired last */
	char sha256[65];
	char title[LX_MAX_TITLE]; /* that clip's */
	int64_t airings; /* done airings */
	int64_t airtime; /* µs */
};

/*
 * The quota report for the months [edge[i], edge[i+1]) for i < n - 1 (n
 * edges, increasing: at most LX_MAX_MONTHS months, else LX_E_ARG), or,
 * with n == 2, for [edge[0], edge[1]) split at local month starts.  Fills
 * r, then calls fn_item for each item over the period (first aired
 * first), then fn_up for each cchc airing still to come in the running
 * month, earliest first, at most LX_MAX_UPCOMING (the counts are exact
 * whatever the list holds).  Either fn may be NULL.  r->quota is the meta
 * table's quota_per_month.
 */
int book_report(struct book *b, const int64_t *edge, int n, int64_t now,
    struct report *r, int (*fn_item)(void *, const struct report_item *),
    int (*fn_up)(void *, const struct occurrence *), void *ctx,
    struct lx_err *err);

#endif
