#!/usr/bin/env bash
# The demo: build loaxa, start loaxad in a temporary state folder, load a
# spoken sample clip, schedule it a few seconds ahead, air it (to the
# default ALSA device, or to a WAV file through ALSA's file plugin when the
# machine has no sound card), then print the airing log and the report.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/deps.sh
echo "Building loaxa..."
if ! log=$(bash scripts/build.sh 2>&1); then
	echo "$log" >&2
	exit 1
fi

export TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8
unset LOAXA_SOCKET
build=${LOAXA_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
loaxad=$build/loaxad
loaxactl=$build/loaxactl
dir=$(mktemp -d "${TMPDIR:-/tmp}/loaxa-demo.XXXXXX")
chmod 0700 "$dir"
sock=$dir/loaxad.sock
pid=

finish() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}
trap finish EXIT

ctl() {
	"$loaxactl" --socket "$sock" "$@"
}

echo
if aplay -l 2>/dev/null | grep -q '^card '; then
	device=default
	echo "Airing to the default ALSA device."
else
	device=loaxa_demo
	cat >"$dir/asound.conf" <<EOF
pcm.loaxa_demo {
	type file
	slave.pcm "null"
	file "$dir/airing.wav"
	format "wav"
}
EOF
	export ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$dir/asound.conf
	echo "This machine has no sound card: airing to $dir/airing.wav" \
	    "through ALSA's file plugin."
fi

# A sample clip: a short CCHC announcement read by espeak-ng, or a tone.
text="Thông báo của Ủy ban nhân dân xã: từ tháng này, người dân có thể nộp \
hồ sơ đăng ký khai sinh qua Cổng dịch vụ công trực tuyến, không phải đến \
trụ sở."
if espeak-ng -v vi -s 150 -w "$dir/clip.wav" "$text" 2>/dev/null &&
    [ -s "$dir/clip.wav" ]; then
	echo "Sample clip: a Vietnamese announcement made with espeak-ng."
else
	sox -n -r 22050 -c 1 -b 16 "$dir/clip.wav" synth 3 sine 660 vol 0.5
	echo "Sample clip: a 3 s tone made with sox (espeak-ng failed)."
fi

"$loaxad" -f --state-dir "$dir/state" --socket "$sock" --device "$device" \
    >"$dir/loaxad.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
	ctl status >/dev/null 2>&1 && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if ! ctl status >/dev/null 2>&1; then
	echo "loaxad did not start:" >&2
	cat "$dir/loaxad.log" >&2
	exit 1
fi
echo "loaxad is running (state in $dir/state)."

clip=$(ctl clip add "$dir/clip.wav" --title 'Tin cải cách hành chính' \
    --topic cchc --source 'Kế hoạch số 88/KH-UBND')
at=$(date -d "@$(($(date +%s) + 6))" '+%F %T')
schedule=$(ctl schedule add "$clip" --once "$at")
echo "Clip $clip is scheduled for $at (schedule $schedule); waiting for it to air..."

aired() {
	ctl log --format json | python3 -c '
import json, sys
clip = int(sys.argv[1])
rows = [a for a in json.load(sys.stdin) if a["clip"] == clip]
sys.exit(0 if rows and all(a["status"] != "playing" for a in rows) else 1)
' "$clip"
}
for _ in $(seq 600); do
	aired && break
	sleep 0.2
done
aired || { echo "the airing did not finish within 2 minutes" >&2; exit 1; }

echo
echo "== loaxactl log"
ctl log
echo
echo "== loaxactl report"
ctl report
echo

kill -TERM "$pid"
wait "$pid" || true
pid=
echo "loaxad stopped. State, clip and daemon log are in $dir."
if [ "$device" = loaxa_demo ]; then
	echo "What aired is in $dir/airing.wav."
fi
