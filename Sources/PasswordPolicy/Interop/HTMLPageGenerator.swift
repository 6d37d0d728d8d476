/// The data behind the pre-flight page's Generate button: the generator's alphabet in
/// groups of characters that every rule treats alike, for policies the page can count
/// exactly (an ASCII alphabet, no `forbidPatterns`, a small counting state). The page's
/// script counts the compliant passwords of the default length with BigInt and draws one
/// uniformly with `crypto.getRandomValues`, as ``PasswordGenerator`` does.
enum HTMLPageGenerator {
    /// The largest counting state the page accepts: beyond it the button is left out.
    static let maximumStates = 200_000

    /// The button's data, or nil when the page cannot count this policy exactly.
    static func data(for compiled: CompiledPolicy) -> JSONValue? {
        let policy = compiled.policy
        guard policy.forbidPatterns.isEmpty, policy.classes.count <= 16,
              let generator = try? PasswordGenerator(compiled) else { return nil }
        let alphabet = generator.alphabet
        guard !alphabet.isEmpty, (alphabet.ranges.last?.upperBound ?? 0) < 0x80 else { return nil }
        let length = generator.defaultLength
        guard generator.lengthRange.contains(length) else { return nil }
        // Group the alphabet by what the rules see: class membership, first and last character.
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for scalar in alphabet.scalars {
            let mask = compiled.classMembers.indices.reduce(0) { $0 | (compiled.classMembers[$1].contains(scalar) ? 1 << $1 : 0) }
            let leading = policy.forbidLeading != nil && compiled.forbiddenLeading.contains(scalar)
            let trailing = policy.forbidTrailing != nil && compiled.forbiddenTrailing.contains(scalar)
            let key = "\(mask) \(leading) \(trailing)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(Int(scalar.value))
        }
        var states = length * (1 << policy.classes.count) * max(1, order.count * (policy.maxConsecutive ?? 1))
        for requirement in compiled.counts { states *= (requirement.max == Int.max ? requirement.min : requirement.max + 1) + 1 }
        guard states <= maximumStates else { return nil }
        let groupValues = order.map { key -> JSONValue in
            let parts = key.split(separator: " ")
            return .object([
                ("mask", .integer(Int(parts[0]) ?? 0)), ("leading", .bool(parts[1] == "true")), ("trailing", .bool(parts[2] == "true")),
                ("chars", .array((groups[key] ?? []).map { .integer($0) })),
            ])
        }
        return .object([
            ("length", .integer(length)),
            ("groups", .array(groupValues)),
            ("atLeast", .array(compiled.atLeast.map { .object([("count", .integer($0.count)), ("mask", .integer(Int($0.mask)))]) })),
            ("counts", .array(compiled.counts.map {
                .object([("mask", .integer(1 << $0.index)), ("min", .integer($0.min)), ("max", $0.max == Int.max ? .null : .integer($0.max))])
            })),
            ("maxConsecutive", policy.maxConsecutive.map { .integer($0) } ?? .null),
        ])
    }

    /// The script of the button: exact counting with BigInt, uniform choices by rejection.
    static let script = #"""
    (function () {
      const G = POLICY.generator, button = document.getElementById("generate");
      if (G === null) return;
      const L = G.length, limit = G.maxConsecutive === null ? Infinity : G.maxConsecutive, memo = new Map();
      const bits = m => { let c = 0; while (m) { c += m & 1; m >>>= 1; } return c; };
      // The moves from a state: [group index, same character as the last (bool), ways, next state].
      function moves(pos, s) {
        const out = [];
        G.groups.forEach((g, gi) => {
          if (pos === 0 && g.leading) return;
          if (pos === L - 1 && g.trailing) return;
          const tallies = [];
          for (let j = 0; j < G.counts.length; j++) {
            const c = G.counts[j], t = s.tallies[j] + ((g.mask & c.mask) ? 1 : 0);
            if (c.max !== null && t > c.max) return;
            tallies.push(Math.min(t, c.max === null ? c.min : c.max + 1));
          }
          const base = { mask: s.mask | g.mask, tallies };
          if (limit !== Infinity && s.group === gi) {
            if (s.run + 1 <= limit) out.push([gi, true, 1n, { ...base, group: gi, run: s.run + 1 }]);
            if (g.chars.length > 1) out.push([gi, false, BigInt(g.chars.length - 1), { ...base, group: gi, run: 1 }]);
          } else {
            out.push([gi, false, BigInt(g.chars.length), { ...base, group: limit === Infinity ? -1 : gi, run: 1 }]);
          }
        });
        return out;
      }
      function count(pos, s) {
        if (pos === L) {
          if (!G.atLeast.every(r => bits(s.mask & r.mask) >= r.count)) return 0n;
          return G.counts.every((c, j) => s.tallies[j] >= c.min) ? 1n : 0n;
        }
        const key = pos + "|" + s.mask + "|" + s.tallies.join(",") + "|" + s.group + "|" + s.run;
        let total = memo.get(key);
        if (total !== undefined) return total;
        total = 0n;
        for (const [, , ways, next] of moves(pos, s)) total += ways * count(pos + 1, next);
        memo.set(key, total);
        return total;
      }
      // A uniform BigInt in [0, n), by rejection over crypto.getRandomValues.
      function below(n) {
        const bitLength = n.toString(2).length, words = new Uint32Array(Math.ceil(bitLength / 32));
        for (;;) {
          crypto.getRandomValues(words);
          let r = 0n;
          for (const w of words) r = (r << 32n) | BigInt(w);
          r &= (1n << BigInt(bitLength)) - 1n;
          if (r < n) return r;
        }
      }
      const start = { mask: 0, tallies: G.counts.map(() => 0), group: -1, run: 0 };
      const total = count(0, start);
      if (total === 0n) return;
      button.dataset.count = total.toString();
      button.hidden = false;
      button.addEventListener("click", () => {
        let s = start, last = -1, password = "";
        for (let pos = 0; pos < L; pos++) {
          const options = moves(pos, s).map(m => [m, m[2] * count(pos + 1, m[3])]);
          let r = below(options.reduce((a, o) => a + o[1], 0n));
          const [[gi, same, , next]] = options.find(o => (r < o[1]) || ((r -= o[1]), false));
          const chars = G.groups[gi].chars.filter(c => same ? c === last : (s.group !== gi || c !== last));
          last = chars[Number(below(BigInt(chars.length)))];
          password += String.fromCodePoint(last);
          s = next;
        }
        const field = document.getElementById("password");
        field.value = password;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      });
    })();
    """#
}
