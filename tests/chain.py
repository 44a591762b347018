#!/usr/bin/env python3
"""Recompute the airing log's hash chain of a loaxa database from the
recipe in docs/log-integrity.md, independently of loaxa's C code.

  chain.py DB      print "ROWS HEAD" when every stored hash matches the
                   recipe, else "bad SEQ" for the first that does not
"""

import hashlib
import sqlite3
import sys

FIELDS = [
    ("airing", "a.id"), ("clip", "a.clip_id"), ("sha256", "c.sha256"),
    ("topic", "c.topic"), ("rate", "c.rate"),
    ("schedule", "a.schedule_id"), ("scheduled", "a.scheduled"),
    ("started", "a.started"), ("ended", "a.ended"), ("frames", "a.frames"),
    ("status", "a.status"), ("reason", "a.reason"),
    ("priority", "a.priority"), ("by", "a.by"),
]


def text(v):
    if v is None:
        return ""
    return str(v).replace("\\", "\\\\").replace("\n", "\\n")


def main():
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    cols = ", ".join(c for _, c in FIELDS)
    rows = db.execute("SELECT a.seq, a.hash, %s FROM airings a"
                      " LEFT JOIN clips c ON c.id = a.clip_id"
                      " WHERE a.seq IS NOT NULL ORDER BY a.seq" % cols)
    prev, n = "0" * 64, 0
    for row in rows:
        seq, stored = row[0], row[1]
        rec = "loaxa airing 1\nposition %d\n" % seq
        for (name, _), v in zip(FIELDS, row[2:]):
            rec += "%s %s\n" % (name, text(v))
        h = hashlib.sha256((prev + "\n" + rec).encode("utf-8")).hexdigest()
        if seq != n + 1 or h != stored:
            print("bad %d" % seq)
            return
        prev, n = h, n + 1
    print(n, prev if n else "")


if __name__ == "__main__":
    main()
