/*
 * Messages in the user's language: gettext's _() and its kin, and the
 * start-up both programs share.  What scripts read (wire words, JSON,
 * CSV, numbers) is never passed through here.
 */
#ifndef I18N_H
#define I18N_H

#include <libintl.h>

#define LX_TEXTDOMAIN "loaxa"

#define _(s) gettext(s)
#define N_(s) s /* marked for xgettext, translated where it is used */
/* A word whose sense its context fixes: P_("airing status", "done"). */
#define P_(ctx, s) lx_pgettext(ctx "\004" s, s)
#define NP_(ctx, s) s /* P_ for tables; lx_word translates it later */

/*
 * Take the language from the environment (setlocale(LC_ALL, "")), keep
 * numbers in the C form (LC_NUMERIC "C": "1.5" on the wire and in JSON in
 * every language), and find loaxa's catalogs in $LOAXA_LOCALEDIR, else
 * the folder loaxa was installed with.  Messages come out as UTF-8.
 */
void lx_i18n_init(void);

/* The translation of "ctx\004id" (what P_ builds), or id when there is
 * none. */
const char *lx_pgettext(const char *ctx_id, const char *id);

/* P_ for a context and word known only at run time (NP_ marks them). */
const char *lx_word(const char *ctx, const char *id);

/*
 * An airing status ("done") as people read it in the current language
 * ("Đã phát"); an unknown word is returned as it is.
 */
const char *lx_status_human(const char *status);

#endif
