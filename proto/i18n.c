/*
 * gettext's set-up for loaxad and loaxactl, and the words both show
 * people for the book's status names.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#ifndef LX_LOCALEDIR
#define LX_LOCALEDIR "/usr/share/locale"
#endif

#define I18N_STATUS                                                            \
	"airing status" /* NP_ below spells it out: xgettext reads literals */

/* The statuses of the airing log, and the states before them, for
 * xgettext; the wire keeps English. */
static const char *const i18n_statuses[] = {
    NP_("airing status", "due"),
    NP_("airing status", "requested"),
    NP_("airing status", "playing"),
    NP_("airing status", "done"),
    NP_("airing status", "interrupted"),
    NP_("airing status", "failed"),
    NP_("airing status", "missed"),
};

void
lx_i18n_init(void)
{
	const char *dir = getenv("LOAXA_LOCALEDIR");

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(
	    LX_TEXTDOMAIN, dir != NULL && *dir != '\0' ? dir : LX_LOCALEDIR);
	bind_textdomain_codeset(LX_TEXTDOMAIN, "UTF-8");
	textdomain(LX_TEXTDOMAIN);
}

const char *
lx_pgettext(const char *ctx_id, const char *id)
{
	const char *t = dgettext(LX_TEXTDOMAIN, ctx_id);

	return t == ctx_id ? id : t;
}

const char *
lx_word(const char *ctx, const char *id)
{
	char key[256];
	const char *t;

	if (snprintf(key, sizeof key, "%s\004%s", ctx, id) >= (int)sizeof key)
		return id;
	/* Untranslated, dgettext returns key itself: never show that. */
	t = dgettext(LX_TEXTDOMAIN, key);
	return t == key ? id : t;
}

const char *
lx_status_human(const char *status)
{
	for (size_t i = 0; i < sizeof i18n_statuses / sizeof *i18n_statuses;
	     i++)
		if (strcmp(status, i18n_statuses[i]) == 0)
			return lx_word(I18N_STATUS, status);
	return status;
}
