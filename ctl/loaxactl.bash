# bash completion for loaxactl: commands, their subcommands and options,
# files after options that take one.  Plain bash (no bash-completion
# helpers needed); installed as .../bash-completion/completions/loaxactl.

_loaxactl() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local i cmd="" sub="" words
	COMPREPLY=()
	case $prev in
	--socket | --db | -o)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--format)
		mapfile -t COMPREPLY < <(compgen -W \
		    "table csv json xlsx html" -- "$cur")
		return
		;;
	--days)
		mapfile -t COMPREPLY < <(compgen -W \
		    "daily weekdays weekend mon,wed,fri t2,t4,t6 mon-fri t2-t6" \
		    -- "$cur")
		return
		;;
	--topic)
		mapfile -t COMPREPLY < <(compgen -W "cchc" -- "$cur")
		return
		;;
	esac
	# The command and subcommand typed so far, past the global options.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--socket | --db) i=$((i + 1)) ;;
		-*) ;;
		*)
			if [ -z "$cmd" ]; then
				cmd=${COMP_WORDS[i]}
			elif [ -z "$sub" ]; then
				sub=${COMP_WORDS[i]}
			fi
			;;
		esac
	done
	case $cmd/$sub in
	/) words="clip schedule play stop status log report
		--socket --db --help --version" ;;
	clip/) words="add list show rm" ;;
	clip/add)
		words="--title --topic --source --help"
		[[ $cur == -* ]] || {
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return
		}
		;;
	clip/list | clip/show) words="--format --help" ;;
	schedule/) words="add list next rm export" ;;
	schedule/add) words="--at --days --from --until --force --once
		--rrule --start --help" ;;
	schedule/list | schedule/next) words="--format --help" ;;
	schedule/export) words="--ics -o --help" ;;
	play/*) words="--now --help" ;;
	status/*) words="--format --help" ;;
	log/*) words="--month --from --to --clip --format -o --verify
		--help" ;;
	report/*) words="--month --quarter --half --year --format -o
		--help" ;;
	*) words="--help" ;;
	esac
	mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}
complete -F _loaxactl loaxactl
