#!/usr/bin/env bash
# Install what loaxa needs to build, run its demo and run its tests, with
# apt-get (Debian 12), and any further packages named as arguments.  Safe
# to run again: it does nothing when all is installed.
set -euo pipefail

packages=("$@"
	build-essential cmake pkg-config
	libev-dev libsndfile1-dev libasound2-dev libsqlite3-dev libical-dev
	nettle-dev
	sqlite3 sox libsox-fmt-all espeak-ng alsa-utils
	pulseaudio pulseaudio-utils libasound2-plugins
	faketime clang-format shellcheck socat python3 procps coreutils
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done
[ "${#missing[@]}" -gt 0 ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: apt-get needs root to install: ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "Installing: ${missing[*]}" >&2
apt-get -qq -o DPkg::Lock::Timeout=600 update
apt-get -qq -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null
