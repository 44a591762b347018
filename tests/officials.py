#!/usr/bin/env python3
"""Read back what loaxactl writes for officials, with independent readers.

  officials.py sheets FILE.xlsx      the workbook's sheet names, one a line
  officials.py sheet FILE.xlsx NAME  the sheet as JSON: {"header": [...],
                                     "rows": [[...]], "frozen": "A2"}; a
                                     date cell is {"date": ISO}, so a test
                                     sees that it is a real date
  officials.py csv                   CSV on stdin (RFC 4180) as a JSON
                                     array of objects, by the header row
  officials.py ink FILE.png          the share of pixels that are not
                                     white (exit 1 when the page is blank)

openpyxl reads the workbook (python3-openpyxl); the PNG is decoded here
with zlib alone.
"""

import csv
import datetime
import json
import struct
import sys
import zlib


def cell(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"seconds": v.total_seconds()}
    if isinstance(v, datetime.time):
        return {"seconds": v.hour * 3600 + v.minute * 60 + v.second
                + v.microsecond / 1e6}
    return v


def cmd_sheets(args):
    import openpyxl
    for name in openpyxl.load_workbook(args[0]).sheetnames:
        print(name)


def cmd_sheet(args):
    import openpyxl
    ws = openpyxl.load_workbook(args[0])[args[1]]
    rows = [[cell(c.value) for c in r] for r in ws.iter_rows()]
    print(json.dumps({"header": rows[0] if rows else [],
                      "rows": rows[1:],
                      "frozen": ws.freeze_panes,
                      "filter": ws.auto_filter.ref,
                      "widths": {k: d.width for k, d in
                                 ws.column_dimensions.items()}},
                     ensure_ascii=False))


def cmd_csv(args):
    text = sys.stdin.buffer.read().decode("utf-8")
    print(json.dumps(list(csv.DictReader(text.splitlines(keepends=True))),
                     ensure_ascii=False))


def png_pixels(path):
    """Width, height, bytes per pixel and the unfiltered rows of a PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG: " + path)
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
            if depth != 8 or interlace or color not in (0, 2, 4, 6):
                sys.exit("unexpected PNG kind")
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, None, []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(
            raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        up = prev or bytearray(stride)
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = up[i]
            c = up[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def cmd_ink(args):
    w, h, bpp, rows = png_pixels(args[0])
    chans = min(bpp, 3)
    ink = sum(1 for line in rows for x in range(w)
              if min(line[x * bpp:x * bpp + chans]) < 200)
    share = ink / float(w * h)
    print("%dx%d %.4f" % (w, h, share))
    sys.exit(0 if share > 0.002 else 1)


def main():
    cmds = {"sheets": cmd_sheets, "sheet": cmd_sheet, "csv": cmd_csv,
            "ink": cmd_ink}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit("usage: officials.py sheets|sheet|csv|ink ...")
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
