#!/usr/bin/env python3
"""Turn the figures bench.py wrote (JSON) into bench/results.md, and print
the same tables.  usage: results.py FIGURES.json OUT.md"""

import json
import sys


def fmt(x, digits=3):
    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    if abs(x) >= 1000:
        return f"{x:,.0f}".replace(",", " ")
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}f}"


def row(cells):
    return "| " + " | ".join(cells) + " |"


def table(head, rows):
    out = [row(head), row(["---"] * len(head))]
    out += [row(r) for r in rows]
    return out


def sp(d, key="late"):
    s = (d or {}).get(key)
    if not s:
        return ["–"] * 5
    return [str(s["n"]), fmt(s["min"]), fmt(s["median"]), fmt(s["p99"]),
            fmt(s["max"])]


def p99(d, key="late"):
    s = (d or {}).get(key)
    return s["p99"] if s else None


def verdict(value, limit):
    if value is None:
        return "not measured"
    return "met" if value <= limit else f"missed by {fmt(value - limit)}"


def ratio(a, b):
    if a is None or b is None or a <= 0:
        return "–"
    return f"{b / a:,.0f}×".replace(",", " ") if b / a >= 10 \
        else f"{b / a:.1f}×"


def lateness(r):
    rt = r.get("rt") or {}
    user = rt.get("user") or "?"
    lim = (r.get("loaxa_rt") or {}).get("rtprio")
    cases = [
        ("loaxa, idle (root, SCHED_FIFO)", r.get("loaxa_idle")),
        ("loaxa, both cores busy (root, SCHED_FIFO)", r.get("loaxa_loaded")),
        (f"loaxa, both cores busy, as {user} with RLIMIT_RTPRIO {lim}",
         r.get("loaxa_rt")),
        (f"loaxa, both cores busy, as {user} without a real-time limit",
         r.get("loaxa_nort")),
        ("loaxa, idle, 10 million rows loaded",
         (r.get("scale") or {}).get("lateness")),
        ("cron + aplay (from the minute)", r.get("cron")),
        ("sleep to the instant + exec aplay, idle",
         r.get("exec_aplay_idle")),
        ("sleep to the instant + exec mpg123, idle",
         r.get("exec_mpg123_idle")),
        ("sleep to the instant + exec aplay, both cores busy",
         r.get("exec_aplay_loaded")),
        ("sleep to the instant + exec mpg123, both cores busy",
         r.get("exec_mpg123_loaded")),
        ("timer alone (cyclictest, SCHED_FIFO 80, 10 ms), idle",
         r.get("timer_idle")),
        ("timer alone (cyclictest, SCHED_FIFO 80, 10 ms), both cores busy",
         r.get("timer_loaded")),
    ]
    out = ["## Lateness of the first sample", "",
           "Milliseconds from the scheduled instant to the moment the "
           "first non-silent frame was handed to ALSA (or, for a stream "
           "started explicitly, to `snd_pcm_start`), read on "
           "`CLOCK_REALTIME` by the LD_PRELOAD probe (`bench/probe.c`) "
           "inside the player's process; the timer rows are cyclictest's "
           "wake-up latency. Negative is early.", ""]
    out += table(["what", "airings", "min", "median", "p99", "max"],
                 [[name] + sp(d) for name, d in cases])
    idle, loaded = p99(r.get("loaxa_idle")), p99(r.get("loaxa_loaded"))
    out += ["", "Target: p99 ≤ 0.2 ms idle and loaded — idle: "
            f"{verdict(idle, 0.2)}; loaded: {verdict(loaded, 0.2)}.", ""]
    base = [("cron + aplay", r.get("cron"), idle),
            ("sleep + exec aplay (idle)", r.get("exec_aplay_idle"), idle),
            ("sleep + exec mpg123 (idle)", r.get("exec_mpg123_idle"), idle),
            ("sleep + exec aplay (busy)", r.get("exec_aplay_loaded"),
             loaded),
            ("sleep + exec mpg123 (busy)", r.get("exec_mpg123_loaded"),
             loaded)]
    out += ["Each baseline's p99 as a multiple of loaxa's p99 in the same "
            "conditions (idle or busy):", ""]
    out += table(["baseline", "its p99 (ms)", "loaxa's p99 (ms)",
                  "baseline / loaxa"],
                 [[n, fmt(p99(d)), fmt(l), ratio(l, p99(d))]
                  for n, d, l in base])
    out += ["", "What loaxad itself recorded (`started`, read just before "
            "the first write) against the probe; the length of audio the "
            "first write hands over; and `snd_pcm_delay` just after it, "
            "how long until the last frame of that write is heard (the "
            "first is heard that much earlier; PulseAudio's plugin often "
            "reports 0 before its first timing update):", ""]
    rows = []
    for name, d in cases[:5]:
        if not d:
            continue
        g = d.get("gap") or {}
        rows.append([name, fmt(p99(d, "own")), fmt(g.get("median"), 0),
                     fmt(g.get("max"), 0),
                     fmt((d.get("first") or {}).get("median"), 1),
                     fmt((d.get("delay") or {}).get("median"), 1),
                     fmt((d.get("delay") or {}).get("max"), 1)])
    out += table(["airings", "`started` p99 (ms)",
                  "probe − `started` median (µs)", "… max (µs)",
                  "first write (ms of audio)", "delay after it, median (ms)",
                  "… max (ms)"], rows)
    return out


