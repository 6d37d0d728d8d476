#!/usr/bin/env python3
"""Regenerates Sources/PasswordPolicy/Blocklist/CommonPasswords.swift from PyPI's zxcvbn.

    pip download --no-deps zxcvbn==4.5.0 -d /tmp/zx && cd /tmp/zx && unzip -o zxcvbn-4.5.0-*.whl
    PYTHONPATH=/tmp/zx python3 scripts/make-common-list.py

Takes every entry of zxcvbn's "passwords" frequency list (30,000, lowercase ASCII), sorts
them by UTF-8 bytes and writes them one a line into one raw string literal.
"""
import pathlib
from zxcvbn import frequency_lists

entries = sorted(set(frequency_lists.FREQUENCY_LISTS["passwords"]), key=lambda e: e.encode())
assert len(entries) == 30000 and "1qaz2wsx3edc4rfv" in entries
assert not any("\\" in e or '"""' in e or "\n" in e for e in entries)
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/PasswordPolicy/Blocklist/CommonPasswords.swift"
with out.open("w") as o:
    o.write('// Generated data: this file stays whole. The 30,000 entries of zxcvbn 4.5.0\'s "passwords"\n')
    o.write('// frequency list (PyPI zxcvbn 4.5.0, MIT License), sorted by UTF-8 bytes, one a line.\n')
    o.write('// Provenance and how to regenerate: CommonPasswords.md next to this file.\n\n')
    o.write('enum CommonPasswords {\n    /// One entry a line, sorted by bytes, ending in a newline.\n    static let text = #"""\n')
    for e in entries:
        o.write(e + "\n")
    o.write('\n"""#\n}\n')
