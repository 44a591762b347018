/*
 * Every string loaxactl shows a person, in one place so that gettext's _()
 * can wrap them later.  Keys, field names and wire words are not here: they
 * are the contract and never translated.
 */
#ifndef MSG_H
#define MSG_H

#include "../proto/i18n.h"

/* --- errors: "loaxactl: <what>: <why>" --- */
#define MSG_PROGNAME "loaxactl"
#define MSG_E_UNKNOWN_CMD _("%s: unknown command (see loaxactl --help)")
#define MSG_E_UNKNOWN_SUB _("%s %s: unknown command (see loaxactl %s --help)")
#define MSG_E_MISSING_SUB _("%s: missing command: %s (see loaxactl %s --help)")
#define MSG_E_MISSING_CMD _("missing command (see loaxactl --help)")
#define MSG_E_NEEDS_DAEMON _("needs the daemon (not with --db)")
#define MSG_E_SOCKET_AND_DB _("--socket and --db: give one")
#define MSG_E_TWICE _("%s given twice")
#define MSG_E_TOO_MANY _("%s given more than %d times")
#define MSG_E_DBS_REPORT _("several --db go with report only")
#define MSG_E_ONE_PERIOD _("give one of --month, --quarter, --half and --year")
#define MSG_E_REPORT_FORMAT                                                    \
	_("--format: '%s' is not table, csv, json, xlsx or html")
#define MSG_E_LOG_FORMAT _("--format: '%s' is not table, csv, json or xlsx")
#define MSG_E_VERIFY_ALONE                                                      \
	_("--verify checks the whole log: it goes with --format table, csv or " \
	  "json only")
#define MSG_E_EXPORT_ICS _("say the form: --ics (iCalendar)")
#define MSG_E_XLSX_OUTPUT _("--format xlsx writes a file: give -o FILE")
#define MSG_E_MISSING_ARG _("missing %s")
#define MSG_E_EXTRA_ARG _("unexpected argument '%s'")
#define MSG_E_BAD_ID _("%s: '%s' is not an id (a positive integer)")
#define MSG_E_BAD_COUNT _("N: '%s' is not a number from 1 to %d")
#define MSG_E_BAD_FORMAT _("--format: '%s' is not table, csv or json")
#define MSG_E_ONE_OF _("give one of --at, --once and --rrule")
#define MSG_E_ONLY_WITH_AT _("%s goes with --at")
#define MSG_E_START_ONLY _("--start goes with --rrule")
#define MSG_E_RRULE_START _("--rrule needs --start")
#define MSG_E_RRULE_LONG _("--rrule: longer than %zu bytes")
#define MSG_E_MONTH_AND_DAYS _("--month and --from/--to: give one")
#define MSG_E_FROM_TO _("--from and --to go together")
#define MSG_E_NOT_DATE _("%s: '%s' is not a date (YYYY-MM-DD)")
#define MSG_E_FROM_AFTER_TO _("--from is after --to")
#define MSG_E_NOT_FILE _("%s: not a regular file")
#define MSG_E_NO_KEY _("%s: the reply has no '%s'")
#define MSG_E_STDOUT "stdout"
#define MSG_E_PATH_LONG _("%s: socket path too long")
#define MSG_E_HINT_RUNNING _("%s: %s (is loaxad running?)")
#define MSG_E_HINT_GROUP _("%s: %s (are you in the loaxa-operators group?)")
#define MSG_E_GREETING _("%s: not loaxad (it said '%.*s')")
#define MSG_E_PROTO_VERSION                                                    \
	_("%s: loaxad speaks protocol %d; this loaxactl, %d")
#define MSG_E_CLOSED _("%s: loaxad closed the connection")
#define MSG_E_TIMEOUT _("%s: no reply within %d s")
#define MSG_E_BAD_LINE _("%s: malformed reply line '%.*s'")
#define MSG_E_LONG_LINE _("%s: reply line too long")
#define MSG_E_REQUEST_LONG _("the request is longer than %d bytes")
#define MSG_E_REQUEST_NEWLINE _("an argument holds a line break")
#define MSG_E_REQUEST_WORDS _("the request has more than %d words")