def footprint(r):
    sc = (r.get("scale") or {}).get("footprint")
    idle = (r.get("loaxa_idle") or {}).get("memory") or {}
    others = r.get("footprint_others") or {}
    rows = []

    def mem(name, m, idle_s=True):
        if not m:
            return
        rows.append([name, fmt(m["rss"], 1), fmt(m["pss"], 1),
                     fmt(m["private"], 1),
                     str(m["wakeups"]) if idle_s and "wakeups" in m else "–",
                     fmt(m["cpu_pct"], 2) if idle_s and "cpu_pct" in m
                     else "–"])
    mem("loaxad, just started, empty", idle.get("fresh"), False)
    mem("loaxad after a few airings, few schedules", idle.get("after"),
        False)
    mem("loaxad, 10 000 schedules, 3 years of log, after airings", sc)
    for name, m in others.items():
        mem(f"{name}, doing nothing", m)
    secs = (sc or {}).get("seconds", "?")
    out = ["## Footprint", "",
           f"Memory in MiB from `/proc/PID/smaps_rollup`; wake-ups are "
           f"the context switches of all the process's threads, and CPU "
           f"its user + system ticks, over {secs} idle seconds.", ""]
    out += table(["process", "RSS", "PSS", "private", "wake-ups",
                  "CPU %"], rows)
    rss = (sc or {}).get("rss")
    if sc and sc.get("by_mapping"):
        out += ["", "What loaxad's resident memory is made of (KiB, the "
                "largest mappings of the 10 000-schedule daemon): "
                + ", ".join(f"{k} {v}" for v, k in sc["by_mapping"]) + "."]
    out += ["", f"Target: RSS ≤ 4 MiB — {verdict(rss, 4)}; no wake-ups "
            f"between airings — "
            f"{'met' if sc and sc['wakeups'] == 0 else 'not met'}."]
    return out


def playback(r):
    p = r.get("playback") or {}
    rows = [[k, fmt(v["cpu_pct"], 2), fmt(v["seconds"], 0)]
            for k, v in p.items() if not k.startswith("_")]
    out = ["## Playback cost", "",
           f"CPU % of one core while playing ({p.get('_note', '')}):", ""]
    out += table(["player", "CPU %", "measured over (s)"], rows)
    mp3 = (p.get("loaxad MP3") or {}).get("cpu_pct")
    out += ["", f"Target: an MP3 ≤ 1 % of one core — {verdict(mp3, 1.0)}."]
    return out


