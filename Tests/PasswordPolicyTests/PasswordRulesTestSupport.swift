import Foundation
@testable import PasswordPolicy

/// Helpers for the Password Rules tests: a direct reading of what rules mean (independent of
/// the conversion to a policy), passwords built to satisfy them, and a seeded generator.
enum PasswordRulesTesting {
    /// Whether `password` satisfies `rules`, read straight from the language's meaning:
    /// length within minlength...maxlength, every character in an allowed class, a
    /// character of each required rule, no run longer than max-consecutive.
    static func satisfies(_ password: String, _ rules: PasswordRules) -> Bool {
        let scalars = Array(password.unicodeScalars)
        if let min = rules.minLength, scalars.count < min { return false }
        if let max = rules.maxLength, scalars.count > max { return false }
        let allowed = rules.allowed.reduce(ScalarSet()) { $0.union($1.members) }
        guard scalars.allSatisfy(allowed.contains) else { return false }
        for rule in rules.required {
            let members = rule.reduce(ScalarSet()) { $0.union($1.members) }
            guard scalars.contains(where: members.contains) else { return false }
        }
        if let maxConsecutive = rules.maxConsecutive {
            var run = 0
            var previous: Unicode.Scalar?
            for scalar in scalars {
                run = scalar == previous ? run + 1 : 1
                previous = scalar
                if run > maxConsecutive { return false }
            }
        }
        return true
    }

    /// A password that satisfies `rules` (printable ASCII, or nil when none is found
    /// this simple way): one character of each required rule, then allowed characters in
    /// turn, `variant` choosing which. `length` defaults to minlength (at least 8), within
    /// maxlength.
    static func witness(for rules: PasswordRules, variant: Int = 0, length: Int? = nil) -> String? {
        let printable = PrintableASCIISet.printable
        let allowed = rules.allowed.reduce(ScalarSet()) { $0.union($1.members) }.intersection(printable)
        let pool = Array(allowed.scalars)
        guard !pool.isEmpty else { return nil }
        var target = length ?? Swift.max(rules.minLength ?? 0, 8)
        if let max = rules.maxLength { target = Swift.min(target, max) }
        target = Swift.max(target, rules.required.count)
        var scalars: [Unicode.Scalar] = []
        for (index, rule) in rules.required.enumerated() {
            let members = Array(rule.reduce(ScalarSet()) { $0.union($1.members) }.intersection(allowed).scalars)
            guard !members.isEmpty else { return nil }
            scalars.append(members[(variant &* 7 &+ index &* 3) % members.count])
        }
        var next = variant % pool.count
        while scalars.count < target {
            scalars.append(pool[next])
            next = (next + 1 + variant % 3) % pool.count
        }
        // Spread the required characters and break runs by rotating.
        scalars = Array(scalars[(variant % Swift.max(1, scalars.count))...] + scalars[..<(variant % Swift.max(1, scalars.count))])
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return satisfies(text, rules) ? text : nil
    }

    /// Strings near `seed` (characters replaced, added or removed) and random strings, for
    /// comparing two judges.
    static func probes(around seeds: [String], count: Int, random: inout PasswordRulesTesting.Random) -> [String] {
        let extra: [Unicode.Scalar] = ["\u{E9}", "\u{DF}", "\u{4F9B}", "\u{1F600}", "\t", "\u{A0}"]
        let alphabet = (0x20...0x7E).compactMap(Unicode.Scalar.init) + extra
        var result: [String] = seeds
        for index in 0..<count {
            var scalars: [Unicode.Scalar]
            if let seed = seeds.isEmpty ? nil : seeds[index % seeds.count], index % 4 != 3 {
                scalars = Array(seed.unicodeScalars)
                for _ in 0...(Int(random.next() % 2)) {
                    let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count))
                    let scalar = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    switch random.next() % 4 {
                    case 0 where !scalars.isEmpty: scalars.remove(at: position)
                    case 1: scalars.insert(scalar, at: position)
                    case 2 where !scalars.isEmpty: scalars.insert(scalars[position], at: position)
                    default: if !scalars.isEmpty { scalars[position] = scalar }
                    }
                }
            } else {
                scalars = (0..<Int(random.next() % 24)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            result.append(text)
        }
        return result
    }

    /// The sites of Fixtures/password-rules-sample.json, sorted by domain.
    static func sample() throws -> [(site: String, rules: String)] {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/PasswordPolicyTests/Fixtures/password-rules-sample.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let sites = object as? [String: [String: String]] else { return [] }
        return sites.compactMap { site, entry in entry["password-rules"].map { (site, $0) } }.sorted { $0.site < $1.site }
    }

    /// A small seeded generator, so that the tests draw the same strings each run.
    typealias Random = SplitMix64
}
