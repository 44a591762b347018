#!/usr/bin/env python3
"""Helpers for the shell tests: read loaxactl's JSON, talk the protocol on
the socket, and find tones in a recording.  Standard library only.

  lx.py q EXPR            evaluate EXPR with d = the JSON on stdin; print it
  lx.py check KIND        check the JSON on stdin is a loaxactl KIND document
                          (log, report, next) with the contract's fields
  lx.py csv KIND          the same for --format csv (header and columns)
  lx.py lateness ID       ms between scheduled and started of airing ID
  lx.py talk SOCK LINE... send each line, print greeting and replies
  lx.py sendfd SOCK FILE LINE
                          send LINE with FILE's descriptor, print the reply
  lx.py tones WAV F...    the intervals (s) where each frequency sounds
"""

import csv
import datetime
import io
import json
import math
import os
import re
import socket
import struct
import sys
import wave

FIELDS = {
    "log": ["id", "clip", "title", "schedule", "scheduled", "started",
            "ended", "frames", "status", "reason"],
    "report": ["month", "quota", "items", "airings", "met", "upcoming",
               "airtime", "period", "months", "months_met", "by_month",
               "clips", "log_head"],
    "next": ["scheduled", "clip", "title", "schedule"],
}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$")
STATUSES = {"playing", "done", "interrupted", "failed", "missed"}


def die(msg):
    print("lx.py: " + msg, file=sys.stderr)
    sys.exit(1)


def instant(s):
    """An ISO 8601 string with offset and microseconds, as a datetime."""
    if not isinstance(s, str) or not ISO.match(s):
        die("not ISO 8601 local time with microseconds and offset: %r" % s)
    return datetime.datetime.fromisoformat(s)


def show(v):
    if isinstance(v, bool):
        print("true" if v else "false")
    elif v is None:
        print("null")
    elif isinstance(v, list):
        for x in v:
            show(x)
    elif isinstance(v, dict):
        print(json.dumps(v, ensure_ascii=False, sort_keys=True))
    else:
        print(v)


def cmd_q(args):
    d = json.load(sys.stdin)
    show(eval(args[0], {"d": d, "instant": instant, "len": len,
                        "sorted": sorted, "set": set}))


def check_airing(a):
    for k in ("id", "clip", "frames"):
        if not isinstance(a[k], int):
            die("airing %r: %s is not an integer" % (a.get("id"), k))
    if a["schedule"] is not None and not isinstance(a["schedule"], int):
        die("airing %r: schedule is neither null nor an id" % a["id"])
    if a["status"] not in STATUSES:
        die("airing %r: unknown status %r" % (a["id"], a["status"]))
    instant(a["scheduled"])
    for k in ("started", "ended"):
        if a[k] is not None:
            instant(a[k])
    if a["status"] == "done" and (a["started"] is None or a["ended"] is None):
        die("airing %r: done without started/ended" % a["id"])
    if not isinstance(a["title"], str) or not isinstance(a["reason"],
                                                          (str, type(None))):
        die("airing %r: title or reason is not a string" % a["id"])


def need(obj, kind):
    missing = [f for f in FIELDS[kind] if f not in obj]
    if missing:
        die("%s: missing fields %s in %r" % (kind, missing, obj))


def cmd_check(args):
    kind = args[0]
    d = json.load(sys.stdin)
    if kind in ("log", "next"):
        if not isinstance(d, list):
            die("%s: not a JSON array" % kind)
        for a in d:
            need(a, kind)
            if kind == "log":
                check_airing(a)
            else:
                instant(a["scheduled"])
        if kind == "next":
            times = [instant(a["scheduled"]) for a in d]
            if times != sorted(times):
                die("next: not earliest first")
    elif kind == "report":
        if not isinstance(d, dict):
            die("report: not a JSON object")
        need(d, kind)
        if not isinstance(d["met"], bool):
            die("report: met is not true/false")
        if not re.match(r"^\d{4}-\d\d$", str(d["month"])):
            die("report: month is not YYYY-MM: %r" % d["month"])
        for k in ("quota", "items", "airings"):
            if not isinstance(d[k], int):
                die("report: %s is not an integer" % k)
        if not isinstance(d["upcoming"], list):
            die("report: upcoming is not an array")
        if not isinstance(d["airtime"], (int, float)):
            die("report: airtime is not a number")
        if d["met"] != (d["items"] >= d["quota"]):
            die("report: met disagrees with items and quota")
    else:
        die("unknown kind " + kind)
    print("ok")