/* --- what commands say to people --- */
#define MSG_VERSION "loaxactl %s (protocol %d)\n"
#define MSG_GROUP_HELP _("\nloaxactl %s COMMAND --help describes each one.\n")
/* What a change did, one line on stderr (N_: shown through _()). */
#define MSG_CLIP_ADDED N_("Added clip %s: %s\n")
#define MSG_CLIP_REMOVED N_("Removed clip %s\n")
#define MSG_SCHEDULE_ADDED N_("Added schedule %s; next airing: %s\n")
#define MSG_SCHEDULE_ADDED_NONE                                                \
	N_("Added schedule %s; it has no airing to come\n")
#define MSG_SCHEDULE_REMOVED N_("Removed schedule %s\n")
#define MSG_PLAYING_NOW N_("Playing clip %s now: %s\n")
#define MSG_PLAYING_NEXT                                                       \
	N_("Clip %s airs as soon as nothing else is on air: %s\n")
#define MSG_STOPPED _(N_("Stopped airing %s\n"))
#define MSG_NOTHING_ON_AIR _(N_("Nothing was on air\n"))
#define MSG_YES _("yes")
#define MSG_NO _("no")
#define MSG_NONE "-"
#define MSG_VERIFY_OK _("ok: %s rows, head %s")
#define MSG_VERIFY_ADOPTED                                                     \
	_(" (the first %s chained when the log was upgraded)")
#define MSG_VERIFY_BAD_ROW _("%s: airing %s (position %s): %s\n")
#define MSG_VERIFY_BAD _("%s: %s\n")
#define MSG_SHEET_LOG "Airing log"

/* status, for people */
#define MSG_ST_VERSION "loaxad %s (protocol %s)\n"
#define MSG_ST_DEVICE _("device:   %s (%s)\n")
#define MSG_ST_DEVICE_DOWN _("device:   %s (%s: %s)\n")
#define MSG_ST_ON_AIR _("on air:   airing %s, clip %s \"%s\", since %s\n")
#define MSG_ST_CUED                                                            \
	_("on air:   nothing yet; airing %s, clip %s \"%s\", cued for %s\n")
#define MSG_ST_OFF_AIR _("on air:   nothing\n")
#define MSG_ST_WAITING _("waiting:  %s\n")
#define MSG_ST_NEXT _("next:     %s, clip %s \"%s\" (schedule %s)\n")
#define MSG_ST_NO_NEXT _("next:     nothing scheduled\n")
#define MSG_ST_QUOTA_RISK                                                      \
	_("quota:    at risk in %s: %s of %s items aired, %s with what is "    \
	  "scheduled\n")

/* --- row headings of the report (records' headings are proto/shape.c's) --- */
#define MSG_H_AIRING "airing"
#define MSG_H_VERDICT "verdict"
#define MSG_H_ROWS "rows"
#define MSG_H_HEAD "head"
#define MSG_H_ADOPTED "adopted"
#define MSG_H_POSITION "position"
#define MSG_H_WHY "why"

/* --- usage: the synopses are proto/command.c's, the rest here --- */
#define MSG_USAGE N_("usage: ") /* before "loaxactl COMMAND ..." */
#define MSG_USAGE_HEAD                                                          \
	N_("usage: loaxactl [--socket PATH | --db FILE] COMMAND [ARGS]\n"       \
	   "       loaxactl -h | --help | --version\n"                          \
	   "\n"                                                                 \
	   "Control loaxad, which airs clips on the commune loudspeakers and\n" \
	   "keeps the log that proves they aired.\n"                            \
	   "\n"                                                                 \
	   "Commands (each takes -h or --help):\n")

