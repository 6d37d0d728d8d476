#!/usr/bin/env python3
"""Writes a seeded corpus of awkward lines to stdout: CRLF endings, empty lines, CR
without LF, invalid UTF-8, non-ASCII, 100 KiB lines, and no final newline. For the
agreement check between `pwpolicy audit` and Benchmarks/C/stream_audit.c.

    edge_corpus.py [LINES] [SEED] > FILE"""
import random
import sys

lines = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 14)
out = bytearray()
for i in range(lines):
    kind = rng.randrange(12)
    if kind == 0:
        line = b""
    elif kind == 1:
        line = bytes([0x61]) * (100 * 1024 + rng.randrange(3))
    elif kind == 2:
        line = b"Abc12345" + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", "é".encode(), b"\r", b"\x00"]) + b"!x"
    else:
        line = bytes(rng.randrange(0x20, 0x7F) for _ in range(rng.randrange(4, 25)))
    out += line + (b"\r\n" if rng.randrange(4) == 0 else b"\n")
out += b"Abc12345!"  # no final newline
sys.stdout.buffer.write(out)
