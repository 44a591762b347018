#!/usr/bin/env python3
"""loaxa's benchmarks: lateness measured from outside (an LD_PRELOAD probe
on ALSA) beside cron + aplay and a precise sleep + exec aplay/mpg123 in the
same run, the timer itself, footprint beside mpd and liquidsoap, playback
cost, and scale (100 000 clips, 10 000 schedules, 10 million airings).

Run through bench/run, which installs what is needed and builds a Release
tree; `bench/run --help` says how.  Nothing here is part of the test suite.
"""

import argparse
import datetime
import json
import os
import platform
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
US = 1000000
TZ = "Asia/Ho_Chi_Minh"
# An airing of a 0.4 s clip on the null sink lasts about 2 s (the drain
# waits out PulseAudio's latency), and the next one is cued only once it
# has ended: with airings 3 s apart, a pre-roll of 0.5 s (not the default
# 2 s) keeps each cue clear of the airing before it.
PREROLL_MS = 500

# Sizes of a full run and of --quick.
FULL = dict(
    airings_idle=200, airings_loaded=200, airings_rt=60, airings_nort=60,
    spacing=3, baseline=50, base_spacing=1.5, cyclic_s=20, idle_s=60,
    play_s=600, clips=100000, schedules=10000, rows=10000000, years=3,
    repeat=20, add_minutes=30, adds=3, scale_airings=20, starts=5)
