/// The JavaScript of the pre-flight page (``CompiledPolicy/htmlPage(title:)``), kept whole as
/// one text block: it is JavaScript, not Swift, and reads as one program. It validates with
/// the data the exporter writes into `POLICY` (classes as code point ranges read off PCRE2,
/// requirements, prohibitions, translated patterns and ready-made messages) and gives the
/// same codes and messages, in the same order, as `CompiledPolicy.validate` (see
/// `PasswordScan.violations` and `ViolationText`). Change them together; the browser test
/// holds them to each other.
enum HTMLPageScript {
    static let validator = #"""
    "use strict";
    const P = POLICY;
    const patterns = P.patterns.map(p => p.source === null ? null : new RegExp(p.source, p.flags));
    function inSet(ranges, cp) {
      let lo = 0, hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < ranges[mid][0]) hi = mid - 1; else if (cp > ranges[mid][1]) lo = mid + 1; else return true;
      }
      return false;
    }
    const characters = n => n === 1 ? "character" : "characters";
    function list(items) {
      if (items.length === 0) return "none";
      if (items.length === 1) return items[0];
      return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
    }
    function positions(ps) {
      if (ps.length === 1) return "the character at position " + ps[0] + " is";
      const shown = ps.slice(0, 10).map(String);
      const more = ps.length > 10 ? " (and " + (ps.length - 10) + " more)" : "";
      return "the characters at positions " + list(shown) + more + " are";
    }
    function runsOver(cps, limit) {
      const runs = [];
      let i = 0;
      while (i < cps.length) {
        let j = i + 1;
        while (j < cps.length && cps[j] === cps[i]) j++;
        if (j - i > limit) runs.push({ position: i + 1, length: j - i });
        i = j;
      }
      return runs;
    }
    function validate(password) {
      const cps = Array.from(password, c => c.codePointAt(0));
      const n = cps.length, names = P.classes.map(c => c.name), out = [];
      const push = (code, message) => out.push({ code, message });
      if (n < P.min) push("length.short", "too short: " + n + " " + characters(n) + ", at least " + P.min + " required");
      else if (P.max !== null && n > P.max) push("length.long", "too long: " + n + " " + characters(n) + ", at most " + P.max + " allowed");
      const present = names.map(() => false), tally = names.map(() => 0), disallowed = [];
      cps.forEach((cp, i) => {
        let inAny = false;
        P.classes.forEach((c, k) => { if (inSet(c.ranges, cp)) { inAny = true; present[k] = true; tally[k]++; } });
        if (!inAny && !P.allowOther) disallowed.push(i + 1);
      });
      if (disallowed.length > 0) push("charset.disallowed", positions(disallowed) + " not allowed; allowed are " + list(names));
      for (const r of P.atLeast) {
        const has = r.classes.filter(k => present[k]).map(k => names[k]);
        if (has.length >= r.count) continue;
        const missing = r.classes.filter(k => !present[k]).map(k => names[k]);
        push("classes.insufficient", "needs characters from at least " + r.count + " of " + list(r.classes.map(k => names[k])) +
          "; has " + has.length + (has.length === 0 ? "" : " (" + list(has) + ")") + ", missing " + list(missing));
      }
      for (const r of P.counts) {
        const c = tally[r.index], name = names[r.index];
        if (c < r.min) push("class.tooFew", "needs at least " + r.min + " " + characters(r.min) + " from \"" + name + "\"; has " + c);
        if (r.max !== null && c > r.max) push("class.tooMany", "allows at most " + r.max + " " + characters(r.max) + " from \"" + name + "\"; has " + c);
      }
      if (P.leading !== null && n > 0 && inSet(P.leading.ranges, cps[0])) push("leading.forbidden", P.leading.message);
      if (P.trailing !== null && n > 0 && inSet(P.trailing.ranges, cps[n - 1])) push("trailing.forbidden", P.trailing.message);
      if (P.maxConsecutive !== null) {
        const runs = runsOver(cps, P.maxConsecutive), limit = P.maxConsecutive;
        if (runs.length > 0) {
          const places = runs.slice(0, 5).map(r => r.length + " at position " + r.position).join(", ");
          push("consecutive.exceeded", "a character repeats more than " + limit + " " + (limit === 1 ? "time" : "times") +
            " in a row (" + places + (runs.length > 5 ? ", ..." : "") + ")");
        }
      }
      P.patterns.forEach((p, i) => { if (patterns[i] !== null && patterns[i].test(password)) push("pattern.forbidden", p.message); });
      return out;
    }
    function render() {
      const field = document.getElementById("password");
      const violations = validate(field.value);
      const listElement = document.getElementById("violations");
      listElement.replaceChildren(...violations.map(v => {
        const item = document.createElement("li");
        item.dataset.code = v.code;
        item.textContent = v.message;
        return item;
      }));
      const verdict = document.getElementById("verdict");
      verdict.dataset.valid = String(violations.length === 0);
      verdict.textContent = violations.length === 0 ? "Meets the policy." :
        "Does not meet the policy yet: " + violations.length + " " + (violations.length === 1 ? "problem" : "problems") + ".";
    }
    document.getElementById("password").addEventListener("input", render);
    render();
    """#
}