def cmd_csv(args):
    kind = args[0]
    rows = list(csv.reader(io.StringIO(sys.stdin.read())))
    if not rows:
        die("csv: no header row")
    header = rows[0]
    fields = FIELDS[kind] if kind != "report" else [
        "row", "month", "quota", "items", "airings", "met", "airtime"]
    missing = [f for f in fields if f not in header]
    if missing:
        die("csv %s: header %r lacks %s" % (kind, header, missing))
    for r in rows[1:]:
        if len(r) != len(header):
            die("csv %s: row %r has %d columns, header %d"
                % (kind, r, len(r), len(header)))
    print(len(rows) - 1)


def cmd_lateness(args):
    d = json.load(sys.stdin)
    for a in d:
        if str(a["id"]) == args[0]:
            if a["started"] is None:
                die("airing %s never started" % args[0])
            dt = instant(a["started"]) - instant(a["scheduled"])
            print("%.3f" % (dt.total_seconds() * 1000))
            return
    die("no airing " + args[0])


def cmd_talk(args):
    """Print the greeting, each request's reply, then what else the daemon
    sends before it closes, and 'closed'."""
    out = sys.stdout.buffer
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(args[0])
    f = s.makefile("rb")
    try:
        out.write(f.readline())
        for line in args[1:]:
            s.sendall(line.encode("utf-8", "surrogateescape") + b"\n")
            while True:
                r = f.readline()
                if not r:
                    raise EOFError
                out.write(r)
                if r == b"OK\n" or r.startswith(b"ERR "):
                    break
        s.shutdown(socket.SHUT_WR)
        out.write(f.read())
    except (OSError, EOFError):
        try:
            out.write(f.read())
        except OSError:
            pass
    out.write(b"closed\n")
    out.flush()


def cmd_sendfd(args):
    """Send one request with an open file passed as SCM_RIGHTS."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(args[0])
    f = s.makefile("rb")
    f.readline()
    # Never blocks on a FIFO: the daemon must refuse what it is given.
    clip = os.open(args[1], os.O_RDONLY | os.O_NONBLOCK)
    try:
        socket.send_fds(s, [args[2].encode("utf-8", "surrogateescape")
                            + b"\n"], [clip])
    finally:
        os.close(clip)
    while True:
        r = f.readline()
        sys.stdout.buffer.write(r)
        if not r or r == b"OK\n" or r.startswith(b"ERR "):
            break
    sys.stdout.flush()


def goertzel(x, rate, freq):
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for v in x:
        s1, s2 = v + k * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - k * s1 * s2) / (len(x) * len(x))


def cmd_tones(args):
    """Print 'FREQ START END' for each run of 50 ms windows where FREQ holds
    most of the window's energy ('FREQ none' if it never does)."""
    w = wave.open(args[0], "rb")
    rate, ch, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
    if width != 2:
        die("expected 16-bit samples")
    raw = w.readframes(w.getnframes())
    x = struct.unpack("<%dh" % (len(raw) // 2), raw)[::ch]
    freqs = [float(f) for f in args[1:]]
    n = rate // 20
    runs = {f: [] for f in freqs}
    for i in range(0, len(x) - n + 1, n):
        win = [v / 32768.0 for v in x[i:i + n]]
        power = sum(v * v for v in win) / n
        for f in freqs:
            p = goertzel(win, rate, f) * 2  # a sine of amplitude A: A^2/2
            if power > 1e-5 and p > 0.5 * power:
                t = i / rate
                if runs[f] and abs(runs[f][-1][1] - t) < 1e-9:
                    runs[f][-1][1] = t + n / rate
                else:
                    runs[f].append([t, t + n / rate])
    for f in freqs:
        if not runs[f]:
            print("%g none" % f)
        for a, b in runs[f]:
            print("%g %.3f %.3f" % (f, a, b))


def main():
    cmds = {"q": cmd_q, "check": cmd_check, "csv": cmd_csv,
            "lateness": cmd_lateness, "talk": cmd_talk, "sendfd": cmd_sendfd,
            "tones": cmd_tones}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        die("usage: lx.py q|check|csv|lateness|talk|sendfd|tones ...")
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
