#!/usr/bin/env bash
# Install what loaxa needs to build, run its demo and run its tests, with
# apt-get (Debian 12), and any further packages named as arguments; and
# generate the vi_VN.UTF-8 locale the tests read Vietnamese output in.
# Safe to run again: it does nothing when all is there.
set -euo pipefail

packages=("$@"
	build-essential cmake pkg-config
	libev-dev libsndfile1-dev libmpg123-dev libasound2-dev libsqlite3-dev
	libical-dev nettle-dev libxlsxwriter-dev libsystemd-dev
	sqlite3 sox libsox-fmt-all espeak-ng alsa-utils mpg123 lame
	pulseaudio pulseaudio-utils libasound2-plugins
	faketime clang-format shellcheck socat python3 procps coreutils
	gettext locales libc-l10n scdoc man-db
	python3-openpyxl chromium fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: apt-get needs root to install: ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	echo "Installing: ${missing[*]}" >&2
	apt-get -qq -o DPkg::Lock::Timeout=600 update
	apt-get -qq -o DPkg::Lock::Timeout=600 install -y \
	    --no-install-recommends "${missing[@]}" >/dev/null
fi

# vi_VN.UTF-8, for the tests of Vietnamese output (tests/lib.sh can also
# compile a private copy, more slowly, when this cannot run as root).
if ! locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8'; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: generating vi_VN.UTF-8 needs root" >&2
		exit 1
	fi
	echo "Generating the vi_VN.UTF-8 locale" >&2
	# One at a time: others may run deps.sh on this machine too.
	(
		flock 9
		if ! grep -qx 'vi_VN.UTF-8 UTF-8' /etc/locale.gen; then
			echo 'vi_VN.UTF-8 UTF-8' >>/etc/locale.gen
		fi
		locale-gen >/dev/null
	) 9>/run/lock/loaxa-locale-gen
fi
