#!/usr/bin/env python3
"""Imports the website rules of Apple's password-manager-resources as presets `web.<domain>`.

    python3 scripts/import-web-presets.py UPSTREAM [--commit SHA] [--license FILE] [--pwpolicy PATH]

UPSTREAM is a checkout of https://github.com/apple/password-manager-resources or the path of
its quirks/password-rules.json. SHA is the upstream commit the file comes from (read from the
checkout with git when UPSTREAM is one; required otherwise): it goes into every `source`.

For each domain, sorted, the project's own Password Rules importer converts the rules:
`pwpolicy convert -p 'rules:RULES' --to json --id web.DOMAIN`. The script adds the title, the
source and the notes:
- first, exactly `Password Rules as published: RULES` (the string as upstream has it; the
  tests parse it back and check generated passwords against it);
- one note per warning of the Password Rules parser (what it ignores, as Apple's reference
  parser does: a loss), per note the importer puts in the policy, and per reading of the
  importer's documented mapping that the site may not have meant (a repeated required rule,
  `allowed: unicode`);
- last, that the conversion is otherwise exact, with the canonical form of the rules.
A site whose rules admit no password (`pwpolicy lint --verbose` says unsatisfiable) is imported
with a note before the last saying so and why, and listed in the summary.
Each file is then printed again by the library's writer (`pwpolicy convert -p FILE --to json`)
and written to policies/web/DOMAIN.json; the old policies/web/*.json are replaced. A domain
that does not give a valid id (lowercase [a-z0-9_-] parts separated by dots) or rules that do
not convert are reported and skipped, and the script exits with 1.

It also writes policies/web/LICENSE: the files and the commit it covers, then upstream's MIT
license: FILE when given (upstream's license file at that commit), else the checkout's
LICENSE.md (LICENSE.txt before June 2020), else the text already in policies/web/LICENSE.
Afterwards run python3 scripts/embed-presets.py.
"""
import argparse, json, pathlib, re, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
UPSTREAM_FILE = "quirks/password-rules.json"
REPOSITORY = "apple/password-manager-resources"
ID_PART = re.compile(r"[a-z0-9_-]+")
WARNING_PREFIX = "pwpolicy: warning: Password Rules: "


def fail(message):
    print(f"import-web-presets: {message}", file=sys.stderr)
    sys.exit(2)


def locate(upstream, commit):
    """The rules file, the commit, and the checkout's license file (None for a lone file)."""
    path, license_path = pathlib.Path(upstream), None
    if path.is_dir():
        checkout, path = path, path / UPSTREAM_FILE
        license_path = next((checkout / name for name in ("LICENSE.md", "LICENSE.txt") if (checkout / name).is_file()), None)
        if commit is None:
            result = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
            if result.returncode != 0:
                fail(f"{checkout} is not a git checkout; give --commit SHA")
            commit = result.stdout.strip()
    if not path.is_file():
        fail(f"no file {path}")
    if commit is None or not re.fullmatch(r"[0-9a-f]{40}", commit):
        fail("give --commit with the 40-digit upstream commit the file comes from")
    return path, commit, license_path


LICENSE_HEADER = """The files policies/web/*.json (the presets web.<domain>) are converted from
quirks/password-rules.json of https://github.com/apple/password-manager-resources at commit
{commit}, by scripts/import-web-presets.py. Each file's
`notes` quote that file's Password Rules string as published. That material is used under
the license of apple/password-manager-resources ({license_name} at that commit), reproduced here:

"""


COPYRIGHT = re.compile(r"Copyright 2020( - 20[0-9][0-9])? Apple Inc\.")


def write_license(out, commit, license_path):
    """policies/web/LICENSE: which files and commit, then upstream's license file (given, from
    the checkout, or else the text already there)."""
    target = out / "LICENSE"
    if license_path is not None and license_path.is_file():
        body, name = license_path.read_text(encoding="utf-8"), license_path.name
    elif license_path is None and target.is_file() and "reproduced here:\n\n" in target.read_text(encoding="utf-8"):
        body, name = target.read_text(encoding="utf-8").split("reproduced here:\n\n", 1)[1], "its license file"
    else:
        fail(f"no license file of {REPOSITORY} to copy: give a checkout as UPSTREAM or --license FILE")
    if not COPYRIGHT.search(body):
        fail("the upstream license text does not carry its copyright line")
    header = LICENSE_HEADER.format(commit=commit, license_name=name)
    target.write_text(header + body.rstrip("\n") + "\n", encoding="utf-8")


def pwpolicy_binary(given):
    if given:
        return given
    subprocess.run(["swift", "build", "--product", "pwpolicy"], cwd=root, check=True)
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, check=True, capture_output=True, text=True).stdout.strip()
    return str(pathlib.Path(bin_path) / "pwpolicy")


def valid_id(domain):
    return all(ID_PART.fullmatch(part) for part in domain.split("."))


def required_rules(canonical):
    """The required rules of a canonical Password Rules string, in order. The canonical form
    separates rules with "; " and lists a custom class in ASCII order, so "; " (space before
    ';') never occurs inside a class."""
    rules = canonical.removesuffix(";").split("; ")
    return [rule.removeprefix("required: ") for rule in rules if rule.startswith("required: ")]