QUICK = dict(
    airings_idle=5, airings_loaded=5, airings_rt=3, airings_nort=3,
    spacing=3, baseline=3, base_spacing=1.2, cyclic_s=3, idle_s=5,
    play_s=15, clips=1000, schedules=100, rows=100000, years=3,
    repeat=5, add_minutes=2, adds=1, scale_airings=3, starts=2)


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def now_us():
    return time.time_ns() // 1000


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def spread(xs):
    """min, median, p99 (nearest rank), max of xs; None when empty."""
    if not xs:
        return None
    v = sorted(xs)
    n = len(v)
    med = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    p99 = v[max(0, -(-99 * n // 100) - 1)]
    return dict(n=n, min=v[0], median=med, p99=p99, max=v[-1])


def fmt(x, digits=3):
    if x is None:
        return "–"
    if isinstance(x, int) or abs(x) >= 1000:
        return f"{x:,.0f}".replace(",", " ")
    return f"{x:.{digits}f}"


class Bench:
    def __init__(self, args):
        self.a = args
        self.size = QUICK if args.quick else FULL
        self.build = os.path.abspath(args.build)
        self.loaxad = os.path.join(self.build, "loaxad")
        self.loaxactl = os.path.join(self.build, "loaxactl")
        self.probe = os.path.join(self.build, "bench", "libloaxaprobe.so")
        self.atexec = os.path.join(self.build, "bench", "bench_atexec")
        self.gen = os.path.join(self.build, "bench", "bench_gen")
        self.tmp = tempfile.mkdtemp(prefix="loaxa-bench.")
        os.chmod(self.tmp, 0o755)  # the unprivileged daemon reads here
        self.procs = []  # (name, Popen) we started and must end
        self.cron_file = None
        self.results = {}
        self.notes = []
        self.env = dict(os.environ, TZ=TZ, LC_ALL="C.UTF-8")
        self.env.pop("LOAXA_SOCKET", None)
        self.env.pop("LD_PRELOAD", None)

    # ---- processes we own ------------------------------------------------

    def spawn(self, name, cmd, **kw):
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        kw.setdefault("env", self.env)
        p = subprocess.Popen(cmd, **kw)
        self.procs.append((name, p))
        return p

    def end(self, p, sig=signal.SIGTERM, wait=10):
        if p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(wait)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = [(n, q) for n, q in self.procs if q is not p]

    def cleanup(self):
        for _, p in list(self.procs):
            self.end(p, wait=5)
        if self.cron_file and os.path.exists(self.cron_file):
            os.unlink(self.cron_file)
        if not self.a.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            log("kept", self.tmp)

    # ---- sound: a private PulseAudio null sink ---------------------------

    def pulse_start(self):
        d = os.path.join(self.tmp, "pulse")
        os.makedirs(d, mode=0o700)
        sock = os.path.join(self.tmp, "pulse.sock")
        env = dict(self.env, PULSE_RUNTIME_PATH=d, HOME=d,
                   XDG_RUNTIME_DIR=d)
        self.pulse = self.spawn("pulseaudio", [
            "pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
            "--load=module-null-sink sink_name=loa",
            f"--load=module-native-protocol-unix auth-anonymous=1 "
            f"socket={sock}"], env=env)
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.1)
        os.chmod(sock, 0o777)  # the unprivileged daemon plays here too
        self.env["PULSE_SERVER"] = "unix:" + sock
        for _ in range(50):
            if subprocess.run(["pactl", "info"], env=self.env,
                              capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("pulseaudio did not answer")

    # ---- clips -----------------------------------------------------------

    def make_clips(self):
        """Tones in five formats, and the long clips; kept in the build
        tree between runs, since encoding half an hour of MP3 is slow."""
        s = self.size
        c = os.path.join(self.build, "bench-clips",
                         f"{s['play_s']}-{s['add_minutes']}")
        os.makedirs(c, exist_ok=True)
        os.chmod(c, 0o755)
        os.chmod(os.path.dirname(c), 0o755)
        self.clips = {}

        def sox(name, rate, ch, secs, freq):
            path = os.path.join(c, name)
            if not os.path.exists(path):
                run(["sox", "-n", "-r", str(rate), "-c", str(ch), "-b",
                     "16", path + ".tmp." + name.split(".")[-1], "synth",
                     str(secs), "sine", str(freq), "vol", "0.5"],
                    stderr=subprocess.DEVNULL)
                os.rename(path + ".tmp." + name.split(".")[-1], path)
            return path

        def lame(wav, name):
            path = os.path.join(c, name)
            if not os.path.exists(path):
                run(["lame", "--quiet", "-b", "128", wav, path + ".tmp"])
                os.rename(path + ".tmp", path)
            return path

        short = 0.4
        self.clips["WAV 44.1k stereo"] = sox("a.wav", 44100, 2, short, 440)
        self.clips["WAV 22.05k mono"] = sox("b.wav", 22050, 1, short, 550)
        self.clips["FLAC 48k stereo"] = sox("c.flac", 48000, 2, short, 660)
        self.clips["OGG 44.1k mono"] = sox("d.ogg", 44100, 1, short, 770)
        self.clips["MP3 44.1k stereo"] = lame(
            self.clips["WAV 44.1k stereo"], "e.mp3")
        if self.want("playback"):
            self.long_wav = sox("long.wav", 44100, 2, s["play_s"], 500)
            self.long_mp3 = lame(self.long_wav, "long.mp3")
        if self.want("scale") or self.want("footprint"):
            add = os.path.join(c, "add.mp3")
            if not os.path.exists(add):
                w = sox("add.wav", 44100, 2, 60 * s["add_minutes"], 300)
                lame(w, "add.mp3")
                os.unlink(w)
            self.add_mp3 = add

    # ---- a loaxad of our own ---------------------------------------------

    def daemon_start(self, name, state, user=None, rtprio=None,
                     preload=True, probe_out=None, device="pulse"):
        run_dir = os.path.join(self.tmp, name + ".run")
        os.makedirs(run_dir, exist_ok=True)
        sock = os.path.join(run_dir, "sock")
        env = dict(self.env)
        if preload:
            open(probe_out, "a").close()
            os.chmod(probe_out, 0o666)  # an unprivileged daemon writes it
            env["LD_PRELOAD"] = self.probe
            env["LOAXA_PROBE_OUT"] = probe_out
        cmd = [self.loaxad, "-f", "--state-dir", state, "--socket", sock,
               "--device", device, "--preroll-ms", str(PREROLL_MS)]
        if user is not None:
            pw = pwd.getpwnam(user)
            os.makedirs(state, exist_ok=True)
            for d, _, files in os.walk(state):
                os.chown(d, pw.pw_uid, pw.pw_gid)
                for f in files:
                    os.chown(os.path.join(d, f), pw.pw_uid, pw.pw_gid)
            home = os.path.join(self.tmp, name + ".home")
            os.makedirs(home, exist_ok=True)
            os.chown(home, pw.pw_uid, pw.pw_gid)
            os.chown(run_dir, pw.pw_uid, pw.pw_gid)
            env["HOME"] = home
            pre = ["setpriv", f"--reuid={pw.pw_uid}",
                   f"--regid={pw.pw_gid}", "--clear-groups"]
            if rtprio and not self.can_raise_rtprio():
                # The limit cannot be raised here (no CAP_SYS_RESOURCE):
                # grant what it would allow, SCHED_FIFO, by CAP_SYS_NICE.
                pre += ["--inh-caps=-all,+sys_nice",
                        "--ambient-caps=+sys_nice"]
                lim = []
            else:
                pre += ["--inh-caps=-all"]
                lim = ["prlimit", f"--rtprio={rtprio or 0}"]
            cmd = lim + pre + cmd
        out = open(os.path.join(self.tmp, name + ".log"), "ab")
        t0 = now_us()
        p = self.spawn(name, cmd, env=env, stdout=out, stderr=out)
        ready = self.wait_ready(sock, p)
        return p, sock, ready - t0

    def can_raise_rtprio(self):
        ok = subprocess.run(["prlimit", "--rtprio=10", "true"],
                            capture_output=True).returncode == 0
        note = ("RLIMIT_RTPRIO cannot be raised on this machine (root "
                "lacks CAP_SYS_RESOURCE): (c) ran with CAP_SYS_NICE as "
                "an ambient capability instead, which allows the same "
                "SCHED_FIFO priority")
        if not ok and note not in self.notes:
            self.notes.append(note)
        return ok

    def wait_ready(self, sock, p, limit=30):
        """The instant loaxad first answers `status`, polled every 2 ms."""
        end = time.time() + limit
        while time.time() < end:
            if p.poll() is not None:
                raise RuntimeError(f"loaxad exited ({p.returncode})")
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(sock)
                f = s.makefile("rwb")
                f.readline()
                f.write(b"status\n")
                f.flush()
                while True:
                    line = f.readline()
                    if not line or line.startswith((b"OK", b"ERR")):
                        break
                s.close()
                if line.startswith(b"OK"):
                    return now_us()
            except OSError:
                pass
            time.sleep(0.002)
        raise RuntimeError("loaxad did not answer")

    def ctl(self, sock, *args, out=subprocess.PIPE):
        r = subprocess.run([self.loaxactl, "--socket", sock, *args],
                           env=self.env, stdout=out,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"loaxactl {' '.join(args)}: {r.stderr}")
        return r.stdout

    # ---- instants --------------------------------------------------------

    @staticmethod
    def clear_of_cron(t):
        """Keep loaxa's airings out of the seconds cron's aplay is busy."""
        s = (t // US) % 60
        return 4 <= s <= 56

    def instants(self, n, spacing, lead=3):
        t = int(now_us() // US + lead) * US
        out = []
        while len(out) < n:
            if self.clear_of_cron(t):
                out.append(t)
            t += int(spacing * US)
        return out

    @staticmethod
    def local(t):
        return datetime.datetime.fromtimestamp(t / US).strftime(
            "%Y-%m-%d %H:%M:%S")

    # ---- the probe's lines ----------------------------------------------

    @staticmethod
    def probe_read(path):
        ev = []
        if not os.path.exists(path):
            return ev
        for line in open(path):
            parts = line.split()
            if not parts:
                continue
            e = dict(kind=parts[0])
            for kv in parts[1:]:
                k, _, v = kv.partition("=")
                e[k] = v
            for k in ("pid", "t", "t_end", "off", "n", "rate", "delay"):
                if k in e:
                    e[k] = int(e[k])
            ev.append(e)
        return ev

    @staticmethod
    def heard(events, f):
        """When the stream whose first loud write is event f could be
        heard: that write, or its explicit start when that came later
        (before the next stream at the same address began)."""
        same = [e for e in events if e["pid"] == f["pid"]
                and e["pcm"] == f["pcm"] and e["t"] >= f["t"]]
        t = f["t"]
        for e in same[1:]:
            if e["kind"] == "first":
                break
            if e["kind"] == "start":
                t = e["t"]
                break
        delay = None
        if f["delay"] >= 0 and f["rate"] > 0:
            delay = f["delay"] / f["rate"] * 1000
        return dict(t=t, delay_ms=delay, n_ms=f["n"] / max(f["rate"], 1)
                    * 1000)

    @staticmethod
    def first_of(events, pid):
        """Each stream's first loud write in process pid, in time order."""
        return sorted((e for e in events
                       if e["kind"] == "first" and e["pid"] == pid),
                      key=lambda e: e["t"])

    # ---- lateness of loaxa -----------------------------------------------

    def loaxa_lateness(self, name, n, user=None, rtprio=None, load=False,
                       state=None, sock=None, daemon=None):
        """Air n short clips of every format, `spacing` apart, and time
        each one's first sample from outside."""
        s = self.size
        probe_out = os.path.join(self.tmp, name + ".probe")
        own = daemon is None
        if own:
            state = os.path.join(self.tmp, name + ".state")
            daemon, sock, _ = self.daemon_start(
                name, state, user=user, rtprio=rtprio, probe_out=probe_out)
        else:
            probe_out = daemon.probe_out
        mem = {}
        if own:
            mem["fresh"] = self.memory(daemon.pid)
        ids = [self.ctl(sock, "clip", "add", path, "--title", label).strip()
               for label, path in self.clips.items()]
        self.last_ids = ids
        stress = None
        if load:
            stress = self.spawn("stress-ng", ["stress-ng", "--cpu", "2"])
            time.sleep(1)
        la = os.getloadavg()[0]
        at = self.instants(n, s["spacing"], lead=3 + n // 20)
        for i, t in enumerate(at):
            self.ctl(sock, "schedule", "add", ids[i % len(ids)], "--once",
                     self.local(t))
        time.sleep(max(0, (at[-1] - now_us()) / US) + 2.5)
        if stress:
            self.end(stress)
        day = datetime.date.fromtimestamp(at[0] / US)
        last = datetime.date.fromtimestamp(at[-1] / US)
        rows = json.loads(self.ctl(sock, "log", "--from", str(day), "--to",
                                   str(last), "--format", "json"))
        if own:
            time.sleep(1)
            mem["after"] = self.memory(daemon.pid)
            self.end(daemon)
        r = self.match(name, rows, set(at), probe_out, daemon.pid, la)
        r["memory"] = mem
        return r

    @staticmethod
    def iso_us(s):
        if s is None:
            return None
        d = datetime.datetime.fromisoformat(s)
        return (d - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
                ) // datetime.timedelta(microseconds=1)

    def match(self, name, rows, instants, probe_out, pid, loadavg):
        events = self.probe_read(probe_out)
        firsts = self.first_of(events, pid)
        late, own, gap, delay, first, bad = [], [], [], [], [], []
        for r in rows:
            sched = self.iso_us(r["scheduled"])
            if sched not in instants:
                continue
            started = self.iso_us(r.get("started"))
            if r["status"] != "done" or started is None:
                bad.append(f"{r['scheduled']}: {r['status']} {r['reason']}")
                continue
            # The stream loaxad began as it read `started`, however late.
            cand = [e for e in firsts
                    if started - US // 10 <= e["t"] <= started + US]
            if not cand:
                bad.append(f"{r['scheduled']}: no probe record")
                continue
            h = self.heard(events, cand[0])
            late.append((h["t"] - sched) / 1000)
            own.append((started - sched) / 1000)
            gap.append(h["t"] - started)
            first.append(h["n_ms"])
            if h["delay_ms"] is not None:
                delay.append(h["delay_ms"])
        if bad:
            self.notes.append(f"{name}: {len(bad)} airing(s) not timed: "
                              + "; ".join(bad[:3]))
        log(f"{name}: {len(late)} airings timed, p99 "
            f"{fmt((spread(late) or {}).get('p99'))} ms")
        return dict(late=spread(late), own=spread(own), gap=spread(gap),
                    delay=spread(delay), first=spread(first),
                    loadavg=loadavg,
                    asked=len(instants), timed=len(late))

    # ---- baselines -------------------------------------------------------

    def baseline_exec(self, name, player, clip, n, load=False):
        """A precise sleep to the instant, then exec the player."""
        out = os.path.join(self.tmp, name + ".probe")
        env = dict(self.env, LD_PRELOAD=self.probe, LOAXA_PROBE_OUT=out)
        stress = None
        if load:
            stress = self.spawn("stress-ng", ["stress-ng", "--cpu", "2"])
            time.sleep(1)
        la = os.getloadavg()[0]
        cmd = (["aplay", "-q", "-D", "pulse"] if player == "aplay" else
               ["mpg123", "-q", "-o", "alsa", "-a", "pulse"])
        at = self.instants(n, self.size["base_spacing"], lead=1.5)
        kids = []
        for t in at:
            while now_us() < t - US:  # each waits at most a second
                time.sleep(0.05)
            kids.append((t, subprocess.Popen(
                [self.atexec, str(t), *cmd, clip], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        for _, k in kids:
            k.wait()
        if stress:
            self.end(stress)
        events = self.probe_read(out)
        late = []
        for t, k in kids:
            f = [e for e in events if e["pid"] == k.pid
                 and e["kind"] == "first"]
            if f:
                late.append((self.heard(events, f[0])["t"] - t) / 1000)
        log(f"{name}: {len(late)} timed, p99 "
            f"{fmt((spread(late) or {}).get('p99'))} ms")
        return dict(late=spread(late), loadavg=la, asked=n, timed=len(late))

    def cron_start(self):
        """cron firing aplay each minute, for the whole run."""
        out = os.path.join(self.tmp, "cron.probe")
        job = os.path.join(self.tmp, "cronjob")
        with open(job, "w") as f:
            f.write("#!/bin/sh\n"
                    f"export LD_PRELOAD={self.probe} LOAXA_PROBE_OUT={out}\n"
                    f"export PULSE_SERVER={self.env['PULSE_SERVER']}\n"
                    f"exec aplay -q -D pulse "
                    f"{self.clips['WAV 44.1k stereo']}\n")
        os.chmod(job, 0o755)
        self.cron_out = out
        self.cron_file = f"/etc/cron.d/loaxa-bench-{os.getpid()}"
        with open(self.cron_file, "w") as f:
            f.write(f"* * * * * root {job}\n")
        os.chmod(self.cron_file, 0o644)
        if subprocess.run(["pgrep", "-x", "cron"],
                          capture_output=True).returncode != 0:
            self.spawn("cron", ["cron", "-f"])
            self.notes.append("cron: no cron daemon was running; the run "
                              "started its own (`cron -f`)")
        self.cron_from = now_us()

    def cron_result(self):
        events = self.probe_read(self.cron_out)
        late = []
        for e in events:
            if e["kind"] != "first" or e["t"] < self.cron_from:
                continue
            h = self.heard(events, e)
            minute = h["t"] // (60 * US) * 60 * US
            late.append((h["t"] - minute) / 1000)
        log(f"cron: {len(late)} firings timed")
        return dict(late=spread(late), timed=len(late))

    # ---- the timer itself ------------------------------------------------

    def cyclictest(self, load):
        stress = None
        if load:
            stress = self.spawn("stress-ng", ["stress-ng", "--cpu", "2"])
            time.sleep(1)
        r = subprocess.run(
            ["cyclictest", "-q", "-m", "-t1", "-p", "80", "--clock=1",
             "-i", "10000", "-D", str(self.size["cyclic_s"]), "-h", "20000"],
            capture_output=True, text=True)
        if stress:
            self.end(stress)
        lat = []
        for line in r.stdout.splitlines():
            m = re.match(r"^(\d+)\s+(\d+)$", line.strip())
            if m:
                lat += [int(m.group(1)) / 1000] * int(m.group(2))
        return dict(late=spread(lat))

    # ---- footprint -------------------------------------------------------

    @staticmethod
    def proc_counts(pid):
        """Context switches over all threads, and CPU ticks."""
        sw = 0
        for t in os.listdir(f"/proc/{pid}/task"):
            try:
                for line in open(f"/proc/{pid}/task/{t}/status"):
                    if line.startswith(("voluntary_ctxt_switches",
                                        "nonvoluntary_ctxt_switches")):
                        sw += int(line.split()[1])
            except OSError:
                pass
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return sw, int(stat[11]) + int(stat[12])

    @staticmethod
    def memory(pid):
        m = {}
        for line in open(f"/proc/{pid}/smaps_rollup"):
            k, _, v = line.partition(":")
            if v.strip().endswith("kB"):
                m[k] = int(v.split()[0])
        return dict(rss=m.get("Rss", 0) / 1024, pss=m.get("Pss", 0) / 1024,
                    private=(m.get("Private_Clean", 0)
                             + m.get("Private_Dirty", 0)) / 1024)

    @staticmethod
    def by_mapping(pid, top=12):
        """RSS in KiB per mapped file (or [heap], anonymous), largest
        first: what the resident memory is made of."""
        rss, name = {}, "?"
        for line in open(f"/proc/{pid}/smaps"):
            f = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+$", f[0]):
                name = os.path.basename(f[5]) if len(f) > 5 else "[anon]"
            elif f[0] == "Rss:":
                rss[name] = rss.get(name, 0) + int(f[1])
        return sorted(((v, k) for k, v in rss.items() if v), reverse=True)[
            :top]

    def footprint(self, pid, settle=2):
        time.sleep(settle)
        mem = self.memory(pid)
        mem["by_mapping"] = self.by_mapping(pid)
        sw0, cpu0 = self.proc_counts(pid)
        time.sleep(self.size["idle_s"])
        sw1, cpu1 = self.proc_counts(pid)
        mem.update(wakeups=sw1 - sw0, ticks=cpu1 - cpu0,
                   seconds=self.size["idle_s"],
                   cpu_pct=(cpu1 - cpu0) / os.sysconf("SC_CLK_TCK")
                   / self.size["idle_s"] * 100)
        return mem

    def mpd_start(self):
        if shutil.which("mpd") is None:
            return None
        d = os.path.join(self.tmp, "mpd")
        os.makedirs(os.path.join(d, "music"))
        os.makedirs(os.path.join(d, "playlists"))
        conf = os.path.join(d, "mpd.conf")
        with open(conf, "w") as f:
            f.write(f'music_directory "{d}/music"\n'
                    f'playlist_directory "{d}/playlists"\n'
                    f'db_file "{d}/db"\nlog_file "{d}/log"\n'
                    f'pid_file "{d}/pid"\nstate_file "{d}/state"\n'
                    f'bind_to_address "{d}/socket"\n'
                    'audio_output {\n type "alsa"\n name "pulse"\n'
                    ' device "pulse"\n}\n')
        return self.spawn("mpd", ["mpd", "--no-daemon", conf])

    def liquidsoap_start(self):
        if shutil.which("liquidsoap") is None:
            return None
        script = os.path.join(self.tmp, "idle.liq")
        with open(script, "w") as f:
            # No source and no output: as idle as liquidsoap can be.
            f.write("settings.init.allow_root.set(true)\n"
                    "settings.init.force_start.set(true)\n"
                    "settings.log.stdout.set(false)\n")
        return self.spawn("liquidsoap", ["liquidsoap", script])

    def others_footprint(self):
        res = {}
        for name, start in (("mpd", self.mpd_start),
                            ("liquidsoap", self.liquidsoap_start)):
            p = start()
            if p is None:
                self.notes.append(f"{name}: not installed; not measured")
                continue
            time.sleep(3)
            if p.poll() is not None:
                self.notes.append(f"{name}: exited at start "
                                  f"({p.returncode}); not measured")
                continue
            res[name] = self.footprint(p.pid)
            self.end(p)
        return res

    # ---- playback cost ---------------------------------------------------

    def playback_start(self):
        """Two loaxad airing the long MP3 and WAV, beside mpg123 and
        aplay playing the same files, all at once."""
        s = self.size
        self.play = {}
        t = (now_us() // US + 5) * US
        for label, clip in (("loaxad MP3", self.long_mp3),
                            ("loaxad WAV", self.long_wav)):
            name = "play-" + label.split()[1].lower()
            state = os.path.join(self.tmp, name + ".state")
            p, sock, _ = self.daemon_start(name, state, preload=False)
            cid = self.ctl(sock, "clip", "add", clip).strip()
            self.ctl(sock, "schedule", "add", cid, "--once", self.local(t))
            self.play[label] = dict(p=p, sock=sock)
        for label, cmd in (
                ("mpg123 MP3", ["mpg123", "-q", "-o", "alsa", "-a", "pulse",
                                self.long_mp3]),
                ("aplay WAV", ["aplay", "-q", "-D", "pulse",
                               self.long_wav])):
            p = self.spawn(label, [self.atexec, str(t), *cmd])
            self.play[label] = dict(p=p)
        self.play_t = t
        self.play_end = t + s["play_s"] * US

    def playback_sample(self, when):
        for v in self.play.values():
            try:
                v[when] = self.proc_counts(v["p"].pid)[1]
            except OSError:
                v[when] = None

    def playback_result(self):
        s = self.size
        res = {}
        for label, v in self.play.items():
            if v.get("a") is None or v.get("b") is None:
                continue
            secs = (v["tb"] - v["ta"]) / US
            res[label] = dict(cpu_pct=(v["b"] - v["a"])
                              / os.sysconf("SC_CLK_TCK") / secs * 100,
                              seconds=secs)
        for label, v in self.play.items():
            self.end(v["p"])
        res["_note"] = (f"{s['play_s']} s clips; all four played at once "
                        "to the same null sink")
        return res

    # ---- scale -----------------------------------------------------------

    # One request may take minutes at this scale: it is timed once, and
    # again only while the repeats stay within BUDGET_S in all.
    LIMIT_S = 150
    BUDGET_S = 10

    def timed(self, sock, args, n, out=subprocess.DEVNULL):
        """loaxactl ARGS, from exec to exit (ms)."""
        ms = []
        while len(ms) < n and sum(ms) < self.BUDGET_S * 1000:
            t0 = time.perf_counter_ns()
            try:
                r = subprocess.run(
                    [self.loaxactl, "--socket", sock, *args], env=self.env,
                    stdout=out, stderr=subprocess.PIPE, text=True,
                    timeout=self.LIMIT_S)
            except subprocess.TimeoutExpired:
                return dict(error=f"no answer within {self.LIMIT_S} s")
            ms.append((time.perf_counter_ns() - t0) / 1e6)
            if r.returncode != 0:
                return dict(error=r.stderr.strip().splitlines()[-1]
                            if r.stderr.strip() else f"exit {r.returncode}")
        return spread(ms)

    def socket_once(self, sock, line):
        """ms from sending line to the closing OK; or the error."""
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.settimeout(self.LIMIT_S)
        try:
            c.connect(sock)
            f = c.makefile("rwb")
            f.readline()
            t0 = time.perf_counter_ns()
            f.write(line.encode() + b"\n")
            f.flush()
            while True:
                reply = f.readline()
                if not reply or reply.startswith((b"OK", b"ERR")):
                    break
            ms = (time.perf_counter_ns() - t0) / 1e6
        except OSError:
            return None, f"no answer within {self.LIMIT_S} s"
        finally:
            c.close()
        if not reply.startswith(b"OK"):
            return None, (reply.decode(errors="replace").strip()
                          or "connection closed by loaxad")
        return ms, None

    def socket_timed(self, sock, line, n):
        """A request straight on the socket, without loaxactl's start-up."""
        ms = []
        while len(ms) < n and sum(ms) < self.BUDGET_S * 1000:
            t, err = self.socket_once(sock, line)
            if err:
                return dict(error=err)
            ms.append(t)
        return spread(ms)

    @staticmethod
    def local_us(y, m, d=1):
        return int(datetime.datetime(y, m, d).timestamp()) * US

    def scale_generate(self, db):
        s = self.size
        hour = (datetime.datetime.now().hour - 1) % 24
        t0 = time.time()
        out = subprocess.run(
            [self.gen, db, str(s["clips"]), str(s["schedules"]),
             str(s["rows"]), str(s["years"]), str(hour)],
            env=self.env, check=True, capture_output=True, text=True).stdout
        log("scale:", out.strip(), f"in {time.time() - t0:.0f} s")
        return dict(generated=out.strip(), gen_s=time.time() - t0,
                    db_mib=os.path.getsize(db) / 2**20)

    def scale_queries(self, sock):
        """The commands an operator or official runs, cheap ones first."""
        n = self.size["repeat"]
        month = datetime.date.today().strftime("%Y-%m")
        year = str(datetime.date.today().year)
        q = {}
        q["status"] = self.timed(sock, ["status"], n)
        q["schedule next 100"] = self.timed(
            sock, ["schedule", "next", "100"], n)
        q["report --month"] = self.timed(sock, ["report", "--month", month],
                                         n)
        q["report --year"] = self.timed(sock, ["report", "--year", year], n)
        q["log --month (table)"] = self.timed(
            sock, ["log", "--month", month], max(3, n // 4))
        q["log --month (json)"] = self.timed(
            sock, ["log", "--month", month, "--format", "json"],
            max(3, n // 4))
        q["log --verify"] = self.timed(sock, ["log", "--verify"], 3)
        adds = []
        for _ in range(self.size["adds"]):
            t0 = time.perf_counter_ns()
            cid = self.ctl(sock, "clip", "add", self.add_mp3).strip()
            adds.append((time.perf_counter_ns() - t0) / 1e9)
            self.ctl(sock, "clip", "rm", cid)
        q[f"clip add ({self.size['add_minutes']}-minute MP3, s)"] = \
            spread(adds)
        return q

    def scale_socket(self, sock):
        n = self.size["repeat"]
        today = datetime.date.today()
        m0 = self.local_us(today.year, today.month)
        m1 = self.local_us(today.year + today.month // 12,
                           today.month % 12 + 1)
        p0 = self.local_us(today.year - (today.month == 1),
                           (today.month - 2) % 12 + 1)
        w = {}
        w["status"] = self.socket_timed(sock, "status", n)
        w["schedulenext 100"] = self.socket_timed(sock, "schedulenext 100",
                                                  n)
        w["report (this month)"] = self.socket_timed(
            sock, f"report {m0} {m1}", n)
        w["report (last month, whole)"] = self.socket_timed(
            sock, f"report {p0} {m0}", n)
        w["log (this month)"] = self.socket_timed(sock, f"log {m0} {m1}",
                                                  max(3, n // 4))
        return w

    def scale_year_report(self, sock, p):
        """A year's report, with three airings due while it runs: does a
        long query hold them up?"""
        today = datetime.date.today()
        y0 = self.local_us(today.year, 1)
        y1 = self.local_us(today.year + 1, 1)
        ids = self.last_ids  # the clips the airings before it added
        at = self.instants(3, self.size["spacing"], lead=3)
        for t in at:
            self.ctl(sock, "schedule", "add", ids[0], "--once",
                     self.local(t))
        la = os.getloadavg()[0]
        while now_us() < at[0] - 2 * US:
            time.sleep(0.05)
        ms, err = self.socket_once(sock, f"report {y0} {y1}")
        time.sleep(max(0, (at[-1] - now_us()) / US) + 3)
        day = datetime.date.fromtimestamp(at[0] / US)
        for _ in range(60):  # held-up airings air one after another
            rows = json.loads(self.ctl(
                sock, "log", "--from", str(day), "--to", str(day), "--clip",
                ids[0], "--format", "json"))
            mine = [r for r in rows if self.iso_us(r["scheduled"]) in at]
            if len(mine) == len(at) and all(r["status"] != "playing"
                                            for r in mine):
                break
            time.sleep(1)
        r = self.match("scale-year", rows, set(at), p.probe_out, p.pid, la)
        r["report_ms"] = ms
        r["report_error"] = err
        return r

    def scale(self):
        s = self.size
        state = os.path.join(self.tmp, "scale.state")
        os.makedirs(state)
        db = os.path.join(state, "loaxa.db")
        res = self.scale_generate(db)
        starts = []
        for _ in range(s["starts"]):
            p, sock, ready = self.daemon_start("scale", state, preload=False)
            starts.append(ready / 1000)
            self.end(p)
        res["start"] = spread(starts)
        probe_out = os.path.join(self.tmp, "scale.probe")
        p, sock, _ = self.daemon_start("scale", state, probe_out=probe_out)
        p.probe_out = probe_out
        res["lateness"] = self.loaxa_lateness(
            "scale-airings", s["scale_airings"], daemon=p, sock=sock,
            state=state)
        res["footprint"] = self.footprint(p.pid)
        log("scale: queries")
        res["queries"] = self.scale_queries(sock)
        res["socket"] = self.scale_socket(sock)
        log("scale: a year's report with airings due")
        res["year"] = self.scale_year_report(sock, p)
        self.end(p)
        return res

    # ---- the whole run ---------------------------------------------------

    def machine(self):
        cpu = "?"
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        deb = open("/etc/debian_version").read().strip() \
            if os.path.exists("/etc/debian_version") else "?"
        commit = subprocess.run(
            ["git", "-C", ROOT, "describe", "--always", "--dirty"],
            capture_output=True, text=True).stdout.strip()
        # The daemon measured is main's wherever this branch only adds
        # to bench/: name main's commit too.
        base = subprocess.run(
            ["git", "-C", ROOT, "log", "-1", "--format=%h %s", "main"],
            capture_output=True, text=True).stdout.strip()
        return dict(cpu=cpu, cores=os.cpu_count(), kernel=platform.release(),
                    debian=deb, commit=commit, main=base,
                    date=datetime.datetime.now().astimezone().isoformat(
                        timespec="seconds"))

    def rt_limit(self):
        """The real-time priority limit systemd/loaxad.service grants."""
        unit = os.path.join(ROOT, "systemd", "loaxad.service")
        user = None
        rt = None
        if os.path.exists(unit):
            for line in open(unit):
                m = re.match(r"^\s*LimitRTPRIO\s*=\s*(\d+)", line)
                if m:
                    rt = int(m.group(1))
                m = re.match(r"^\s*User\s*=\s*(\S+)", line)
                if m:
                    user = m.group(1)
        return rt, user

    def unprivileged_user(self, unit_user):
        for u in (unit_user, "nobody"):
            if u is None:
                continue
            try:
                pwd.getpwnam(u)
                return u
            except KeyError:
                pass
        return None

    def rematch(self, d, r):
        """Time loaxad's airings again from a kept run folder d (its
        databases and probe lines), into the figures r."""
        def pid_of(probe):
            pids = [e["pid"] for e in self.probe_read(probe)]
            return max(set(pids), key=pids.count) if pids else None

        def rows_of(db, day0, day1):
            return json.loads(subprocess.run(
                [self.loaxactl, "--db", db, "log", "--from", day0, "--to",
                 day1, "--format", "json"], env=self.env, check=True,
                capture_output=True, text=True).stdout)

        day = r["machine"]["date"][:10]
        for name in ("idle", "loaded", "rt", "nort"):
            key = "loaxa_" + name
            db = os.path.join(d, name + ".state", "loaxa.db")
            if key not in r or not os.path.exists(db):
                continue
            rows = rows_of(db, day, day)
            probe = os.path.join(d, name + ".probe")
            new = self.match(name, rows,
                             {self.iso_us(x["scheduled"]) for x in rows},
                             probe, pid_of(probe), r[key].get("loadavg"))
            for k in ("memory", "rtprio"):
                if k in r[key]:
                    new[k] = r[key][k]
            r[key] = new
        sc = r.get("scale")
        db = os.path.join(d, "scale.state", "loaxa.db")
        if sc and os.path.exists(db):
            probe = os.path.join(d, "scale.probe")
            rows = [x for x in rows_of(db, day, day)
                    if x["clip"] > self.size["clips"]]
            rows.sort(key=lambda x: x["scheduled"])
            year, air = rows[-3:], rows[:-3]
            new = self.match("scale-airings", air,
                             {self.iso_us(x["scheduled"]) for x in air},
                             probe, pid_of(probe),
                             sc["lateness"].get("loadavg"))
            new["memory"] = sc["lateness"].get("memory", {})
            sc["lateness"] = new
            y = self.match("scale-year", year,
                           {self.iso_us(x["scheduled"]) for x in year},
                           probe, pid_of(probe), sc["year"].get("loadavg"))
            y["report_ms"] = sc["year"].get("report_ms")
            y["report_error"] = sc["year"].get("report_error")
            sc["year"] = y
        names = ("idle:", "loaded:", "rt:", "nort:", "scale-")
        r["notes"] = [n for n in r.get("notes", [])
                      if not n.startswith(names)] + self.notes
        r["rematched"] = True
        return r

    PARTS = ("timer", "lateness", "baselines", "footprint", "playback",
             "scale")

    def want(self, part):
        return not self.a.only or part in self.a.only.split(",")

    def lateness_all(self, r):
        s = self.size
        log("lateness: idle")
        r["loaxa_idle"] = self.loaxa_lateness("idle", s["airings_idle"])
        log("lateness: loaded")
        r["loaxa_loaded"] = self.loaxa_lateness(
            "loaded", s["airings_loaded"], load=True)
        rt, unit_user = self.rt_limit()
        user = self.unprivileged_user(unit_user)
        r["rt"] = dict(limit=rt, user=user, unit_user=unit_user)
        if user is None:
            self.notes.append("no unprivileged user to run as; (c) and (d) "
                              "not measured")
            return
        lim = rt if rt else 10
        if not rt:
            self.notes.append(
                "systemd/loaxad.service sets no LimitRTPRIO; (c) used "
                "RLIMIT_RTPRIO 10, what the player asks for")
        log(f"lateness: as {user}, RLIMIT_RTPRIO {lim}, loaded")
        r["loaxa_rt"] = self.loaxa_lateness(
            "rt", s["airings_rt"], user=user, rtprio=lim, load=True)
        r["loaxa_rt"]["rtprio"] = lim
        log(f"lateness: as {user}, no real-time limit, loaded")
        r["loaxa_nort"] = self.loaxa_lateness(
            "nort", s["airings_nort"], user=user, rtprio=0, load=True)

    def baselines_all(self, r):
        wav = self.clips["WAV 44.1k stereo"]
        mp3 = self.clips["MP3 44.1k stereo"]
        n = self.size["baseline"]
        log("baselines: sleep + exec aplay, mpg123")
        r["exec_aplay_idle"] = self.baseline_exec("exec-aplay", "aplay",
                                                  wav, n)
        r["exec_mpg123_idle"] = self.baseline_exec("exec-mpg123", "mpg123",
                                                   mp3, n)
        r["exec_aplay_loaded"] = self.baseline_exec(
            "exec-aplay-loaded", "aplay", wav, n, load=True)
        r["exec_mpg123_loaded"] = self.baseline_exec(
            "exec-mpg123-loaded", "mpg123", mp3, n, load=True)

    def main(self):
        t_start = time.time()
        r = self.results
        r["machine"] = self.machine()
        r["mode"] = "quick" if self.a.quick else "full"
        r["only"] = self.a.only
        r["load_start"] = os.getloadavg()
        log("mode", r["mode"], "in", self.tmp)
        self.pulse_start()
        self.make_clips()
        if self.want("baselines"):
            self.cron_start()
        if self.want("timer"):
            log("timer (cyclictest)")
            r["timer_idle"] = self.cyclictest(False)
            r["timer_loaded"] = self.cyclictest(True)
        if self.want("lateness"):
            self.lateness_all(r)
        if self.want("baselines"):
            self.baselines_all(r)
        # Playback runs through the footprint and scale parts: it takes
        # CPU time, not the other parts' wall time.
        if self.want("playback"):
            log("playback cost")
            self.playback_start()
            while now_us() < self.play_t + 5 * US:
                time.sleep(0.1)
            self.playback_sample("a")
            for v in self.play.values():
                v["ta"] = now_us()
        if self.want("footprint") and not self.a.quick:
            log("footprint of mpd and liquidsoap")
            r["footprint_others"] = self.others_footprint()
        elif self.want("footprint"):
            self.notes.append("--quick: mpd and liquidsoap not measured")
        if self.want("scale") or self.want("footprint"):
            log("scale")
            r["scale"] = self.scale()
        if self.want("playback"):
            while now_us() < self.play_end - 5 * US:
                time.sleep(0.5)
            self.playback_sample("b")
            for v in self.play.values():
                v["tb"] = now_us()
            r["playback"] = self.playback_result()
        if self.want("baselines"):
            r["cron"] = self.cron_result()
        r["load_end"] = os.getloadavg()
        r["seconds"] = time.time() - t_start
        r["notes"] = self.notes
        return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, help="a Release build tree")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", help="write the raw figures here")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary folder")
    ap.add_argument("--rematch", metavar="DIR",
                    help="time the airings again from a folder a run kept "
                    "(--keep), into the figures --json names")
    ap.add_argument("--only", help="a comma list of parts: "
                    + ",".join(Bench.PARTS))
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench: run as root (cron, the unprivileged user, "
                 "SCHED_FIFO)")
    os.environ["TZ"] = TZ  # local times on the command line are Hanoi's
    time.tzset()
    b = Bench(args)
    if args.rematch:
        with open(args.json) as f:
            r = b.rematch(os.path.abspath(args.rematch), json.load(f))
        shutil.rmtree(b.tmp, ignore_errors=True)
        with open(args.json, "w") as f:
            json.dump(r, f, indent=1)
        log("figures in", args.json)
        return
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(1))
    try:
        r = b.main()
    finally:
        b.cleanup()
    out = args.json or os.path.join(args.build, "bench.json")
    with open(out, "w") as f:
        json.dump(r, f, indent=1)
    log("figures in", out)


if __name__ == "__main__":
    main()
