/*
 * schedule export --ics: the schedules as one iCalendar file for a
 * calendar app, to stdout or -o FILE.  The book builds the calendar
 * (schedules/ics.c) in its own zone, the one its schedules air in;
 * here its lines are written out with CRLF ends, as RFC 5545 wants.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "output.h"

int
cmd_schedule_export(struct ctl *c, int argc, char **argv)
{
	const char *output = NULL;
	int ics = 0;
	const struct opt opt[] = {
	    {"--ics", NULL, &ics, NULL, 0},
	    {"-o", &output, NULL, NULL, 0},
	    {"--output", &output, NULL, NULL, 0},
	    {NULL, NULL, NULL, NULL, 0},
	};
	const struct opts o = {opt, NULL, NULL, NULL};
	struct reply r = {0};
	struct output out;
	struct lx_err err;
	int rc;

	if ((rc = ctl_args(c, &o, argc, argv)) != CTL_GO)
		return rc;
	if (!ics)
		return ctl_fail(c, MSG_E_EXPORT_ICS);
	if ((rc = ctl_request(c, &r, -1, "scheduleexport", NULL)) != 0)
		goto done;
	if (output_open(&out, output, &err) == -1) {
		rc = ctl_fail(c, "%s", err.msg);
		goto done;
	}
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(reply_key(&r, i), "ics") == 0)
			fprintf(out.f, "%s\r\n", reply_value(&r, i));
	if (output_close(&out, 1, &err) == -1)
		rc = ctl_fail(c, "%s", err.msg);
done:
	reply_free(&r);
	return rc;
}
