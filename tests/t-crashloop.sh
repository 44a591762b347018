#!/usr/bin/env bash
# slow
# timeout 300
# Crash loop: restore a saved database, run loaxad while clips are added
# and played, kill -9 at a random point, restart; each time the database
# passes integrity_check, no row that existed before the kill is lost,
# finished rows are unchanged, rows left playing become interrupted
# (daemon stopped), and the library holds only whole clips.  The seed is
# printed; LOAXA_SEED=S and LOAXA_CRASH_ROUNDS=N repeat a run.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

seed=${LOAXA_SEED:-$((RANDOM * 32768 + RANDOM))}
rounds=${LOAXA_CRASH_ROUNDS:-25}
RANDOM=$seed
note "seed $seed, $rounds rounds"
echo "seed $seed"

start_daemon
for f in 440 550 660; do
	make_clip "$T/s$f.wav" wav 0.2 "$f" 22050 1
	ctl clip add "$T/s$f.wav" --title "Tin $f Hz" --topic cchc >/dev/null ||
		fail "clip add"
done
ctl schedule add 1 --at 05:30 --days daily >/dev/null || fail "schedule add"
ctl play 1 >/dev/null && wait_aired 1 1
stop_daemon
cp "$DB" "$T/saved.db"

# busy: add and play clips until killed.
busy() {
	local i=0 id
	while :; do
		i=$((i + 1))
		make_clip "$T/b$i.wav" wav 0.1 $((1000 + (BASHPID % 500) + i)) 8000 1
		id=$("$LOAXACTL" --socket "$SOCK" clip add "$T/b$i.wav" \
		    --title "Vòng $i" --topic cchc 2>/dev/null) || id=1
		"$LOAXACTL" --socket "$SOCK" play "$id" >/dev/null 2>&1
		"$LOAXACTL" --socket "$SOCK" play 2 >/dev/null 2>&1
	done
}

for round in $(seq "$rounds"); do
	if [ $((round % 5)) -eq 1 ]; then
		rm -f "$DB" "$DB-wal" "$DB-shm"
		cp "$T/saved.db" "$DB"
	fi
	start_daemon
	busy &
	bpid=$!
	LX_BG_PIDS+=("$bpid")
	ms=$((RANDOM % 1500 + 50))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	rows=$(db "select id, status, clip_id, schedule_id, scheduled, started,
	    ended, frames, reason from airings order by id")
	clips=$(db "select id, sha256, title from clips order by id")
	kill9_daemon
	kill "$bpid" 2>/dev/null
	wait "$bpid" 2>/dev/null
	echo "round $round: killed after ${ms} ms ($(wc -l <<<"$rows") airings)"

	start_daemon
	[ "$(db 'pragma integrity_check')" = ok ] ||
		fail "round $round (seed $seed): integrity_check failed"
	[ "$(db "select count(*) from airings where status in ('playing', 0)")" = 0 ] ||
		fail "round $round (seed $seed): rows still playing after restart"
	after=$(db "select id, status, clip_id, schedule_id, scheduled, started,
	    ended, frames, reason from airings order by id")
	python3 - "$rows" "$after" <<'PY' ||
import sys
before = {l.split("|")[0]: l for l in sys.argv[1].splitlines() if l}
after = {l.split("|")[0]: l for l in sys.argv[2].splitlines() if l}
for i, row in before.items():
    if i not in after:
        sys.exit("airing %s lost" % i)
    b, a = row.split("|"), after[i].split("|")
    if b[1] in ("playing", "0"):
        if a[1] in ("playing", "0") or a[2:5] != b[2:5]:
            sys.exit("airing %s: %s -> %s" % (i, row, after[i]))
    elif a != b:
        sys.exit("finished airing %s changed: %s -> %s" % (i, row, after[i]))
PY
		fail "round $round (seed $seed): rows lost or changed"
	while IFS='|' read -r id sha _; do
		[ -n "$id" ] || continue
		[ "$(db "select count(*) from clips where id = $id and sha256 = '$sha'")" = 1 ] ||
			fail "round $round (seed $seed): clip $id lost"
	done <<<"$clips"
	for f in "$T/state/clips/"*; do
		n=${f##*/}
		[[ $n =~ ^[0-9a-f]{64}$ ]] || continue
		[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$n" ] ||
			fail "round $round (seed $seed): library file $n is not whole"
	done
	while read -r sha; do
		[ -f "$T/state/clips/$sha" ] ||
			fail "round $round (seed $seed): clip $sha has no library file"
	done < <(db "select sha256 from clips")
	stop_daemon
done
