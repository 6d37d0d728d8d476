import Foundation
import Testing

/// A password read on standard input never appears on standard output or standard error,
/// whatever the mode, verdict or failure.
@Suite struct SecrecyTests {
    /// Distinctive passwords: valid, invalid for several reasons, with a context value,
    /// with a CR, and one that is not valid UTF-8.
    static let secrets = ["Qx7vWp2mLk", "/Zr8Kt4Nq9Yb", "Hq", "Vv3Vv3Vv3Vv3Vv3Vv3Vv3Vv3", "Jm5Yq8 Ty2Wk", "aliceJq7Yt3"]

    static func input() -> [UInt8] {
        var bytes: [UInt8] = []
        for secret in secrets { bytes += Array(secret.utf8) + [0x0A] }
        bytes += Array("Gz9Wq4".utf8) + [0xFF] + Array("Rn6Ks".utf8) + [0x0D, 0x0A]
        bytes += Array(String(repeating: "Pw3Xz", count: 30_000).utf8) + [0x0A]
        return bytes
    }

    /// Pieces of every secret long enough to be telling.
    static let fragments = secrets.filter { $0.count >= 6 } + ["Gz9Wq4", "Rn6Ks", "Pw3XzPw3Xz"]

    func expectNoSecret(_ result: CommandRunner.Result, _ arguments: [String]) {
        let out = result.stdout, err = result.stderr
        for fragment in SecrecyTests.fragments {
            #expect(!out.contains(fragment), "stdout of \(arguments) contains a password")
            #expect(!err.contains(fragment), "stderr of \(arguments) contains a password")
        }
    }

    @Test func neverInOutputOrErrors() throws {
        let directory = try TemporaryDirectory()
        let basic = try directory.write("basic.json", TestPolicies.basic)
        let context = try directory.write("context.json", TestPolicies.withContext)
        let broken = try directory.write("broken.json", #"{"id": "x.y", "length": {"min": 1}, "classes": [{"name": "a", "set": "[:bad:]"}]}"#)
        var runs: [[String]] = [
            ["check", "-p", basic],
            ["check", "-p", basic, "--format", "jsonl"],
            ["check", "-p", context, "--context", "username=alice"],
            ["check", "-p", context, "--context", "username=alice", "--format", "jsonl"],
            ["check", "-p", basic, "-p", context, "--format", "jsonl"],
            ["check", "-p", broken],
            ["check", "-p", "no.such.preset"],
            ["check", "-p", basic, "--format", "bogus"],
            ["check", "-p", basic, "--context", "missing-equals"],
        ]
        // Every cloud and vendor preset, and a few website presets (the other web.* presets
        // take the same code path with other rules).
        let websites = ["web.apple.com", "web.aetna.com", "web.benjerry.com"]
        for id in CommandRunner.presetIDs where !id.hasPrefix("web.") || websites.contains(id) {
            runs.append(["check", "-p", id])
            runs.append(["check", "-p", id, "--format", "jsonl"])
        }
        let input = SecrecyTests.input()
        for arguments in runs {
            let result = try CommandRunner.run(arguments, input: input)
            #expect(result.status != 0)
            expectNoSecret(result, arguments)
        }
    }
}
