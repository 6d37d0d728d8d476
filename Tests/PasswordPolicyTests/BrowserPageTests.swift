import Foundation
import Testing
@testable import PasswordPolicy

/// The pre-flight page (`pwpolicy export --to html-page`) in a real browser: every preset's
/// page (the web.* ones in a run of their own) and every conformance policy's page, loaded in headless Chromium, given the
/// conformance vectors' passwords and 200 random ones per page; the page's verdicts, codes
/// and messages must be the library's, and so must the `pattern` attribute's verdict
/// (`checkValidity()`) wherever the exporter reports no loss in the pattern.
@Suite(.serialized) struct BrowserPageTests {
    static let randomPerPage = 200

    /// Every password of the conformance vectors that is valid UTF-8 without CR or LF (a
    /// password field strips line breaks, so those cannot be typed).
    static func conformancePasswords() throws -> [String] {
        let directory = TestSupport.conformanceDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var passwords: [String] = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.isEmpty {
                let vector = try JSONDecoder().decode(ConformanceTests.Vector.self, from: Data(line.utf8))
                if let password = String(validating: TestSupport.bytes(hex: vector.passwordHex), as: UTF8.self), typeable(password) {
                    passwords.append(password)
                }
            }
        }
        return passwords
    }

    static func typeable(_ password: String) -> Bool {
        !password.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
    }

    /// Random passwords near the policy's edges: generated valid ones, and strings of its
    /// classes' characters, outsiders, runs and words its patterns forbid, at lengths around
    /// its bounds.
    static func randomPasswords(_ compiled: CompiledPolicy, count: Int, seed: UInt64) -> [String] {
        var random = GenerationSupport.Xoshiro256(seed: seed)
        let generator = try? PasswordGenerator(compiled)
        let outsiders: [Unicode.Scalar] = [" ", "é", "ß", "\u{212A}", "\u{17F}", "\u{0130}", "ω", "中", "😀", "\u{2028}", "\t", "\u{85}", "\u{7F}", "\""]
        let words = ["admin", "ADMIN", "root", "toor", "sys", "oracle", "Pass@word1", "password", "P@ssw0rd", "amdin"]
        let policy = compiled.policy
        let low = max(0, policy.length.min - 2), high = (policy.length.max ?? policy.length.min + 10) + 2
        var passwords: [String] = []
        while passwords.count < count {
            let roll = Int.random(in: 0..<10, using: &random)
            if roll < 3, let generator, let password = try? generator.generate(using: &random) {
                passwords.append(password)
                continue
            }
            var scalars: [Unicode.Scalar] = []
            let length = Int.random(in: low...max(low, min(high, 40)), using: &random)
            while scalars.count < length {
                let kind = Int.random(in: 0..<20, using: &random)
                if kind == 0 {
                    scalars.append(outsiders.randomElement(using: &random)!)
                } else if kind == 1 {
                    scalars += words.randomElement(using: &random)!.unicodeScalars
                } else if kind == 2, let last = scalars.last {
                    scalars += Array(repeating: last, count: Int.random(in: 1...4, using: &random))
                } else {
                    let members = compiled.classMembers.randomElement(using: &random)!
                    let range = members.ranges.randomElement(using: &random)!
                    if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { scalars.append(scalar) }
                }
            }
            let password = String(String.UnicodeScalarView(scalars))
            if typeable(password) { passwords.append(password) }
        }
        return passwords
    }

    static func page(id: String, _ compiled: CompiledPolicy, passwords: [String]) -> BrowserHarness.Page {
        let export = compiled.htmlPage()
        let cases = passwords.map { password in
            // The page checks what JavaScript can say; the library's verdict on the rest is
            // left out of the comparison (the exporter reported each as a loss).
            let unchecked = Set(export.losses.map(\.keyPath))
            let violations = compiled.validate(password).filter { violation in
                if case .blocklist = violation.detail { return !unchecked.contains { $0.hasPrefix("forbidList[") } }
                guard case .pattern(let code) = violation.detail else { return true }
                return !policyPatternLost(compiled.policy, code: code, lost: unchecked)
            }
            return BrowserHarness.Case(
                hex: password.utf8.map { String(format: "%02x", $0) }.joined(),
                valid: violations.isEmpty,
                violations: violations.map { ($0.code.rawValue, $0.message) })
        }
        return BrowserHarness.Page(id: id, html: export.html, checkPattern: export.input.isPatternExact, cases: cases)
    }

    static func policyPatternLost(_ policy: Policy, code: String, lost: Set<String>) -> Bool {
        policy.forbidPatterns.indices.contains { policy.forbidPatterns[$0].code == code && lost.contains("forbidPatterns[\($0)]") }
    }

    /// Every preset but the web.* ones, and the conformance policies.
    @Test func pagesAgreeWithTheLibraryInChromium() throws {
        var policies: [(String, Policy)] = Presets.all.filter { !$0.id.hasPrefix("web.") }.map { ($0.id, $0) }
        let directory = TestSupport.conformanceDirectory
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).filter({ $0.hasSuffix(".json") }).sorted() {
            policies.append(("conformance/" + file, try Policy(json: Array(Data(contentsOf: directory.appendingPathComponent(file))))))
        }
        try checkInChromium(policies, randomPerPage: Self.randomPerPage)
    }

    /// Every web.* preset (Apple's password-manager quirks), in a browser run of its own.
    @Test func webPresetPagesAgreeWithTheLibraryInChromium() throws {
        let policies = Presets.policies(vendor: "web").map { ($0.id, $0) }
        #expect(policies.count >= 400)
        try checkInChromium(policies, randomPerPage: Self.randomPerPage)
    }

    /// Loads the page of each policy in one headless Chromium run, types the conformance
    /// passwords and `randomPerPage` random ones into each, and compares with the library.
    func checkInChromium(_ policies: [(String, Policy)], randomPerPage: Int) throws {
        let chromium = try #require(BrowserHarness.chromium(), "Chromium is missing: run scripts/install-deps.sh (apt-get install chromium)")
        let vectors = try Self.conformancePasswords()
        #expect(vectors.count > 400)
        var pages: [BrowserHarness.Page] = []
        for (index, (id, policy)) in policies.enumerated() {
            let compiled = try CompiledPolicy(policy)
            let random = Self.randomPasswords(compiled, count: randomPerPage, seed: UInt64(index + 1))
            pages.append(Self.page(id: id, compiled, passwords: vectors + random))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pwpolicy-browser-\(UUID().uuidString).html")
        try BrowserHarness.harness(pages).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let dom = try BrowserHarness.dumpDOM(chromium, file: file)
        let result = try #require(BrowserHarness.result(fromDOM: dom), "the harness wrote no result (Chromium printed \(dom.utf8.count) bytes)")
        let typed = result["typed"] as? Int ?? 0
        let expectedTyped = pages.reduce(0) { $0 + $1.cases.count }
        #expect(typed == expectedTyped, "typed \(typed) of \(expectedTyped) passwords")
        #expect((result["patternChecked"] as? Int ?? 0) > 0, "no page's pattern attribute was checked")
        let failures = result["failures"] as? [[String: Any]] ?? []
        for failure in failures {
            // Preset, password index and both verdicts; never the password.
            Issue.record("\(failure["preset"] ?? "?") password #\(failure["index"] ?? "?"): \(failure["what"] ?? "?"): library \(failure["library"] ?? "-"), page \(failure["page"] ?? "-")")
        }
        #expect(result["failureCount"] as? Int == 0)
        try checkGenerated(result["generated"] as? [String: [String: Any]] ?? [:], policies: policies)
    }

    /// The Generate button: shown exactly where the page can count; its count is the
    /// library's exact count for the default length, and what it draws is valid.
    func checkGenerated(_ generated: [String: [String: Any]], policies: [(String, Policy)]) throws {
        var shown = 0
        for (id, policy) in policies {
            let compiled = try CompiledPolicy(policy)
            let countable = HTMLPageGenerator.data(for: compiled) != nil
            guard let entry = generated[id] else {
                #expect(!countable, "\(id): the page can count but shows no Generate button")
                continue
            }
            shown += 1
            #expect(countable, "\(id): a Generate button the page cannot back")
            let generator = try PasswordGenerator(compiled)
            let expected = try generator.count(length: generator.defaultLength).description
            #expect(entry["count"] as? String == expected, "\(id): the page counts \(entry["count"] ?? "-"), the library \(expected)")
            for (index, hex) in (entry["passwords"] as? [String] ?? []).enumerated() {
                let bytes = TestSupport.bytes(hex: hex)
                let length = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
                #expect(compiled.isValid(utf8: bytes) && length == generator.defaultLength, "\(id): generated password #\(index) is not valid or not \(generator.defaultLength) long")
            }
        }
        #expect(shown > 10, "only \(shown) pages show a Generate button")
    }
}
