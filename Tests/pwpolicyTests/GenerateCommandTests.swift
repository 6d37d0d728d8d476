import Foundation
import Testing

/// `pwpolicy generate`, run as a process: what it prints, and that `pwpolicy check`
/// accepts every password it prints.
@Suite struct GenerateCommandTests {
    /// Runs `check` with `passwords` on standard input against `policies`.
    func check(_ passwords: [String], policies: [String]) throws -> CommandRunner.Result {
        var arguments = ["check"]
        for policy in policies { arguments += ["-p", policy] }
        return try CommandRunner.run(arguments, input: passwords.map { $0 + "\n" }.joined())
    }

    @Test func oneSixteenCharacterPasswordByDefault() throws {
        for id in CommandRunner.presetIDs where !id.hasPrefix("web.") {
            let result = try CommandRunner.run(["generate", "-p", id])
            #expect(result.status == 0, "\(id): \(result.stderr)")
            #expect(result.lines.count == 1)
            #expect(result.lines.first?.unicodeScalars.count == 16)
            #expect(try check(result.lines, policies: [id]).status == 0, "\(id)")
        }
    }

    @Test func countAndLengthRange() throws {
        // Lengths are drawn in proportion to their counts: about 1.1 % of these passwords
        // are shorter than 12, so among 2,000 the chance of seeing none is about 3e-10.
        let result = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.linux", "--count", "2000", "--length", "8-12"])
        #expect(result.status == 0)
        #expect(result.lines.count == 2000)
        #expect(result.lines.allSatisfy { (8...12).contains($0.unicodeScalars.count) })
        #expect(Set(result.lines.map(\.count)).count > 1)
        #expect(try check(result.lines, policies: ["tencentcloud.cvm.linux"]).status == 0)
        let fixed = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.linux", "--count", "5", "--length", "9"])
        #expect(fixed.lines.count == 5 && fixed.lines.allSatisfy { $0.count == 9 })
    }

    @Test func jsonShape() throws {
        let result = try CommandRunner.run(["generate", "-p", "huaweicloud.dms.kafka", "--count", "3", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        let object = try parseJSON(result.stdout)
        let passwords = try #require(object["passwords"] as? [String])
        #expect(passwords.count == 3)
        #expect(object["length"] as? Int == 16)
        let bits = try #require(object["entropyBits"] as? Double)
        // At most 16 characters from 95, and well above the 3-of-4 classes' lower bound.
        #expect(bits > 100 && bits < 16 * log2(95.0))
        #expect(try check(passwords, policies: ["huaweicloud.dms.kafka"]).status == 0)

        let range = try CommandRunner.run(["generate", "-p", "huaweicloud.dms.kafka", "--length", "8-10", "--format", "json"])
        let rangeObject = try parseJSON(range.stdout)
        let length = try #require(rangeObject["length"] as? [String: Any])
        #expect(length["min"] as? Int == 8 && length["max"] as? Int == 10)
        let rangeBits = try #require(rangeObject["entropyBits"] as? Double)
        #expect(rangeBits > 10 * log2(90.0) && rangeBits < 10 * log2(95.0) + 1)

        let none = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.linux", "--count", "0", "--format", "json"])
        #expect(try #require(parseJSON(none.stdout)["passwords"] as? [String]).isEmpty)
    }

    @Test func severalPoliciesAtOnce() throws {
        let policies = ["tencentcloud.cvm.linux", "tencentcloud.cvm.windows"]
        let result = try CommandRunner.run(["generate", "-p", policies[0], "-p", policies[1], "--count", "100", "--length", "12-16"])
        #expect(result.status == 0)
        #expect(result.lines.count == 100)
        for policy in policies { #expect(try check(result.lines, policies: [policy]).status == 0) }
    }

    @Test func policyFileAsciiAndExclusions() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("basic.json", TestPolicies.basic)
        let result = try CommandRunner.run(["generate", "-p", file, "--count", "300", "--ascii", "--exclude", "Il1O0"])
        #expect(result.status == 0)
        #expect(result.lines.count == 300)
        #expect(result.lines.allSatisfy { $0.count == 12 && !$0.contains { "Il1O0".contains($0) } })
        #expect(try check(result.lines, policies: [file]).status == 0)
        // A context value is never contained.
        let context = try directory.write("context.json", TestPolicies.withContext)
        let withContext = try CommandRunner.run(["generate", "-p", context, "--count", "300", "--length", "8", "--context", "username=ab"])
        #expect(withContext.status == 0)
        #expect(withContext.lines.allSatisfy { !$0.contains("ab") })
    }

    @Test func errorsExitWithTwoAndSayWhy() throws {
        let outOfRange = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.linux", "--length", "40"])
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stdout.isEmpty)
        #expect(outOfRange.stderr.contains("length 40 is outside the policy's range (8 to 16)"))

        let rangeOutside = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.windows", "--length", "8-14"])
        #expect(rangeOutside.status == 2)
        #expect(rangeOutside.stderr.contains("lengths 8-14 are outside the policy's range (12 to 16)"))

        let emptied = try CommandRunner.run(["generate", "-p", "tencentcloud.mongodb", "--exclude", "0123456789!@#%^*()"])
        #expect(emptied.status == 2)
        #expect(emptied.stderr.contains("the excluded characters removed every character of \"digits\" and \"specials\""))

        let directory = try TemporaryDirectory()
        let impossible = try directory.write("impossible.json", """
        {"id": "test.impossible", "length": {"min": 4, "max": 6},
         "classes": [{"name": "digits", "set": "0-9"}, {"name": "lower", "set": "a-z"}],
         "require": [{"class": "digits", "min": 4}, {"class": "lower", "min": 3}]}
        """)
        let unsatisfiable = try CommandRunner.run(["generate", "-p", impossible])
        #expect(unsatisfiable.status == 2)
        #expect(unsatisfiable.stderr.contains("the requirements need at least 7 characters"))

        for arguments in [["--length", "4-x"], ["--length", "16-8"], ["--count=-1"], ["--format", "yaml"]] {
            let result = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm.linux"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        let unknown = try CommandRunner.run(["generate", "-p", "tencentcloud.cvm"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean"))
    }

    @Test func passwordsDiffer() throws {
        let first = try CommandRunner.run(["generate", "-p", "tencentcloud.redis", "--count", "1000"])
        let second = try CommandRunner.run(["generate", "-p", "tencentcloud.redis", "--count", "1000"])
        #expect(Set(first.lines + second.lines).count == 2000)
    }
}