def notes_for(domain, rules, canonical, warnings, importer_notes):
    notes = [f"Password Rules as published: {rules}"]
    for warning in warnings:
        notes.append(
            "Loss (Password Rules parser warning, " + warning + "): Apple's reference parser ignores this too, "
            "so the policy follows the rules as parsed and does not accept it.")
    for note in importer_notes:
        notes.append("Importer note: " + note)
    seen = {}
    for rule in required_rules(canonical):
        seen[rule] = seen.get(rule, 0) + 1
    for rule, count in seen.items():
        if count > 1:
            notes.append(
                f"Interpretation: \"required: {rule};\" appears {count} times. A required rule asks for at least one "
                "character of its classes, so the importer requires it once; if the site means "
                f"{count} such characters, the site is stricter than this preset.")
    if re.search(r"allowed:[^;]*\bunicode\b", canonical):
        notes.append(
            "Interpretation: \"allowed: unicode\" becomes the class \\p{Any} (every Unicode character, "
            "control characters included), and lengths count Unicode scalars.")
    exact = "Otherwise converted exactly" if len(notes) > 1 else "Converted exactly"
    notes.append(
        f"{exact} by the PasswordPolicy Password Rules importer (pwpolicy convert --to json): the policy accepts "
        f"exactly the passwords the rules accept as parsed. Canonical form: {canonical}")
    return notes


def convert(binary, domain, rules):
    result = subprocess.run(
        [binary, "convert", "-p", "rules:" + rules, "--to", "json", "--id", "web." + domain],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or f"exit status {result.returncode}")
    warnings = []
    for line in result.stderr.splitlines():
        if not line.startswith(WARNING_PREFIX):
            raise RuntimeError(f"unexpected output on standard error: {line}")
        warnings.append(line[len(WARNING_PREFIX):])
    return json.loads(result.stdout), warnings


def reprint(binary, policy):
    """The policy as the library's writer prints it."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(policy, handle, ensure_ascii=False)
        name = handle.name
    try:
        result = subprocess.run([binary, "convert", "-p", name, "--to", "json"], capture_output=True, text=True)
    finally:
        pathlib.Path(name).unlink()
    if result.returncode != 0 or result.stderr:
        raise RuntimeError("reprinting failed: " + result.stderr.strip())
    return result.stdout


def unsatisfiable(binary, text):
    """Why no password satisfies the policy (pwpolicy lint --verbose), or None when one does."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        handle.write(text)
        name = handle.name
    try:
        result = subprocess.run([binary, "lint", "--verbose", name], capture_output=True, text=True)
    finally:
        pathlib.Path(name).unlink()
    for line in result.stdout.splitlines():
        if line.startswith(name + ": unsatisfiable: "):
            return line[len(name + ": unsatisfiable: "):]
    if result.returncode != 0:
        raise RuntimeError("lint failed: " + (result.stdout + result.stderr).strip())
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("upstream", help="a checkout of apple/password-manager-resources, or its quirks/password-rules.json")
    parser.add_argument("--commit", help="the upstream commit (40 hex digits)")
    parser.add_argument("--license", help="upstream's license file at that commit (LICENSE.md), for a lone rules file")
    parser.add_argument("--pwpolicy", help="the pwpolicy binary (default: swift build --product pwpolicy)")
    parser.add_argument("--out", default=str(root / "policies/web"), help="the output folder (default: policies/web)")
    args = parser.parse_args()

    path, commit, license_path = locate(args.upstream, args.commit)
    if args.license:
        license_path = pathlib.Path(args.license)
        if not license_path.is_file():
            fail(f"no file {license_path}")
    sites = json.loads(path.read_text(encoding="utf-8"))
    binary = pwpolicy_binary(args.pwpolicy)
    source = (f"{REPOSITORY}, {UPSTREAM_FILE} at commit {commit}, "
              f"https://github.com/{REPOSITORY}/blob/{commit}/{UPSTREAM_FILE}")

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    write_license(out, commit, license_path)

    problems, written, with_losses, admit_none = [], 0, [], []
    for domain in sorted(sites):
        rules = sites[domain].get("password-rules")
        if not isinstance(rules, str):
            problems.append(f"{domain}: no password-rules string")
            continue
        if not valid_id(domain):
            problems.append(f"{domain}: web.{domain} is not a valid id (lowercase [a-z0-9_-] parts separated by dots)")
            continue
        try:
            policy, warnings = convert(binary, domain, rules)
            canonical = policy.get("source", "").removeprefix("Apple Password Rules: ")
            importer_notes = policy.get("notes", [])
            policy["title"] = f"{domain}, account password (Apple Password Rules)"
            policy["source"] = source
            policy["notes"] = notes_for(domain, rules, canonical, warnings, importer_notes)
            text = reprint(binary, policy)
            reason = unsatisfiable(binary, text)
            if reason is not None:
                policy["notes"].insert(len(policy["notes"]) - 1, (
                    f"Unsatisfiable: no password satisfies these rules as parsed ({reason}). The preset is "
                    "kept so that the published rules stay visible; WebPresetTests lists it as admitting no password."))
                text = reprint(binary, policy)
                admit_none.append(f"{domain}: {reason}")
        except (RuntimeError, json.JSONDecodeError) as error:
            problems.append(f"{domain}: {error}")
            continue
        if warnings or importer_notes:
            with_losses.append(domain)
        (out / f"{domain}.json").write_text(text, encoding="utf-8")
        written += 1

    print(f"wrote {written} of {len(sites)} sites to {out} (upstream commit {commit})")
    if with_losses:
        print(f"with losses reported by the importer: {', '.join(with_losses)}")
    print(f"admitting no password (imported, with a note): {len(admit_none)}")
    for site in admit_none:
        print(f"  {site}")
    for problem in problems:
        print(f"not imported: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
