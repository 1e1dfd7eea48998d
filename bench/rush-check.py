#!/usr/bin/env python3
"""bench/rush's last word: nothing acknowledged was lost.

  rush-check.py DB EVIDENCE_DIR SUBMIT_OUT

SUBMIT_OUT is what bench/rush.lua wrote for the submissions: one line
"ack RECORD" per submission answered 303. Each record must be in the
database, submitted, its description "rush SERIAL SIZE" as sent, with one
evidence row whose file has the SHA-256 of the PDF sent with it (rebuilt
here from SERIAL and SIZE exactly as rush.lua built it), and that file on
disk must hash to it. Then PRAGMA integrity_check and foreign_key_check.
Prints one line; exits 1 when anything is not so.
"""
import hashlib
import os
import sqlite3
import sys

FILLER = b"xueshi rush evidence filler line.......................\n" * (3 * 1024 * 1024 // 56 + 1)
TAIL = (b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n")


def pdf(serial, size):
    head = b"%%PDF-1.4\n%% rush %d\n" % serial
    return head + FILLER[:size - len(head) - len(TAIL)] + TAIL


def main():
    dbpath, evdir, acks = sys.argv[1], sys.argv[2], sys.argv[3]
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    checked = lost = bad = 0
    problems = []
    with open(acks) as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] != "ack":
                continue
            record = int(parts[1])
            checked += 1
            row = db.execute("SELECT description, state FROM record WHERE id = ?", (record,)).fetchone()
            if row is None:
                lost += 1
                problems.append("record %d is not in the database" % record)
                continue
            words = row[0].split()
            if len(words) != 3 or words[0] != "rush":
                bad += 1
                problems.append("record %d: description %r" % (record, row[0]))
                continue
            serial, size = int(words[1]), int(words[2])
            want = hashlib.sha256(pdf(serial, size)).hexdigest()
            ev = [r[0] for r in db.execute("SELECT sha256 FROM evidence WHERE record_id = ?", (record,))]
            path = os.path.join(evdir, want[:2], want)
            if row[1] != "submitted" or ev != [want]:
                bad += 1
                problems.append("record %d: %r %s, evidence %s, sent %s" % (record, row[0], row[1], ev, want))
            elif not os.path.exists(path) or hashlib.sha256(open(path, "rb").read()).hexdigest() != want:
                bad += 1
                problems.append("record %d: the file %s is missing or differs" % (record, path))
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    for p in problems[:10]:
        print("rush-check: " + p)
    print("nothing lost: %d acknowledged submissions checked, %d lost, %d wrong; "
          "integrity_check %s, foreign_key_check %d rows" % (checked, lost, bad, integrity, len(fk)))
    sys.exit(0 if lost == 0 and bad == 0 and integrity == "ok" and not fk and checked > 0 else 1)


main()
