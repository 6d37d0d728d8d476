#!/usr/bin/env python3
"""Prints the arguments of Benchmarks/C/stream_audit.c for a preset file
(policies/<vendor>/<service>.json): MIN MAX K LEADING CLASS..., one per line. Each class is
the policy's own charset as a PCRE2 bracket expression ("set" as written, "chars" with
every character as \\x{..}); PCRE2 then decides membership inside stream_audit. Only
rules the C reference can express are accepted (length, classes, one "atLeast",
forbidLeading), else exit status 2."""
import json
import sys


def bracket(charset):
    if "set" in charset:
        return "[" + charset["set"] + "]"
    return "[" + "".join("\\x{%x}" % ord(c) for c in charset["chars"]) + "]"


def charset_of(value):
    return value if isinstance(value, dict) else {"chars": value}


policy = json.load(open(sys.argv[1]))
unsupported = [key for key in ("forbidPatterns", "forbidContext", "maxConsecutive", "forbidTrailing", "allowOther") if policy.get(key)]
requirements = policy.get("require", [])
if unsupported or len(requirements) > 1 or any("atLeast" not in r for r in requirements):
    sys.exit("the C reference cannot express this policy (%s)" % ", ".join(unsupported or ["requirements"]))
names = [c["name"] for c in policy["classes"]]
k = requirements[0]["atLeast"] if requirements else 0
if requirements and sorted(requirements[0].get("of", names)) != sorted(names):
    sys.exit("the C reference counts every class for atLeast")
leading = bracket(charset_of(policy["forbidLeading"])) if policy.get("forbidLeading") else ""
print(policy["length"]["min"])
print(policy["length"].get("max") or 0)
print(k)
print(leading)
for c in policy["classes"]:
    print(bracket(c))
