import Foundation
import Testing
@testable import PasswordPolicy

/// Every cloud and vendor preset held to its own rule, driven by the preset files: the same
/// checks for each, written once. Boundary passwords come from variants of the preset (see
/// ``RuleProbe``), so each expectation follows from the rule. Website presets (`web.*`) get
/// the length edges and the missing/empty check here (see ``allIds``) and have their own
/// tests against the Password Rules they were converted from (WebPresetTests).
@Suite struct CatalogueTests {
    static let ids = Presets.all.map(\.id).filter { Presets.vendor(of: $0) != "web" }
    /// Every preset, website ones included. The website presets (434) get the length edges
    /// and the missing/empty check, which add a few seconds. A deterministic sample, not the
    /// whole set: with the requirement edges too the suite took 75 s instead of 18 s on 2
    /// shared cores, and with all five edge tests 67 s, over the per-preset tests' budget.
    /// WebPresetTests holds them otherwise (an exact round trip to the published rules, and
    /// 25 generated passwords checked against both the preset and the rules).
    static let allIds = Presets.all.map(\.id)

    @Test func catalogueCoversTheVendors() {
        #expect(Self.ids.count >= 66, "at least 66 cloud and vendor presets")
        #expect(Set(Self.ids.map(Presets.vendor(of:))).count >= 8, "from at least 8 vendors")
    }

    /// Ids follow the spec's `vendor.service[.variant]`: two or three dot-separated lowercase
    /// segments (letters and digits, joined by single hyphens); a website preset is `web.`
    /// and the site's lowercase domain name (issue 11's own exception).
    @Test func idsFollowTheSpecsShape() throws {
        let vendorId = #/[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*){1,2}/#
        let label = "[a-z0-9]([a-z0-9-]*[a-z0-9])?"
        let webId = try Regex("web\\.\(label)(\\.\(label))+")
        for policy in Presets.all {
            if Presets.vendor(of: policy.id) == "web" {
                #expect(policy.id.wholeMatch(of: webId) != nil, "\(policy.id) is web. and a lowercase domain")
            } else {
                #expect(policy.id.wholeMatch(of: vendorId) != nil, "\(policy.id) is vendor.service[.variant]")
            }
        }
    }

    @Test(arguments: CatalogueTests.ids)
    func sourcedDocumentedAndLintClean(id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        #expect(!(policy.title ?? "").isEmpty, "\(id): title")
        #expect((policy.source ?? "").contains("https://"), "\(id): the source names a URL")
        #expect(!policy.notes.isEmpty, "\(id): notes record the reading")
        #expect(try Policy(json: policy.jsonString()) == policy, "\(id): round trip")
        let report = try CompiledPolicy(policy).lintReport()
        #expect(report.errors.isEmpty, "\(id): \(report.errors)")
        if case .satisfiable = report.satisfiability {} else { Issue.record("\(id): \(String(describing: report.satisfiability))") }
    }

