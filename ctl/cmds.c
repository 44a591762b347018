/*
 * loaxactl's side of the command table (proto/command.c): the handler
 * and the --help text of each row loaxactl offers.
 */
#include "../proto/command.h"
#include "cmd.h"
#include "msg.h"

static const struct ctl_cmd ctl_cmds[LX_CMD_COUNT] = {
    [LX_CMD_CLIPADD] = {cmd_clip_add, MSG_HELP_CLIP_ADD},
    [LX_CMD_CLIPLIST] = {cmd_clip_list, MSG_HELP_CLIP_LIST},
    [LX_CMD_CLIPRM] = {cmd_clip_rm, MSG_HELP_CLIP_RM},
    [LX_CMD_CLIPSHOW] = {cmd_clip_show, MSG_HELP_CLIP_SHOW},
    [LX_CMD_LOG] = {cmd_log, MSG_HELP_LOG},
    [LX_CMD_PLAY] = {cmd_play, MSG_HELP_PLAY},
    [LX_CMD_REPORT] = {cmd_report, MSG_HELP_REPORT},
    [LX_CMD_SCHEDULEADD] = {cmd_schedule_add, MSG_HELP_SCHEDULE_ADD},
    [LX_CMD_SCHEDULEEXPORT] = {cmd_schedule_export, MSG_HELP_SCHEDULE_EXPORT},
    [LX_CMD_SCHEDULELIST] = {cmd_schedule_list, MSG_HELP_SCHEDULE_LIST},
    [LX_CMD_SCHEDULENEXT] = {cmd_schedule_next, MSG_HELP_SCHEDULE_NEXT},
    [LX_CMD_SCHEDULERM] = {cmd_schedule_rm, MSG_HELP_SCHEDULE_RM},
    [LX_CMD_STATUS] = {cmd_status, MSG_HELP_STATUS},
    [LX_CMD_STOP] = {cmd_stop, MSG_HELP_STOP},
};

const struct ctl_cmd *
ctl_cmd_for(enum lx_cmd id)
{
	return &ctl_cmds[id];
}

int
ctl_cmds_check(struct lx_err *err)
{
	if (lx_command_check_table(err) == -1)
		return -1;
	for (int i = 0; i < LX_CMD_COUNT; i++)
		if ((lx_commands[i].ctl != NULL) != (ctl_cmds[i].run != NULL))
			return lx_err_set(err, LX_E_UNKNOWN,
			    "command %s: loaxactl has %s handler",
			    lx_commands[i].name,
			    ctl_cmds[i].run ? "a stray" : "no");
	return 0;
}
