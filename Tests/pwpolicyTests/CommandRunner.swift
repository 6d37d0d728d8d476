import Foundation
import Testing

/// Runs the built `pwpolicy` binary as a process, the way scripts run it.
enum CommandRunner {
    struct Result {
        var status: Int32
        var stdoutBytes: [UInt8]
        var stderrBytes: [UInt8]
        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `pwpolicy` executable of this build: beside the test bundle in the products
    /// directory (`<scratch>/debug/`), whichever scratch path the tests were built with.
    /// `PWPOLICY` in the environment overrides it.
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["PWPOLICY"] { return URL(fileURLWithPath: path) }
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("pwpolicy")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    /// Runs `pwpolicy arguments...` with `input` on standard input.
    static func run(_ arguments: [String], input: [UInt8] = [], environment: [String: String]? = nil) throws -> Result {
        let executable = try #require(CommandRunner.executable, "pwpolicy was not found beside the test bundle; set PWPOLICY")
        let directory = try TemporaryDirectory()
        let stdinURL = directory.url.appendingPathComponent("stdin")
        let stdoutURL = directory.url.appendingPathComponent("stdout")
        let stderrURL = directory.url.appendingPathComponent("stderr")
        try Data(input).write(to: stdinURL)
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: stdinURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        if let environment { process.environment = environment }
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdoutBytes: Array(try Data(contentsOf: stdoutURL)),
            stderrBytes: Array(try Data(contentsOf: stderrURL))
        )
    }

    static func run(_ arguments: [String], input: String) throws -> Result {
        try run(arguments, input: Array(input.utf8))
    }

    /// The ids of the presets in `policies/` (file names without `.json`).
    /// The ids of the preset files, `policies/<vendor>/<service>.json` as `vendor.service`.
    static var presetIDs: [String] {
        let directory = packageRoot.appendingPathComponent("policies")
        let vendors = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return vendors.flatMap { vendor -> [String] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(vendor).path)) ?? []
            return files.filter { $0.hasSuffix(".json") }.map { vendor + "." + String($0.dropLast(5)) }
        }.sorted()
    }

    /// The preset files' paths.
    static var presetFiles: [String] {
        presetIDs.map { id in
            let vendor = String(id.prefix { $0 != "." })
            return packageRoot.appendingPathComponent("policies/\(vendor)/\(id.dropFirst(vendor.count + 1)).json").path
        }
    }
}

/// A directory removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pwpolicyTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the directory; returns the file's absolute path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

/// Policy files the tests write, so they do not depend on the presets' exact rules.
enum TestPolicies {
    /// 8 to 12 characters, at least 3 of lower, upper, digits, specials; not starting with /.
    static let basic = """
    {
      "id": "test.basic",
      "title": "Test policy",
      "length": { "min": 8, "max": 12 },
      "classes": [
        { "name": "lower", "set": "a-z" },
        { "name": "upper", "set": "A-Z" },
        { "name": "digits", "set": "0-9" },
        { "name": "specials", "chars": "!@#" }
      ],
      "require": [ { "atLeast": 3 } ],
      "forbidLeading": "/"
    }
    """

    /// 8 to 32 lowercase letters and digits, not containing the username.
    static let withContext = """
    {
      "id": "test.context",
      "length": { "min": 8, "max": 32 },
      "classes": [ { "name": "lower", "set": "a-z" }, { "name": "digits", "set": "0-9" } ],
      "forbidContext": [ "username" ]
    }
    """
}

/// JSON parsed with Foundation, to check the command's hand-written JSON.
func parseJSON(_ line: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(line)")
}