#define MSG_USAGE_TAIL                                                             \
	N_("\n"                                                                    \
	   "Options:\n"                                                            \
	   "  --socket PATH  loaxad's socket; default $LOAXA_SOCKET, else\n"       \
	   "                 /run/loaxa/loaxad.sock\n"                             \
	   "  --db FILE      answer the read-only commands (clip list, clip\n"     \
	   "                 show, schedule list, schedule next, schedule\n"       \
	   "                 export, log, report) from a database file, without\n" \
	   "                 loaxad; report takes several (--db A --db B ...):\n"  \
	   "                 one row per commune and the total\n"                  \
	   "  -h, --help     this text\n"                                          \
	   "  --version      loaxactl's version\n"                                 \
	   "\n"                                                                    \
	   "Times are local (TZ). DATE is YYYY-MM-DD.  --socket and --db may\n"    \
	   "also follow the command; \"--\" ends the options.\n"                   \
	   "\n"                                                                    \
	   "Exit status:\n"                                                        \
	   "  0  done\n"                                                           \
	   "  1  bad usage or input (nothing was sent), or stdout failed\n"        \
	   "  2  loaxad could not be reached, or broke the protocol; or the\n"     \
	   "     --db file could not be read\n"                                    \
	   "  3  loaxad (or the --db file) refused the request; its message is\n"  \
	   "     printed\n"                                                        \
	   "  4  log --verify: a row of the log does not match its hash\n")

#define MSG_FORMATS                                                            \
	"  --format F  table (for people; may change), csv (header row, RFC\n" \
	"              4180 quoting) or json (one document)\n"

#define MSG_HELP_CLIP_ADD                                                       \
	"Import an audio file (MP3, WAV, FLAC, Ogg/Vorbis, Opus) into the\n"    \
	"library.  loaxad receives the open file, checks that it decodes to\n"  \
	"its end and keeps a copy; a file already in the library is refused.\n" \
	"Prints the new clip's id alone on stdout.\n"                           \
	"\n"                                                                    \
	"  --title T     default: the file name without its extension\n"        \
	"  --topic WORD  default: cchc (the quota counts cchc clips)\n"         \
	"  --source REF  the document it comes from (\"Kế hoạch số "      \
	"88/KH-UBND\")\n"

#define MSG_HELP_CLIP_LIST                                                     \
	"List the clips in the library.\n" MSG_FORMATS "\n"                    \
	"csv and json fields: id, title, topic, source, format, rate,\n"       \
	"channels, frames, duration (seconds), sha256, added (ISO 8601),\n"    \
	"bytes, added_by (who added it).\n"

#define MSG_HELP_CLIP_SHOW                                                     \
	"Show one clip; the fields are those of clip list.\n" MSG_FORMATS

#define MSG_HELP_CLIP_RM                                                       \
	"Remove a clip from the library; its airings stay in the log.\n"       \
	"Refused while a schedule uses it (schedule rm it first).\n"

#define MSG_HELP_SCHEDULE_ADD                                                   \
	"Put a clip on the schedule, in local time:\n"                          \
	"  --at T       every day (or every --days) at T\n"                     \
	"  --days D     daily, weekdays, weekend, or days and ranges: mon,\n"   \
	"               wed,fri or t2,t4,t6 (thứ Hai..thứ Bảy: t2..t7,\n" \
	"               Chủ nhật: cn), mon-fri or t2-t6\n"                  \
	"  --from DATE  first day (default: today)\n"                           \
	"  --until DATE last day, included (default: none)\n"                   \
	"  --once W     one airing at W\n"                                      \
	"  --rrule R    any RFC 5545 rule (FREQ=WEEKLY;BYDAY=MO,TH), from\n"    \
	"  --start W    its first airing\n"                                     \
	"  -f, --force  add it even if a schedule already airs the clip at\n"   \
	"               the same times\n"                                       \
	"DATE is YYYY-MM-DD or DD/MM/YYYY.  Prints the new schedule's id\n"     \
	"alone on stdout and its next airing on stderr.\n"