def scale(r):
    s = r.get("scale") or {}
    out = ["## Scale", "",
           f"Generated through the schema (`bench/gen.c`): "
           f"{s.get('generated', '?')} in {fmt(s.get('gen_s'), 0)} s, a "
           f"{fmt(s.get('db_mib'), 0)} MiB database. Each command is "
           f"`loaxactl` against the running daemon, timed from exec to "
           f"exit (ms).", ""]
    rows = [["loaxad start → answers `status`"] + sp(s, "start")]
    for k, v in (s.get("queries") or {}).items():
        if v and "error" in v:
            rows.append([k, "–", "–", "–", "–", v["error"]])
        else:
            rows.append([k] + sp({"x": v}, "x"))
    out += table(["what", "runs", "min", "median", "p99", "max"], rows)
    w = s.get("socket") or {}
    out += ["", "The same requests sent straight on the socket, timed from "
            "the request to the closing `OK` (ms), without loaxactl's own "
            "start-up:", ""]
    rows = []
    for k, v in w.items():
        if v and "error" in v:
            rows.append([f"`{k}`", "–", "–", "–", "–", v["error"]])
        else:
            rows.append([f"`{k}`"] + sp({"x": v}, "x"))
    out += table(["request", "runs", "min", "median", "p99", "max"], rows)
    y = s.get("year")
    if y:
        took = (f"took {fmt(y['report_ms'] / 1000, 1)} s" if y.get("report_ms")
                else f"failed: {y.get('report_error')}")
        lt = y.get("late") or {}
        why = ("; the request holds the event loop that cues airings"
               if (lt.get("max") or 0) > 1 else "")
        out += ["", f"A whole year's report on the socket {took}.  Three "
                f"airings fell due while it ran: their first samples were "
                f"{fmt(lt.get('min'))}–{fmt(lt.get('max'))} ms late "
                f"({y.get('timed', 0)} of {y.get('asked', 0)} timed){why}."]
    q = s.get("queries") or {}
    lines = []
    for k, lim in (("report --month", 50), ("report --year", 50),
                   ("schedule next 100", 50)):
        v = q.get(k)
        val = v.get("p99") if v and "error" not in v else None
        lines.append(f"`{k}` ≤ {lim} ms: {verdict(val, lim)}")
    v = w.get("report (last month, whole)")
    val = v.get("p99") if v and "error" not in v else None
    lines.append(f"a whole month's report on the socket ≤ 50 ms: "
                 f"{verdict(val, 50)}")
    st = (s.get("start") or {}).get("p99")
    lines.append(f"start ≤ 500 ms: {verdict(st, 500)}")
    out += ["", "Targets (p99): " + "; ".join(lines) + "."]
    return out


def render(r):
    m = r["machine"]
    ls, le = r.get("load_start", [0] * 3), r.get("load_end", [0] * 3)
    out = ["# loaxa benchmark results", "",
           f"Made by `bench/run{' --quick' if r['mode'] == 'quick' else ''}`"
           f" ({r['mode']} run, {fmt(r['seconds'] / 60, 1)} minutes).", "",
           f"- date: {m['date']}",
           f"- commit: {m['commit']}"
           + (f" (main: {m['main']})" if m.get("main") else ""),
           f"- machine: {m['cpu']}, {m['cores']} cores, kernel "
           f"{m['kernel']}, Debian {m['debian']}",
           f"- load average at start {ls[0]:.2f} {ls[1]:.2f} {ls[2]:.2f}, "
           f"at end {le[0]:.2f} {le[1]:.2f} {le[2]:.2f}",
           "- sound: a private PulseAudio null sink through ALSA's `pulse` "
           "pcm, which paces like a card"]
    if r.get("rematched"):
        out += ["- loaxad's airings were matched to the probe's lines again "
                "afterwards, from the run's kept folder (`bench.py "
                "--rematch`), after a fix to that matching"]
    out += [""]
    for part in (lateness, footprint, playback, scale):
        out += part(r) + [""]
    if r.get("notes"):
        out += ["## Notes", ""] + [f"- {n}" for n in r["notes"]] + [""]
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    r = json.load(open(sys.argv[1]))
    text = render(r)
    with open(sys.argv[2], "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
