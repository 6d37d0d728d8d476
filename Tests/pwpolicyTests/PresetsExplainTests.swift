import Foundation
import Testing

/// `pwpolicy presets` and `pwpolicy explain`.
@Suite struct PresetsExplainTests {
    /// The ids listed in `presets` text output: the lines indented by two spaces.
    static func listedIDs(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.map { String($0.dropFirst(2).prefix { $0 != " " }) }
    }

    @Test func textListsEveryPresetButTheWebsitesGroupedByVendor() throws {
        let result = try CommandRunner.run(["presets"])
        #expect(result.status == 0)
        let ids = CommandRunner.presetIDs.filter { !$0.hasPrefix("web.") }
        #expect(Self.listedIDs(result.lines) == ids)
        let headings = result.lines.filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }
        #expect(headings == Array(Set(ids.map { String($0.prefix { $0 != "." }) + ":" })).sorted())
        let all = try CommandRunner.run(["presets", "--all"])
        #expect(Self.listedIDs(all.lines) == CommandRunner.presetIDs)
    }

    @Test func vendorAndSearchNarrowTheList() throws {
        let aws = try CommandRunner.run(["presets", "--vendor", "aws"])
        #expect(aws.status == 0)
        let awsIDs = Self.listedIDs(aws.lines)
        #expect(!awsIDs.isEmpty && awsIDs == CommandRunner.presetIDs.filter { $0.hasPrefix("aws.") })
        // --search: the presets whose id, title or source contain both words, ignoring case,
        // read off the files themselves.
        let search = try CommandRunner.run(["presets", "--search", "RDS mysql"])
        var expected: [String] = []
        for (id, file) in zip(CommandRunner.presetIDs, CommandRunner.presetFiles) where !id.hasPrefix("web.") {
            let object = try parseJSON(String(contentsOfFile: file, encoding: .utf8))
            let text = [id, object["title"] as? String ?? "", object["source"] as? String ?? ""].joined(separator: " ").lowercased()
            if text.contains("rds"), text.contains("mysql") { expected.append(id) }
        }
        #expect(expected.contains("aws.rds.mysql"))
        #expect(Self.listedIDs(search.lines) == expected)
        let unknown = try CommandRunner.run(["presets", "--vendor", "nosuchvendor"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no vendor"))
    }

    /// `--vendor web` shows the website presets that the plain listing hides: exactly the
    /// files under policies/web/, under one `web:` heading.
    @Test func vendorWebListsTheWebsitePresets() throws {
        let result = try CommandRunner.run(["presets", "--vendor", "web"])
        #expect(result.status == 0)
        let expected = CommandRunner.presetIDs.filter { $0.hasPrefix("web.") }
        #expect(expected.count >= 400, "the web presets are files")
        #expect(Self.listedIDs(result.lines) == expected)
        #expect(result.lines.filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") } == ["web:"])
        let json = try CommandRunner.run(["presets", "--vendor", "web", "--format", "json"])
        #expect(json.status == 0)
        let presets = try #require(try parseJSON(json.stdout)["presets"] as? [[String: Any]])
        #expect(presets.compactMap { $0["id"] as? String } == expected)
    }

    @Test func jsonHasIdTitleLengthAndSummary() throws {
        let result = try CommandRunner.run(["presets", "--format", "json"])
        #expect(result.status == 0)
        let object = try parseJSON(result.stdout)
        let presets = try #require(object["presets"] as? [[String: Any]])
        #expect(presets.compactMap { $0["id"] as? String } == CommandRunner.presetIDs.filter { !$0.hasPrefix("web.") })
        for preset in presets {
            #expect(preset["title"] != nil)
            let length = try #require(preset["length"] as? [String: Any])
            #expect(length["min"] is Int)
            #expect(!((preset["summary"] as? String) ?? "").isEmpty)
        }
        if let linux = presets.first(where: { $0["id"] as? String == "tencentcloud.cvm.linux" }) {
            let length = try #require(linux["length"] as? [String: Any])
            #expect(length["min"] as? Int == 8)
            #expect(length["max"] as? Int == 16)
            #expect((linux["summary"] as? String)?.hasPrefix("8 to 16 characters; at least 2 of: ") == true)
        }
    }

    @Test func explainDescribesAPolicyFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("basic.json", TestPolicies.basic)
        let result = try CommandRunner.run(["explain", "-p", file])
        #expect(result.status == 0)
        #expect(result.lines.first == "test.basic: Test policy")
        let text = result.stdout
        #expect(text.contains("8 to 12 characters"))
        #expect(text.contains("lower (a-z)"))
        #expect(text.contains("specials (!@#)"))
        #expect(text.contains("at least 3 of: lower, upper, digits, specials"))
        #expect(text.contains("Must not start with /"))
    }

    @Test func explainDescribesAPreset() throws {
        try #require(CommandRunner.presetIDs.contains("tencentcloud.cvm.linux"), "the preset is missing from policies/")
        let result = try CommandRunner.run(["explain", "-p", "tencentcloud.cvm.linux"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("8 to 16 characters"))
        #expect(result.stdout.contains("Must not start with /"))
    }

    @Test func explainDescribesTheIntersection() throws {
        let directory = try TemporaryDirectory()
        let basic = try directory.write("basic.json", TestPolicies.basic)
        let short = try directory.write("short.json", #"{"id": "test.short", "length": {"min": 6, "max": 10}, "classes": [{"name": "lower", "set": "a-z"}, {"name": "upper", "set": "A-Z"}, {"name": "digits", "set": "0-9"}]}"#)
        let result = try CommandRunner.run(["explain", "-p", basic, "-p", short])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("All of") == true)
        #expect(result.stdout.contains("8 to 10 characters"))
    }

    @Test func disjointPoliciesCannotBeCombined() throws {
        let directory = try TemporaryDirectory()
        let long = try directory.write("long.json", #"{"id": "test.long", "length": {"min": 20}, "classes": [{"name": "a", "set": "a-z"}]}"#)
        let short = try directory.write("short.json", #"{"id": "test.short", "length": {"min": 1, "max": 10}, "classes": [{"name": "a", "set": "a-z"}]}"#)
        let result = try CommandRunner.run(["check", "-p", long, "-p", short], input: "abc\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("long.json"))
        #expect(result.stderr.contains("length"))
        #expect(result.stdoutBytes.isEmpty)
    }
}
