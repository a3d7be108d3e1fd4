#!/usr/bin/env python3
"""Writes, to standard output, events around one huge record, for measuring peak memory of csm-events on input no
record-size limit could hold (bench/RESULTS.md, "Hostile input"). Nothing is stored: pipe it.

    python3 bench/hostile/huge-record.py MIB [line|array|doc] | /usr/bin/time -v csm-events get [--max-record-size 8M]

line:  a JSON line before, one line of MIB MiB, a line after.
array: a JSON array whose second element is MIB MiB.
doc:   pretty-printed documents, the second MIB MiB.
"""
import sys

mib = int(sys.argv[1])
form = sys.argv[2] if len(sys.argv) > 2 else "line"
out = sys.stdout.buffer
head = {
    "line": b'{"agent":{"rule_id":"before"}}\n{"title":"',
    "array": b'[{"agent":{"rule_id":"before"}},\n{"title":"',
    "doc": b'{\n  "agent": {"rule_id": "before"}\n}\n{\n  "title": "',
}[form]
tail = {
    "line": b'"}\n{"agent":{"rule_id":"after"}}\n',
    "array": b'"},\n{"agent":{"rule_id":"after"}}]\n',
    "doc": b'"\n}\n{\n  "agent": {"rule_id": "after"}\n}\n',
}[form]
out.write(head)
chunk = b"x" * (1 << 20)
for _ in range(mib):
    out.write(chunk)
out.write(tail)