    /// Issue 11: `source` names the document's version or date. Outside its URLs, the source
    /// has a year (19xx or 20xx: a page date, an API version such as 2018-04-12, or, for an
    /// undated page, the date it was read) or an API or product version (`API v3`,
    /// `API version 20190415`, `v6.2.12`).
    @Test(arguments: CatalogueTests.ids)
    func sourceNamesAVersionOrDate(id: String) throws {
        let source = try #require(Presets.policy(id: id)?.source, "\(id): a source")
        #expect(source.contains("https://"), "\(id): the source names an https URL")
        let text = source.replacing(#/https?://\S+/#, with: "")
        let year = #/(^|[^0-9])(19|20)[0-9]{2}([^0-9]|$)/#
        let version = #/API v[0-9]|api-version|API version|(^|[^A-Za-z0-9])v[0-9]+\.[0-9]+/#
        #expect(text.contains(year) || text.contains(version), "\(id): the source names a date or version: \(source)")
    }

    @Test(arguments: CatalogueTests.allIds)
    func lengthEdges(id: String) throws {
        var probe = try RuleProbe(id: id)
        // A website rule may state no minimum length (0) yet require characters of several
        // classes: then the shortest valid password is as long as the requirements make it,
        // and one character less is refused.
        let first = try #require((probe.shortest...(probe.shortest + 16)).first { !probe.samples(probe.withLength($0), length: $0).isEmpty }, "\(id): some length from the minimum admits a password")
        if first > probe.shortest {
            #expect(Presets.vendor(of: id) == "web", "\(id): a cloud preset's stated minimum admits a password")
            let valid = try #require(probe.samples(probe.withLength(first), length: first).first)
            let cut = String(String.UnicodeScalarView(valid.unicodeScalars.dropLast()))
            #expect(!probe.compiled.validate(cut).isEmpty, "\(id): \(first - 1) characters are refused")
        }
        for length in Set([first, probe.longest]) {
            let valid = probe.samples(probe.withLength(length), length: length, count: 3)
            #expect(!valid.isEmpty, "\(id): some password of length \(length)")
            for password in valid { probe.expect(password, [], "length \(length)") }
        }
        if probe.shortest > 0 {
            let short = probe.samples(probe.withLength(probe.shortest - 1), length: probe.shortest - 1)
            if let password = short.first {
                probe.expect(password, [.lengthShort], "length min - 1")
            } else {
                // The other rules need more characters than min - 1: a valid password one
                // character short is too short, whatever else it misses.
                let valid = try #require(probe.samples(probe.withLength(probe.shortest), length: probe.shortest).first)
                let cut = String(String.UnicodeScalarView(valid.unicodeScalars.dropLast()))
                #expect(probe.compiled.validate(cut).contains { $0.code == .lengthShort }, "\(id): min - 1 is too short")
            }
        }
        if let max = probe.policy.length.max, max < PasswordGenerator.maximumLength {
            let long = try #require(probe.samples(probe.withLength(max + 1), length: max + 1).first, "\(id): a password of max + 1")
            probe.expect(long, [.lengthLong], "length max + 1")
        }
    }

    @Test(arguments: CatalogueTests.ids)
    func requirementEdges(id: String) throws {
        var probe = try RuleProbe(id: id)
        let policy = probe.policy
        let length = probe.shortest > 0 ? Swift.min(probe.longest, Swift.max(probe.shortest, 8)) : Swift.min(probe.longest, 8)
        var built = 0
        for (index, requirement) in policy.requirements.enumerated() {
            var others = policy.requirements
            others.remove(at: index)
            switch requirement {
            case .atLeast(let count, let names):
                let named = names ?? policy.classes.map(\.name)
                for size in [count - 1, count] where size >= 0 {
                    for present in combinations(of: named, size: size).prefix(12) {
                        var variant = probe.withLength(length)
                        variant.requirements = others + named.map { name in
                            present.contains(name) ? .count(class: name, min: 1, max: nil) : .count(class: name, min: nil, max: 0)
                        }
                        guard let password = probe.samples(variant, length: length).first else { continue }
                        probe.expect(password, size < count ? [.classesInsufficient] : [], "exactly \(present) of \(named)")
                        built += 1
                    }
                }
            case .count(let name, let min, let max):
                var edges: [(Int, Set<ViolationCode>)] = []
                if let min {
                    edges.append((min, []))
                    if min > 0 { edges.append((min - 1, [.classTooFew])) }
                }
                if let max {
                    edges.append((max, []))
                    edges.append((max + 1, [.classTooMany]))
                }
                for (count, expected) in edges {
                    var variant = probe.withLength(Swift.max(length, count))
                    variant.requirements = others + [.count(class: name, min: count, max: count)]
                    let password = try #require(probe.samples(variant, length: Swift.max(length, count)).first, "\(id): \(count) of \(name)")
                    probe.expect(password, expected, "\(count) characters of \(name)")
                    built += 1
                }
            }
        }
        #expect(built > 0 || policy.requirements.isEmpty, "\(id): some requirement edge was built")
    }

    @Test(arguments: CatalogueTests.ids)
    func everyAllowedCharacterAlone(id: String) throws {
        var probe = try RuleProbe(id: id)
        var pools: [[Int]: [String]] = [:]
        var checked = 0
        for index in probe.policy.classes.indices {
            for scalar in probe.probeCharacters(of: index) {
                let classes = probe.classes(of: scalar)
                if pools[classes] == nil {
                    guard let variant = probe.makingRoom(for: classes, length: Swift.max(probe.shortest, 2)) else { continue }
                    pools[classes] = probe.samples(variant, length: variant.length.min, count: 6)
                }
                let pool = pools[classes] ?? []
                let name = "U+\(String(scalar.value, radix: 16, uppercase: true)) of \(probe.policy.classes[index].name)"
                // A character that a forbidden pattern refuses wherever it stands (a control
                // character, say) is allowed by its class and refused by the pattern.
                let middle = try #require(Self.placeAllowingPatterns(scalar, in: pool, at: { ($0.count + 1) / 2 }, probe), "\(id): room for \(name)")
                probe.expect(middle.password, middle.pattern ? [.patternForbidden] : [], "\(name) inside")
                if let first = Self.placeAllowingPatterns(scalar, in: pool, at: { _ in 0 }, probe) {
                    let leading: Set<ViolationCode> = probe.compiled.forbiddenLeading.contains(scalar) ? [.leadingForbidden] : []
                    probe.expect(first.password, leading.union(first.pattern ? [.patternForbidden] : []), "\(name) first")
                }
                if let last = Self.placeAllowingPatterns(scalar, in: pool, at: { $0.count }, probe) {
                    let trailing: Set<ViolationCode> = probe.compiled.forbiddenTrailing.contains(scalar) ? [.trailingForbidden] : []
                    probe.expect(last.password, trailing.union(last.pattern ? [.patternForbidden] : []), "\(name) last")
                }
                checked += 1
            }
        }
        #expect(checked >= 10, "\(id): \(checked) characters checked")
    }

    @Test(arguments: CatalogueTests.ids)
    func charactersOutsideTheClasses(id: String) throws {
        var probe = try RuleProbe(id: id)
        guard !probe.policy.allowsOtherCharacters else {
            // Every character is allowed: an unlisted one is accepted anywhere but the ends
            // the preset forbids.
            let pool = probe.samples(probe.withLength(Swift.max(probe.shortest, 2) - 1), length: Swift.max(probe.shortest, 2) - 1, count: 6)
            let other: Unicode.Scalar = "\u{2603}"
            if probe.classes(of: other).isEmpty, let password = Self.place(other, in: pool, at: { ($0.count + 1) / 2 }, probe) {
                probe.expect(password, [], "an unlisted character, allowed")
            }
            return
        }
        let length = Swift.max(probe.shortest, 2)
        let pool = probe.samples(probe.withLength(length - 1), length: length - 1, count: 6)
        let candidates = (0x20...0x7E).compactMap(Unicode.Scalar.init) + ["\t", "\u{7F}", "\u{A0}", "\u{E9}", "\u{FF01}", "\u{4E2D}", "\u{1F600}"]
        var outside = 0
        for scalar in candidates where probe.classes(of: scalar).isEmpty {
            let password = try #require(Self.place(scalar, in: pool, at: { ($0.count + 1) / 2 }, probe), "\(id): room for U+\(String(scalar.value, radix: 16))")
            probe.expect(password, [.charsetDisallowed], "U+\(String(scalar.value, radix: 16, uppercase: true)) is in no class")
            outside += 1
        }
        #expect(outside >= 3, "\(id): at least the non-ASCII probes are outside")
    }

    @Test(arguments: CatalogueTests.allIds)
    func missingAndEmptyPassword(id: String) throws {
        let probe = try RuleProbe(id: id)
        let missing = Set(probe.compiled.validate(nil as String?).map(\.code))
        #expect(missing == (probe.policy.isOptional ? [] : [.passwordMissing]), "\(id)")
        let empty = Set(probe.compiled.validate("" as String?).map(\.code))
        #expect(!empty.contains(.passwordMissing), "\(id): an empty password is a password")
        #expect(empty.contains(.lengthShort) == (probe.shortest > 0), "\(id)")
    }

    /// policies/README.md is generated (scripts/embed-presets.py): the committed file equals,
    /// byte for byte, the table rebuilt from every preset, web ones included, and
    /// RESEARCHED.md, as the embedded copies equal the files.
    @Test func catalogueREADMEIsGenerated() throws {
        let policies = TestSupport.packageRoot.appendingPathComponent("policies")
        let committed = try String(contentsOf: policies.appendingPathComponent("README.md"), encoding: .utf8)
        let researchedURL = policies.appendingPathComponent("RESEARCHED.md")
        let researched = FileManager.default.fileExists(atPath: researchedURL.path) ? try String(contentsOf: researchedURL, encoding: .utf8) : nil
        #expect(Presets.embedded.count == Presets.all.count, "every embedded file is a preset")
        let generated = try CatalogueREADME.generate(files: Presets.embedded, researched: researched)
        if generated != committed {
            let expected = generated.split(separator: "\n", omittingEmptySubsequences: false)
            let actual = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? Swift.min(expected.count, actual.count)
            Issue.record("policies/README.md differs from the generated table from line \(line + 1) (expected: \(line < expected.count ? String(expected[line]) : "end of file"); found: \(line < actual.count ? String(actual[line]) : "end of file")); run python3 scripts/embed-presets.py")
        }
        for policy in Presets.all {
            #expect(committed.contains("| [`\(policy.id)`]("), "policies/README.md has a row for \(policy.id)")
        }
    }

    /// `scalar` placed in one of `pool`'s passwords at `position(scalars)`, where it makes
    /// no run with a neighbour and no forbidden pattern: a password that breaks no rule but
    /// the one the caller expects.
    static func place(_ scalar: Unicode.Scalar, in pool: [String], at position: ([Unicode.Scalar]) -> Int, _ probe: RuleProbe, patterns: Bool = false) -> String? {
        for password in pool {
            let scalars = Array(password.unicodeScalars)
            let offset = position(scalars)
            if offset > 0, scalars[offset - 1] == scalar { continue }
            if offset < scalars.count, scalars[offset] == scalar { continue }
            let candidate = inserting(scalar, into: password, at: offset)
            if !patterns, probe.reference.codes(utf8: Array(candidate.utf8)).contains("pattern.forbidden") { continue }
            return candidate
        }
        return nil
    }

    /// Like ``place(_:in:at:_:patterns:)``, but when every placement makes a forbidden
    /// pattern match, that placement, flagged: the pattern refuses the character itself.
    static func placeAllowingPatterns(_ scalar: Unicode.Scalar, in pool: [String], at position: ([Unicode.Scalar]) -> Int, _ probe: RuleProbe) -> (password: String, pattern: Bool)? {
        if let clean = place(scalar, in: pool, at: position, probe) { return (clean, false) }
        guard let any = place(scalar, in: pool, at: position, probe, patterns: true) else { return nil }
        return (any, true)
    }
}