#define MSG_HELP_SCHEDULE_LIST                                                      \
	"List the live schedules; the table puts each rule in words.\n" MSG_FORMATS \
	"\n"                                                                        \
	"csv and json fields: id, clip, title, start (local, as given),\n"          \
	"rrule (null for a single airing), next (ISO 8601, null for none),\n"       \
	"priority, added_by (who made it).\n"

#define MSG_HELP_SCHEDULE_RM                                                   \
	"Remove a schedule: it airs no more; its airings stay in the log.\n"

#define MSG_HELP_SCHEDULE_NEXT                                                          \
	"The next N airings (default 10, at most 10000), earliest first.\n" MSG_FORMATS \
	"\n"                                                                            \
	"csv and json fields: scheduled (ISO 8601), clip, title, schedule.\n"

#define MSG_HELP_PLAY                                                          \
	"Air a clip by hand, as soon as nothing else is on air.\n"             \
	"  -n, --now  at once: what is on air ends interrupted (preempted)\n"

#define MSG_HELP_STOP "Stop what is on air; it is logged interrupted.\n"

#define MSG_HELP_STATUS                                                         \
	"loaxad's version, the sound device, what is on air and what airs\n"    \
	"next.\n"                                                               \
	"  --format F  table (for people), csv or json (one object: version,\n" \
	"              protocol, device, device_state, device_error, on_air,\n" \
	"              on_air_clip, on_air_title, on_air_since, waiting,\n"     \
	"              next, next_clip, next_title, next_schedule)\n"

#define MSG_HELP_LOG                                                            \
	"The airing log: the airings scheduled in a local month (default:\n"    \
	"this month) or in the days --from to --to, both included.\n"           \
	"  --clip ID   only this clip's airings\n"                              \
	"  --format F  table (for people), csv, json, or xlsx (an Excel\n"      \
	"              workbook: needs -o)\n"                                   \
	"  -o FILE     write FILE (whole, or not at all) instead of stdout\n"   \
	"  --verify    walk the log's hash chain: 'ok: N rows, head H', or\n"   \
	"              the first row edited, missing or inserted (exit 4)\n"    \
	"\n"                                                                    \
	"csv and json fields: id, clip, title, schedule (null: a manual\n"      \
	"airing), scheduled, started, ended (ISO 8601 local time with offset\n" \
	"and microseconds; null where it has not happened), frames, status\n"   \
	"(playing, done, interrupted, failed, missed), reason (null: none),\n"  \
	"topic, priority, by (who asked for a manual airing; null for a\n"      \
	"scheduled one).\n"                                                     \
	"csv writes null as an empty field.  docs/reports.md has each layout.\n"

#define MSG_HELP_REPORT                                                        \
	"The quota check over a local month (default: this month), quarter,\n" \
	"half year or year: per month the distinct CCHC items aired to the\n"  \
	"end (an item is its audio), their airings and airtime, the hours\n"   \
	"they aired at, and whether the quota was met; the period's totals;\n" \
	"the items; what is still scheduled in a month that is running; the\n" \
	"log's chain head.  With several --db, one row per commune and the\n"  \
	"district's total.\n"                                                  \
	"  --format F  table (for people), csv, json, xlsx (an Excel\n"        \
	"              workbook: needs -o) or html (a printable page)\n"       \
	"  -o FILE     write FILE (whole, or not at all) instead of stdout\n"  \
	"docs/reports.md describes every field and the CSV layout.\n"

#define MSG_HELP_SCHEDULE_EXPORT                                                \
	"The schedules as an iCalendar file for a calendar app (Thunderbird,\n" \
	"Google Calendar, Outlook): one event per schedule, its rule, its\n"    \
	"start in local time with the time zone, the clip's title.\n"           \
	"  -o FILE  write FILE instead of stdout\n"

#endif
