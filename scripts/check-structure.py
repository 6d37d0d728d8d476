#!/usr/bin/env python3
"""Checks the shape of Sources/PasswordPolicy that the architecture promises (README, "Layout").

1. Only Sources/PasswordPolicy/PCRE2/ imports the C module CPCRE2.
2. Layers point one way: no file names a type declared in a folder to its right
   (Support <- JSON <- Model <- PCRE2 <- Compiled <- Validation, Generation <- Lint, Explain,
   Intersection, Interop <- Presets).
3. No Swift file in Sources/ is over 300 lines and no function is over 60 lines, unless the
   file's opening comment (its first 15 lines) says why it stays whole.

Exits 1 and names every offence; run by scripts/test.sh.
"""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
library = root / "Sources/PasswordPolicy"
LAYERS = [
    ["Support"], ["JSON"], ["Model"], ["Blocklist"], ["PCRE2"], ["Compiled"], ["Validation", "Generation"],
    ["Lint", "Explain", "Intersection", "Interop"], ["Presets"],
]
rank = {folder: index for index, group in enumerate(LAYERS) for folder in group}
problems = []

def strip(text):
    """The code without comments and string literals, so that prose names no type."""
    text = re.sub(r'#+"""[\s\S]*?"""#+', '""', text)
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'//[^\n]*', '', text)
    text = re.sub(r'/\*[\s\S]*?\*/', '', text)
    text = re.sub(r'#*"(?:\\.|[^"\\\n])*"#*', '""', text)
    return text

files = sorted(library.rglob("*.swift"))
declared = {}
for path in files:
    folder = path.relative_to(library).parts[0]
    for name in re.findall(r'^\s*(?:public |internal |private |fileprivate |final |indirect |@\w+ )*(?:struct|enum|class|protocol|actor)\s+(\w+)', strip(path.read_text()), re.M):
        declared.setdefault(name, folder)

for path in files:
    relative = path.relative_to(root)
    folder = path.relative_to(library).parts[0]
    text = path.read_text()
    if re.search(r'^\s*(?:@\w+\s+)*(?:\w+\s+)?import\s+CPCRE2\b', text, re.M) and folder != "PCRE2":
        problems.append(f"{relative}: imports CPCRE2; only Sources/PasswordPolicy/PCRE2/ may")
    if folder not in rank:
        problems.append(f"{relative}: folder {folder} is not in the layer order")
        continue
    code = strip(text)
    for name, home in declared.items():
        if home in rank and rank[home] > rank[folder] and re.search(r'\b' + name + r'\b', code):
            problems.append(f"{relative}: names {name}, declared in {home}/, a layer to the right of {folder}/")

for path in sorted((root / "Sources").rglob("*.swift")):
    relative = path.relative_to(root)
    lines = path.read_text().split("\n")
    whole = any("whole" in line.lower() for line in lines[:15] if line.lstrip().startswith("//"))
    if whole:
        continue
    if len(lines) > 301:
        problems.append(f"{relative}: {len(lines) - 1} lines (at most 300)")
    code = strip("\n".join(lines)).split("\n")
    for index, line in enumerate(code):
        if not re.search(r'\b(func|init\??|subscript)\b[^{]*\{\s*$', line) or re.search(r'\b(let|var)\s', line.split("func")[0] if "func" in line else line):
            continue
        depth, end = 0, index
        for end in range(index, len(code)):
            depth += code[end].count("{") - code[end].count("}")
            if depth <= 0:
                break
        if end - index + 1 > 60:
            problems.append(f"{relative}:{index + 1}: a function of {end - index + 1} lines (at most 60)")

for problem in problems:
    print(problem)
if problems:
    print(f"check-structure: {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1)
print("check-structure: layers, the sealed C module and sizes hold")
